/**
 * The parts of a 214 mapping that need no builder state: one AT7 line → one event, B10/L11 → references, AT8 →
 * weight and pieces, and small helpers.
 */
import type { At7Entry, ReasonEntry } from '../../adapters/edi214/codes.js'
import { L11_TYPES, NORMAL_REASONS } from '../../adapters/edi214/codes.js'
import {
  type DeliveryWindow,
  eventId,
  type Location,
  type NormalizeWarning,
  type RawSource,
  type Reference,
  type Shipment,
  type Status,
  type TrackingEvent,
} from '../model/index.js'
import type { Segment } from './segment.js'
import type { X12TimeResolver } from './time214.js'

/** One AT7 line with the MS1/MS2 that follow it. */
export interface At7Line {
  at7: Segment
  ms1?: Segment
  ms2?: Segment
  lx: string
}

export function windowOf(
  from: string | undefined,
  to: string | undefined,
  precision: DeliveryWindow['precision'],
  source: string,
): DeliveryWindow {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), precision, source }
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
  return location.coordinates ? { ...location, coordinates: { ...location.coordinates } } : { ...location }
}

/** One status line → one canonical event (unknown codes → `unknown`, with a warning). */
export function at7Event(
  line: At7Line,
  code: string,
  entry: At7Entry | undefined,
  at: {
    trackingNumber: string
    carrier: string
    time: ReturnType<X12TimeResolver['resolve']>
    place?: Location
    path: number
    timeCode: string
    ms1Text?: string
  },
  warnings: NormalizeWarning[],
  settings: { source: RawSource; origin?: string; reasonOf: (code: string) => ReasonEntry | undefined },
): TrackingEvent {
  const at7 = line.at7
  const reasonCode = upperCode(at7.element(2))
  const timeCode = upperCode(at.timeCode)
  let status: Status = entry?.status ?? 'unknown'
  let milestone = entry?.milestone ?? 'unknown'
  let reason: string | undefined
  if (!entry) {
    warnings.push({
      code: 'unknown_code',
      message: `AT701 status code '${code}' is not in the table`,
      path: `segment ${at.path}`,
      trackingNumber: at.trackingNumber,
      rawCode: code,
    })
  }
  if (reasonCode && !NORMAL_REASONS.has(reasonCode)) {
    const r = settings.reasonOf(reasonCode)
    if (!r) {
      warnings.push({
        code: 'unknown_code',
        message: `AT702 reason code '${reasonCode}' is not in the table`,
        path: `segment ${at.path}`,
        trackingNumber: at.trackingNumber,
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
  const appointment = at7.element(3)
  if (appointment) codes.AT703 = appointment.toUpperCase()
  if (timeCode) codes.AT707 = timeCode
  if (line.lx) codes.LX = line.lx
  if (line.ms2) {
    const equipment = `${line.ms2.element(1)} ${line.ms2.element(2)}`.trim()
    if (equipment) codes.equipment = equipment
  }
  const description = entry ? (reason ? `${entry.text}: ${reason}` : entry.text) : `AT7 status ${code}`
  const record = [at7.toString()]
  if (at.ms1Text) record.push(at.ms1Text)
  if (line.ms2) record.push(line.ms2.toString())
  const location = at.place ? copyLocation(at.place) : undefined
  const occurredAt = at.time.occurredAt
  const id = eventId({
    carrier: at.carrier,
    trackingNumber: at.trackingNumber,
    occurredAt,
    rawCode: code,
    ...(location ? { location } : {}),
  })
  const event: TrackingEvent = {
    id,
    carrier: at.carrier,
    trackingNumber: at.trackingNumber,
    status,
    milestone,
    occurredAt,
    zoneSource: at.time.zoneSource,
    precision: at.time.precision,
    description,
    raw: {
      source: settings.source,
      code,
      codes,
      record,
      ...(settings.origin ? { origin: settings.origin } : {}),
    },
  }
  if (reason) event.reason = reason
  if (at.time.timeZone) event.timeZone = at.time.timeZone
  if (location) event.location = location
  return event
}

export function references214(b10: string[] | undefined, l11s: readonly Segment[]): Reference[] {
  const out: Reference[] = []
  const seen = new Set<string>()
  const add = (type: Reference['type'], value: string, qualifier: string) => {
    const key = `${type}|${value}|${qualifier}`
    if (!value || seen.has(key)) return
    seen.add(key)
    out.push({ type, value, qualifier })
  }
  if (b10) {
    add('shipment_id', b10[1]!, 'B10-02')
    const qualifier = upperCode(b10[3]!)
    if (qualifier && b10[4]) add(L11_TYPES[qualifier] ?? 'other', b10[4], qualifier)
  }
  for (const l11 of l11s) {
    const qualifier = l11.element(2).toUpperCase()
    // From 00402 on, L11-01 may repeat (ISA11 separator): one reference per value.
    for (const value of l11.repetitions(1)) add(L11_TYPES[qualifier] ?? 'other', value, qualifier)
  }
  return out
}

export function weight214(at8s: readonly Segment[]): Pick<Shipment, 'weight' | 'pieces'> {
  let value = 0
  let unit: 'kg' | 'lb' | undefined
  let pieces = 0
  let hasPieces = false
  for (const at8 of at8s) {
    const u = at8.element(2).toUpperCase()
    const w = Number(at8.element(3))
    const segUnit = u === 'K' ? 'kg' : u === 'L' ? 'lb' : undefined
    if (
      segUnit &&
      at8.element(3) &&
      Number.isFinite(w) &&
      w >= 0 &&
      (unit === undefined || unit === segUnit)
    ) {
      unit = segUnit
      value += w
    }
    const q = at8.element(4)
    if (/^\d+$/.test(q)) {
      pieces += Number(q)
      hasPieces = true
    }
  }
  return {
    ...(unit ? { weight: { value: Math.round(value * 1000) / 1000, unit } } : {}),
    ...(hasPieces ? { pieces } : {}),
  }
}
