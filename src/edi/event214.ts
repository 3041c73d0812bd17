/**
 * The parts of a 214 mapping that need no builder state: one AT7 line → one event, B10/L11 → references, AT8 →
 * weight and pieces, and small helpers.
 */

import {
  computeEventIdAt,
  type DeliveryWindow,
  type Location,
  type NormalizeWarning,
  type RawSource,
  type Reference,
  type Shipment,
  type Status,
  type TrackingEvent,
} from '../model/core.js'
import type { At7Entry } from './codes214.js'
import { AT702, L11_TYPES, NORMAL_REASONS } from './codes214.js'
import type { TradingPartner } from './partners.js'
import type { Segment } from './segment.js'
import type { X12Time } from './time214.js'

/** The code tables as Maps (see line214.ts: a Map lookup beats a plain object keyed by input strings). */
const REASON_CODES = new Map(Object.entries(AT702))
const REFERENCE_TYPES = new Map(Object.entries(L11_TYPES))

/** One AT7 line with the MS1/MS2 that follow it. */
export interface At7Line {
  at7: Segment
  ms1: Segment | undefined
  ms2: Segment | undefined
  lx: string
}

export function windowOf(
  from: string | undefined,
  to: string | undefined,
  precision: DeliveryWindow['precision'],
  source: string,
): DeliveryWindow {
  // Literals rather than spreads of optional parts: this runs for every estimate and appointment line.
  if (from) return to ? { from, to, precision, source } : { from, precision, source }
  return to ? { to, precision, source } : { precision, source }
}

/** Upper case only when needed (codes are nearly always upper case already). */
export function upperCode(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0x61 && c <= 0x7a) return value.toUpperCase()
  }
  return value
}

/** A copy of a shared place, so that no two events share one mutable object. */
export function copyLocation(location: Location): Location {
  // Field by field in the order the place parsers write them (docs/performance.md "V8 notes").
  const out: Location = {}
  if (location.city !== undefined) out.city = location.city
  if (location.region !== undefined) out.region = location.region
  if (location.postalCode !== undefined) out.postalCode = location.postalCode
  if (location.countryCode !== undefined) out.countryCode = location.countryCode
  const c = location.coordinates
  if (c !== undefined) out.coordinates = { latitude: c.latitude, longitude: c.longitude }
  // Places found from a party id (profile or code table) carry these too.
  if (location.facility !== undefined) out.facility = location.facility
  if (location.unLocode !== undefined) out.unLocode = location.unLocode
  if (location.iataCode !== undefined) out.iataCode = location.iataCode
  if (location.timeZone !== undefined) out.timeZone = location.timeZone
  if (location.resolvedFrom !== undefined) out.resolvedFrom = location.resolvedFrom
  return out
}

/** Per-file settings of the events (shared by every set: no object or closure per set). */
export interface EventSettings {
  source: RawSource
  origin?: string
}

/** What {@link at7Event} needs of its set (a subset of the set state in line214.ts). */
export interface EventSet {
  trackingNumber: string
  carrier: string
  partner: TradingPartner | undefined
  event: EventSettings
  warnings: NormalizeWarning[]
  /**
   * The MS2 read last in this set, with its text and equipment: the lines of a set mostly repeat one MS2, whose
   * bytes are then compared instead of decoded again.
   */
  ms2: Segment | undefined
  ms2Text: string
  equipment: string
}

/** True when two segments have the same bytes. */
function sameBytes(a: Segment, b: Segment): boolean {
  const length = a.end - a.start
  if (b.end - b.start !== length) return false
  const x = a.buf
  const y = b.buf
  const dx = a.start
  const dy = b.start
  for (let i = 0; i < length; i++) if (x[dx + i] !== y[dy + i]) return false
  return true
}

/** One status line → one canonical event (unknown codes → `unknown`, with a warning). */
export function at7Event(
  line: At7Line,
  code: string,
  entry: At7Entry | undefined,
  set: EventSet,
  time: X12Time,
  place: Location | undefined,
  path: number,
  rawTimeCode: string,
  ms1Text: string | undefined,
  rawReasonCode: string,
  rawAppointment: string,
): TrackingEvent {
  const at7 = line.at7
  const reasonCode = upperCode(rawReasonCode)
  const timeCode = upperCode(rawTimeCode)
  let status: Status = entry?.status ?? 'unknown'
  let milestone = entry?.milestone ?? 'unknown'
  let reason: string | undefined
  if (!entry) {
    set.warnings.push({
      code: 'unknown_code',
      message: `AT701 status code '${code}' is not in the table`,
      path: `segment ${path}`,
      trackingNumber: set.trackingNumber,
      rawCode: code,
    })
  }
  if (reasonCode && !NORMAL_REASONS.has(reasonCode)) {
    const r = set.partner?.reasonCodes?.[reasonCode] ?? REASON_CODES.get(reasonCode)
    if (!r) {
      set.warnings.push({
        code: 'unknown_code',
        message: `AT702 reason code '${reasonCode}' is not in the table`,
        path: `segment ${path}`,
        trackingNumber: set.trackingNumber,
        rawCode: reasonCode,
      })
      reason = `reason code ${reasonCode}`
    } else reason = r.text
    if (entry && reasonCode === 'BT' && status !== 'returned_to_sender') {
      status = 'returned_to_sender'
      milestone = 'returning'
    } else if (entry && (code === 'AP' || status === 'exception')) {
      status = 'exception'
      if (r?.milestone) milestone = r.milestone
    }
  }
  const codes: Record<string, string> = {}
  if (reasonCode) codes.AT702 = reasonCode
  if (rawAppointment) codes.AT703 = rawAppointment.toUpperCase()
  if (timeCode) codes.AT707 = timeCode
  if (line.lx) codes.LX = line.lx
  const ms2 = line.ms2
  if (ms2) {
    const seen = set.ms2
    if (seen === undefined || (seen !== ms2 && !sameBytes(seen, ms2))) {
      set.ms2 = ms2
      set.equipment = equipmentOf(ms2.code(1), ms2.element(2))
      set.ms2Text = ms2.toString()
    }
    if (set.equipment) codes.equipment = set.equipment
  }
  const description = entry ? (reason ? `${entry.text}: ${reason}` : entry.text) : `AT7 status ${code}`
  // One literal of the final length (a push would grow the array's store past what it keeps).
  const at7Text = at7.toString()
  const record = ms1Text
    ? ms2
      ? [at7Text, ms1Text, set.ms2Text]
      : [at7Text, ms1Text]
    : ms2
      ? [at7Text, set.ms2Text]
      : [at7Text]
  const location = place ? copyLocation(place) : undefined
  const occurredAt = time.occurredAt
  const carrier = set.carrier
  const trackingNumber = set.trackingNumber
  // The id reads the shared (frozen) place rather than the event's copy: the model keeps the place part of the
  // key per frozen object, so it is built once per place, not once per event.
  const id = computeEventIdAt(carrier, trackingNumber, occurredAt, time.instant, code, place, undefined)
  const settings = set.event
  const raw: TrackingEvent['raw'] = settings.origin
    ? { source: settings.source, code, codes, record, origin: settings.origin }
    : { source: settings.source, code, codes, record }
  const event: TrackingEvent = {
    id,
    carrier,
    trackingNumber,
    status,
    milestone,
    occurredAt,
    zoneSource: time.zoneSource,
    precision: time.precision,
    description,
    raw,
  }
  if (reason) event.reason = reason
  if (time.timeZone) event.timeZone = time.timeZone
  if (time.ambiguous) event.ambiguous = true
  if (location) event.location = location
  return event
}

/** MS2-01 and MS2-02 joined by a space, trimmed (the elements themselves are already trimmed). */
function equipmentOf(owner: string, number: string): string {
  if (!owner) return number
  if (!number) return owner
  return `${owner} ${number}`
}

/**
 * The most references one 214 set keeps (B10 and L11 together, after duplicates are removed). Real sets carry a
 * handful; past this the rest are left out with one `truncated` warning naming how many, so a hostile file cannot
 * grow a shipment without bound.
 */
export const MAX_REFERENCES_PER_SET = 1000

/**
 * B10 and L11 → references, duplicates removed in linear time (see {@link ReferenceSet}), at most
 * {@link MAX_REFERENCES_PER_SET}; `onCapped` is told how many distinct references were left out.
 */
export function references214(
  b10: string[] | undefined,
  l11s: readonly Segment[] | undefined,
  onCapped?: (leftOut: number) => void,
): Reference[] {
  const refs = new ReferenceSet(MAX_REFERENCES_PER_SET)
  if (b10) {
    refs.add('shipment_id', b10[1]!, 'B10-02')
    const qualifier = upperCode(b10[3]!)
    if (qualifier && b10[4]) refs.add(REFERENCE_TYPES.get(qualifier) ?? 'other', b10[4], qualifier)
  }
  if (l11s) {
    for (const l11 of l11s) {
      const qualifier = l11.code(2).toUpperCase()
      const type = REFERENCE_TYPES.get(qualifier) ?? 'other'
      // From 00402 on, L11-01 may repeat (ISA11 separator): one reference per value.
      for (const value of l11.repetitions(1)) refs.add(type, value, qualifier)
    }
  }
  if (refs.leftOut > 0) onCapped?.(refs.leftOut)
  return refs.list
}

/**
 * References in first-seen order, empty values and duplicates skipped. A set holds a handful (B10 and a few L11):
 * up to {@link LINEAR_REFERENCES} distinct ones are compared field by field, with no key text or Set per set;
 * beyond that they are keyed in a Set for O(1) duplicate checks (a file with thousands of L11 per set stays linear).
 */
class ReferenceSet {
  readonly list: Reference[] = []
  leftOut = 0
  /** Keys of every distinct reference seen, built once more than {@link LINEAR_REFERENCES} are seen. */
  #seen: Set<string> | undefined

  constructor(private readonly cap: number) {}

  add(type: Reference['type'], value: string, qualifier: string): void {
    if (!value) return
    let seen = this.#seen
    if (seen === undefined) {
      const list = this.list
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!
        if (r.value === value && r.qualifier === qualifier && r.type === type) return
      }
      if (list.length < LINEAR_REFERENCES && list.length < this.cap) {
        list.push({ type, value, qualifier })
        return
      }
      seen = new Set()
      // Every reference seen so far is in the list (the cap is not reached below LINEAR_REFERENCES).
      for (const r of list) seen.add(referenceKey(r.type, r.value, r.qualifier ?? ''))
      this.#seen = seen
    }
    const key = referenceKey(type, value, qualifier)
    if (seen.has(key)) return
    seen.add(key)
    if (this.list.length >= this.cap) this.leftOut++
    else this.list.push({ type, value, qualifier })
  }
}

/** Distinct references compared one by one before a {@link ReferenceSet} keys them (below the cap, which is larger). */
const LINEAR_REFERENCES = 16

/** A reference's key: the qualifier's length makes it unambiguous whatever characters the parts hold. */
function referenceKey(type: string, value: string, qualifier: string): string {
  return `${type}:${qualifier.length}:${qualifier}${value}`
}

export function weight214(at8s: readonly Segment[] | undefined): Pick<Shipment, 'weight' | 'pieces'> {
  if (!at8s) return {}
  let value = 0
  let unit: 'kg' | 'lb' | undefined
  let pieces = 0
  let hasPieces = false
  for (const at8 of at8s) {
    const u = upperCode(at8.code(2))
    const segUnit = u === 'K' ? 'kg' : u === 'L' ? 'lb' : undefined
    if (segUnit) {
      // A plain number is read from the bytes; anything else (decimals, signs) as text.
      let w = at8.digits(3)
      if (w < 0) {
        const weight = at8.element(3)
        w = weight ? Number(weight) : Number.NaN
      }
      if (Number.isFinite(w) && w >= 0 && (unit === undefined || unit === segUnit)) {
        unit = segUnit
        value += w
      }
    }
    const q = at8.digits(4)
    if (q >= 0) {
      pieces += q
      hasPieces = true
    }
  }
  const out: Pick<Shipment, 'weight' | 'pieces'> = {}
  if (unit) out.weight = { value: Math.round(value * 1000) / 1000, unit }
  if (hasPieces) out.pieces = pieces
  return out
}
