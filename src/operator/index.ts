/**
 * `waybill/operator`: what the people running waybill look at and act on. `createOperatorView` serves the
 * exception queue, late and stalled shipments by carrier, returns pending, data freshness, KPIs and each
 * shipment's timeline with its raw records, behind an operator credential, as a fetch-style handler.
 */
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
export { createOperatorView, type OperatorView, type OperatorViewOptions } from './view.js'
