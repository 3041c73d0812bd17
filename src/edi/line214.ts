/**
 * One AT7 line of a 214 set → an event, an estimate or an appointment. {@link SetState} carries what the lines of
 * one set share (identity, parties, zone) and collects their results; {@link mapLine} is called once per line.
 * No closures or intermediate objects per line beyond what the output needs.
 */

import { isWaybillError } from '../errors/index.js'
import type {
  DeliveryWindow,
  Location,
  NormalizeWarning,
  Shipment,
  Status,
  TrackingEvent,
} from '../model/core.js'
import { AT701, AT703, type At7Entry } from './codes214.js'
import { type At7Line, at7Event, type EventSettings, upperCode, windowOf } from './event214.js'
import type { TradingPartner } from './partners.js'
import { type MS1Place, ms1Place, type SegmentBytesCache } from './place214.js'
import type { Segment } from './segment.js'
import { at7DateTime, type X12DateTime, type X12Time, type X12TimeResolver } from './time214.js'

/** Counts of one set. */
export interface Set214Counts {
  statusLines: number
  events: number
  estimates: number
  appointments: number
}

export type Appointment = NonNullable<Shipment['appointments']>[number]

/** What the lines of one set share, and what they produce. */
export interface SetState {
  trackingNumber: string
  carrier: string
  zone: string | undefined
  origin: Location | undefined
  destination: Location | undefined
  pre4010: boolean
  partner: TradingPartner | undefined
  times: X12TimeResolver
  places: SegmentBytesCache<MS1Place>
  event: EventSettings
  warnings: NormalizeWarning[]
  /** The MS2 read last, its text and equipment (see {@link EventSet}). */
  ms2: Segment | undefined
  ms2Text: string
  equipment: string
  counts: Set214Counts
  /** Distinct events in first-seen order. */
  events: TrackingEvent[]
  /** The instant (epoch ms) of each of {@link events}, same order: the shipment sorts on them. */
  instants: number[]
  /** Ids of {@link events}, built only for sets with many events. */
  eventIds?: Set<string>
  /** Appointments keyed by their JSON text (distinct ones only). */
  appointments: Map<string, Appointment> | undefined
  estimatedDelivery: DeliveryWindow | undefined
}

/** The code tables as Maps (docs/performance.md "V8 notes"). */
const STATUS_CODES = new Map(Object.entries(AT701))
const APPOINTMENT_CODES = new Map(Object.entries(AT703))

const DESTINATION_SIDE: ReadonlySet<Status> = new Set([
  'out_for_delivery',
  'delivery_attempted',
  'delivered',
  'available_for_pickup',
])

function lineWarning(
  state: SetState,
  code: NormalizeWarning['code'],
  message: string,
  segment: number,
  rawCode?: string,
): void {
  const warning: NormalizeWarning = {
    code,
    message,
    path: `segment ${segment}`,
    trackingNumber: state.trackingNumber,
  }
  if (rawCode) warning.rawCode = rawCode
  state.warnings.push(warning)
}

/**
 * The time of a status line whose time code or time cannot be read (an AT707 code outside the standard list, a time
 * of two digits): the local date and time without the code (so without a zone: a code that is not understood says
 * nothing sure about the zone), else the date alone. Undefined when the date itself cannot be read.
 */
function timeWithout(state: SetState, when: X12DateTime): { time: X12Time; what: string } | undefined {
  const attempts = [
    { at: { ...when, timeCode: '' }, what: 'as the local time without a zone (its time code ignored)' },
    {
      at: { ...when, time: '', timeCode: '' },
      what: 'with its date only, without a zone (its time ignored)',
    },
  ]
  for (const { at, what } of attempts) {
    if (at.time === when.time && at.timeCode === when.timeCode) continue
    try {
      return { time: state.times.resolveKeeping(at, undefined, undefined), what }
    } catch (error) {
      if (!isWaybillError(error)) throw error
    }
  }
  return undefined
}

/** Maps one AT7 line into `state`. */
export function mapLine(line: At7Line, state: SetState): void {
  const at7 = line.at7
  // Every AT7 element this line needs, read before the MS1/MS2 (a segment's element bounds are kept for the
  // segment read last only).
  const status = upperCode(at7.code(1))
  const reasonCode = at7.code(2)
  const appointmentCode = at7.code(3)
  const appointment = upperCode(appointmentCode)
  const when = at7DateTime(at7, state.pre4010)
  const path = at7.index
  if (status) state.counts.statusLines++
  if (!status && !appointment) {
    lineWarning(state, 'invalid_field', `AT7 at segment ${path} has neither AT701 nor AT703`, path)
    return
  }
  const entry = status ? statusEntry(status, state.partner) : undefined
  const placed = line.ms1 ? ms1Place(state.places, line.ms1) : undefined
  if (placed?.invalidCoordinates) {
    const at = line.ms1!.index
    lineWarning(state, 'invalid_field', `MS1 at segment ${at} has unreadable coordinates`, at)
  }
  const place = placed?.location
  // Without an MS1, the zone comes from the party on the side of the shipment the line is about.
  const side = status
    ? sideOf(entry, state)
    : APPOINTMENT_CODES.get(appointment)?.kind === 'delivery'
      ? state.destination
      : state.origin
  // One call: the time with its zone, or kept without one (resolveKeeping answers exactly as resolve does, except
  // that a missing zone gives the local time instead of an error).
  let time: X12Time
  try {
    time = state.times.resolveKeeping(when, place ?? side, state.zone)
  } catch (error) {
    if (!isWaybillError(error)) throw error
    // A status event is kept whatever its time says: without the part that could not be read (see timeWithout).
    const kept = entry?.kind === 'event' ? timeWithout(state, when) : undefined
    const outcome = kept ? `kept ${kept.what}` : 'left out'
    lineWarning(state, 'invalid_field', `AT7 at segment ${path}: ${error.message}; ${outcome}`, path, status)
    if (!kept) return
    time = kept.time
  }
  if (time.zoneSource === 'unknown') {
    lineWarning(
      state,
      'unknown_zone',
      `AT7 at segment ${path} kept without a zone (${time.missing}): occurredAt is the local time`,
      path,
    )
  }
  if (time.zoneSource === 'unknown' && (appointment || (entry && entry.kind !== 'event'))) {
    // Windows need instants: an appointment or estimate without a zone is reported, the status event is kept.
    lineWarning(
      state,
      'invalid_field',
      `AT7 at segment ${path}: appointment/estimate left out (its time has no zone)`,
      path,
    )
    if (entry?.kind !== 'event') return
  }
  if (time.zoneSource === 'fallback') {
    lineWarning(
      state,
      'fallback_zone',
      `AT7 at segment ${path}: time zone from the default zone ${state.zone}`,
      path,
    )
  }
  if (appointment && time.zoneSource !== 'unknown') {
    const a = APPOINTMENT_CODES.get(appointment)
    if (!a) {
      lineWarning(
        state,
        'unknown_code',
        `AT703 appointment code '${appointment}' is not in the table`,
        path,
        appointment,
      )
    } else {
      addAppointment(state, {
        kind: a.kind,
        window: windowOf(
          a.bound === 'to' ? undefined : time.occurredAt,
          a.bound === 'from' ? undefined : time.occurredAt,
          time.precision,
          `AT7:${appointment}`,
        ),
        code: appointment,
      })
      state.counts.appointments++
    }
  }
  if (!status) return
  if (entry && entry.kind === 'estimate-delivery') {
    state.estimatedDelivery = windowOf(time.occurredAt, time.occurredAt, time.precision, `AT7:${status}`)
    state.counts.estimates++
    return
  }
  if (entry && entry.kind !== 'event') {
    addAppointment(state, {
      kind: entry.kind === 'estimate-pickup' ? 'pickup' : 'other',
      window: windowOf(time.occurredAt, time.occurredAt, time.precision, `AT7:${status}`),
      code: status,
    })
    state.counts.estimates++
    return
  }
  const event = at7Event(
    line,
    status,
    entry,
    state,
    time,
    place,
    path,
    when.timeCode,
    placed?.text,
    reasonCode,
    appointmentCode,
  )
  addEvent(state, event, time.instant)
}

/** Keeps the first event with each id (the same status, instant and place in several LX loops is one event). */
function addEvent(state: SetState, event: TrackingEvent, instant: number): void {
  const events = state.events
  if (events.length < 32) {
    // Events per set are few: a linear scan beats building a Set. Ids are compared only for equal instants (or
    // an unknown one): events at different instants have different ids, which are costlier to compare.
    const instants = state.instants
    const id = event.id
    const unknown = Number.isNaN(instant)
    for (let i = 0; i < events.length; i++)
      if ((unknown || instants[i] === instant) && events[i]!.id === id) return
  } else {
    state.eventIds ??= new Set(events.map((e) => e.id))
    if (state.eventIds.has(event.id)) return
    state.eventIds.add(event.id)
  }
  events.push(event)
  state.instants.push(instant)
}

function addAppointment(state: SetState, item: Appointment): void {
  state.appointments ??= new Map()
  state.appointments.set(JSON.stringify(item), item)
}

function sideOf(entry: At7Entry | undefined, state: SetState): Location | undefined {
  if (!entry) return undefined
  if (DESTINATION_SIDE.has(entry.status) || entry.kind === 'estimate-delivery') return state.destination
  if (entry.status === 'pre_transit' || entry.milestone === 'picked_up' || entry.kind === 'estimate-pickup')
    return state.origin
  return undefined
}

function statusEntry(code: string, partner: TradingPartner | undefined): At7Entry | undefined {
  const override = partner?.statusCodes?.[code]
  const base = STATUS_CODES.get(code)
  if (override)
    return { kind: 'event', status: 'unknown', milestone: 'unknown', text: code, ...base, ...override }
  return base
}
