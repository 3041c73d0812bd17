/**
 * The shipper's own side of a shipment, next to the carrier's: order and warehouse events (placed, cancelled,
 * picked, packed, handed over with pieces and weight, return authorised, return received), and the reconciliation
 * rules that compare the two. Pure functions; the tracker stores the events on the tracking number's record and
 * runs the rules in the same atomic update (and the time-based ones in `checkTimers`). A return the shipper
 * authorised also goes on the timeline, as a `return_initiated` event (`raw.source: 'shipper'`).
 */
import { ssccOf } from '../identifiers/gs1-keys.js'
import {
  type Alert,
  type AlertKind,
  type Anomaly,
  computeEventId,
  eventInstant,
  type Shipment,
  type TrackingEvent,
} from '../model/core.js'
import type { ShipperEvent } from './shipper-schema.js'

export const SHIPPER_EVENT_TYPES = [
  'order_placed',
  'order_cancelled',
  'picked',
  'packed',
  /** Handed to the carrier (manifested), with the pieces and weight the shipper declared. */
  'handed_over',
  'return_authorised',
  'return_received',
] as const
export type ShipperEventType = (typeof SHIPPER_EVENT_TYPES)[number]

export type { ShipperEvent, ShipperEventInput } from './shipper-schema.js'

/** Thresholds of the reconciliation rules. */
export interface ReconcileRules {
  /** Hours after a handover without any carrier scan before `missed_pickup`. @default 24 */
  missedPickupHours?: number
  /** Days after the carrier returned a parcel to the sender without `return_received` before `return_not_received`. @default 7 */
  returnReceiptDays?: number
  /** Allowed difference between the declared and the carrier's weight, as a share. @default 0.1 */
  weightTolerance?: number
}

const KG: Record<string, number> = { kg: 1, g: 0.001, lb: 0.453_592_37, oz: 0.028_349_523_125 }

export function shipperEventId(e: Omit<ShipperEvent, 'id'> & { id?: string }): string {
  if (e.id) return e.id
  const base = [e.type, e.occurredAt, e.orderId ?? '', e.carrier ?? '', e.trackingNumber ?? ''].join('|')
  return e.sscc ? `${base}|${e.sscc}` : base
}

/**
 * The SSCCs a carrier shipment carries, by which the shipper's events may be linked to it: `identifiers.sscc`,
 * references read from an X12 `MAN*GM` (qualifier `GM`), and the tracking number when it is itself an SSCC (DHL
 * Parcel NVE, FedEx Ground SSCC-18). Each must have a valid check digit.
 */
export function ssccsOf(shipment: Pick<Shipment, 'trackingNumber' | 'identifiers'>): string[] {
  const found = new Set<string>()
  const add = (value: string | undefined) => {
    const sscc = ssccOf(value)
    if (sscc) found.add(sscc)
  }
  add(shipment.identifiers?.sscc)
  for (const ref of shipment.identifiers?.references ?? []) if (ref.qualifier === 'GM') add(ref.value)
  if (/^(?:\(00\))?\d{18,20}$/.test(shipment.trackingNumber)) add(shipment.trackingNumber)
  return [...found]
}

/** True for an event the tracker put on the timeline from the shipper's own events (not a carrier scan). */
export function fromShipper(event: Pick<TrackingEvent, 'raw'>): boolean {
  return event.raw.source === 'shipper'
}

/**
 * The shipper's events that go on the carrier timeline: each `return_authorised` becomes a `return_initiated`
 * event (status `returned_to_sender`, `raw.source: 'shipper'`, the shipper's event as `raw.record`), with a stable
 * id from the shipper event's id. Left out: one earlier than the shipment's first event (it belongs to an earlier
 * shipment of a reused number).
 */
export function shipperTimelineEvents(
  target: Pick<Shipment, 'carrier' | 'trackingNumber'>,
  events: readonly ShipperEvent[] | undefined,
  timeline: readonly TrackingEvent[],
): TrackingEvent[] {
  if (!events?.length) return []
  const starts = timeline
    .filter((e) => !fromShipper(e))
    .map(eventInstant)
    .filter((t) => !Number.isNaN(t))
  const start = starts.length ? Math.min(...starts) : Number.NaN
  const out: TrackingEvent[] = []
  for (const e of events) {
    if (e.type !== 'return_authorised') continue
    if (!Number.isNaN(start) && Date.parse(e.occurredAt) < start) continue
    out.push({
      id: computeEventId(
        target.carrier,
        target.trackingNumber,
        e.occurredAt,
        'shipper:return_authorised',
        undefined,
        e.id,
      ),
      carrier: target.carrier,
      trackingNumber: target.trackingNumber,
      status: 'returned_to_sender',
      milestone: 'return_initiated',
      occurredAt: e.occurredAt,
      zoneSource: 'carrier',
      precision: /T\d{2}:\d{2}:\d{2}/.test(e.occurredAt) ? 'second' : 'minute',
      description: 'Return authorised by the shipper',
      raw: { source: 'shipper', code: 'return_authorised', record: { ...e } },
    })
  }
  return out
}

/** Adds events not yet known (by id), in time order; returns the list and whether it changed. */
export function withShipperEvents(
  known: readonly ShipperEvent[] | undefined,
  incoming: readonly ShipperEvent[],
): { events: ShipperEvent[]; changed: boolean } {
  const events = [...(known ?? [])]
  const ids = new Set(events.map((e) => e.id))
  let changed = false
  for (const event of incoming)
    if (!ids.has(event.id)) {
      ids.add(event.id)
      events.push(event)
      changed = true
    }
  events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))
  return { events, changed }
}

const last = (events: readonly ShipperEvent[], type: ShipperEventType) =>
  events.filter((e) => e.type === type).at(-1)

/** Carrier scans after the label: the carrier has the parcel (events taken from the shipper's side are not scans). */
function carrierScans(shipment: Shipment | undefined) {
  return (shipment?.events ?? []).filter(
    (e) => e.status !== 'pre_transit' && e.milestone !== 'label_created' && !fromShipper(e),
  )
}

function alert(
  kind: AlertKind,
  shipment: Pick<Shipment, 'carrier' | 'trackingNumber'>,
  now: Date,
  dedupe: string,
): Alert {
  const severity = kind === 'delivered_after_cancel' ? 'critical' : 'warning'
  return {
    kind,
    severity,
    dedupeKey: `${shipment.carrier}:${shipment.trackingNumber}::${kind}:${dedupe}`,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    raisedAt: now.toISOString(),
  }
}

/**
 * Findings from comparing the shipper's events with the carrier's timeline (`shipment` undefined: the carrier has
 * reported nothing yet). Anomalies describe the data; alerts ask someone to act.
 */
export function reconcile(
  shipment: Shipment | undefined,
  target: Pick<Shipment, 'carrier' | 'trackingNumber'>,
  events: readonly ShipperEvent[],
  now: Date,
  rules: ReconcileRules = {},
): { anomalies: Anomaly[]; alerts: Alert[] } {
  const anomalies: Anomaly[] = []
  const alerts: Alert[] = []
  const handover = last(events, 'handed_over')
  const cancelled = last(events, 'order_cancelled')
  const scans = carrierScans(shipment)

  if (handover && !scans.length) {
    const due = Date.parse(handover.occurredAt) + (rules.missedPickupHours ?? 24) * 3_600_000
    if (now.getTime() >= due) alerts.push(alert('missed_pickup', target, now, handover.id))
  }
  if (cancelled) {
    const after = scans.filter((e) => {
      const t = eventInstant(e)
      return Number.isNaN(t) || t >= Date.parse(cancelled.occurredAt)
    })
    if (after.length)
      anomalies.push({
        kind: 'scan_after_cancel',
        message: `the carrier scanned the parcel after the order was cancelled (${cancelled.occurredAt})`,
        eventIds: after.map((e) => e.id),
        key: `scan_after_cancel:${cancelled.id}`,
      })
    if (shipment?.status === 'delivered')
      alerts.push(alert('delivered_after_cancel', target, now, cancelled.id))
  }
  if (scans.length && !handover && events.some((e) => e.type === 'packed' || e.type === 'picked'))
    anomalies.push({
      kind: 'not_handed_over',
      message: 'the carrier has the parcel, but the shipper recorded no handover for it',
      eventIds: [scans[0]!.id],
      key: 'not_handed_over',
    })
  if (shipment?.status === 'returned_to_sender' && !last(events, 'return_received')) {
    // The carrier's own report of the return (a return the shipper authorised is not the carrier's word).
    const back = shipment.events.filter((e) => e.status === 'returned_to_sender' && !fromShipper(e)).at(-1)
    const at = back ? eventInstant(back) : Number.NaN
    if (!Number.isNaN(at) && now.getTime() >= at + (rules.returnReceiptDays ?? 7) * 86_400_000)
      alerts.push(alert('return_not_received', target, now, back!.id))
  }
  if (handover && shipment) {
    const mismatches: string[] = []
    if (handover.pieces !== undefined && shipment.pieces !== undefined && handover.pieces !== shipment.pieces)
      mismatches.push(`pieces ${handover.pieces} declared, ${shipment.pieces} reported`)
    if (handover.weightKg !== undefined && shipment.weight) {
      const reported = shipment.weight.value * (KG[shipment.weight.unit] ?? 1)
      if (Math.abs(reported - handover.weightKg) > handover.weightKg * (rules.weightTolerance ?? 0.1))
        mismatches.push(`weight ${handover.weightKg} kg declared, ${reported.toFixed(2)} kg reported`)
    }
    if (mismatches.length)
      anomalies.push({
        kind: 'manifest_mismatch',
        message: `the carrier's shipment differs from the manifest: ${mismatches.join('; ')}`,
        eventIds: [],
        key: `manifest_mismatch:${handover.id}:${mismatches.join(',')}`,
      })
  }
  return { anomalies, alerts }
}

/** First-scan lag after handover (ms), when both are known: the KPI of how fast the carrier takes a parcel in. */
export function firstScanLagMs(
  shipment: Shipment | undefined,
  events: readonly ShipperEvent[],
): number | undefined {
  const handover = last(events, 'handed_over')
  const first = carrierScans(shipment)
    .map(eventInstant)
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b)[0]
  return handover && first !== undefined ? first - Date.parse(handover.occurredAt) : undefined
}
