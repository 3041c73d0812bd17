/**
 * What the tracker finds in a timeline: data-quality anomalies (attached to the shipment, nothing dropped) and
 * alerts for people (raised once per dedupe key).
 */

export const ANOMALY_KINDS = [
  /** Delivered (or another terminal status), then an earlier-stage status again without a return. */
  'status_regression',
  /** An event time further in the future than the allowed clock skew. */
  'future_event',
  /** A scan before the label was created. */
  'before_label',
  /** Two scans further apart than any vehicle could travel in the time between them. */
  'impossible_travel',
  /** A time resolved from a configured default zone (neither carrier nor place gave one). */
  'fallback_zone',
  /** Two sources report the same event with conflicting facts (place, status). */
  'conflicting_duplicate',
  /** An event kept without a zone: its local time is known, its instant is not (`zoneSource: 'unknown'`). */
  'unknown_zone',
  /** The carrier scanned the parcel after the shipper cancelled the order. */
  'scan_after_cancel',
  /** The carrier has the parcel, but the shipper, who records handovers, recorded none for it. */
  'not_handed_over',
  /** The carrier's pieces or weight differ from what the shipper declared at handover. */
  'manifest_mismatch',
] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]

export type { Alert, Anomaly } from './schemas.js'

export const ALERT_KINDS = [
  'exception',
  'delivery_attempted',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
  /** The estimated delivery moved later. */
  'eta_later',
  /** Past the first promised delivery date and not delivered. */
  'late',
  /** No new event for longer than the status and service allow. */
  'stalled',
  'returned',
  /** Handed to the carrier, but no carrier scan within the configured time. */
  'missed_pickup',
  /** The carrier delivered a parcel whose order was cancelled. */
  'delivered_after_cancel',
  /** The carrier returned the parcel to the sender, and the shipper has not received it within the configured time. */
  'return_not_received',
] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
