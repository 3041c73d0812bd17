/**
 * Segment element access: the text of an ASCII segment is decoded once and its elements sliced from it, codes
 * are shared strings, and other segments decode element by element. These tests guard that every path gives
 * the same values whatever the chunking (chunks are checked for ASCII as a whole).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readX12Sync, type Segment, X12Reader } from '../../src/edi/index.js'
import { interchange } from './build.js'

const element = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'X6',
    'x6',
    ' AB ',
    'ABC',
    'ABCD',
    '7',
    '214',
    'Z',
    'A0',
    'é',
    'Ünü',
    '\t1\r',
    '0',
  ),
  fc.stringMatching(/^[A-Za-z0-9 ]{0,20}$/),
)

function views(seg: Segment): unknown {
  const out: unknown[] = [seg.id, seg.size, seg.toString(), seg.elements()]
  for (let n = 0; n <= seg.size + 1; n++) out.push(seg.element(n), seg.code(n), seg.rawElement(n))
  return out
}

function readInChunks(bytes: Buffer, size: number): Segment[] {
  const reader = new X12Reader()
  const out: Segment[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(...reader.push(bytes.subarray(i, i + size)))
  out.push(...reader.end())
  return out
}

describe('Segment elements', () => {
  it('code(n) is element(n), as one shared string for short upper-case codes (regression: interned codes)', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 8 }), (elements) => {
        const bytes = Buffer.from(interchange([{ body: [['AT7', ...elements]] }]))
        const at7 = readX12Sync(bytes).segments.find((s) => s.id === 'AT7')!
        for (let n = 0; n <= elements.length + 1; n++) expect(at7.code(n)).toBe(at7.element(n))
      }),
      { numRuns: 300 },
    )
    const [a, b] = readX12Sync(
      interchange([
        {
          body: [
            ['AT7', 'X6'],
            ['AT7', 'X6'],
          ],
        },
      ]),
    ).segments.filter((s) => s.id === 'AT7')
    expect(Object.is(a!.code(1), b!.code(1))).toBe(true)
  })

  it('gives the same values whether the chunk is all ASCII or not (regression: chunk-level ASCII check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(element, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        (lines, size) => {
          const bytes = Buffer.from(interchange([{ body: lines.map((l) => ['N9', ...l]) }]))
          const whole = readX12Sync(bytes).segments.map(views)
          expect(readInChunks(bytes, size).map(views)).toEqual(whole)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('digits(n) and elementIs(n) agree with element(n) (regression: SE/AT8 read without decoding)', () => {
    const numbers = fc.oneof(
      element,
      fc.stringMatching(/^[0-9]{1,20}$/),
      fc.constantFrom(' 12 ', '1.5', '-3'),
    )
    fc.assert(
      fc.property(
        fc.array(numbers, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        (elements, size) => {
          const bytes = Buffer.from(interchange([{ body: [['AT8', ...elements]] }]))
          for (const at8 of readInChunks(bytes, size).filter((seg) => seg.id === 'AT8')) {
            for (let n = 0; n <= elements.length + 1; n++) {
              const text = at8.element(n)
              expect(at8.digits(n)).toBe(/^[0-9]+$/.test(text) ? Number(text) : -1)
              expect(at8.elementIs(n, text)).toBe(true)
              expect(at8.elementIs(n, `${text}0`)).toBe(false)
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
