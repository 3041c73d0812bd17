import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import {
  completeGs1Key,
  ginc,
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  isValidGinc,
  isValidGln,
  isValidGsin,
  isValidGtin,
  isValidSscc,
  sscc,
  toGtin14,
} from '../../src/identifiers/index.js'

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))

describe('gs1CheckDigit', () => {
  it('computes known check digits (SSCC, GTIN-13, GLN, GSIN)', () => {
    expect(gs1CheckDigit('00614141123456789')).toBe(0)
    expect(gs1CheckDigit('95201234567891234')).toBe(5)
    expect(gs1CheckDigit('952012345678')).toBe(8)
    expect(gs1CheckDigit('629104150021')).toBe(3)
    expect(isValidGsin('12345678901234560')).toBe(true)
  })

  it('throws a ValidationError, not a TypeError, on non-digits or empty input', () => {
    expect(() => gs1CheckDigit('12a')).toThrow(ValidationError)
    expect(() => gs1CheckDigit('')).toThrow(ValidationError)
    expect(() => gs1CheckDigit(12 as unknown as string)).toThrow(ValidationError)
  })

  it('validators reject wrong lengths, non-digits and non-strings', () => {
    expect(isValidGtin('1234567890128')).toBe(true)
    expect(isValidGtin('416000336109')).toBe(false)
    expect(isValidGtin('416000336108')).toBe(true)
    expect(isValidGtin('123456789012345')).toBe(false)
    expect(isValidGln('952012345678')).toBe(false)
    expect(isValidSscc('00614141123456789O')).toBe(false)
    expect(isValidSscc(undefined as unknown as string)).toBe(false)
    expect(hasValidGs1CheckDigit('0')).toBe(false)
  })

  it('pads GTIN-8/12/13 to 14 and refuses invalid ones', () => {
    expect(toGtin14('02345673')).toBe('00000002345673')
    expect(() => toGtin14('02345674')).toThrow(ValidationError)
  })
})

describe('sscc()', () => {
  it('builds the GS1 example SSCC', () => {
    expect(sscc({ extension: 0, companyPrefix: '0614141', serial: '123456789' })).toBe('006141411234567890')
    expect(sscc({ extension: 1, companyPrefix: '0614141', serial: 234567890 })).toBe('106141412345678908')
  })

  it('names the wrong part', () => {
    expect(() => sscc({ extension: 10, companyPrefix: '0614141', serial: '1' })).toThrow(/sscc\.extension/)
    expect(() => sscc({ companyPrefix: '061', serial: '1' })).toThrow(/sscc\.companyPrefix/)
    expect(() => sscc({ companyPrefix: '0614141', serial: '1234567890' })).toThrow(/sscc\.serial/)
    expect(() => sscc({ companyPrefix: '0614141', serial: '12x' })).toThrow(ValidationError)
  })
})

describe('GINC', () => {
  it('accepts 1–30 characters of GS1 set 82 and brands the value', () => {
    expect(ginc('0614141ABC-123/45')).toBe('0614141ABC-123/45')
    expect(isValidGinc('a'.repeat(30))).toBe(true)
    expect(isValidGinc('a'.repeat(31))).toBe(false)
    expect(isValidGinc('ABC 123')).toBe(false)
    expect(isValidGinc('ABC#1')).toBe(false)
    expect(() => ginc('')).toThrow(ValidationError)
  })
})

describe('properties (fast-check)', () => {
  const keyBodies = fc.oneof(digits(7, 7), digits(11, 13), digits(12, 12), digits(16, 17))
  const builtSscc = fc
    .record({
      extension: fc.integer({ min: 0, max: 9 }),
      prefixLength: fc.integer({ min: 4, max: 12 }),
      seed: digits(16, 16),
    })
    .map(({ extension, prefixLength, seed }) =>
      sscc({ extension, companyPrefix: seed.slice(0, prefixLength), serial: seed.slice(prefixLength) }),
    )

  it('every built SSCC, GTIN and GLN validates', () => {
    fc.assert(fc.property(builtSscc, (key) => isValidSscc(key) && key.length === 18))
    fc.assert(
      fc.property(
        digits(12, 12),
        (body) => isValidGtin(completeGs1Key(body)) && isValidGln(completeGs1Key(body)),
      ),
    )
    fc.assert(
      fc.property(fc.constantFrom(7, 11, 12, 13), digits(13, 13), (n, seed) =>
        isValidGtin(completeGs1Key(seed.slice(0, n))),
      ),
    )
  })

  it('every single-digit substitution is caught', () => {
    fc.assert(
      fc.property(keyBodies, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const key = completeGs1Key(body)
        const i = at % key.length
        const changed = key.slice(0, i) + String((Number(key[i]) + delta) % 10) + key.slice(i + 1)
        return !hasValidGs1CheckDigit(changed)
      }),
      { numRuns: 2000 },
    )
  })

  it('every adjacent transposition is caught except digits that differ by 5 (0↔5, 1↔6, 2↔7, 3↔8, 4↔9)', () => {
    fc.assert(
      fc.property(keyBodies, fc.nat(), (body, at) => {
        const key = completeGs1Key(body)
        const i = at % (key.length - 1)
        const a = Number(key[i])
        const b = Number(key[i + 1])
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)
        if (a === b) return hasValidGs1CheckDigit(swapped)
        // documented blind spot of weights 3,1: 3a+b ≡ 3b+a (mod 10) exactly when |a−b| = 5
        return hasValidGs1CheckDigit(swapped) === (Math.abs(a - b) === 5)
      }),
      { numRuns: 3000 },
    )
  })

  it('the undetectable swaps really are undetectable (regression: documented list is exact)', () => {
    for (let a = 0; a <= 9; a++) {
      for (let b = 0; b <= 9; b++) {
        const key = completeGs1Key(`123456789012${a}${b}1234`)
        const swapped = key.replace(`${a}${b}1234`, `${b}${a}1234`)
        expect(hasValidGs1CheckDigit(swapped)).toBe(a === b || Math.abs(a - b) === 5)
      }
    }
  })
})
