import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameJson } from '../../src/tracker/same-json.js'

/** The comparison sameJson replaces for raw records, made key-order blind: JSON with object keys sorted. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )

/** The same value with every object's keys in reverse order (as a jsonb column may give them back). */
const reversed = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversed)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversed(v)]),
        )
      : value

describe('sameJson', () => {
  it('agrees with comparing key-sorted JSON texts, and ignores key order (guards the raw-record merge against jsonb)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, reversed(a))).toBe(true)
        expect(sameJson(a, b)).toBe(sortedJson(a) === sortedJson(b))
      }),
      { numRuns: 2000 },
    )
  })

  it('compares a value with toJSON as JSON stores it (guards against any two Dates in a raw record comparing equal)', () => {
    expect(sameJson({ at: new Date(0) }, { at: new Date(1000) })).toBe(false)
    expect(sameJson({ at: new Date(1000) }, { at: new Date(1000) })).toBe(true)
    expect(sameJson({ at: new Date(1000) }, { at: new Date(1000).toISOString() })).toBe(true)
  })

  it('treats a member set to undefined as absent, as JSON does, and keeps array order significant', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ a: [] }, { a: {} })).toBe(false)
  })
})
