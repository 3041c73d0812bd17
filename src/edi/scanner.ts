/**
 * The byte-level X12 scanner: chunks in, {@link Segment}s out. It works on bytes with native `indexOf`, keeps at
 * most one incomplete segment between chunks (as a list, concatenated once when its terminator arrives, so time
 * stays linear), and re-detects delimiters at every ISA (concatenated interchanges may differ).
 */
import { ParseError } from '../errors/index.js'
import { type Delimiters, isAlphanumeric, scanIsa } from './delimiters.js'
import { Segment } from './segment.js'

/** `node:buffer`'s `isAscii`, taken with `process.getBuiltinModule`: an ES import of a built-in costs its facade (#26). */
const { isAscii } = process.getBuiltinModule('node:buffer')

const CR = 0x0d
const LF = 0x0a

/** Bytes skipped between segments: space, tab, CR, LF, NUL. */
function isGap(b: number): boolean {
  return b === 0x20 || b === LF || b === CR || b === 0x09 || b === 0
}

/** Bytes skipped before an ISA: the gaps plus a UTF-8 byte-order mark and DOS end-of-file (0x1a). */
function isLeadIn(buf: Buffer, i: number): number {
  const b = buf[i]!
  if (isGap(b) || b === 0x1a) return 1
  if (b === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) return 3
  return 0
}

function upper(b: number): number {
  return b >= 0x61 && b <= 0x7a ? b - 0x20 : b
}

/** 1-36 for an upper-case letter or digit (after {@link upper}), 0 for anything else. */
const ID_CHAR = new Uint8Array(256)
for (let b = 0x30; b <= 0x39; b++) ID_CHAR[b] = b - 0x30 + 1
for (let b = 0x41; b <= 0x5a; b++) ID_CHAR[b] = b - 0x41 + 11

/**
 * Interned ids of 2 and 3 characters, indexed by their characters' {@link ID_CHAR} values in base 37 (an array
 * lookup per segment instead of a Map lookup: this runs for every segment of the input). Allocated on the first
 * segment: allocating its 50,653 slots cost about 1 ms at every import of `waybill/edi` and the root (#26).
 */
let idCache: (string | undefined)[] | undefined

/** Segment id between `start` and the first element separator, upper-cased; short ids are interned. */
function readId(buf: Buffer, start: number, end: number, sep: number): string {
  const len =
    buf[start + 2] === sep || start + 2 === end ? 2 : buf[start + 3] === sep || start + 3 === end ? 3 : 0
  if (len !== 0 && start + len <= end) {
    const b0 = upper(buf[start]!)
    const b1 = upper(buf[start + 1]!)
    const b2 = len === 3 ? upper(buf[start + 2]!) : 0
    const c0 = ID_CHAR[b0]!
    const c1 = ID_CHAR[b1]!
    const c2 = ID_CHAR[b2]!
    if (c0 !== 0 && c1 !== 0 && (len === 2 || c2 !== 0)) {
      const key = (c0 * 37 + c1) * 37 + c2
      idCache ??= new Array(37 * 37 * 37).fill(undefined)
      let id = idCache[key]
      if (id === undefined) {
        id = len === 2 ? String.fromCharCode(b0, b1) : String.fromCharCode(b0, b1, b2)
        idCache[key] = id
      }
      return id
    }
  }
  let e = start
  while (e < end && buf[e] !== sep) e++
  return buf.toString('latin1', start, e).trim().toUpperCase()
}

export interface ScannerHooks {
  /** Called for every complete segment, in order. */
  segment(seg: Segment): void
  /** Called for problems that do not stop reading. */
  warn(code: string, message: string, offset: number, segment: number): void
}

/** Chunked X12 scanner. Call {@link push} for each chunk and {@link end} once. */
export class SegmentScanner {
  #pending: Buffer[] = []
  #pendingLength = 0
  /** Absolute offset of the first pending byte, or of the next chunk when nothing is pending. */
  #base = 0
  #delims: Delimiters | undefined
  #count = 0
  #interchanges = 0
  readonly #hooks: ScannerHooks
  readonly #maxSegmentBytes: number

  constructor(hooks: ScannerHooks, maxSegmentBytes: number) {
    this.#hooks = hooks
    this.#maxSegmentBytes = maxSegmentBytes
  }

  /** Segments read so far. */
  get segments(): number {
    return this.#count
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    if (this.#pendingLength === 0) {
      this.#scan(chunk, 0, false)
      return
    }
    const delims = this.#delims
    if (delims === undefined) {
      this.#scan(this.#takePending(chunk), 0, false)
      return
    }
    // Inside a segment that started in an earlier chunk: find its terminator without concatenating yet.
    const term = delims.terminator
    let cut = -1 // end of the segment, as an index into the concatenation pending + chunk
    let resume = -1 // where scanning continues in `chunk`
    if (term.length > 1) {
      const tail = this.#tail(term.length - 1)
      const bridge = Buffer.concat([tail, chunk.subarray(0, term.length - 1)])
      const at = bridge.indexOf(term)
      if (at !== -1) {
        cut = this.#pendingLength - tail.length + at
        resume = at + term.length - tail.length
      }
    }
    if (cut === -1) {
      const at = term.length === 1 ? chunk.indexOf(term[0]!) : chunk.indexOf(term)
      if (at === -1) {
        this.#pending.push(chunk)
        this.#pendingLength += chunk.length
        this.#checkLength()
        return
      }
      cut = this.#pendingLength + at
      resume = at + term.length
    }
    const pendingBase = this.#base
    const pendingLength = this.#pendingLength
    const pending = this.#pending
    this.#pending = []
    this.#pendingLength = 0
    const head = Buffer.concat([...pending, chunk.subarray(0, resume)])
    if (this.#emit(head, 0, cut, isAscii(head))) {
      // A new ISA without an IEA before it: re-read from its first byte with fresh delimiters.
      this.#scan(Buffer.concat([...pending, chunk]), 0, false)
      return
    }
    this.#base = pendingBase + pendingLength
    this.#scan(chunk, resume, false)
  }

  end(): void {
    const rest = this.#pendingLength > 0 ? this.#takePending(Buffer.alloc(0)) : Buffer.alloc(0)
    this.#scan(rest, 0, true)
    if (this.#interchanges === 0) {
      throw new ParseError('No ISA interchange header found', { offset: this.#base, segment: 0 })
    }
    if (this.#delims !== undefined) {
      throw new ParseError('Truncated interchange: input ended before IEA', {
        offset: this.#base + rest.length,
        segment: this.#count,
      })
    }
  }

  /** The last `n` pending bytes (for a multi-byte terminator split across chunks). */
  #tail(n: number): Buffer {
    const parts: Buffer[] = []
    let have = 0
    for (let i = this.#pending.length - 1; i >= 0 && have < n; i--) {
      const part = this.#pending[i]!
      const take = Math.min(n - have, part.length)
      parts.unshift(part.subarray(part.length - take))
      have += take
    }
    return Buffer.concat(parts)
  }

  #takePending(chunk: Buffer): Buffer {
    const whole = Buffer.concat([...this.#pending, chunk])
    this.#pending = []
    this.#pendingLength = 0
    return whole
  }

  #keep(buf: Buffer, from: number): void {
    if (from >= buf.length) {
      this.#base += buf.length
      return
    }
    this.#base += from
    this.#pending = [buf.subarray(from)]
    this.#pendingLength = buf.length - from
    this.#checkLength()
  }

  #checkLength(): void {
    if (this.#pendingLength > this.#maxSegmentBytes) {
      throw new ParseError(`Segment longer than ${this.#maxSegmentBytes} bytes (no terminator found)`, {
        offset: this.#base,
        segment: this.#count + 1,
      })
    }
  }

  /** Scans `buf` from `pos`; anything incomplete at the end is kept as pending (or, when `final`, flushed). */
  #scan(buf: Buffer, pos: number, final: boolean): void {
    const len = buf.length
    // One native check per chunk spares each segment its own (segments decode their text once when ASCII).
    const ascii = isAscii(buf)
    for (;;) {
      const delims = this.#delims
      if (delims === undefined) {
        let skip = pos < len ? isLeadIn(buf, pos) : 0
        while (skip > 0) {
          pos += skip
          skip = pos < len ? isLeadIn(buf, pos) : 0
        }
        if (pos >= len) {
          this.#keep(buf, len)
          return
        }
        if (len - pos < 4 && !final) {
          this.#keep(buf, pos)
          return
        }
        if (
          upper(buf[pos]!) !== 0x49 ||
          upper(buf[pos + 1] ?? 0) !== 0x53 ||
          upper(buf[pos + 2] ?? 0) !== 0x41
        ) {
          throw new ParseError(
            this.#interchanges === 0 ? 'No ISA interchange header found' : 'Expected ISA after IEA',
            { offset: this.#base + pos, segment: this.#count + 1 },
          )
        }
        const isa = scanIsa(buf, pos, final, this.#base, this.#count + 1)
        if (isa === undefined) {
          this.#keep(buf, pos)
          return
        }
        this.#delims = isa.delimiters
        this.#interchanges++
        this.#deliver(
          new Segment(
            'ISA',
            buf,
            pos,
            isa.contentEnd,
            isa.delimiters,
            ++this.#count,
            this.#base + pos,
            ascii,
          ),
        )
        pos = isa.next
        continue
      }
      while (pos < len && isGap(buf[pos]!)) pos++
      if (pos >= len) {
        this.#keep(buf, len)
        return
      }
      const term = delims.terminator
      let at: number
      if (term.length === 1) {
        // A plain loop beats indexOf's call overhead on short segments.
        const t = term[0]!
        at = pos
        while (at < len && buf[at] !== t) at++
        if (at === len) at = -1
      } else at = buf.indexOf(term, pos)
      if (at === -1) {
        if (!final) {
          this.#keep(buf, pos)
          return
        }
        at = len
      }
      if (this.#emit(buf, pos, at, ascii)) continue
      if (at === len && final && this.#delims !== undefined) {
        this.#hooks.warn(
          'terminator-missing',
          'Last segment has no terminator',
          this.#base + pos,
          this.#count,
        )
      }
      pos = at + term.length
    }
  }

  /** Emits the segment in [start, end). Returns true when it is an ISA that restarts delimiter detection. */
  #emit(buf: Buffer, start: number, end: number, ascii: boolean): boolean {
    const delims = this.#delims!
    // Trim blanks before the terminator (a CR before LF, spaces before `~`).
    while (end > start && isGap(buf[end - 1]!)) end--
    if (end === start) return false
    const id = readId(buf, start, end, delims.element)
    if (id === 'ISA' && start + 3 < end && !isAlphanumeric(buf[start + 3]!)) {
      this.#delims = undefined
      return true
    }
    this.#deliver(new Segment(id, buf, start, end, delims, ++this.#count, this.#base + start, ascii))
    if (id === 'IEA') this.#delims = undefined
    return false
  }

  #deliver(seg: Segment): void {
    this.#hooks.segment(seg)
  }
}
