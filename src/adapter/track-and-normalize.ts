/**
 * `trackAndNormalize`: one REST read of a batch of numbers, as the tracker, both pollers and the conformance suite
 * do it. It calls the adapter's `track()` and hands each payload to `normalize` with the same context everywhere
 * (`source: 'rest'`, the numbers asked for as `requested`, and the caller's zone and origin). A `track()` failure
 * is thrown (callers tell throttling and aborts from other failures); a payload `normalize` refuses is returned
 * beside its error, so one bad payload does not hide the others.
 */
import { ConfigError } from '../errors/index.js'
import type { NormalizeResult } from '../model/core.js'
import type { Adapter, NormalizeContext, TrackContext } from './index.js'

/** Options of {@link trackAndNormalize}. */
export interface TrackAndNormalizeOptions {
  /**
   * Aborts the tracking call.
   * @default none
   */
  signal?: AbortSignal
  /**
   * The HTTP client `track()` uses instead of the adapter's own.
   * @default the adapter's own client
   */
  http?: TrackContext['http']
  /**
   * IANA zone for times `normalize` cannot place otherwise (marked `fallback`).
   * @default none (the adapter's own default, if any)
   * @example 'Europe/Berlin'
   */
  defaultZone?: string
  /**
   * Recorded in each event's raw record (a fixture name, a request id).
   * @default none
   * @example 'delivered-signature'
   */
  origin?: string
}

/** One payload `track()` returned, with what `normalize` made of it or the error it threw. */
export type TrackedPayload =
  | { payload: unknown; result: NormalizeResult; error?: undefined }
  | { payload: unknown; result?: undefined; error: unknown }

/** What {@link trackAndNormalize} read. */
export interface TrackAndNormalizeResult {
  /** The context every payload was normalized with (the tracker keeps it beside a stored payload). */
  context: NormalizeContext
  /** One entry per payload, in the order `track()` returned them. */
  payloads: TrackedPayload[]
}

/**
 * Tracks `numbers` with the adapter and normalizes each payload as a REST read of those numbers.
 * @example
 * const { payloads } = await trackAndNormalize(ups({ clientId, clientSecret }), ['1Z5R89390357567127'])
 * for (const p of payloads) if (p.result) console.log(p.result.shipments.length)
 */
export async function trackAndNormalize(
  adapter: Adapter,
  numbers: string[],
  options: TrackAndNormalizeOptions = {},
): Promise<TrackAndNormalizeResult> {
  if (!adapter.track) throw new ConfigError(`adapter '${adapter.id}' cannot track (it has no track())`)
  const payloads = await adapter.track(numbers, { signal: options.signal, http: options.http })
  const context: NormalizeContext = {
    source: 'rest',
    requested: numbers,
    ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
  }
  return { context, payloads: payloads.map((payload) => normalizeOne(adapter, payload, context)) }
}

function normalizeOne(adapter: Adapter, payload: unknown, context: NormalizeContext): TrackedPayload {
  try {
    return { payload, result: adapter.normalize(payload, context) }
  } catch (error) {
    return { payload, error }
  }
}
