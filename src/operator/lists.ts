/**
 * What the operator view lists, computed from the tracker's stored records in one pass: the exception queue, late
 * and stalled shipments by carrier (the same rules the tracker raises `late` and `stalled` alerts with), returns
 * on their way back, and data freshness per carrier and per kind of source. Pure: records and "now" in, rows out.
 */
import {
  type DeliveryWindow,
  instantOfTime,
  isTerminal,
  type Location,
  type Shipment,
  type TrackingEvent,
  wallTimeOf,
} from '../model/core.js'
import { timedAlerts } from '../tracker/alerts.js'
import type { AlertRules, TrackedRecord } from '../tracker/types.js'

/** One shipment as a row of a list. */
export interface OperatorRow {
  carrier: string
  trackingNumber: string
  carrierShipmentId?: string
  status: Shipment['status']
  milestone: Shipment['milestone']
  reason?: string
  /** The customer reference (or order) the shipment carries, when it has one. */
  customer?: string
  lastEvent?: { occurredAt: string; description: string; location?: Location }
  estimatedDelivery?: DeliveryWindow
  /** The first promised estimate (what "late" is measured against). */
  firstEstimate?: DeliveryWindow
  /** Hours since the last event, for stalled shipments. */
  hoursSinceLastEvent?: number
  /** Data-quality findings on the shipment. */
  anomalies: number
  /** ISO instant of the last stored change. */
  updatedAt: string
}

/** Freshness of one carrier: when the tracker last stored a change for it and how long events took to arrive. */
export interface CarrierFreshness {
  carrier: string
  shipments: number
  /** ISO instant of the newest stored change of any of its shipments. */
  lastStoredAt: string
  /** Event time to ingest, in minutes, over the ingest lags the tracker keeps: median, or null without any. */
  medianLagMinutes: number | null
}

/** Freshness of one kind of source (rest, webhook, edi, file, shipper) of one carrier. */
export interface SourceFreshness {
  carrier: string
  source: string
  /** Events this source reported (first or also). */
  events: number
  /** The newest event time it reported, as the carrier gave it. */
  newestEventAt: string
  /** ISO instant the newest kept payload of this carrier's adapter arrived, when payloads are kept. */
  lastPayloadAt?: string
}

export interface OperatorLists {
  /** Shipments in `exception`, `delivery_attempted` or `failure`, the longest waiting first. */
  exceptions: OperatorRow[]
  /** Open shipments past their first promised estimate, by carrier. */
  late: Record<string, OperatorRow[]>
  /** Open shipments with no event for longer than their status and service allow, by carrier. */
  stalled: Record<string, OperatorRow[]>
  /** Returns on their way back to the sender (returned to sender, not yet received back). */
  returns: OperatorRow[]
  freshness: { carriers: CarrierFreshness[]; sources: SourceFreshness[] }
}

/** Statuses that put a shipment in the exception queue. */
export const EXCEPTION_STATUSES: ReadonlySet<Shipment['status']> = new Set([
  'exception',
  'delivery_attempted',
  'failure',
])

const CUSTOMER_REFERENCES = ['customer_reference', 'order', 'purchase_order'] as const

/** The shipment's customer reference, else its order, else its purchase order. */
export function customerOf(shipment: Shipment): string | undefined {
  const refs = shipment.identifiers?.references ?? []
  for (const type of CUSTOMER_REFERENCES) {
    const found = refs.find((r) => r.type === type)
    if (found) return found.value
  }
  return undefined
}

function rowOf(record: TrackedRecord, extra: Partial<OperatorRow> = {}): OperatorRow {
  const s = record.shipment
  const last = s.events[s.events.length - 1]
  const customer = customerOf(s)
  return {
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    ...(s.carrierShipmentId ? { carrierShipmentId: s.carrierShipmentId } : {}),
    status: s.status,
    milestone: s.milestone,
    ...(s.reason ? { reason: s.reason } : {}),
    ...(customer ? { customer } : {}),
    ...(last
      ? {
          lastEvent: {
            occurredAt: last.occurredAt,
            description: last.description,
            ...(last.location ? { location: last.location } : {}),
          },
        }
      : {}),
    ...(s.estimatedDelivery ? { estimatedDelivery: s.estimatedDelivery } : {}),
    ...(record.firstEstimate ? { firstEstimate: record.firstEstimate } : {}),
    anomalies: s.anomalies?.length ?? 0,
    updatedAt: record.updatedAt,
    ...extra,
  }
}

/** An event's instant, or its wall time for a local time without zone (ordering only). */
function when(occurredAt: string): number {
  const instant = instantOfTime(occurredAt)
  return Number.isNaN(instant) ? wallTimeOf(occurredAt) : instant
}

const lastEventTime = (row: OperatorRow) => (row.lastEvent ? when(row.lastEvent.occurredAt) : 0)
const oldestFirst = (a: OperatorRow, b: OperatorRow) => lastEventTime(a) - lastEventTime(b)

function push(groups: Record<string, OperatorRow[]>, row: OperatorRow): void {
  const group = groups[row.carrier]
  if (group) group.push(row)
  else groups[row.carrier] = [row]
}

function sortedGroups(groups: Record<string, OperatorRow[]>): Record<string, OperatorRow[]> {
  const out: Record<string, OperatorRow[]> = {}
  for (const carrier of Object.keys(groups).sort()) out[carrier] = groups[carrier]!.sort(oldestFirst)
  return out
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Every source kind an event was reported by: its own and those merged into it. */
function sourcesOf(event: TrackingEvent): string[] {
  return [event.raw.source, ...(event.alsoReportedBy ?? []).map((r) => r.source)]
}

const later = (a: string | undefined, b: string): string =>
  a === undefined || Date.parse(b) > Date.parse(a) ? b : a

/** Accumulates freshness over records; `result()` gives the sorted rows. */
function freshnessCounter() {
  const carriers = new Map<string, { shipments: number; lastStoredAt: string; lags: number[] }>()
  const sources = new Map<string, SourceFreshness & { newest: number }>()
  const payloads = new Map<string, string>()
  return {
    add(record: TrackedRecord) {
      const { shipment } = record
      const carrier = carriers.get(shipment.carrier) ?? {
        shipments: 0,
        lastStoredAt: record.updatedAt,
        lags: [],
      }
      carrier.shipments++
      carrier.lastStoredAt = later(carrier.lastStoredAt, record.updatedAt)
      carrier.lags.push(...(record.ingestLag ?? []).map((ms) => ms / 60_000))
      carriers.set(shipment.carrier, carrier)
      for (const kept of record.sources ?? [])
        payloads.set(kept.adapter, later(payloads.get(kept.adapter), kept.receivedAt))
      for (const event of shipment.events)
        for (const source of new Set(sourcesOf(event))) {
          const key = `${shipment.carrier}\u0000${source}`
          const at = when(event.occurredAt)
          const row = sources.get(key)
          if (!row) {
            sources.set(key, {
              carrier: shipment.carrier,
              source,
              events: 1,
              newestEventAt: event.occurredAt,
              newest: at,
            })
            continue
          }
          row.events++
          if (at > row.newest) {
            row.newest = at
            row.newestEventAt = event.occurredAt
          }
        }
    },
    result(): OperatorLists['freshness'] {
      return {
        carriers: [...carriers.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([carrier, c]) => ({
            carrier,
            shipments: c.shipments,
            lastStoredAt: c.lastStoredAt,
            medianLagMinutes: median(c.lags),
          })),
        sources: [...sources.values()]
          .sort((a, b) => a.carrier.localeCompare(b.carrier) || a.source.localeCompare(b.source))
          .map(({ newest: _newest, ...row }) => {
            const lastPayloadAt = payloads.get(row.carrier)
            return lastPayloadAt ? { ...row, lastPayloadAt } : row
          }),
      }
    },
  }
}

/**
 * The operator's lists over every stored record, in one pass.
 * @example const lists = await operatorLists(tracker.records(), { now: new Date() })
 */
export async function operatorLists(
  records: AsyncIterable<TrackedRecord> | Iterable<TrackedRecord>,
  options: { now: Date; alerts?: AlertRules },
): Promise<OperatorLists> {
  const exceptions: OperatorRow[] = []
  const late: Record<string, OperatorRow[]> = {}
  const stalled: Record<string, OperatorRow[]> = {}
  const returns: OperatorRow[] = []
  const freshness = freshnessCounter()
  // Every kind is wanted here whatever the tracker announces: the lists show what is late or stalled.
  const rules: AlertRules = { ...options.alerts, disabled: [] }
  for await (const record of records) {
    freshness.add(record)
    const s = record.shipment
    if (EXCEPTION_STATUSES.has(s.status)) exceptions.push(rowOf(record))
    if (s.status === 'returned_to_sender' && !isTerminal(s.status, s.milestone)) returns.push(rowOf(record))
    for (const alert of timedAlerts({ record, now: options.now, rules })) {
      if (alert.kind === 'late') push(late, rowOf(record))
      else if (alert.kind === 'stalled')
        push(stalled, rowOf(record, { hoursSinceLastEvent: alert.hoursSinceLastEvent ?? 0 }))
    }
  }
  return {
    exceptions: exceptions.sort(oldestFirst),
    late: sortedGroups(late),
    stalled: sortedGroups(stalled),
    returns: returns.sort(oldestFirst),
    freshness: freshness.result(),
  }
}
