/**
 * What one report changes in one stored shipment: pure functions, run inside the tracker's atomic update.
 * `applyReport` merges the report's events, raw records, references and estimate, derives the shipment again,
 * runs the data-quality checks and the alert rules, and says what there is to announce (`Change`), or nothing
 * when the report brought nothing new.
 */
import {
  type Alert,
  type Anomaly,
  buildShipment,
  eventInstant,
  type Shipment,
  type TrackingEvent,
} from '../model/core.js'
import { evaluateAlerts } from './alerts.js'
import { detectAnomalies } from './anomalies.js'
import { pickEstimate } from './estimate.js'
import { type MergeOptions, type MergeOutcome, mergeEvents } from './merge.js'
import type { Correction } from './reprocess.js'
import { sameJson } from './same-json.js'
import {
  fromShipper,
  type ReconcileRules,
  reconcile,
  type ShipperEvent,
  shipperTimelineEvents,
} from './shipper.js'
import { type SourceRef, withoutSuperseded, withSource } from './sources.js'
import type { AlertRules, AnomalyOptions, TrackedRecord } from './types.js'

/** What a change has to announce: the update, the anomalies the shipment did not have before, its alerts. */
export interface Change {
  added: TrackingEvent[]
  enriched: TrackingEvent[]
  /** Events whose meaning a reprocess changed (see reprocess.ts), with the fields that changed. */
  corrections?: Correction[]
  anomalies?: Anomaly[]
  alerts?: Alert[]
}

export interface ReportContext {
  now: Date
  receivedAt: Date
  keepRawPayloads: number
  anomalies: AnomalyOptions | undefined
  alerts: AlertRules
  merge: MergeOptions
  /** The kept payload this report came from, recorded on the shipment when the report changes it. */
  source?: SourceRef | undefined
  /** The shipper's own events for this tracking number, reconciled with the carrier's (shipper.ts). */
  shipper?: readonly ShipperEvent[] | undefined
  reconcile?: ReconcileRules | undefined
}

/** Every finding on a shipment: the data-quality checks, and the reconciliation with the shipper's events. */
export function findingsOf(
  shipment: Shipment,
  ctx: Pick<ReportContext, 'anomalies' | 'now' | 'shipper' | 'reconcile'>,
): { anomalies: Anomaly[]; alerts: Alert[] } {
  const anomalies = detectAnomalies(shipment, { ...ctx.anomalies, now: ctx.now })
  if (!ctx.shipper?.length) return { anomalies, alerts: [] }
  const reconciled = reconcile(shipment, shipment, ctx.shipper, ctx.now, ctx.reconcile)
  return { anomalies: [...anomalies, ...reconciled.anomalies], alerts: reconciled.alerts }
}

export interface AppliedReport {
  /** The record to store (the same object as the input when nothing changed). */
  record: TrackedRecord | undefined
  shipment: Shipment
  change: Change | undefined
  duplicates: number
}

/** Alerts whose dedupe key the record has not announced yet, recorded on `alerted` as they are kept. */
export function unannounced(alerts: readonly Alert[], alerted: Record<string, string>): Alert[] {
  const fresh: Alert[] = []
  for (const alert of alerts) {
    if (alerted[alert.dedupeKey] !== undefined) continue
    alerted[alert.dedupeKey] = alert.raisedAt
    fresh.push(alert)
  }
  return fresh
}

export function applyReport(
  record: TrackedRecord | undefined,
  incoming: Shipment,
  ctx: ReportContext,
): AppliedReport {
  const previous = record?.shipment
  const merged = withShipperTimeline(
    mergeEvents(previous?.events ?? [], incoming.events, ctx.merge),
    previous ?? incoming,
    ctx,
  )
  const raw = [...(previous?.raw ?? [])]
  for (const payload of incoming.raw) if (!raw.some((p) => sameJson(p, payload))) raw.push(payload)
  const references = [...(previous?.identifiers.references ?? [])]
  for (const ref of incoming.identifiers.references)
    if (!references.some((r) => r.type === ref.type && r.value === ref.value)) references.push(ref)
  const base = previous ? { ...previous, ...stripUndefined(incoming) } : incoming
  const estimate = pickEstimate(previous?.estimatedDelivery, incoming.estimatedDelivery)
  const draft = {
    ...base,
    ...(estimate ? { estimatedDelivery: estimate } : {}),
    identifiers: { ...previous?.identifiers, ...incoming.identifiers, references },
    events: merged.events,
    raw: ctx.keepRawPayloads > 0 ? raw.slice(-ctx.keepRawPayloads) : [],
  }
  delete (draft as Partial<Shipment>).deliveredAt
  let shipment = buildShipment(draft)
  const { anomalies, alerts: reconciled } = findingsOf(shipment, ctx)
  if (anomalies.length) shipment = { ...shipment, anomalies }
  else delete shipment.anomalies
  // Inline copies dropped and nothing else changed (a stored copy now kept by hash only): not worth a write.
  const onlyDropsRaw = previous && shipment.raw.every((p) => (previous.raw ?? []).some((q) => sameJson(p, q)))
  const changed =
    !previous ||
    merged.added.length > 0 ||
    merged.enriched.length > 0 ||
    !sameJson(previous, onlyDropsRaw ? { ...shipment, raw: previous.raw } : shipment)
  if (!changed) return { record, shipment: previous, change: undefined, duplicates: merged.duplicates }

  const firstEstimate = record?.firstEstimate ?? shipment.estimatedDelivery
  // Ingest lag needs the event's instant: events whose zone is unknown are left out of it.
  const lag = merged.added
    .filter((e) => !fromShipper(e))
    .map((e) => ctx.receivedAt.getTime() - eventInstant(e))
    .filter((ms) => !Number.isNaN(ms))
  const known = new Set((previous?.anomalies ?? []).map((a) => a.key))
  const newAnomalies = anomalies.filter((anomaly) => !known.has(anomaly.key))
  const alerted = { ...record?.alerted }
  const alerts = unannounced(
    [
      ...evaluateAlerts({ previous, current: shipment, firstEstimate, now: ctx.now, rules: ctx.alerts }),
      ...reconciled.filter((a) => !ctx.alerts.disabled?.includes(a.kind)),
    ],
    alerted,
  )
  const next: TrackedRecord = {
    shipment,
    ...(firstEstimate ? { firstEstimate } : {}),
    updatedAt: ctx.receivedAt.toISOString(),
    ingestLag: [...(record?.ingestLag ?? []), ...lag].slice(-50),
    ...(Object.keys(alerted).length ? { alerted } : {}),
  }
  const sources = withoutSuperseded(
    withSource(record?.sources, ctx.source),
    ctx.source,
    previous?.events ?? [],
    incoming.events,
  )
  if (sources?.length) next.sources = sources
  return {
    record: next,
    shipment,
    change: {
      added: merged.added,
      enriched: merged.enriched,
      ...(newAnomalies.length ? { anomalies: newAnomalies } : {}),
      ...(alerts.length ? { alerts } : {}),
    },
    duplicates: merged.duplicates,
  }
}

/**
 * The merge outcome with the shipper's events that belong on the timeline (a return the shipper authorised, see
 * `shipperTimelineEvents`) merged in too, counted as added the first time.
 */
export function withShipperTimeline(
  merged: MergeOutcome,
  target: Pick<Shipment, 'carrier' | 'trackingNumber'>,
  ctx: Pick<ReportContext, 'shipper' | 'merge'>,
): MergeOutcome {
  const fromShipperSide = shipperTimelineEvents(target, ctx.shipper, merged.events)
  if (!fromShipperSide.length) return merged
  const more = mergeEvents(merged.events, fromShipperSide, ctx.merge)
  if (!more.added.length && !more.enriched.length) return merged
  return {
    events: more.events,
    added: [...merged.added, ...more.added],
    enriched: [
      ...merged.enriched,
      ...more.enriched.filter((e) => !merged.enriched.some((m) => m.id === e.id)),
    ],
    duplicates: merged.duplicates,
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
