/**
 * `waybill/tracker`: the facade a service developer touches first. Sources in (REST polls, webhooks, EDI and CSV
 * files), one deduplicated timeline per shipment out, with data-quality anomalies, alerts, customer messages and
 * delivery KPIs.
 */
export { evaluateAlerts, timedAlerts, windowEnd } from './alerts.js'
export { detectAnomalies, distanceKm } from './anomalies.js'
export {
  type AlertDescription,
  type DescribeOptions,
  type Description,
  describe,
  describeAlert,
  needsAction,
} from './describe.js'
export {
  type DeliveryKpis,
  type Distribution,
  type KpiSummary,
  kpiKey,
  quantile,
  type SummarizeOptions,
  summarize,
} from './kpis.js'
export { isSameEvent, type MergeOptions, type MergeOutcome, mergeEvents } from './merge.js'
export {
  type AlertContext,
  type EtaParts,
  MESSAGE_LANGUAGES,
  MESSAGES,
  type MessageTable,
  messagesFor,
} from './messages/index.js'
export { CORRECTABLE_FIELDS, type Correction } from './reprocess.js'
export {
  type ReconcileRules,
  reconcile,
  SHIPPER_EVENT_TYPES,
  type ShipperEvent,
  type ShipperEventInput,
  type ShipperEventType,
} from './shipper.js'
export { shipperEventSchema } from './shipper-schema.js'
export { createTracker, type Tracker } from './tracker.js'
export type * from './types.js'
