/**
 * One X12 segment as a view over the input bytes. Element text is decoded lazily, only when asked for, so a
 * reader that skips most segments never pays for decoding them.
 */
import { isUtf8 } from 'node:buffer'
import type { Delimiters } from './delimiters.js'
import type { GroupHeader, InterchangeHeader, SetHeader } from './envelope.js'

const SPACE = 0x20
const TAB = 0x09
const CR = 0x0d
const LF = 0x0a

function isBlank(byte: number): boolean {
  return byte === SPACE || byte === TAB || byte === CR || byte === LF
}

/** Windows-1252 characters for bytes 0x80–0x9f (Node's TextDecoder treats the label as latin1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Decodes Windows-1252 bytes. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)
  return out
}
/** Buffer's own latin1 slicer when present (skips toString's argument handling on the hot path). */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string })
  .latin1Slice

/** Scratch for element bounds: [count, sep1, …, sepN, end]. */
let scratch = new Int32Array(64)
let scratchOwner: object | undefined

/**
 * Decodes element bytes: pure ASCII as latin1 (fast), valid UTF-8 as UTF-8, anything else as Windows-1252.
 * X12 files are never decoded as ASCII: terminators and names may be non-ASCII.
 */
export function decodeBytes(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) {
      const slice = buf.subarray(start, end)
      if (isUtf8(slice)) return slice.toString('utf8')
      return decodeCp1252(slice)
    }
  }
  return latin1Slice ? latin1Slice.call(buf, start, end) : buf.toString('latin1', start, end)
}

/** A segment: its id (upper-cased), its 1-based elements, and where it sits in the input. */
export class Segment {
  /** Segment id, upper-cased (`AT7`). */
  readonly id: string
  /** 1-based segment number in the whole input. */
  readonly index: number
  /** Byte offset of the segment's first byte in the input. */
  readonly offset: number
  /** The interchange (ISA) this segment belongs to. */
  interchange: InterchangeHeader | undefined
  /** The functional group (GS) this segment belongs to, if any. */
  group: GroupHeader | undefined
  /** The transaction set (ST) this segment belongs to, if any. */
  set: SetHeader | undefined
  /** @internal */ readonly buf: Buffer
  /** @internal */ readonly start: number
  /** @internal */ readonly end: number
  /** @internal */ readonly delimiters: Delimiters

  constructor(
    id: string,
    buf: Buffer,
    start: number,
    end: number,
    delimiters: Delimiters,
    index: number,
    offset: number,
  ) {
    this.id = id
    this.buf = buf
    this.start = start
    this.end = end
    this.delimiters = delimiters
    this.index = index
    this.offset = offset
    this.interchange = undefined
    this.group = undefined
    this.set = undefined
  }

  /**
   * Positions of the element separators followed by the end, in a scratch array shared by all segments and
   * recomputed when another segment asks (readers access one segment at a time: no allocation per segment).
   */
  #separators(): Int32Array {
    if (scratchOwner === this) return scratch
    const buf = this.buf
    const sep = this.delimiters.element
    const end = this.end
    let count = 0
    for (let i = this.start; i < end; i++) {
      if (buf[i] === sep) {
        if (count + 2 > scratch.length) {
          const bigger = new Int32Array(scratch.length * 2)
          bigger.set(scratch)
          scratch = bigger
        }
        scratch[++count] = i
      }
    }
    scratch[0] = count
    scratch[count + 1] = end
    scratchOwner = this
    return scratch
  }

  /** Number of elements after the id (trailing empty elements included when present in the data). */
  get size(): number {
    return this.#separators()[0]!
  }

  /**
   * Element `n` (1-based, X12 numbering: AT7's `element(1)` is AT701), trimmed; whitespace-only is `''`;
   * absent is `''`.
   */
  element(n: number): string {
    const bounds = this.#separators()
    if (n < 1 || n > bounds[0]!) return ''
    let s = bounds[n]! + 1
    let e = bounds[n + 1]!
    const buf = this.buf
    while (s < e && isBlank(buf[s]!)) s++
    while (e > s && isBlank(buf[e - 1]!)) e--
    return s === e ? '' : decodeBytes(buf, s, e)
  }

  /** Element `n` exactly as in the input (not trimmed). */
  rawElement(n: number): string {
    const bounds = this.#separators()
    if (n < 1 || n > bounds[0]!) return ''
    return decodeBytes(this.buf, bounds[n]! + 1, bounds[n + 1]!)
  }

  /** Element `n` split on the component separator, each part trimmed. */
  components(n: number): string[] {
    const value = this.rawElement(n)
    return value === '' ? [] : value.split(this.delimiters.componentText).map((part) => part.trim())
  }

  /** Element `n` split on the repetition separator (00402+), each part trimmed. */
  repetitions(n: number): string[] {
    const value = this.element(n)
    if (value === '') return []
    const rep = this.delimiters.repetitionText
    return rep ? value.split(rep).map((part) => part.trim()) : [value]
  }

  /** All elements after the id, trimmed. */
  elements(): string[] {
    const out: string[] = []
    const size = this.size
    for (let n = 1; n <= size; n++) out.push(this.element(n))
    return out
  }

  /** The segment's bytes without the terminator. */
  bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end)
  }

  /** The segment's text without the terminator. */
  toString(): string {
    return decodeBytes(this.buf, this.start, this.end)
  }
}
