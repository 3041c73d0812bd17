/** Public types of `waybill/polling`: options, changes and stats of the poller. */
import type { Adapter, ResultSink } from '../adapter/index.js'
import type { Clock, HttpClient, RateLimiter, RateLimitOptions } from '../http/index.js'
import type { Milestone, Shipment, Status, TrackingEvent } from '../model/core.js'
import type { Store } from '../store/index.js'
import type { ShipmentPollState } from './state.js'

/** Milliseconds between polls, per current status (plus `notFound` for numbers the carrier does not know yet). */
export type PollIntervals = Record<Status | 'notFound', number>

/** Limits per carrier (override the adapter's own `limits`). */
export interface CarrierPollLimits extends Partial<RateLimitOptions> {
  /** Numbers per `track()` call. @default adapter.limits.maxBatch ?? adapter.capabilities.batch ?? 1 */
  maxBatch?: number
}

/** Options of {@link createPoller}. */
export interface PollerOptions {
  /** The carriers to poll; only adapters with `track` can have shipments added. */
  adapters: readonly Adapter[]
  /**
   * Where per-shipment state lives. The private limiter (no `limiter` option) also keeps its daily quota counts
   * here (`waybill:quota:poller:<carrier>`), so a restart does not start them at 0.
   * @default memoryStore()
   */
  store?: Store
  /** Key prefix in the store. @default 'poller' */
  namespace?: string
  /**
   * Poll intervals per status. Terminal statuses are polled again after their interval until confirmed.
   * @default { pre_transit: 6 h, in_transit: 2 h, out_for_delivery: 20 min, available_for_pickup: 4 h,
   *   delivery_attempted: 1 h, exception: 1 h, returned_to_sender: 4 h, delivered: 1 h, failure: 1 h,
   *   cancelled: 1 h, unknown: 2 h, notFound: 3 h }
   */
  intervals?: Partial<PollIntervals>
  /** Spread of each interval, as a fraction (0.1 = ±10 %), so polls do not bunch. @default 0.1 */
  jitter?: number
  /** Consecutive polls that must show a terminal status before polling stops. @default 2 */
  confirmTerminal?: number
  /** Emit `stalled` when no new event arrived for this long. @default 72 h */
  stalledAfterMs?: number
  /** Per-shipment backoff after a failed poll: base doubling up to cap, jittered. @default { baseMs: 60_000, capMs: 6 h } */
  errorBackoff?: { baseMs?: number; capMs?: number }
  /** Limits per carrier id. Without any requests-per-second figure a carrier is polled at 1 request/second. */
  limits?: Record<string, CarrierPollLimits>
  /**
   * The limiter the poller takes one token from per `track()` call.
   * @default a private one (keeping daily quota counts in `store`)
   */
  limiter?: RateLimiter
  /** `track()` calls in flight per carrier. @default 4 */
  concurrency?: number
  /** The HTTP client passed to adapters as `ctx.http` (one for all, or per adapter). @default the adapter's own */
  http?: HttpClient | ((adapter: Adapter) => HttpClient | undefined)
  /**
   * Where each shipment with new events goes (and each number the carrier does not know), before `onEvents`:
   * pass the tracker. Awaited; when it throws, the events are offered again on the next poll.
   * @example createPoller({ adapters: [ups({ clientId, clientSecret })], store, sink: tracker })
   */
  sink?: ResultSink
  /** New events of one shipment. Awaited; when it throws, the events are offered again on the next poll. */
  onEvents?: (change: EventsChange) => unknown
  /** Every change (events, not_found, error, stalled, completed). Awaited like `onEvents`. */
  onChange?: (change: PollerChange) => unknown
  /** Aborting it stops the poller and aborts in-flight requests. */
  signal?: AbortSignal
  /**
   * How long `stop({ abort: true })` waits for in-flight `track()` calls after aborting them. Calls still
   * running then (an adapter that ignores the signal) are abandoned: `stop` returns, and their results, if
   * they ever come, are dropped without emitting or saving anything, so the shipments stay due for the next
   * poller on the same store.
   * @default 2_000
   * @example createPoller({ adapters, store, abortGraceMs: 500 })
   */
  abortGraceMs?: number
  clock?: Clock
  /** @default Math.random */
  random?: () => number
}

interface ChangeBase {
  carrier: string
  trackingNumber: string
}

/** New events for one shipment (never emitted before by this store). */
export interface EventsChange extends ChangeBase {
  type: 'events'
  events: TrackingEvent[]
  status: Status
  milestone: Milestone
  shipment: Shipment
}

export type PollerChange =
  | EventsChange
  | (ChangeBase & { type: 'not_found'; carrierCode?: string; message?: string })
  | (ChangeBase & { type: 'error'; error: Error; errors: number; nextPollAt: number })
  | (ChangeBase & { type: 'stalled'; lastChangeAt: number; status?: Status })
  | (ChangeBase & { type: 'completed'; status: Status; milestone: Milestone })

/** Counters for metrics and benchmarks. */
export interface PollerStats {
  /** Shipments scheduled (not done). */
  tracked: number
  /** `track()` calls in flight. */
  inFlight: number
  /** `track()` calls made. */
  requests: number
  /** Shipment polls completed (one per number per call). */
  polls: number
  /** Events emitted. */
  events: number
  /** Failed shipment polls. */
  errors: number
}

export interface Poller {
  /** Starts tracking a number (no-op when already tracked; a finished one stays finished). */
  add(carrier: string, trackingNumber: string): Promise<void>
  /** Stops tracking and forgets the state. Returns whether it was tracked. */
  remove(carrier: string, trackingNumber: string): Promise<boolean>
  /** Loads state from the store and starts polling. */
  start(): Promise<void>
  /** Stops polling and waits for in-flight calls to finish (or aborts them with `abort: true`). */
  stop(opts?: { abort?: boolean }): Promise<void>
  /** An async iterator of every change from now on; it ends when the poller stops. */
  changes(): AsyncIterableIterator<PollerChange>
  /** The stored state of one shipment. */
  state(carrier: string, trackingNumber: string): Promise<ShipmentPollState | undefined>
  stats(): PollerStats
}
