/**
 * GLS Track And Trace V1 answer → one `gls` shipment per parcel (`unitno`); a parcel entry with an `errorCode`
 * (`E_404_01`) → a not-found entry with that code. GLS writes offsets without a colon (`+0200`): read as given. A
 * time without an offset is read in the zone of the event's country (and postal code), else kept with an unknown zone
 * and a warning; GLS is an international network, so no single home zone is assumed.
 */
import {
  type CodeEntry,
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parsePayload,
  readEventTime,
} from '../../src/adapter/index.js'
import {
  buildShipment,
  compactLocation,
  type Location,
  type NormalizeResult,
  type NormalizeWarning,
  type Shipment,
  type TrackingEvent,
} from '../../src/model/index.js'
import type { NormalizedTime } from '../../src/time/index.js'
import { GLS_EVENT_CODES, GLS_EVENT_GROUPS, GLS_PARCEL_STATUSES } from './codes.js'
import { type GlsEvent, type GlsParcel, glsAnswerSchema } from './schema.js'

export const GLS_ID = 'gls'

/**
 * The meaning of an event code: the whole code, else its group (`OUTDEL` of `OUTDEL.XYZ`), else `unknown` with an
 * `unknown_code` warning.
 * @example glsEventMeaning('DELIVD.NORMAL', []) // { status: 'delivered', milestone: 'delivered' }
 */
export function glsEventMeaning(
  code: string,
  warnings: NormalizeWarning[],
  where: { path?: string; trackingNumber?: string } = {},
): CodeEntry {
  const key = code.trim().toUpperCase()
  const exact = GLS_EVENT_CODES[key]
  if (exact) return exact
  const group = GLS_EVENT_GROUPS[key.split('.')[0] ?? '']
  if (group) return group
  return mapCode(GLS_EVENT_CODES, key, { warnings, ...where, carrier: 'GLS' })
}

interface Reading {
  trackingNumber: string
  ctx: NormalizeContext
  warnings: NormalizeWarning[]
}

/** The event's place; a country that is not an ISO 3166 alpha-2 code is reported and left out. */
function placeOf(event: GlsEvent, path: string, at: Reading): Location | undefined {
  const country = clean(event.country)?.toUpperCase()
  const valid = country && /^[A-Z]{2}$/.test(country) ? country : undefined
  if (country && !valid)
    at.warnings.push({
      code: 'invalid_field',
      message: `country "${event.country}" is not an ISO 3166 alpha-2 code: the event is kept without it`,
      path: `${path}.country`,
      trackingNumber: at.trackingNumber,
    })
  return compactLocation({ city: clean(event.city), postalCode: clean(event.postalCode), countryCode: valid })
}

function readTime(
  dateTime: string,
  place: Location | undefined,
  field: string,
  path: string,
  at: Reading,
): NormalizedTime | undefined {
  return readEventTime(
    {
      dateTime: dateTime.trim(),
      ...(place?.countryCode
        ? { location: { countryCode: place.countryCode, postalCode: place.postalCode, city: place.city } }
        : {}),
      ...(at.ctx.defaultZone ? { defaultZone: at.ctx.defaultZone } : {}),
    },
    { field, path, trackingNumber: at.trackingNumber },
    at.warnings,
  )
}

function readEvents(parcel: GlsParcel, path: string, at: Reading): TrackingEvent[] {
  const events: TrackingEvent[] = []
  parcel.events.forEach((event, i) => {
    const where = `${path}.events[${i}]`
    const place = placeOf(event, where, at)
    const time = readTime(event.eventDateTime, place, 'eventDateTime', where, at)
    if (!time) return
    const code = event.code.trim().toUpperCase()
    const entry = glsEventMeaning(code, at.warnings, {
      path: `${where}.code`,
      trackingNumber: at.trackingNumber,
    })
    const description = clean(event.description) ?? ''
    events.push(
      createEvent({
        carrier: GLS_ID,
        trackingNumber: at.trackingNumber,
        status: entry.status,
        milestone: entry.milestone,
        reason: entry.reason,
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        location: place,
        description,
        raw: {
          source: at.ctx.source ?? 'rest',
          code,
          text: description || undefined,
          record: event,
          origin: at.ctx.origin,
        },
      }),
    )
  })
  return events
}

/** The parcel's `status` as its one event, for an answer without events (`showEvents=false`). */
function readStatus(parcel: GlsParcel, path: string, at: Reading): TrackingEvent[] {
  const status = clean(parcel.status)?.toUpperCase()
  if (!status || !parcel.statusDateTime) return []
  const time = readTime(parcel.statusDateTime, undefined, 'statusDateTime', path, at)
  if (!time) return []
  const entry = mapCode(GLS_PARCEL_STATUSES, status, {
    warnings: at.warnings,
    path: `${path}.status`,
    trackingNumber: at.trackingNumber,
    carrier: 'GLS',
  })
  return [
    createEvent({
      carrier: GLS_ID,
      trackingNumber: at.trackingNumber,
      status: entry.status,
      milestone: entry.milestone,
      reason: entry.reason,
      occurredAt: time.occurredAt,
      timeZone: time.timeZone,
      zoneSource: time.zoneSource,
      precision: time.precision,
      ...(time.ambiguous ? { ambiguous: true } : {}),
      description: status,
      raw: {
        source: at.ctx.source ?? 'rest',
        code: status,
        record: { status: parcel.status, statusDateTime: parcel.statusDateTime },
        origin: at.ctx.origin,
      },
    }),
  ]
}

/**
 * The Track And Trace answer → shipments and not-found entries. Throws a ValidationError naming the wrong field.
 * @example normalizeGls(answer).shipments[0]?.status
 */
export function normalizeGls(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const answer = parsePayload(glsAnswerSchema, payload, '')
  const warnings: NormalizeWarning[] = []
  const out: NormalizeResult = { shipments: [], notFound: [], warnings }
  answer.parcels.forEach((parcel, p) => {
    const path = `parcels[${p}]`
    const requested = parcel.requested.trim()
    const unitno = clean(parcel.unitno)
    const errorCode = clean(parcel.errorCode)
    if (errorCode || !unitno) {
      out.notFound.push({
        trackingNumber: requested,
        carrierCode: errorCode ?? 'NO_UNITNO',
        message: clean(parcel.errorMessage) ?? 'GLS has no parcel for this number',
      })
      return
    }
    const at: Reading = { trackingNumber: unitno, ctx, warnings }
    const events = parcel.events.length ? readEvents(parcel, path, at) : readStatus(parcel, path, at)
    // A Track ID or notification card id can stand for several parcels: the number asked for stays a reference.
    const references: Shipment['identifiers']['references'] =
      requested !== unitno ? [{ type: 'other', value: requested, qualifier: 'requested' }] : []
    out.shipments.push(
      buildShipment({
        carrier: GLS_ID,
        trackingNumber: unitno,
        events,
        ...(references.length ? { identifiers: { references } } : {}),
        raw: [parcel],
      }),
    )
  })
  return out
}
