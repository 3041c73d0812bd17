/**
 * Fuzzing the X12 reader: whatever the bytes, it ends with segments or a ParseError — never another exception,
 * never a hang — and chunk boundaries never change what it reads.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { X12Reader } from '../../src/edi/index.js'
import { ParseError } from '../../src/errors/index.js'
import { interchange, SIMPLE_BODY } from './build.js'

/** Reads bytes in the given chunk sizes; returns segment texts, or the ParseError. */
function read(bytes: Uint8Array, chunkSizes: number[] = []): string[] | ParseError {
  const reader = new X12Reader()
  const out: string[] = []
  try {
    let at = 0
    for (const size of chunkSizes) {
      if (at >= bytes.length) break
      for (const seg of reader.push(bytes.subarray(at, at + size))) out.push(seg.toString())
      at += size
    }
    if (at < bytes.length) for (const seg of reader.push(bytes.subarray(at))) out.push(seg.toString())
    for (const seg of reader.end()) out.push(seg.toString())
    reader.summary()
    return out
  } catch (error) {
    if (error instanceof ParseError) return error
    throw error
  }
}

const SHAPES = [
  interchange([{ body: SIMPLE_BODY }, { body: SIMPLE_BODY }]),
  interchange([{ body: SIMPLE_BODY }], { terminator: '\n', eol: '' }),
  interchange([{ body: SIMPLE_BODY }], { terminator: '\u2026', eol: '\r\n', padded: false }),
  `\uFEFF${interchange([{ body: SIMPLE_BODY }], { terminator: '|', component: '+' })}`,
  interchange([{ body: SIMPLE_BODY }]) + interchange([{ body: SIMPLE_BODY }], { control: 2, element: '^' }),
].map((text) => Buffer.from(text))

const shape = fc.constantFrom(...SHAPES)

describe('X12 reader fuzzing', () => {
  it('random bytes end in segments or a ParseError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        read(bytes)
      }),
      { numRuns: 2000 },
    )
  })

  it('random bytes after a valid ISA end in segments or a ParseError', () => {
    const head = SHAPES[0]!.subarray(0, 107)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        read(Buffer.concat([head, tail]))
      }),
      { numRuns: 1000 },
    )
  })

  it('mutated real-shaped files end in segments or a ParseError', () => {
    fc.assert(
      fc.property(
        shape,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (base, changes) => {
          const bytes = Buffer.from(base)
          for (const [at, value] of changes) bytes[at % bytes.length] = value
          read(bytes)
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('files with deleted or repeated spans end in segments or a ParseError', () => {
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat({ max: 60 }), fc.boolean(), (base, at, length, repeat) => {
        const start = at % base.length
        const span = base.subarray(start, start + length)
        const bytes = repeat
          ? Buffer.concat([base.subarray(0, start), span, span, base.subarray(start)])
          : Buffer.concat([base.subarray(0, start), base.subarray(start + length)])
        read(bytes)
      }),
      { numRuns: 1500 },
    )
  })

  it('truncation at every byte gives the segments before the cut or a ParseError, never anything else', () => {
    for (const base of SHAPES) {
      const whole = read(base) as string[]
      for (let cut = 0; cut < base.length; cut++) {
        const result = read(base.subarray(0, cut))
        if (Array.isArray(result)) expect(whole.slice(0, result.length - 1)).toEqual(result.slice(0, -1))
      }
    }
  })

  it('chunk boundaries never change the segments', () => {
    fc.assert(
      fc.property(shape, fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 40 }), (base, sizes) => {
        expect(read(base, sizes)).toEqual(read(base))
      }),
      { numRuns: 800 },
    )
  })

  it('a huge element is read (regression: a long segment across many chunks is joined once, not per chunk)', () => {
    const huge = 'X'.repeat(8 * 1024 * 1024)
    const text = Buffer.from(interchange([{ body: [...SIMPLE_BODY, ['K1', huge]] }]))
    const sizes = Array.from({ length: Math.ceil(text.length / 4096) }, () => 4096)
    const segs = read(text, sizes) as string[]
    const k1 = segs.find((s) => s.startsWith('K1*'))
    expect(k1?.length).toBe(huge.length + 3)
  })

  it('a huge element with a multi-byte terminator split across tiny chunks is read', () => {
    const huge = 'Y'.repeat(200_000)
    const text = Buffer.from(
      interchange([{ body: [['K1', huge], ...SIMPLE_BODY] }], { terminator: '\u2026' }),
    )
    const sizes = Array.from({ length: Math.ceil(text.length / 7) }, () => 7)
    const segs = read(text, sizes) as string[]
    expect(segs.filter((s) => s.startsWith('K1*'))).toHaveLength(1)
    expect(segs).toEqual(read(text))
  })

  it('input with no terminator at all stops at maxSegmentBytes with a ParseError', () => {
    const head = SHAPES[0]!.subarray(0, 107)
    const reader = new X12Reader({ maxSegmentBytes: 64 * 1024 })
    reader.push(head)
    const block = Buffer.alloc(4096, 0x41)
    expect(() => {
      for (let i = 0; i < 100; i++) reader.push(block)
    }).toThrow(ParseError)
  })
})
