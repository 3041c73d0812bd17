/** Small text helpers shared by the time module (name keys for lookup tables, safe value quoting). */

/**
 * A lookup key for place names: accents removed, lower case, apostrophes dropped, other punctuation as single
 * spaces, `saint`/`sainte` shortened to `st`/`ste`.
 * @example nameKey("St. John's") // 'st johns'
 */
export function nameKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bsainte\b/g, 'ste')
    .replace(/\bsaint\b/g, 'st')
}

/** A value quoted for an error message, cut to a readable length. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value
    return JSON.stringify(cut) + (value.length > 40 ? ` (${value.length} characters)` : '')
  }
  if (typeof value === 'number') return String(value)
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

/** The number written by `text` when it is exactly `length` ASCII digits, else -1 (no string or RegExp made). */
export function fixedDigits(text: string, length: number): number {
  if (text.length !== length) return -1
  let value = 0
  for (let i = 0; i < length; i++) {
    const d = text.charCodeAt(i) - 0x30
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}
