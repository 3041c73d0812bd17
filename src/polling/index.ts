/**
 * `waybill/polling`: the scheduler that keeps many shipments fresh within each carrier's limits. Next poll by
 * status with jitter, batches up to the adapter's `maxBatch`, per-shipment error backoff, only never-emitted
 * events, a stalled signal, and state in a small `Store` so a restarted poller re-emits nothing.
 */
export { DEFAULT_INTERVALS } from './outcomes.js'
export { createPoller } from './poller.js'
export type { PgPool, PostgresPollQueueOptions } from './postgres-queue.js'
export {
  createSharedPoller,
  type SharedPoller,
  type SharedPollerOptions,
  type SharedPollerStats,
} from './shared-poller.js'
export {
  diffEvents,
  type EventDiff,
  SEEN_LIMIT,
  type SeenState,
  type ShipmentPollState,
  shortId,
} from './state.js'
export type {
  CarrierPollLimits,
  EventsChange,
  Poller,
  PollerChange,
  PollerOptions,
  PollerStats,
  PollIntervals,
} from './types.js'
