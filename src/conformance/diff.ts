/** The first place where two JSON values differ, as a path like `$.shipments[0].events[2].status`. */

export interface Difference {
  path: string
  expected: unknown
  actual: unknown
}

/** Returns undefined when the values are deeply equal (JSON semantics: key order does not matter). */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): Difference | undefined {
  if (Object.is(expected, actual)) return undefined
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return { path, expected, actual }
    const length = Math.max(expected.length, actual.length)
    for (let i = 0; i < length; i++) {
      if (i >= expected.length) return { path: `${path}[${i}]`, expected: undefined, actual: actual[i] }
      if (i >= actual.length) return { path: `${path}[${i}]`, expected: expected[i], actual: undefined }
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`)
      if (d) return d
    }
    return undefined
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
    for (const key of keys) {
      const d = firstDifference(expected[key], actual[key], `${path}.${key}`)
      if (d) return d
    }
    return undefined
  }
  return { path, expected, actual }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A one-line description of a difference for test output. */
export function describeDifference(d: Difference): string {
  const show = (v: unknown) => {
    const text = v === undefined ? 'nothing' : JSON.stringify(v)
    return text.length > 160 ? `${text.slice(0, 157)}...` : text
  }
  return `first difference at ${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`
}
