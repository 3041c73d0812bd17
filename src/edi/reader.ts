/**
 * The X12 reader: any input (string, bytes, Node Readable, async iterable of chunks) to segments, with envelope
 * checks. Synchronous core ({@link X12Reader}: push chunks, get segments) plus async and sync conveniences.
 */
import { ParseError } from '../errors/index.js'
import { type EnvelopeCounts, EnvelopeTracker, type X12Warning } from './envelope.js'
import { SegmentScanner } from './scanner.js'
import type { Segment } from './segment.js'

/** Anything the reader accepts. Strings are encoded as UTF-8. */
export type X12Input =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>
  | NodeJS.ReadableStream

/** Options of the X12 reader. */
export interface X12ReadOptions {
  /**
   * Longest segment accepted, in bytes; a longer run without a terminator is a `ParseError`.
   * @default 16777216 (16 MiB)
   */
  maxSegmentBytes?: number
  /**
   * Make every envelope warning (counts, control numbers, nesting) a `ParseError`.
   * @default false
   */
  strict?: boolean
  /**
   * Keep at most this many warnings; later ones are only counted in `droppedWarnings`.
   * @default 1000
   */
  maxWarnings?: number
}

/** What the reader saw, available once reading is done (and live while it runs). */
export interface X12ReadSummary extends EnvelopeCounts {
  bytes: number
  warnings: X12Warning[]
  /** Warnings not kept because of `maxWarnings`. */
  droppedWarnings: number
}

/**
 * Synchronous push reader: feed chunks with {@link push}, finish with {@link end}; each call returns the
 * segments completed by it. Memory holds at most one incomplete segment between calls.
 * @example
 * const reader = new X12Reader()
 * for (const seg of [...reader.push(bytes), ...reader.end()]) if (seg.id === 'AT7') console.log(seg.element(1))
 */
export class X12Reader {
  readonly #scanner: SegmentScanner
  readonly #envelope: EnvelopeTracker
  readonly #warnings: X12Warning[] = []
  readonly #maxWarnings: number
  readonly #strict: boolean
  #dropped = 0
  #bytes = 0
  #out: Segment[] = []

  /**
   * @param onSegment when given, each segment is handed to it as soon as it is read (and `push`/`end` return
   *   empty arrays), so segments stay short-lived (docs/performance.md "V8 notes").
   */
  constructor(options: X12ReadOptions = {}, onSegment?: (segment: Segment) => void) {
    this.#maxWarnings = options.maxWarnings ?? 1000
    this.#strict = options.strict ?? false
    this.#envelope = new EnvelopeTracker((code, message, seg) =>
      this.#warn(code, message, seg.offset, seg.index),
    )
    this.#scanner = new SegmentScanner(
      {
        segment: onSegment
          ? (seg) => {
              this.#envelope.track(seg)
              onSegment(seg)
            }
          : (seg) => {
              this.#envelope.track(seg)
              this.#out.push(seg)
            },
        warn: (code, message, offset, segment) => this.#warn(code, message, offset, segment),
      },
      options.maxSegmentBytes ?? 16 * 1024 * 1024,
    )
  }

  #warn(code: string, message: string, offset: number, segment: number): void {
    if (this.#strict) throw new ParseError(message, { offset, segment }, { details: { warning: code } })
    if (this.#warnings.length < this.#maxWarnings) this.#warnings.push({ code, message, offset, segment })
    else this.#dropped++
  }

  /** Reads one more chunk; returns the segments it completed. */
  push(chunk: Uint8Array | string): Segment[] {
    const buf = toBuffer(chunk)
    this.#bytes += buf.length
    this.#scanner.push(buf)
    return this.#take()
  }

  /** Ends the input; returns the last segments. Throws a `ParseError` when the input was truncated or empty. */
  end(): Segment[] {
    this.#scanner.end()
    return this.#take()
  }

  #take(): Segment[] {
    const out = this.#out
    this.#out = []
    return out
  }

  /** Counts and warnings so far. */
  summary(): X12ReadSummary {
    const c = this.#envelope.counts
    return {
      interchanges: c.interchanges,
      groups: c.groups,
      sets: c.sets,
      setsById: { ...c.setsById },
      segments: c.segments,
      bytes: this.#bytes,
      warnings: [...this.#warnings],
      droppedWarnings: this.#dropped,
    }
  }
}

/** A Buffer view of a chunk (no copy for Uint8Array). */
export function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  throw new ParseError(`X12 input chunk must be bytes or a string, got ${typeof chunk}`)
}

/** The chunks of any {@link X12Input}. */
export async function* chunksOf(input: X12Input): AsyncGenerator<Uint8Array | string> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield input
    return
  }
  if (input !== null && typeof input === 'object') {
    if (Symbol.asyncIterator in input) {
      yield* input as AsyncIterable<Uint8Array | string>
      return
    }
    if (Symbol.iterator in input) {
      yield* input as Iterable<Uint8Array>
      return
    }
  }
  throw new ParseError('X12 input must be a string, bytes, a Readable or an async iterable of chunks')
}

/** Async iterable of segments that also exposes the reader's summary. */
export interface X12SegmentStream extends AsyncIterable<Segment> {
  /** The segments in batches (one array per input chunk): fewer awaits for fast consumers. */
  batches(): AsyncIterable<Segment[]>
  /** Counts and warnings (complete once iteration has finished). */
  summary(): X12ReadSummary
}

/**
 * Streams the segments of an X12 input. Memory stays flat whatever the input size.
 * @example
 * const stream = readX12(createReadStream('in.edi'))
 * for await (const seg of stream) if (seg.id === 'ST') console.log(seg.element(1))
 * console.log(stream.summary().warnings)
 */
export function readX12(input: X12Input, options: X12ReadOptions = {}): X12SegmentStream {
  const reader = new X12Reader(options)
  let started = false
  async function* batches(): AsyncGenerator<Segment[]> {
    if (started) throw new ParseError('An X12 segment stream can be iterated only once')
    started = true
    for await (const chunk of chunksOf(input)) {
      const segs = reader.push(chunk)
      if (segs.length > 0) yield segs
    }
    const last = reader.end()
    if (last.length > 0) yield last
  }
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch
    },
    summary: () => reader.summary(),
  }
}

/**
 * Reads a whole in-memory X12 document synchronously.
 * @example const { segments, summary } = readX12Sync('ISA*00*…~')
 */
export function readX12Sync(
  input: string | Uint8Array,
  options: X12ReadOptions = {},
): { segments: Segment[]; summary: X12ReadSummary } {
  const reader = new X12Reader(options)
  const segments = reader.push(input)
  for (const seg of reader.end()) segments.push(seg)
  return { segments, summary: reader.summary() }
}
