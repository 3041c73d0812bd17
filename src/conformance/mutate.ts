/**
 * Deterministic damage for robustness checks: mutated and truncated copies of a fixture. The same fixture always
 * yields the same copies, so a failure is reproducible from its label.
 */

export interface Mutant {
  /** What was done, e.g. `set $.trackResponse.shipment[0] to null`. */
  label: string
  input: unknown
}

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function seedOf(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

type Path = (string | number)[]

function collectPaths(value: unknown, path: Path, out: Path[]): void {
  if (path.length) out.push(path)
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) collectPaths(v, [...path, i], out)
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectPaths(v, [...path, k], out)
}

function show(path: Path): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`
}

function withChange(root: unknown, path: Path, change: 'delete' | { value: unknown }): unknown {
  const copy = structuredClone(root)
  let parent = copy as Record<string | number, unknown>
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (change === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else parent[last] = change.value
  return copy
}

const HUGE = 'x'.repeat(200_000)
const REPLACEMENTS: { label: string; value: unknown }[] = [
  { label: 'null', value: null },
  { label: 'a number', value: 12345 },
  { label: 'a garbage string', value: '\u0000garbage\uFFFD' },
  { label: 'an empty object', value: {} },
  { label: 'an empty array', value: [] },
  { label: 'a huge string', value: HUGE },
  { label: 'true', value: true },
]

/** Mutated copies of a parsed JSON payload (at most `limit`), plus wrong top-level values. */
export function mutateJson(payload: unknown, name: string, limit = 60): Mutant[] {
  const random = prng(seedOf(name))
  const paths: Path[] = []
  collectPaths(payload, [], paths)
  const mutants: Mutant[] = [
    { label: 'payload null', input: null },
    { label: 'payload a number', input: 42 },
    { label: 'payload a string', input: 'not a payload' },
    { label: 'payload an empty object', input: {} },
    { label: 'payload an empty array', input: [] },
  ]
  for (let i = 0; i < limit && paths.length; i++) {
    const path = paths[Math.floor(random() * paths.length)]!
    if (random() < 0.3)
      mutants.push({ label: `delete ${show(path)}`, input: withChange(payload, path, 'delete') })
    else {
      const r = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]!
      mutants.push({
        label: `set ${show(path)} to ${r.label}`,
        input: withChange(payload, path, { value: r.value }),
      })
    }
  }
  return mutants
}

/** Truncated and byte-flipped copies of a byte payload. */
export function mutateBytes(payload: Uint8Array, name: string, limit = 40): Mutant[] {
  const random = prng(seedOf(name))
  const mutants: Mutant[] = [{ label: 'empty input', input: new Uint8Array(0) }]
  for (let i = 1; i <= 12; i++) {
    const at = Math.floor((payload.length * i) / 13)
    mutants.push({ label: `truncated at byte ${at}`, input: payload.slice(0, at) })
  }
  for (let i = 0; i < limit; i++) {
    const copy = payload.slice()
    const flips = 1 + Math.floor(random() * 4)
    const where: number[] = []
    for (let f = 0; f < flips && copy.length; f++) {
      const at = Math.floor(random() * copy.length)
      copy[at] = Math.floor(random() * 256)
      where.push(at)
    }
    mutants.push({ label: `bytes changed at ${where.join(',')}`, input: copy })
  }
  return mutants
}

/** Copies of a JSON payload with each array cut short (the "truncated" case for parsed JSON). */
export function truncateJson(payload: unknown): Mutant[] {
  const paths: Path[] = []
  collectPaths(payload, [], paths)
  const out: Mutant[] = []
  for (const path of paths) {
    let node: unknown = payload
    for (const part of path) node = (node as Record<string | number, unknown>)[part]
    if (Array.isArray(node) && node.length > 1)
      out.push({
        label: `truncate ${show(path)} to 1 item`,
        input: withChange(payload, path, { value: node.slice(0, 1) }),
      })
    if (out.length >= 20) break
  }
  return out
}
