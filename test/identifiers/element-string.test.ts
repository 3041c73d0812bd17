import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ParseError, ValidationError } from '../../src/errors/index.js'
import {
  AI_TABLE,
  checkAiRelations,
  formatElementString,
  GS,
  parseElementString,
} from '../../src/identifiers/index.js'

const pairs = (elements: { ai: string; value: string }[]) => elements.map((e) => [e.ai, e.value])

describe('parseElementString', () => {
  it('parses the bracketed form with logistics AIs and reports check digits', () => {
    const elements = parseElementString(
      '(00)106141412345678908(401)0614141ABC/1(402)12345678901234560(421)84010001(3302)001250',
    )
    expect(pairs(elements)).toEqual([
      ['00', '106141412345678908'],
      ['401', '0614141ABC/1'],
      ['402', '12345678901234560'],
      ['421', '84010001'],
      ['3302', '001250'],
    ])
    expect(elements[0]).toMatchObject({ title: 'SSCC', checkDigitValid: true })
    expect(elements[2]).toMatchObject({ title: 'GSIN', checkDigitValid: true })
    expect(elements[4]).toMatchObject({ title: 'GROSS WEIGHT (kg)', decimal: 12.5 })
  })

  it('parses the raw form: fixed-length AIs need no separator, variable-length ones end at GS', () => {
    const raw = `]C1${GS}00106141412345678908400PO-77${GS}41095201234567883103000500${GS}10LOT9`
    expect(pairs(parseElementString(raw))).toEqual([
      ['00', '106141412345678908'],
      ['400', 'PO-77'],
      ['410', '9520123456788'],
      ['3103', '000500'],
      ['10', 'LOT9'],
    ])
  })

  it('accepts ^ as FNC1/GS (GS1 syntax engine notation)', () => {
    expect(pairs(parseElementString('^0095201234567891234502095201234567883725^10ABC123'))).toEqual([
      ['00', '952012345678912345'],
      ['02', '09520123456788'],
      ['37', '25'],
      ['10', 'ABC123'],
    ])
  })

  it('reports a bad check digit instead of throwing', () => {
    expect(parseElementString('(00)106141412345678909')[0]?.checkDigitValid).toBe(false)
    expect(parseElementString('(410)9520123456789')[0]?.checkDigitValid).toBe(false)
  })

  it('errors name the AI and the byte offset', () => {
    const cases: [string, RegExp][] = [
      ['(00)12345', /AI \(00\) is too short.*path 00.*byte 4/],
      ['(00)1061414123456789081', /AI \(00\) is too long/],
      ['(400)PO 1', /AI \(400\) has a character outside GS1 character set 82/],
      ['(420)123456789012345678901', /AI \(420\) is too long/],
      ['(01)0952012345678A', /AI \(01\) has a character outside digits only/],
      ['(99', /missing its closing/],
      ['00123', /AI \(00\) needs 18 characters/],
      ['(77)X', /unknown AI \(77\)/],
      ['x(00)1', /unknown AI at "x\(00".*byte 0/],
      [`400A${GS}${GS}10B`, /separator not followed by an AI/],
      ['(10)A(10)B', /AI \(10\) appears twice/],
      ['', /empty/],
    ]
    for (const [input, message] of cases) {
      let error: unknown
      try {
        parseElementString(input)
      } catch (e) {
        error = e
      }
      expect(error, input).toBeInstanceOf(ParseError)
      expect((error as Error).message, input).toMatch(message)
    }
  })

  it('unescapes \\( inside bracketed values', () => {
    expect(parseElementString('(400)A\\(1)')[0]?.value).toBe('A(1)')
  })
})

describe('formatElementString', () => {
  const elements = [
    { ai: '00', value: '106141412345678908' },
    { ai: '400', value: 'PO(7)' },
    { ai: '3300', value: '001250' },
    { ai: '10', value: 'X' },
  ]
  it('writes bracketed and raw forms, with GS only after variable-length AIs that are not last', () => {
    expect(formatElementString(elements)).toBe('(00)106141412345678908(400)PO\\(7)(3300)001250(10)X')
    expect(formatElementString(elements, { style: 'raw' })).toBe(
      `00106141412345678908400PO(7)${GS}330000125010X`,
    )
    expect(formatElementString(elements, { style: 'raw', separator: '^' })).toContain('PO(7)^3300')
  })

  it('throws a ValidationError naming the element', () => {
    expect(() => formatElementString([{ ai: '00', value: '1' }])).toThrow(ValidationError)
    expect(() => formatElementString([{ ai: '00', value: '1' }])).toThrow(/elements\[0\]\.value/)
    expect(() => formatElementString([{ ai: '77', value: '1' }])).toThrow(/elements\[0\]\.ai/)
  })

  it('property: any valid AI list survives format → parse in both styles', () => {
    const variable = ['10', '21', '400', '401', '403', '420', '90']
    const element = fc.oneof(
      fc.constantFrom(...variable).chain((ai) =>
        fc
          .string({
            unit: fc.constantFrom(...'ABCxyz0189-/.:;_%&*+!"\'?<=>,()'.split('')),
            minLength: 1,
            maxLength: 20,
          })
          .map((value) => ({ ai, value })),
      ),
      fc.constantFrom('00', '01', '02', '410', '3302', '3401').chain((ai) => {
        const length = (AI_TABLE.get(ai)?.components[0]?.max as number) ?? 6
        return fc
          .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
          .map((d) => ({ ai, value: d.join('') }))
      }),
    )
    fc.assert(
      fc.property(fc.uniqueArray(element, { selector: (e) => e.ai, minLength: 1, maxLength: 6 }), (list) => {
        for (const style of ['raw', 'bracketed'] as const) {
          const text = formatElementString(list, { style })
          expect(pairs(parseElementString(text))).toEqual(pairs(list))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('fuzz: arbitrary input gives elements or a ParseError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (input) => {
        try {
          parseElementString(input)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('checkAiRelations', () => {
  it('accepts valid logistics combinations', () => {
    const label = parseElementString(
      '(00)106141412345678908(02)09520123456788(37)25(10)LOT(3300)001250(403)R1',
    )
    expect(checkAiRelations(label)).toEqual([])
  })

  it('names missing partners and forbidden pairs', () => {
    expect(checkAiRelations([{ ai: '02' }])).toEqual(['AI (02) requires AI (37)'])
    expect(checkAiRelations([{ ai: '02' }, { ai: '37' }])).toEqual(['AI (37) requires AI (00)'])
    expect(checkAiRelations([{ ai: '403' }])).toEqual(['AI (403) requires AI (00)'])
    expect(checkAiRelations([{ ai: '00' }, { ai: '420' }, { ai: '421' }])).toEqual([
      'AI (420) must not appear with AI (421)',
    ])
    expect(checkAiRelations([{ ai: '3100' }])).toEqual(['AI (3100) requires AI (01) or (02)'])
    expect(checkAiRelations([{ ai: '00' }, { ai: '3300' }, { ai: '3302' }])).toEqual([
      'AI (3300) must not appear with AI (3302)',
      'AI (3302) must not appear with AI (3300)',
    ])
    expect(checkAiRelations([{ ai: '01' }, { ai: '37' }])[0]).toBe('AI (01) must not appear with AI (37)')
  })
})
