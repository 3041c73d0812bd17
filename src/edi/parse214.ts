/**
 * X12 214 files → canonical shipments, streaming: one shipment per 214 transaction set, delivered as soon as its
 * SE is read, so memory stays flat on big files. Other sets (204, 210, 990, 997…) are skipped with a note.
 */
import { ParseError } from '../errors/index.js'
import type { NormalizeWarning, RawSource, Shipment } from '../model/core.js'
import { assertZone } from '../time/index.js'
import { type Map214Settings, Shipment214Builder } from './map214.js'
import { PartnerDirectory, type TradingPartner } from './partners.js'
import { PartyCodePlaces, SegmentBytesCache } from './place214.js'
import { chunksOf, toBuffer, type X12Input, X12Reader, type X12ReadOptions } from './reader.js'
import type { Segment } from './segment.js'
import { X12TimeResolver } from './time214.js'

/** Options of {@link parse214Stream} and {@link parse214}. */
export interface Parse214Options extends X12ReadOptions {
  /** Trading-partner profiles (carrier id, SCAC, default zone, code overrides), matched on GS02 or ISA06. */
  partners?: readonly TradingPartner[]
  /**
   * IANA zone for times that neither the X12 time code nor the place resolve; such events are marked
   * `zoneSource: 'fallback'` with a warning. Without it, such lines are skipped with a warning.
   * @default undefined
   */
  defaultZone?: string
  /**
   * Carrier id of shipments whose sender has no profile (or a profile without `carrier`).
   * @default 'edi214'
   */
  carrier?: string
  /** Recorded as `raw.source` on each event. @default 'edi' */
  source?: RawSource
  /** A file name recorded on each event's raw record. */
  origin?: string
}

/** What a file held. The CLI prints this as the summary line. */
export interface Edi214Summary {
  interchanges: number
  groups: number
  /** All transaction sets, of any kind. */
  sets: number
  /** 214 sets. */
  sets214: number
  /** Sets that were not 214, by ST01 (e.g. `{ '210': 5 }`). */
  skippedSets: Record<string, number>
  shipments: number
  /** AT7 lines with an AT701 status code (estimates included). */
  statusLines: number
  /** Distinct events on the timelines. */
  events: number
  /** Estimate lines (AG, X2, and the pick-up/terminal estimates). */
  estimates: number
  /** Appointment lines (AT703). */
  appointments: number
  segments: number
  bytes: number
  /** Envelope warnings (`envelope`), skipped sets (`skipped`) and mapping warnings. */
  warnings: NormalizeWarning[]
  droppedWarnings: number
}

/**
 * Synchronous push parser: chunks in, shipments out as their sets complete.
 * @example
 * const parser = new Edi214Parser({ defaultZone: 'America/Chicago' })
 * const shipments = [...parser.push(bytes), ...parser.end()]
 */
export class Edi214Parser {
  readonly #reader: X12Reader
  readonly #partners: PartnerDirectory
  readonly #settings: Map214Settings
  readonly #warnings: NormalizeWarning[] = []
  /** Scratch list for the warnings of one set (reused: no array per set). */
  readonly #setWarnings: NormalizeWarning[] = []
  readonly #maxWarnings: number
  #dropped = 0
  #builder: Shipment214Builder | undefined
  #out: Shipment[] = []
  #counts = { sets214: 0, shipments: 0, statusLines: 0, events: 0, estimates: 0, appointments: 0 }

  constructor(options: Parse214Options = {}) {
    assertZone(options.defaultZone, 'defaultZone')
    this.#reader = new X12Reader(options, (seg) => this.#segment(seg))
    this.#partners = new PartnerDirectory(options.partners)
    this.#maxWarnings = options.maxWarnings ?? 1000
    this.#settings = {
      carrier: options.carrier ?? 'edi214',
      source: options.source ?? 'edi',
      times: new X12TimeResolver(),
      places: new SegmentBytesCache(),
      parties: new SegmentBytesCache(),
      partyCodes: new PartyCodePlaces(),
      ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    }
  }

  /** Reads one more chunk; returns the shipments of the sets it completed. */
  push(chunk: Uint8Array | string): Shipment[] {
    this.#reader.push(chunk)
    return this.#take()
  }

  /** Ends the input. Throws a ParseError when the input is truncated or has no interchange. */
  end(): Shipment[] {
    this.#reader.end()
    this.#close(this.#out)
    return this.#take()
  }

  #take(): Shipment[] {
    const out = this.#out
    this.#out = []
    return out
  }

  #segment(seg: Segment): void {
    switch (seg.id) {
      case 'ST':
        this.#close(this.#out)
        if (seg.set?.id === '214') {
          this.#counts.sets214++
          this.#builder = new Shipment214Builder(
            seg,
            this.#settings,
            this.#partners.find(seg.interchange, seg.group),
          )
        }
        break
      case 'SE':
      case 'GE':
      case 'IEA':
      case 'GS':
      case 'ISA':
        this.#close(this.#out)
        break
      default:
        this.#builder?.add(seg)
    }
  }

  #close(out: Shipment[]): void {
    const builder = this.#builder
    if (!builder) return
    this.#builder = undefined
    const warnings = this.#setWarnings
    const { shipment, counts } = builder.finish(warnings)
    for (let i = 0; i < warnings.length; i++) this.#warn(warnings[i]!)
    warnings.length = 0
    this.#counts.statusLines += counts.statusLines
    this.#counts.events += counts.events
    this.#counts.estimates += counts.estimates
    this.#counts.appointments += counts.appointments
    if (shipment) {
      this.#counts.shipments++
      out.push(shipment)
    }
  }

  #warn(warning: NormalizeWarning): void {
    if (this.#warnings.length < this.#maxWarnings) this.#warnings.push(warning)
    else this.#dropped++
  }

  /** Counts and warnings so far (complete after {@link end}). */
  summary(): Edi214Summary {
    const x12 = this.#reader.summary()
    const skippedSets: Record<string, number> = {}
    const notes: NormalizeWarning[] = []
    for (const [id, n] of Object.entries(x12.setsById)) {
      if (id === '214') continue
      skippedSets[id] = n
      notes.push({
        code: 'skipped',
        message: `${n} transaction set${n === 1 ? '' : 's'} ${id} skipped (not a 214)`,
      })
    }
    const envelope: NormalizeWarning[] = x12.warnings.map((w) => ({
      code: 'envelope',
      message: `${w.message} [${w.code}]`,
      path: `segment ${w.segment} (byte ${w.offset})`,
    }))
    return {
      interchanges: x12.interchanges,
      groups: x12.groups,
      sets: x12.sets,
      ...this.#counts,
      skippedSets,
      segments: x12.segments,
      bytes: x12.bytes,
      warnings: [...envelope, ...notes, ...this.#warnings],
      droppedWarnings: x12.droppedWarnings + this.#dropped,
    }
  }
}

/**
 * Bytes parsed between two batches of {@link parse214Stream} (about 10 shipments of a typical file), small on
 * purpose: docs/performance.md "V8 notes".
 */
const BATCH_BYTES = 4 * 1024

/** Async iterable of shipments that also exposes the file's summary. */
export interface Edi214Stream extends AsyncIterable<Shipment> {
  /** Shipments in batches (one array per 4 KiB, at most, of input that completed sets): fewer awaits. */
  batches(): AsyncIterable<Shipment[]>
  /** Counts and warnings; complete once iteration has finished. */
  summary(): Edi214Summary
}

/**
 * Streams the canonical shipments of an X12 214 file (one per 214 set) from any input: a string, bytes, a Node
 * `Readable` or an `AsyncIterable<Uint8Array>`. Memory stays flat whatever the file size. The stream throws a
 * `ParseError` (after the shipments read so far) when the file is structurally broken.
 * @example
 * const stream = parse214Stream(createReadStream('drop/status.edi'), { defaultZone: 'America/Chicago' })
 * for await (const shipment of stream) await save(shipment)
 * console.log(stream.summary().warnings)
 */
export function parse214Stream(input: X12Input, options: Parse214Options = {}): Edi214Stream {
  const parser = new Edi214Parser(options)
  let started = false
  const start = (): void => {
    if (started) throw new ParseError('parse214Stream: a stream can be iterated only once')
    started = true
  }
  async function* batches(): AsyncGenerator<Shipment[]> {
    start()
    for await (const chunk of chunksOf(input)) {
      // Big chunks are read in slices (views, no copy) so that each batch stays small (see BATCH_BYTES).
      const bytes = typeof chunk === 'string' ? toBuffer(chunk) : chunk
      for (let at = 0; at < bytes.length; at += BATCH_BYTES) {
        const shipments = parser.push(sliceAt(bytes, at))
        if (shipments.length) yield shipments
      }
    }
    const last = parser.end()
    if (last.length) yield last
  }
  return {
    batches,
    [Symbol.asyncIterator]: () => new ShipmentIterator(parser, input, start),
    summary: () => parser.summary(),
  }
}

/** The {@link BATCH_BYTES} of `bytes` from `at` (the chunk itself when it is that small). */
function sliceAt(bytes: Uint8Array, at: number): Uint8Array {
  return at === 0 && bytes.length <= BATCH_BYTES ? bytes : bytes.subarray(at, at + BATCH_BYTES)
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/**
 * One shipment at a time, read in the same {@link BATCH_BYTES} slices as `batches()`. Hand-written rather than
 * an async generator over the batches: a generator pays several promise turns per shipment and per batch; this
 * pays one (already resolved) per shipment, and reads the next slice of the chunk in hand synchronously (awaiting
 * only for the next input chunk). Calls to `next` that overlap (not awaited in between) are served in call order.
 */
class ShipmentIterator implements AsyncIterableIterator<Shipment> {
  readonly #parser: Edi214Parser
  readonly #input: X12Input
  readonly #start: () => void
  #chunks: AsyncIterator<Uint8Array | string> | undefined
  /** The input chunk being read, and where its next slice starts. */
  #bytes: Uint8Array | undefined
  #offset = 0
  /** True once the input is exhausted and `end` has been called, or after an error or `return`. */
  #finished = false
  #batch: Shipment[] = []
  #at = 0
  /** Requests waiting for input: later calls queue behind them. */
  #queue: Promise<unknown> | undefined
  #waiting = 0

  constructor(parser: Edi214Parser, input: X12Input, start: () => void) {
    this.#parser = parser
    this.#input = input
    this.#start = start
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<Shipment>> {
    if (this.#waiting === 0) {
      if (this.#at < this.#batch.length) return Promise.resolve({ done: false, value: this.#take() })
      if (this.#bytes !== undefined) {
        // The rest of the chunk in hand, without waiting for a turn of the event loop.
        let found: boolean
        try {
          found = this.#readSlices()
        } catch (error) {
          return this.#fail(error)
        }
        if (found) return Promise.resolve({ done: false, value: this.#take() })
      }
    }
    this.#waiting++
    const result = (this.#queue ?? Promise.resolve()).then(() => this.#fill())
    const settled = result.then(
      () => this.#waiting--,
      () => this.#waiting--,
    )
    this.#queue = settled
    return result
  }

  async return(): Promise<IteratorResult<Shipment>> {
    this.#batch = []
    this.#at = 0
    this.#bytes = undefined
    this.#finished = true
    await this.#chunks?.return?.(undefined)
    return DONE
  }

  /**
   * Parses slices of the chunk in hand until one completes a shipment (true) or the chunk is used up (false).
   */
  #readSlices(): boolean {
    const bytes = this.#bytes!
    while (this.#offset < bytes.length) {
      const at = this.#offset
      this.#offset += BATCH_BYTES
      const shipments = this.#parser.push(sliceAt(bytes, at))
      if (shipments.length) {
        this.#batch = shipments
        this.#at = 0
        return true
      }
    }
    this.#bytes = undefined
    return false
  }

  /** Closes the input (as a `for await` over it would on an error), then rejects with `error`. */
  async #fail(error: unknown): Promise<never> {
    this.#bytes = undefined
    this.#finished = true
    await this.#chunks?.return?.(undefined)
    throw error
  }

  /** The next shipment, reading input until one is complete. */
  async #fill(): Promise<IteratorResult<Shipment>> {
    while (this.#at >= this.#batch.length) {
      if (this.#finished) return DONE
      if (this.#bytes !== undefined) {
        try {
          if (this.#readSlices()) break
        } catch (error) {
          return this.#fail(error)
        }
        continue
      }
      if (this.#chunks === undefined) {
        this.#finished = true // until the stream is known not to have been iterated before
        this.#start()
        this.#finished = false
        this.#chunks = chunksOf(this.#input)
      }
      let next: IteratorResult<Uint8Array | string>
      try {
        next = await this.#chunks.next()
      } catch (error) {
        this.#finished = true
        throw error
      }
      if (next.done) {
        this.#finished = true
        this.#batch = this.#parser.end()
        this.#at = 0
      } else {
        const chunk = next.value
        this.#bytes = typeof chunk === 'string' ? toBuffer(chunk) : chunk
        this.#offset = 0
      }
    }
    return { done: false, value: this.#take() }
  }

  #take(): Shipment {
    const shipment = this.#batch[this.#at]!
    // Not kept by the iterator once handed out (the consumer decides how long a shipment lives).
    this.#batch[this.#at++] = undefined as unknown as Shipment
    return shipment
  }
}

/**
 * Parses a whole in-memory 214 file synchronously.
 * @example const { shipments, summary } = parse214(readFileSync('status.edi'))
 */
export function parse214(
  input: string | Uint8Array,
  options: Parse214Options = {},
): { shipments: Shipment[]; summary: Edi214Summary } {
  const parser = new Edi214Parser(options)
  const shipments = parser.push(input)
  for (const s of parser.end()) shipments.push(s)
  return { shipments, summary: parser.summary() }
}
