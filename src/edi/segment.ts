/**
 * One X12 segment as a view over the input bytes. Element text is decoded lazily, only when asked for, so a
 * reader that skips most segments never pays for decoding them.
 */
import type { Delimiters } from './delimiters.js'
import type { GroupHeader, InterchangeHeader, SetHeader } from './envelope.js'

/** `node:buffer`'s `isUtf8`, taken with `process.getBuiltinModule`: an ES import of a built-in costs its facade (#26). */
const { isUtf8 } = process.getBuiltinModule('node:buffer')

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
let scratch = new Int32Array(1024)
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
  return latin1(buf, start, end)
}

function latin1(buf: Buffer, start: number, end: number): string {
  return latin1Slice ? latin1Slice.call(buf, start, end) : buf.toString('latin1', start, end)
}

/** What is known of a {@link Segment}'s bytes: unchecked, pure ASCII (elements are slices of its text), or not. */
const UNCHECKED = 0
const ASCII = 1
const NOT_ASCII = 2

/** 1-36 for an upper-case letter or digit, 0 for anything else (see {@link Segment.code}). */
const CODE_CHAR = new Uint8Array(256)
for (let b = 0x30; b <= 0x39; b++) CODE_CHAR[b] = b - 0x30 + 1
for (let b = 0x41; b <= 0x5a; b++) CODE_CHAR[b] = b - 0x41 + 11

/**
 * Interned codes of 1 to 3 upper-case letters or digits, indexed by their characters in base 38. Allocated on the
 * first code read: allocating its 54,872 slots cost about 1 ms at every import of `waybill/edi` and the root (#26).
 */
let codes: (string | undefined)[] | undefined

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
  /**
   * The whole segment as text, decoded once when an element is first asked for and the segment is pure ASCII:
   * elements are then slices of it (one native decode per segment instead of one per element). A string of
   * this segment only, so values kept from it never hold on to the input chunk.
   */
  #text: string | undefined
  /** {@link UNCHECKED}, {@link ASCII} or {@link NOT_ASCII}. */
  #ascii: number

  constructor(
    id: string,
    buf: Buffer,
    start: number,
    end: number,
    delimiters: Delimiters,
    index: number,
    offset: number,
    /** True when the caller knows the bytes are ASCII (the scanner checks whole chunks at once). */
    ascii = false,
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
    this.#text = undefined
    this.#ascii = ascii ? ASCII : UNCHECKED
  }

  /**
   * Positions of the element separators followed by the end, in a scratch array shared by all segments and
   * recomputed when another segment asks (readers access one segment at a time; docs/performance.md "V8 notes").
   */
  #separators(): Int32Array {
    if (scratchOwner === this) return scratch
    const buf = this.buf
    const sep = this.delimiters.element
    const start = this.start
    const end = this.end
    let count = 0
    let high = 0
    if (end - start + 2 <= scratch.length) {
      // The usual case: the scratch is big enough for any count, so the loop has no capacity check.
      const bounds = scratch
      if (this.#ascii === ASCII) {
        // Known ASCII (the scanner checks whole chunks): nothing to learn about the bytes on the way.
        for (let i = start; i < end; i++) if (buf[i] === sep) bounds[++count] = i
      } else {
        for (let i = start; i < end; i++) {
          const b = buf[i]!
          high |= b
          if (b === sep) bounds[++count] = i
        }
      }
    } else {
      for (let i = start; i < end; i++) {
        const b = buf[i]!
        high |= b
        if (b === sep) {
          if (count + 2 > scratch.length) {
            const bigger = new Int32Array(scratch.length * 2)
            bigger.set(scratch)
            scratch = bigger
          }
          scratch[++count] = i
        }
      }
    }
    scratch[0] = count
    scratch[count + 1] = end
    scratchOwner = this
    if (this.#ascii === UNCHECKED) this.#ascii = high < 0x80 ? ASCII : NOT_ASCII
    return scratch
  }

  /** The text of [s, e) of the input: a slice of the decoded segment when it is ASCII. */
  #slice(s: number, e: number): string {
    if (this.#ascii !== ASCII) return decodeBytes(this.buf, s, e)
    const text = this.#text ?? this.#decode()
    return text.slice(s - this.start, e - this.start)
  }

  #decode(): string {
    const text = latin1(this.buf, this.start, this.end)
    this.#text = text
    return text
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
    if (s === e) return ''
    return this.#slice(s, e)
  }

  /**
   * Element `n` like {@link element}, for codes: a value of 1 to 3 upper-case letters or digits is returned as
   * one shared string per code, without decoding the segment (status, reason and time codes, qualifiers).
   * @internal
   */
  code(n: number): string {
    const bounds = this.#separators()
    if (n < 1 || n > bounds[0]!) return ''
    const s = bounds[n]! + 1
    const len = bounds[n + 1]! - s
    if (len >= 1 && len <= 3) {
      const buf = this.buf
      const c0 = CODE_CHAR[buf[s]!]!
      const c1 = len > 1 ? CODE_CHAR[buf[s + 1]!]! : 37
      const c2 = len > 2 ? CODE_CHAR[buf[s + 2]!]! : 37
      if (c0 !== 0 && c1 !== 0 && c2 !== 0) {
        // 37 marks "no character" (codes of 1 or 2 characters), so that 'A' and 'A0' never share a slot.
        const key = ((c0 - 1) * 38 + (c1 - 1)) * 38 + (c2 - 1)
        codes ??= new Array(38 * 38 * 38).fill(undefined)
        let code = codes[key]
        if (code === undefined) {
          code = latin1(buf, s, s + len)
          codes[key] = code
        }
        return code
      }
    }
    return this.element(n)
  }

  /**
   * Element `n` read as a number without decoding the segment, when it is a non-empty run of ASCII digits
   * (trimmed like {@link element}): `Number(element(n))`. Anything else is -1. For counts and weights (SE01,
   * AT803, AT804).
   * @internal
   */
  digits(n: number): number {
    const bounds = this.#separators()
    if (n < 1 || n > bounds[0]!) return -1
    let s = bounds[n]! + 1
    let e = bounds[n + 1]!
    const buf = this.buf
    while (s < e && isBlank(buf[s]!)) s++
    while (e > s && isBlank(buf[e - 1]!)) e--
    if (s === e) return -1
    let value = 0
    for (let i = s; i < e; i++) {
      const d = buf[i]! - 0x30
      if (d < 0 || d > 9) return -1
      value = value * 10 + d
    }
    // Beyond 15 digits the sum above may round differently from Number's reading of the text.
    return e - s <= 15 ? value : Number(this.element(n))
  }

  /**
   * True when element `n` (trimmed like {@link element}) is `text`, compared without decoding the segment.
   * @internal
   */
  elementIs(n: number, text: string): boolean {
    const bounds = this.#separators()
    if (this.#ascii !== ASCII) return this.element(n) === text
    if (n < 1 || n > bounds[0]!) return text === ''
    let s = bounds[n]! + 1
    let e = bounds[n + 1]!
    const buf = this.buf
    while (s < e && isBlank(buf[s]!)) s++
    while (e > s && isBlank(buf[e - 1]!)) e--
    if (e - s !== text.length) return false
    for (let i = 0; i < text.length; i++) if (buf[s + i] !== text.charCodeAt(i)) return false
    return true
  }

  /** Element `n` exactly as in the input (not trimmed). */
  rawElement(n: number): string {
    const bounds = this.#separators()
    if (n < 1 || n > bounds[0]!) return ''
    return this.#slice(bounds[n]! + 1, bounds[n + 1]!)
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
    if (this.#text !== undefined) return this.#text
    if (this.#ascii === ASCII) return this.#decode()
    return decodeBytes(this.buf, this.start, this.end)
  }
}
