import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ParseError, ValidationError } from '../../src/errors/index.js'
import { buildDigitalLink, parseDigitalLink, sscc, ssccDigitalLink } from '../../src/identifiers/index.js'

const pairs = (elements: { ai: string; value: string }[]) => elements.map((e) => [e.ai, e.value])

describe('buildDigitalLink', () => {
  it('builds the SSCC link on id.gs1.org', () => {
    expect(ssccDigitalLink('106141412345678908')).toBe('https://id.gs1.org/00/106141412345678908')
  })

  it('puts the primary key first, qualifiers in standard order, other AIs in the query (custom domain + stem)', () => {
    const uri = buildDigitalLink(
      [
        { ai: '21', value: 'S/N-1' },
        { ai: '17', value: '251231' },
        { ai: '10', value: 'LOT1' },
        { ai: '01', value: '9520123456788' },
      ],
      { domain: 'https://brand.example.com/dl/' },
    )
    expect(uri).toBe('https://brand.example.com/dl/01/09520123456788/10/LOT1/21/S%2FN-1?17=251231')
    const parsed = parseDigitalLink(uri)
    expect(parsed.stem).toBe('/dl')
    expect(parsed.origin).toBe('https://brand.example.com')
    expect(pairs(parsed.elements)).toEqual([
      ['01', '09520123456788'],
      ['10', 'LOT1'],
      ['21', 'S/N-1'],
      ['17', '251231'],
    ])
  })

  it('builds GSIN, GINC and location links', () => {
    expect(buildDigitalLink([{ ai: '402', value: '12345678901234560' }])).toBe(
      'https://id.gs1.org/402/12345678901234560',
    )
    expect(buildDigitalLink([{ ai: '401', value: '0614141AB' }])).toBe('https://id.gs1.org/401/0614141AB')
    expect(
      buildDigitalLink([
        { ai: '254', value: '32a/b' },
        { ai: '414', value: '9520123456788' },
      ]),
    ).toBe('https://id.gs1.org/414/9520123456788/254/32a%2Fb')
  })

  it('throws ValidationError for a missing key, a bad value or a bad domain', () => {
    expect(() => buildDigitalLink([{ ai: '10', value: 'A' }])).toThrow(ValidationError)
    expect(() => buildDigitalLink([{ ai: '00', value: '123' }])).toThrow(/elements\[0\]\.value/)
    expect(() => ssccDigitalLink('106141412345678908', { domain: 'ftp://x' })).toThrow(/domain/)
    expect(() =>
      buildDigitalLink([
        { ai: '00', value: '106141412345678908' },
        { ai: '21', value: 'X' },
      ]),
    ).toThrow(/cannot be a Digital Link attribute/)
  })
})

describe('parseDigitalLink', () => {
  it('parses an SSCC link with attributes and reports the check digit', () => {
    const link = parseDigitalLink('https://id.gs1.org/00/106141412345678909?403=ROUTE1&420=10001#frag')
    expect(link.primaryKey).toMatchObject({ ai: '00', title: 'SSCC', checkDigitValid: false })
    expect(pairs(link.attributes)).toEqual([
      ['403', 'ROUTE1'],
      ['420', '10001'],
    ])
  })

  it('pads a GTIN-13 by default and rejects it in strict mode', () => {
    expect(parseDigitalLink('https://a.example/01/9520123456788').primaryKey.value).toBe('09520123456788')
    expect(() =>
      parseDigitalLink('https://a.example/01/9520123456788', { allowZeroSuppressedGtin: false }),
    ).toThrow(ParseError)
  })

  it('rejects malformed links with a ParseError (never a TypeError)', () => {
    for (const bad of [
      'https://id.gs1.org/',
      'https://id.gs1.org/00/',
      'https://id.gs1.org/00/106141412345678908/',
      'https://id.gs1.org/01/09520123456788/99/X',
      'https://id.gs1.org/01/09520123456788?10=LOT',
      'https://id.gs1.org/01/09520123456788/10/A?10=A',
      'https://id.gs1.org/00/1061414123456789%GG',
      'mailto:x@y',
      'https://id.gs1.org/00/106141412345678908?21=X',
    ]) {
      expect(() => parseDigitalLink(bad), bad).toThrow(ParseError)
    }
    expect(() => parseDigitalLink(42 as unknown as string)).toThrow(ParseError)
  })

  it('property: build → parse round-trips any SSCC with any AI-82 route and postcode', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'AZaz09-./:%&?=+!()*,;_'.split('')),
      minLength: 1,
      maxLength: 20,
    })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.bigInt({ min: 0n, max: 999_999_999n }),
        text,
        text,
        (ext, serial, route, post) => {
          const key = sscc({ extension: ext, companyPrefix: '0614141', serial })
          const elements = [
            { ai: '00', value: key },
            { ai: '403', value: route },
            { ai: '420', value: post },
          ]
          const link = parseDigitalLink(buildDigitalLink(elements, { domain: 'https://x.example' }))
          expect(pairs(link.elements)).toEqual(pairs(elements))
          expect(link.primaryKey.checkDigitValid).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('fuzz: arbitrary strings after the domain give a link or a ParseError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (tail) => {
        try {
          parseDigitalLink(`https://id.gs1.org/${tail}`)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
