/**
 * Merging reports of the same physical event from several sources (a webhook and a poll, an EDI file and the
 * API) into one event that keeps every raw record. Pure functions over the canonical model.
 */
import type { RawRecord, TrackingEvent } from '../model/core.js'
import { instantOfTime, sortEvents, wallTimeOf } from '../model/core.js'
import { sameJson } from './same-json.js'

export interface MergeOptions {
  /**
   * How far apart (seconds) two reports may be and still be the same event when either has only minute
   * precision. Reports with second precision on both sides must agree to the second.
   * @default 60
   */
  minuteToleranceSeconds?: number
}

export interface MergeOutcome {
  /** The timeline after merging, in instant order. */
  events: TrackingEvent[]
  /** Events that were new. */
  added: TrackingEvent[]
  /** Existing events that gained a report from another source (or a better time). */
  enriched: TrackingEvent[]
  /** Incoming reports that were merged into an existing event (exact repeats included). */
  duplicates: number
}

const GENERIC_MILESTONES = new Set(['status_update', 'in_transit'])

function norm(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase()
}

function placesAgree(a: TrackingEvent, b: TrackingEvent): boolean {
  const la = a.location
  const lb = b.location
  if (!la || !lb) return true
  if (la.countryCode && lb.countryCode && la.countryCode !== lb.countryCode) return false
  if (la.postalCode && lb.postalCode && norm(la.postalCode).slice(0, 5) === norm(lb.postalCode).slice(0, 5))
    return true
  if (la.city && lb.city) return norm(la.city) === norm(lb.city)
  return true
}

function kindsAgree(a: TrackingEvent, b: TrackingEvent): boolean {
  if (a.status === 'unknown' || b.status === 'unknown')
    return a.raw.code !== undefined && a.raw.code === b.raw.code
  if (a.milestone === b.milestone) return true
  return a.status === b.status && (GENERIC_MILESTONES.has(a.milestone) || GENERIC_MILESTONES.has(b.milestone))
}

function timesAgree(a: TrackingEvent, b: TrackingEvent, toleranceMs: number): boolean {
  if (a.precision === 'day' || b.precision === 'day')
    return a.occurredAt.slice(0, 10) === b.occurredAt.slice(0, 10)
  // An event whose zone is unknown has only a wall time: it is compared by wall time with the other report's own
  // local wall time (the same scan reported once with and once without its offset reads the same clock).
  const delta =
    a.zoneSource === 'unknown' || b.zoneSource === 'unknown'
      ? Math.abs(wallTimeOf(a.occurredAt) - wallTimeOf(b.occurredAt))
      : Math.abs(instantOfTime(a.occurredAt) - instantOfTime(b.occurredAt))
  if (a.precision === 'minute' || b.precision === 'minute') return delta < toleranceMs
  return delta < 1000
}

/** True when two events are reports of the same physical event (same shipment assumed). */
export function isSameEvent(a: TrackingEvent, b: TrackingEvent, options: MergeOptions = {}): boolean {
  if (a.id === b.id) return true
  const toleranceMs = (options.minuteToleranceSeconds ?? 60) * 1000
  return kindsAgree(a, b) && timesAgree(a, b, toleranceMs) && placesAgree(a, b)
}

const ZONE_RANK = { carrier: 2, location: 1, fallback: 0, unknown: -1 } as const
const PRECISION_RANK = { second: 2, minute: 1, day: 0 } as const

/**
 * How trustworthy an event's time is: a carrier offset beats a place's zone beats a fallback beats an unknown zone;
 * finer beats coarser.
 */
function quality(event: TrackingEvent): number {
  return (
    ZONE_RANK[event.zoneSource] * 10 +
    PRECISION_RANK[event.precision] +
    (event.status === 'unknown' ? -100 : 0)
  )
}

function sameRaw(a: RawRecord, b: RawRecord): boolean {
  return (
    a.source === b.source &&
    a.code === b.code &&
    a.text === b.text &&
    a.origin === b.origin &&
    sameJson(a.record, b.record)
  )
}

function allRaw(event: TrackingEvent): RawRecord[] {
  return [event.raw, ...(event.alsoReportedBy ?? [])]
}

/**
 * The records other than `primary`, each once: records stored before raw records were compared whatever their key
 * order (#26) may hold copies, which go when the event next changes.
 */
function otherRecords(records: readonly RawRecord[], primary: RawRecord): RawRecord[] {
  const kept: RawRecord[] = []
  for (const r of records) if (!sameRaw(r, primary) && !kept.some((k) => sameRaw(k, r))) kept.push(r)
  return kept
}

/**
 * Merges `incoming` into `existing`. The first-seen event keeps its id (the idempotency key downstream);
 * a better report (carrier offset, finer precision) upgrades its time and place; every distinct raw record is kept.
 * Returns `enriched` only for real changes, so re-ingesting the same payload changes nothing.
 */
export function mergeEvents(
  existing: readonly TrackingEvent[],
  incoming: readonly TrackingEvent[],
  options: MergeOptions = {},
): MergeOutcome {
  const events = existing.map((e) => ({ ...e }))
  const added: TrackingEvent[] = []
  const enriched = new Set<TrackingEvent>()
  let duplicates = 0
  for (const report of incoming) {
    const match = events.find((e) => isSameEvent(e, report, options))
    if (!match) {
      const fresh = { ...report }
      events.push(fresh)
      added.push(fresh)
      continue
    }
    duplicates++
    const known = allRaw(match)
    const newRaw = allRaw(report).filter((r) => !known.some((k) => sameRaw(k, r)))
    const better = quality(report) > quality(match)
    if (!newRaw.length && !better) continue
    if (better) {
      const { id } = match
      const previous = allRaw(match)
      Object.assign(match, report, { id })
      match.alsoReportedBy = otherRecords([...previous, ...newRaw], match.raw)
    } else {
      match.alsoReportedBy = otherRecords([...(match.alsoReportedBy ?? []), ...newRaw], match.raw)
    }
    if (!match.alsoReportedBy?.length) delete match.alsoReportedBy
    if (!added.includes(match)) enriched.add(match)
  }
  return { events: sortEvents(events), added, enriched: [...enriched], duplicates }
}
