import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CarrierCandidate,
  type CarrierDescriptor,
  DEFAULT_CARRIERS,
  detectCarrier,
  normalizeTrackingNumber,
} from '../../src/identifiers/index.js'

const top = (n: string) => detectCarrier(n)[0]
const carriers = (n: string) => detectCarrier(n).map((c) => c.carrier)

describe('normalizeTrackingNumber', () => {
  it('drops spaces, dashes and punctuation and upper-cases', () => {
    expect(normalizeTrackingNumber(' 1z 5r8-939.0357/567127\t')).toBe('1Z5R89390357567127')
  })

  it('drops a bracketed GS1 (00) in front of an SSCC and a scanner symbology id, keeps (420) + ZIP', () => {
    expect(normalizeTrackingNumber('(00) 00 0123 4500 0000 0027')).toBe('000123450000000027')
    expect(normalizeTrackingNumber(']C1(420)22153(91)01026837331000039521')).toBe(
      '420221539101026837331000039521',
    )
    expect(normalizeTrackingNumber('420\u001d221539101026837331000039521')).toBe(
      '420221539101026837331000039521',
    )
  })
})

describe('detectCarrier: scanned forms', () => {
  it('regression: a bracketed (00) SSCC scan is read as the 18-digit SSCC, not as a 20-digit USPS number', () => {
    expect(top('(00)000123450000000027')).toMatchObject({
      carrier: 'fedex',
      format: 'SSCC-18',
      checksumValid: true,
    })
  })

  it('regression: a USPS barcode scanned with (420) + ZIP routing is USPS, and the number to track drops the prefix', () => {
    expect(top('(420)22153(91)01026837331000039521')).toMatchObject({
      carrier: 'usps',
      format: 'IMpb (420 + ZIP)',
      checksumValid: true,
      trackingNumber: '9101026837331000039521',
    })
    expect(top('4201028200009261290113185417468510')).toMatchObject({
      carrier: 'usps',
      trackingNumber: '9261290113185417468510',
    })
  })
})

describe('detectCarrier: ranking and confidence', () => {
  it('flags bad check digits, ranks them after any other reading and never above 0.1', () => {
    const c = top('1Z5R89390357567128')
    expect(c).toMatchObject({ carrier: 'ups', checksumValid: false, level: 'low' })
    expect(c?.confidence).toBeLessThanOrEqual(0.1)
    expect(top('0073938000549292')).toMatchObject({ carrier: 'canada-post', checksumValid: false })
    expect(top('RB123456786US')).toMatchObject({ carrier: 's10', checksumValid: false })
  })

  it('overlap: a 22-digit USPS IMpb with FedEx Ground Economy service 29 lists both, FedEx first (FedEx hands it to USPS)', () => {
    const found = detectCarrier('9261292700768711948021')
    expect(found.map((c) => [c.carrier, c.checksumValid])).toEqual([
      ['fedex', true],
      ['usps', true],
    ])
    expect(found[0]?.level).toBe('medium')
  })

  it('overlap: a 12-digit number valid for FedEx Express and Purolator lists both, never with high certainty', () => {
    const found = detectCarrier('320610804900')
    expect(found.filter((c) => c.checksumValid).map((c) => c.carrier)).toEqual(['fedex', 'purolator'])
    expect(found[0]?.level).toBe('medium')
    // Purolator's Luhn fails where FedEx's check holds, and the other way round.
    expect(detectCarrier('986578788855').find((c) => c.carrier === 'purolator')).toBeUndefined()
    expect(detectCarrier('320595463938').find((c) => c.carrier === 'fedex')?.checksumValid).toBe(false)
  })

  it('overlap: a J(J)D + 16 number is Yodel first, DHL Parcel second (both print it)', () => {
    expect(carriers('JJD0002257639032011')).toEqual(['yodel', 'dhl'])
  })

  it('S10 numbers name the issuing operator after the S10 standard itself', () => {
    expect(carriers('RB123456785GB')).toEqual(['s10', 'royal-mail'])
    expect(carriers('CP123456785CA')).toEqual(['s10', 'canada-post'])
    expect(carriers('LZ123456785US')).toEqual(['s10', 'usps'])
    expect(carriers('RB123456785NL')).toEqual(['s10', 'postnl'])
    expect(carriers('RB123456785FR')).toEqual(['s10', 'la-poste'])
    expect(carriers('RB123456785AU')).toEqual(['s10', 'australia-post'])
    expect(carriers('RB123456785DE')).toEqual(['s10', 'dhl'])
    expect(carriers('RB123456785CH')).toEqual(['s10'])
  })

  it('regression: an S10 with a country that does not exist is not detected', () => {
    expect(detectCarrier('RB123456785XX')).toEqual([])
  })

  it('regression: a USPS IMpb behind a ZIP+4 routing prefix is not taken for FedEx Ground Economy', () => {
    expect(top('4201028200009261290113185417468510')?.carrier).toBe('usps')
  })

  it('regression: FedEx Ground Economy (service 29) outranks the USPS reading of the same digits', () => {
    expect(carriers('420 11213 92 6129098349792366623 8')).toEqual(['fedex', 'usps'])
  })

  it('returns nothing for text, short numbers and non-strings', () => {
    expect(detectCarrier('hello world')).toEqual([])
    expect(detectCarrier('12345')).toEqual([])
    expect(detectCarrier(undefined as unknown as string)).toEqual([])
  })
})

describe('detectCarrier: custom carriers (no core edit)', () => {
  const acme: CarrierDescriptor = {
    id: 'acme',
    name: 'ACME Couriers',
    services: ['Rocket'],
    formats: [
      {
        name: 'AC',
        pattern: /^AC\d{8}$/,
        check: (n) => Number(n[9]) === Number(n.slice(2, 9)) % 7,
        specificity: 0.9,
        source: 'ACME label guide (test fixture)',
      },
    ],
  }

  it('a descriptor passed in `carriers` is detected, with its display name; the default set does not know it', () => {
    expect(detectCarrier('AC12345675')).toEqual([])
    expect(detectCarrier('ac 1234567 5', { carriers: [...DEFAULT_CARRIERS, acme] })[0]).toMatchObject({
      carrier: 'acme',
      name: 'ACME Couriers',
      checksumValid: true,
    })
    expect(detectCarrier('AC12345670', { carriers: [acme] })[0]?.checksumValid).toBe(false)
  })

  it('custom patterns match whatever their first atom is (optional, class, group, digit, case-insensitive)', () => {
    const shapes: [RegExp, string][] = [
      [/^J?JD\d{3}$/, 'JD123'],
      [/^J?JD\d{3}$/, 'JJD123'],
      [/^[CD]\d{3}$/, 'D123'],
      [/^(?:AB|CD)\d$/, 'CD1'],
      [/^\d*X\d$/, 'X1'],
      [/^\dX$/, '1X'],
      [/^a\d{4}$/i, 'A1234'],
      [/Q\d{4}$/, 'ZQ1234'],
    ]
    for (const [pattern, number] of shapes) {
      const carrier: CarrierDescriptor = {
        id: 'x',
        name: 'X',
        formats: [{ name: 'x', pattern, source: 'test' }],
      }
      expect(detectCarrier(number, { carriers: [carrier] })[0]?.carrier, `${pattern} ${number}`).toBe('x')
    }
  })

  it('a carrier list without a carrier does not detect it (no closed list in the core)', () => {
    expect(carriers('1Z5R89390357567127')).toEqual(['ups'])
    expect(detectCarrier('1Z5R89390357567127', { carriers: [acme] })).toEqual([])
  })
})

describe('detectCarrier: properties', () => {
  it('never claims confidence 1, never returns a carrier twice, and ranks valid > no check digit > failed', () => {
    const alnum = fc.string({
      unit: fc.constantFrom(...'0123456789ABCJKTVZLXGMRSUDPY -'.split('')),
      minLength: 8,
      maxLength: 40,
    })
    fc.assert(
      fc.property(alnum, (input) => {
        const found: CarrierCandidate[] = detectCarrier(input)
        const classes = found.map((c) => (c.checksumValid === true ? 2 : c.checksumValid === null ? 1 : 0))
        expect(new Set(found.map((c) => c.carrier)).size).toBe(found.length)
        for (const c of found) {
          expect(c.confidence).toBeGreaterThan(0)
          expect(c.confidence).toBeLessThan(1)
          if (c.checksumValid === false) expect(c.level).toBe('low')
        }
        expect([...classes].sort((a, b) => b - a)).toEqual(classes)
      }),
      { numRuns: 3000 },
    )
  })
})
