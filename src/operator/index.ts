/**
 * `waybill/operator`: what the people running waybill look at and act on. `createOperatorView` serves the
 * exception queue, late and stalled shipments by carrier, returns pending, data freshness, KPIs and each
 * shipment's timeline with its raw records, behind an operator credential, as a fetch-style handler;
 * `createAlertRouter` routes alerts by severity, carrier, kind and customer to owners and channels, escalates
 * those nobody acknowledges, and keeps its state in the `Store` so that many processes route each alert once.
 */

export {
  type AlertRouter,
  type AlertRouterOptions,
  createAlertRouter,
  type TickReport,
} from './alert-router.js'
export { MIN_SECRET_LENGTH, type OperatorCredential } from './credential.js'
export { KPI_DEFINITIONS, type KpiDefinition } from './kpi-definitions.js'
export {
  type CarrierFreshness,
  customerOf,
  EXCEPTION_STATUSES,
  type OperatorLists,
  type OperatorRow,
  operatorLists,
  type SourceFreshness,
} from './lists.js'
export {
  type AlertChannel,
  type AlertEmail,
  type AlertMatch,
  type AlertRule,
  type DeliveryStage,
  type EmailChannel,
  type EscalationTarget,
  matchRule,
  type WebhookChannel,
} from './routing-rules.js'
export type { Delivery, RoutedAlert } from './routing-state.js'
export { createOperatorView, type OperatorView, type OperatorViewOptions } from './view.js'
