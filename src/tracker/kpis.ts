/**
 * Delivery KPIs: `summarize(shipments)` gives, per carrier and overall, the on-time rate against the first promised
 * estimate, transit time, dwell time at facilities, exception rate, tracking coverage and data freshness.
 * A pure function over the canonical model (or the tracker's stored records).
 */
import { ValidationError } from '../errors/index.js'
import {
  type DeliveryWindow,
  instantOfTime,
  isTerminal,
  type Location,
  type Shipment,
} from '../model/core.js'
import { windowEnd } from './alerts.js'
import type { TrackedRecord } from './types.js'

export interface SummarizeOptions {
  /** Open shipments past their promised window count as late from this instant on. @default new Date() */
  now?: Date
  /**
   * The first promised estimate per shipment, keyed by {@link kpiKey}. It wins over the shipment's current
   * `estimatedDelivery` (which may have moved since). A {@link TrackedRecord} passed in brings its own
   * `firstEstimate`, which is used when the map has no entry.
   */
  firstEstimates?: ReadonlyMap<string, DeliveryWindow>
  /**
   * When each event reached you, by event id (ISO 8601 string, Date or epoch ms). Freshness is this minus the
   * event's time. Without an entry, a {@link TrackedRecord}'s `ingestLag` is used.
   */
  ingestedAt?: ReadonlyMap<string, string | Date | number>
}

/** A distribution: how many values, their median and 90th percentile (`null` when there is no value). */
export interface Distribution {
  count: number
  median: number | null
  p90: number | null
}

export interface DeliveryKpis {
  /** Shipments in this group. */
  shipments: number
  /**
   * Measured: delivered shipments with a promise, plus open ones already past it (late whatever happens next).
   * Cancelled, failed and returned shipments are not measured.
   */
  onTime: { measured: number; onTime: number; rate: number | null }
  /** First pick-up or in-transit scan to delivery, in hours (delivered shipments). */
  transitHours: Distribution
  /** Arrival at a facility to the next departure from the same facility, in hours (every such pair). */
  dwellHours: Distribution
  /** Shipments that had at least one `exception` event. */
  exceptions: { count: number; rate: number | null }
  /** Shipments with a first scan (pick-up or in transit), with a final status, and with both (`rate` = both). */
  coverage: { withFirstScan: number; withFinalStatus: number; complete: number; rate: number | null }
  /** Event time to ingest time, in minutes (every event with a known ingest time). */
  freshnessMinutes: Distribution
  /**
   * Events kept without a zone (`zoneSource: 'unknown'`: a local time, no instant), and the shipments for which
   * such an event left a measure out: on-time and transit need the delivery's and first scan's instants, dwell
   * and freshness their events' instants. Such measures are left out, never guessed.
   */
  unknownZone: { events: number; shipmentsNotMeasured: number }
}

export interface KpiSummary {
  overall: DeliveryKpis
  byCarrier: Record<string, DeliveryKpis>
}

/** The key of a shipment in {@link SummarizeOptions.firstEstimates}: `carrier:NUMBER` (`:carrierShipmentId`). */
export function kpiKey(shipment: Pick<Shipment, 'carrier' | 'trackingNumber' | 'carrierShipmentId'>): string {
  const base = `${shipment.carrier}:${shipment.trackingNumber.toUpperCase()}`
  return shipment.carrierShipmentId ? `${base}:${shipment.carrierShipmentId}` : base
}

/**
 * The p-th quantile (0..1) of sorted values, interpolating linearly between the closest ranks (the method of
 * numpy's default and Excel's PERCENTILE.INC).
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const a = sorted[lo] as number
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number
  return a + (h - lo) * (b - a)
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b)
  return { count: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) }
}

interface Facts {
  carrier: string
  /** undefined: not measured. */
  onTime?: boolean
  transit?: number
  dwells: number[]
  exception: boolean
  firstScan: boolean
  final: boolean
  freshness: number[]
  unknownZoneEvents: number
  /** A measure was left out because an event it needed had no instant. */
  notMeasured: boolean
}

const HOUR = 3_600_000

function norm(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase()
}

function samePlace(a: Location | undefined, b: Location | undefined): boolean {
  if (!a || !b) return false
  if (a.facility && b.facility) return norm(a.facility) === norm(b.facility)
  if (a.countryCode && b.countryCode && a.countryCode !== b.countryCode) return false
  return Boolean(a.city && b.city && norm(a.city) === norm(b.city))
}

function dwellTimes(shipment: Shipment): number[] {
  const out: number[] = []
  let open: Shipment['events'][number] | undefined
  for (const event of shipment.events) {
    if (event.milestone === 'arrived_at_facility') {
      if (!open || !samePlace(open.location, event.location)) open = event
    } else if (event.milestone === 'departed_facility' && open && samePlace(open.location, event.location)) {
      const hours = (instantOfTime(event.occurredAt) - instantOfTime(open.occurredAt)) / HOUR
      if (!Number.isNaN(hours)) out.push(hours) // an unknown zone on either side: left out (counted)
      open = undefined
    }
  }
  return out
}

/** True when an arrival/departure pair at one place has an event without instant. */
function dwellUnknown(shipment: Shipment): boolean {
  return shipment.events.some(
    (e) =>
      e.zoneSource === 'unknown' &&
      (e.milestone === 'arrived_at_facility' || e.milestone === 'departed_facility'),
  )
}

function toMs(value: string | Date | number): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
}

function facts(
  shipment: Shipment,
  record: TrackedRecord | undefined,
  options: SummarizeOptions,
  now: number,
): Facts {
  const events = shipment.events
  const first = events.find((e) => e.milestone === 'picked_up' || e.status === 'in_transit')
  const deliveredEvent = events.find((e) => e.status === 'delivered')
  const delivered =
    shipment.status === 'delivered'
      ? instantOfTime(shipment.deliveredAt ?? deliveredEvent?.occurredAt ?? '')
      : Number.NaN
  const promise =
    options.firstEstimates?.get(kpiKey(shipment)) ?? record?.firstEstimate ?? shipment.estimatedDelivery
  const end = promise ? windowEnd(promise) : undefined
  const final = isTerminal(shipment.status, shipment.milestone)
  let onTime: boolean | undefined
  if (end !== undefined && !Number.isNaN(delivered)) onTime = delivered <= end
  else if (end !== undefined && !final && now > end) onTime = false

  const start = first ? instantOfTime(first.occurredAt) : Number.NaN
  const transit = (delivered - start) / HOUR
  const known = options.ingestedAt
  let freshness = events
    .filter((e) => known?.has(e.id))
    .map((e) => (toMs(known?.get(e.id) as string) - instantOfTime(e.occurredAt)) / 60_000)
    .filter((v) => !Number.isNaN(v))
  if (!freshness.length && record?.ingestLag) freshness = record.ingestLag.map((ms) => ms / 60_000)

  const unknownZoneEvents = events.filter((e) => e.zoneSource === 'unknown').length
  const deliveredUnknown = shipment.status === 'delivered' && Number.isNaN(delivered)
  const firstUnknown = first !== undefined && first.zoneSource === 'unknown'
  return {
    carrier: shipment.carrier,
    unknownZoneEvents,
    notMeasured: unknownZoneEvents > 0 && (deliveredUnknown || firstUnknown || dwellUnknown(shipment)),
    ...(onTime === undefined ? {} : { onTime }),
    ...(transit >= 0 ? { transit } : {}),
    dwells: dwellTimes(shipment),
    exception: events.some((e) => e.status === 'exception'),
    firstScan: first !== undefined,
    final,
    freshness,
  }
}

function rate(part: number, whole: number): number | null {
  return whole ? part / whole : null
}

function aggregate(group: readonly Facts[]): DeliveryKpis {
  const measured = group.filter((f) => f.onTime !== undefined)
  const onTime = measured.filter((f) => f.onTime).length
  const exceptions = group.filter((f) => f.exception).length
  const complete = group.filter((f) => f.firstScan && f.final).length
  return {
    shipments: group.length,
    onTime: { measured: measured.length, onTime, rate: rate(onTime, measured.length) },
    transitHours: distribution(group.flatMap((f) => (f.transit === undefined ? [] : [f.transit]))),
    dwellHours: distribution(group.flatMap((f) => f.dwells)),
    exceptions: { count: exceptions, rate: rate(exceptions, group.length) },
    coverage: {
      withFirstScan: group.filter((f) => f.firstScan).length,
      withFinalStatus: group.filter((f) => f.final).length,
      complete,
      rate: rate(complete, group.length),
    },
    freshnessMinutes: distribution(group.flatMap((f) => f.freshness)),
    unknownZone: {
      events: group.reduce((sum, f) => sum + f.unknownZoneEvents, 0),
      shipmentsNotMeasured: group.filter((f) => f.notMeasured).length,
    },
  }
}

/**
 * Delivery KPIs per carrier and overall. Pass shipments, or the tracker's stored records (which carry the first
 * promised estimate and ingest lags).
 * @example
 * const kpis = summarize(shipments, { now: new Date() })
 * kpis.byCarrier.ups?.onTime.rate // 0.94
 */
export function summarize(
  shipments: Iterable<Shipment | TrackedRecord>,
  options: SummarizeOptions = {},
): KpiSummary {
  if (options.now !== undefined && !(options.now instanceof Date))
    throw new ValidationError('now', 'must be a Date')
  const now = options.now?.getTime() ?? Date.now()
  if (Number.isNaN(now)) throw new ValidationError('now', 'must be a valid Date')
  const all: Facts[] = []
  let index = 0
  for (const item of shipments) {
    const isObject = typeof item === 'object' && item !== null
    const record = isObject && 'shipment' in item && !('events' in item) ? (item as TrackedRecord) : undefined
    const shipment = (record ? record.shipment : isObject ? item : undefined) as Shipment | undefined
    if (
      !shipment ||
      typeof shipment !== 'object' ||
      typeof shipment.carrier !== 'string' ||
      !Array.isArray(shipment.events)
    )
      throw new ValidationError(`shipments[${index}]`, 'expected a Shipment or a tracker record { shipment }')
    all.push(facts(shipment, record, options, now))
    index++
  }
  const byCarrier: Record<string, DeliveryKpis> = {}
  for (const carrier of [...new Set(all.map((f) => f.carrier))].sort())
    byCarrier[carrier] = aggregate(all.filter((f) => f.carrier === carrier))
  return { overall: aggregate(all), byCarrier }
}
