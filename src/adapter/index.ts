/**
 * The adapter contract (docs/writing-an-adapter.md): what a carrier adapter is, as types.
 *
 * An adapter is a typed factory (`ups(options) -> Adapter`). `normalize` is pure, synchronous and holds all the
 * carrier knowledge; `track` does I/O only. Adapters never throw from `normalize` for an unknown code (they map it
 * to `unknown` and warn) and throw a `WaybillError` naming the path for a malformed payload.
 */
import type { HttpClient } from '../http/types.js'
import type { NormalizeResult, RawSource } from '../model/core.js'
import { list, optionalObject, text } from './lenient.js'

export { type EventTimeField, readEventTime } from './event-time.js'
export * from './kit.js'
/**
 * For adapter authors: zod building blocks for carrier payloads that are loose about scalars, arrays and nulls
 * (`lenient.text`, `lenient.list(item)`, `lenient.optionalObject(shape)`), so every adapter schema is lenient in
 * the same, documented ways.
 *
 * A frozen object rather than `export * as`: a namespace re-export made the bundler emit a shared runtime helper
 * chunk that every entry of the built package then loaded, one more file per import (#26).
 * @example const { list, optionalObject, text } = lenient; const scan = z.object({ code: text, lines: list(text) })
 */
export const lenient: Readonly<{
  list: typeof list
  optionalObject: typeof optionalObject
  text: typeof text
}> = Object.freeze({ list, optionalObject, text })
export type { ResultSink, SinkOptions } from './sink.js'
export type { StreamedFile, StreamParser } from './stream-parser.js'
export {
  type TrackAndNormalizeOptions,
  type TrackAndNormalizeResult,
  type TrackedPayload,
  trackAndNormalize,
} from './track-and-normalize.js'
export { UniqueEvents } from './unique-events.js'
/** For XML carriers: a carrier answer → plain objects, DOCTYPE refused (src/adapter/xml.ts). */
export { parseXmlBody } from './xml.js'

/** What an adapter can do. Capabilities it does not declare are skipped by the conformance suite. */
export interface AdapterCapabilities {
  /** `track()` is implemented (REST). */
  track?: true
  /** How many numbers one `track()` call accepts. @default 1 */
  batch?: number
  /** The adapter parses pushed webhook deliveries. */
  webhooks?: true
  /** File formats `normalize` reads. */
  files?: ('edi214' | 'csv')[]
}

/** The carrier's published limits, used as defaults by the rate limiter and the poller. */
export interface AdapterLimits {
  requestsPerSecond?: number
  burst?: number
  perDay?: number
  /** Hour (0–23) at which the daily quota resets. @default 0 */
  dailyResetHour?: number
  /** IANA zone of the daily reset. @default 'UTC' */
  dailyResetZone?: string
  maxBatch?: number
}

export interface NormalizeContext {
  /** What kind of source produced the payload. @default 'rest' */
  source?: RawSource
  /** IANA zone used when neither the carrier nor the place gives one (marked `fallback`). */
  defaultZone?: string
  /** A file name, delivery id or request id to record in each event's raw record. */
  origin?: string
  /** The numbers that were asked for (lets an adapter report the ones missing from a batch as not found). */
  requested?: readonly string[]
}

export interface TrackContext {
  signal?: AbortSignal
  /** Overrides the adapter's own HTTP client (tests, custom transports). */
  http?: HttpClient
}

/** How a webhook delivery for this adapter is verified and read. */
export interface AdapterWebhook {
  /** A scheme id (`'standard-webhooks'`, `'easypost'`, ...) or a configured scheme object from `waybill/webhooks`. */
  scheme: string | { readonly id: string }
  /** Raw bytes of a verified delivery to the payload `normalize` takes. Throws a ParseError when unreadable. */
  parse(rawBody: Uint8Array): unknown
  /** The delivery id used for de-duplication, when the payload has one. */
  deliveryId?(payload: unknown, headers: Record<string, string>): string | undefined
}

export interface Adapter {
  /** Stable id, e.g. `'ups'`; also the `carrier` of every event it produces. */
  readonly id: string
  readonly name: string
  readonly scac?: string
  readonly capabilities: AdapterCapabilities
  /**
   * Confidence 0..1 (never 1) that a tracking number (as the user typed it: spaces, dashes and case included; see
   * `normalizeTrackingNumber`) belongs to this carrier; 0 = not this carrier's. The tracker
   * tries adapters in this order (`rankAdapters` in `waybill/identifiers`); an adapter without `detect` is scored
   * from the carrier descriptor whose `id` equals its own. Shipped adapters return
   * `carrierConfidence(number, [theirDescriptor])`, which a custom adapter can reuse with its own descriptor.
   * @example detect: (n) => carrierConfidence(n, [acmeCarrier])
   */
  detect?(trackingNumber: string): number
  /** Pure, synchronous, no I/O. */
  normalize(payload: unknown, ctx?: NormalizeContext): NormalizeResult
  /** Fetches raw payloads for `numbers` (at most `capabilities.batch`); I/O only. */
  track?(numbers: string[], ctx?: TrackContext): Promise<unknown[]>
  readonly webhook?: AdapterWebhook
  readonly limits?: AdapterLimits
}

/** The factory shape every adapter module exports. */
export type AdapterFactory<Options = void> = (options: Options) => Adapter
