/**
 * Equality of two JSON values whatever order their object keys are in: a record read back from a `jsonb` column
 * has its keys reordered (by length, then bytes), so comparing `JSON.stringify` texts would call a stored raw
 * record, or a stored shipment, different from the same one freshly built. Compares in place (no text is made).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  // A value with toJSON (a Date an adapter left in a raw record) is stored as what toJSON gives: compare that, not
  // its own members (a Date has none, so any two Dates would otherwise compare equal).
  if (hasToJson(a) || hasToJson(b)) return sameJson(asStored(a), asStored(b))
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

function hasToJson(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
}

/** What a JSON store keeps of a value with toJSON: plain JSON, so the comparison cannot come back here. */
function asStored(value: unknown): unknown {
  if (!hasToJson(value)) return value
  const text = JSON.stringify(value)
  return text === undefined ? undefined : JSON.parse(text)
}
