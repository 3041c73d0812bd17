/**
 * Equality of two JSON values whatever order their object keys are in: a record read back from a `jsonb` column
 * has its keys reordered (by length, then bytes), so comparing `JSON.stringify` texts would call a stored raw
 * record, or a stored shipment, different from the same one freshly built. Compares in place (no text is made).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  let keys = 0
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue
    const value = x[key]
    // JSON.stringify leaves out undefined members: a member set to undefined equals one that is absent.
    if (value === undefined) continue
    keys++
    if (!Object.hasOwn(y, key) || !sameJson(value, y[key])) return false
  }
  for (const key in y) if (Object.hasOwn(y, key) && y[key] !== undefined) keys--
  return keys === 0
}
