/**
 * waybill: every way a carrier reports a shipment — REST APIs, webhooks, SFTP drops, X12 214 files — in, one
 * canonical, trustworthy timeline per shipment out.
 *
 * The root entry has the tracker facade and everything it is made of, and loads no validation library: the zod
 * schemas of the model (`shipmentSchema`, `trackingEventSchema`…) and of shipper events are on `waybill/model` and
 * `waybill/tracker`, the zod building blocks for adapter schemas (`lenient`) and the adapters' internal helpers on
 * their area entries, EPCIS export on `waybill/epcis` and outbound webhook messages on `waybill/webhooks/outbound`
 * (both validate with zod). Each part is also its own entry (`waybill/model`, `waybill/time`, `waybill/http`,
 * `waybill/polling`, `waybill/webhooks`, `waybill/edi`, `waybill/sftp`, `waybill/identifiers`, `waybill/epcis`,
 * `waybill/tracker`, `waybill/ui`), the adapters are `waybill/adapters/<id>`, and the conformance suite is
 * `waybill/testing`. Every type of those entries is exported here too.
 */

// Values come from the adapter kit's own files: `adapter/index.js` also loads `lenient` (zod).
export { readEventTime } from './adapter/event-time.js'
export type * from './adapter/index.js'
export {
  createEvent,
  mapCode,
  parseJsonBody,
  parsePayload,
  placeMemo,
  timeLocationOf,
} from './adapter/kit.js'
export { UniqueEvents } from './adapter/unique-events.js'
export { parseXmlBody } from './adapter/xml.js'
export * from './edi/index.js'
export type * from './epcis/index.js'
export * from './errors/index.js'
export type * from './http/index.js'
export {
  carrierHttpError,
  createHttpClient,
  createRateLimiter,
  DEFAULT_RETRY,
  fetchTransport,
  LimiterBackendError,
  manualClock,
  oauth2ClientCredentials,
  parseRetryAfter,
  postgresLimiterBackend,
  redisLimiterBackend,
  SHARED_WINDOW_GUARD_MS,
  systemClock,
  undiciTransport,
} from './http/index.js'
export * from './identifiers/index.js'
export * from './model/core.js'
export type * from './model/index.js'
export * from './polling/index.js'
export {
  type BytesParser,
  type FileOutcome,
  type FileParser,
  type PollResult,
  type SftpSource,
  sftpSource,
} from './sftp/index.js'
export {
  memoryStore,
  type Store,
  type StoreTransaction,
  type StoreValue,
  type WriteOptions,
} from './store/index.js'
export { type PgliteStoreOptions, pgliteStore, type SqlClient } from './store/pglite.js'
export { type PostgresStoreOptions, postgresStore } from './store/postgres.js'
export type * from './time/index.js'
export {
  assertZone,
  countryOf,
  countryOfRegion,
  isIsoWithOffset,
  normalizeEventTime,
  normalizeTime,
  placeOfCode,
  preloadPlaces,
  resolvePlace,
  toInstant,
  zoneAtCoordinates,
  zoneForLocation,
} from './time/index.js'
// Values come from the tracker's own files: `tracker/index.js` also exports the shipper-event schema (zod), which
// the tracker itself loads on the first `ingestShipperEvents` call.
export { evaluateAlerts, timedAlerts, windowEnd } from './tracker/alerts.js'
export { detectAnomalies, distanceKm } from './tracker/anomalies.js'
export { describe, describeAlert } from './tracker/describe.js'
export type * from './tracker/index.js'
export { kpiKey, quantile, summarize } from './tracker/kpis.js'
export { isSameEvent, mergeEvents } from './tracker/merge.js'
export { MESSAGE_LANGUAGES, MESSAGES, messagesFor } from './tracker/messages/index.js'
export { CORRECTABLE_FIELDS } from './tracker/reprocess.js'
export { reconcile, SHIPPER_EVENT_TYPES } from './tracker/shipper.js'
export { createTracker } from './tracker/tracker.js'
export * from './webhooks/index.js'
export type * from './webhooks/outbound.js'
