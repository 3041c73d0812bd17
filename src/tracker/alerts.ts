/**
 * Alert rules: status alerts when the current status changes, ETA alerts when the estimate moves, and
 * time-based alerts (late, stalled). Every alert has a dedupe key so that it is raised once, not on every poll.
 */
import type { Alert, DeliveryWindow, Shipment } from '../model/core.js'
import { instantOfTime, wallTimeOf } from '../model/event-time.js'
import { isTerminal } from '../model/status-values.js'
import type { AlertRules, TrackedRecord } from './types.js'

const DEFAULT_SEVERITY: Record<Alert['kind'], Alert['severity']> = {
  exception: 'warning',
  delivery_attempted: 'warning',
  out_for_delivery: 'info',
  available_for_pickup: 'info',
  delivered: 'info',
  eta_later: 'warning',
  late: 'critical',
  stalled: 'warning',
  returned: 'warning',
  missed_pickup: 'warning',
  delivered_after_cancel: 'critical',
  return_not_received: 'warning',
}

const STATUS_ALERTS: Partial<Record<Shipment['status'], Alert['kind']>> = {
  exception: 'exception',
  delivery_attempted: 'delivery_attempted',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'available_for_pickup',
  delivered: 'delivered',
  returned_to_sender: 'returned',
}

const DEFAULT_STALLED_HOURS: Record<string, number> = {
  pre_transit: 72,
  in_transit: 48,
  out_for_delivery: 12,
  exception: 24,
  delivery_attempted: 24,
  available_for_pickup: 120,
  default: 48,
}

function make(
  kind: Alert['kind'],
  shipment: Shipment,
  rules: AlertRules,
  now: Date,
  dedupe: string,
  extra: Partial<Alert> = {},
): Alert | undefined {
  if (rules.disabled?.includes(kind)) return undefined
  return {
    kind,
    severity: rules.severity?.[kind] ?? DEFAULT_SEVERITY[kind],
    dedupeKey: `${shipment.carrier}:${shipment.trackingNumber}:${shipment.carrierShipmentId ?? ''}:${kind}:${dedupe}`,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    raisedAt: now.toISOString(),
    ...(shipment.estimatedDelivery ? { estimatedDelivery: shipment.estimatedDelivery } : {}),
    ...extra,
  }
}

/**
 * The latest instant a window allows: its end, or the end of its last day for a date-only estimate (a `day`
 * window `{ from: 'Mon', to: 'Wed' }` allows all of Wednesday).
 */
export function windowEnd(window: DeliveryWindow): number | undefined {
  const edge = window.to ?? window.from
  if (!edge) return undefined
  if (window.precision === 'day') {
    // The end of the edge's calendar day in the edge's own offset, whatever time of day the source wrote for it
    // (midnight, or 23:59:59 as USPS's day windows have): not a day after that time.
    const day = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]*)?(Z|[+-]\d{2}:\d{2})?$/.exec(edge)
    if (day) return Date.parse(`${day[1]}T00:00:00${day[2] ?? 'Z'}`) + 86_400_000 - 1
    return Date.parse(edge) + 86_400_000 - 1
  }
  return Date.parse(edge)
}

export interface EvaluateAlertsInput {
  previous: Shipment | undefined
  current: Shipment
  firstEstimate: DeliveryWindow | undefined
  now: Date
  rules: AlertRules
}

/** Alerts caused by a change from `previous` to `current`. */
export function evaluateAlerts({
  previous,
  current,
  firstEstimate,
  now,
  rules,
}: EvaluateAlertsInput): Alert[] {
  const out: (Alert | undefined)[] = []
  const latest = [...current.events].reverse().find((e) => e.status === current.status)
  const statusKind = STATUS_ALERTS[current.status]
  if (
    statusKind &&
    latest &&
    (previous?.status !== current.status || !previous.events.some((e) => e.id === latest.id))
  )
    out.push(make(statusKind, current, rules, now, latest.id, { eventId: latest.id }))

  const before = previous?.estimatedDelivery
  const after = current.estimatedDelivery
  const beforeEnd = before && windowEnd(before)
  const afterEnd = after && windowEnd(after)
  if (
    before &&
    beforeEnd !== undefined &&
    afterEnd !== undefined &&
    afterEnd > beforeEnd &&
    !isTerminal(current.status, current.milestone)
  )
    out.push(
      make('eta_later', current, rules, now, `${after?.from ?? ''}/${after?.to ?? ''}`, {
        previousEstimate: before,
      }),
    )

  out.push(lateAlert(current, firstEstimate, now, rules))
  return out.filter((a): a is Alert => a !== undefined)
}

function lateAlert(
  shipment: Shipment,
  firstEstimate: DeliveryWindow | undefined,
  now: Date,
  rules: AlertRules,
): Alert | undefined {
  if (!firstEstimate || isTerminal(shipment.status, shipment.milestone)) return undefined
  const end = windowEnd(firstEstimate)
  if (end === undefined || now.getTime() <= end) return undefined
  return make('late', shipment, rules, now, `${firstEstimate.from ?? ''}/${firstEstimate.to ?? ''}`, {
    previousEstimate: firstEstimate,
  })
}

function stalledHours(shipment: Shipment, rules: AlertRules): number {
  const table = { ...DEFAULT_STALLED_HOURS, ...rules.stalledAfterHours }
  const service = `${shipment.service?.name ?? ''} ${shipment.service?.code ?? ''}`.toLowerCase()
  for (const [needle, hours] of Object.entries(rules.stalledAfterHours?.byService ?? {}))
    if (service.includes(needle.toLowerCase())) return hours
  return (table[shipment.status] as number | undefined) ?? (table.default as number)
}

/** Time-based alerts for one stored shipment: late against the first promise, and stalled. */
export function timedAlerts({
  record,
  now,
  rules,
}: {
  record: TrackedRecord
  now: Date
  rules: AlertRules
}): Alert[] {
  const { shipment } = record
  const out: (Alert | undefined)[] = [lateAlert(shipment, record.firstEstimate, now, rules)]
  const last = shipment.events[shipment.events.length - 1]
  if (last && !isTerminal(shipment.status, shipment.milestone)) {
    const hours = (now.getTime() - latestInstant(last.occurredAt)) / 3_600_000
    if (hours > stalledHours(shipment, rules))
      out.push(
        make('stalled', shipment, rules, now, last.id, {
          eventId: last.id,
          hoursSinceLastEvent: Math.round(hours),
        }),
      )
  }
  return out.filter((a): a is Alert => a !== undefined)
}

/** No zone is more than 12 hours behind UTC. */
const MAX_BEHIND_MS = 12 * 3_600_000

/**
 * The instant of an event time; for a local time without zone the latest instant it can name (its wall time at
 * UTC-12), so that a shipment is never called stalled earlier than it could be.
 */
function latestInstant(occurredAt: string): number {
  const instant = instantOfTime(occurredAt)
  return Number.isNaN(instant) ? wallTimeOf(occurredAt) + MAX_BEHIND_MS : instant
}
