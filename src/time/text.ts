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
