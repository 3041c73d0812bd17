/**
 * Rebuilding a stored shipment from its kept payloads with the current adapters (a fixed mapping, a better time
 * rule): pure functions, run inside the tracker's atomic update. Event ids do not change when the physical event is
 * the same (they come from the carrier's facts, not from the mapping), so each stored event is compared with its new
 * reading and corrected field by field; events the new reading finds that the timeline lacks are added.
 */
import { buildShipment, type Shipment, type TrackingEvent } from '../model/core.js'
import { evaluateAlerts } from './alerts.js'
import { type Change, findingsOf, type ReportContext, unannounced, withShipperTimeline } from './change.js'
import { mergeEvents } from './merge.js'
import type { TrackedRecord } from './types.js'

/** The fields of an event that a new reading of the same raw record may correct. */
export const CORRECTABLE_FIELDS = [
  'status',
  'milestone',
  'reason',
  'description',
  'location',
  'occurredAt',
  'timeZone',
  'zoneSource',
  'precision',
  'ambiguous',
] as const

export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number]

/** An event whose meaning changed, as it is now, with the fields that changed. */
export interface Correction {
  event: TrackingEvent
  fields: CorrectableField[]
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/** `event` corrected by `reading` (same id); undefined when nothing differs. */
export function correctEvent(event: TrackingEvent, reading: TrackingEvent): Correction | undefined {
  const fields = CORRECTABLE_FIELDS.filter((field) => !same(event[field], reading[field]))
  if (!fields.length) return undefined
  const corrected: Record<string, unknown> = { ...event }
  for (const field of fields) {
    if (reading[field] === undefined) delete corrected[field]
    else corrected[field] = reading[field]
  }
  return { event: corrected as TrackingEvent, fields }
}

export interface RemapOutcome {
  record: TrackedRecord
  shipment: Shipment
  change: (Change & { corrections: Correction[] }) | undefined
}

/**
 * The record rebuilt from `readings` (the shipments the current adapters read from the record's payloads).
 * `addNew`: events the readings find that the timeline lacks are added (false for an older generation of a
 * recycled number, whose payloads may also hold the newer one's events).
 */
export function remapRecord(
  record: TrackedRecord,
  readings: readonly Shipment[],
  ctx: ReportContext,
  addNew: boolean,
): RemapOutcome {
  const previous = record.shipment
  const byId = new Map<string, TrackingEvent>()
  for (const reading of readings) for (const event of reading.events) byId.set(event.id, event)
  const corrections: Correction[] = []
  const events = previous.events.map((event) => {
    const reading = byId.get(event.id)
    const correction = reading && correctEvent(event, reading)
    if (!correction) return event
    corrections.push(correction)
    return correction.event
  })
  const fresh = addNew ? [...byId.values()].filter((e) => !previous.events.some((p) => p.id === e.id)) : []
  const merged = withShipperTimeline(mergeEvents(events, fresh, ctx.merge), previous, ctx)
  const draft = { ...previous, events: merged.events }
  delete (draft as Partial<Shipment>).deliveredAt
  delete (draft as Partial<Shipment>).anomalies
  let shipment = buildShipment(draft)
  const { anomalies, alerts: reconciled } = findingsOf(shipment, ctx)
  if (anomalies.length) shipment = { ...shipment, anomalies }
  const alerted = { ...record.alerted }
  const alerts = unannounced(
    [
      ...evaluateAlerts({
        previous,
        current: shipment,
        firstEstimate: record.firstEstimate,
        now: ctx.now,
        rules: ctx.alerts,
      }),
      ...reconciled.filter((a) => !ctx.alerts.disabled?.includes(a.kind)),
    ],
    alerted,
  )
  if (!corrections.length && !merged.added.length && !alerts.length && same(previous, shipment))
    return { record, shipment: previous, change: undefined }
  const known = new Set((previous.anomalies ?? []).map((a) => a.key))
  const newAnomalies = anomalies.filter((a) => !known.has(a.key))
  return {
    record: {
      ...record,
      shipment,
      updatedAt: ctx.receivedAt.toISOString(),
      ...(Object.keys(alerted).length ? { alerted } : {}),
    },
    shipment,
    change: {
      added: merged.added,
      enriched: merged.enriched,
      corrections,
      ...(newAnomalies.length ? { anomalies: newAnomalies } : {}),
      ...(alerts.length ? { alerts } : {}),
    },
  }
}
