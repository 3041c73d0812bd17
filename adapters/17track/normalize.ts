/**
 * 17TRACK answers and pushes → canonical shipments. A shipment is keyed on the UNDERLYING carrier's waybill id when
 * waybill knows 17TRACK's numeric key (`TRACK17_CARRIERS`: 21051 → `usps`, …), else on `17track` with a warning,
 * so a parcel seen through 17TRACK merges with the same parcel seen directly; 17TRACK is named in every event's raw
 * codes (`via: '17track'`). Event times come as `time_iso`, with an offset when the carrier gave a zone and
 * without one otherwise: those are read in the zone of the event's address, else kept as local time with a warning.
 */
import {
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
  type TrackingEvent,
} from '../../src/model/index.js'
import { TRACK17_CARRIERS, TRACK17_STATUSES, TRACK17_SUB_STATUSES } from './codes.js'
import {
  type Track17Accepted,
  type Track17Address,
  type Track17Event,
  track17AnswerSchema,
  track17PushSchema,
} from './schema.js'

export const TRACK17_ID = '17track'

/** 17TRACK's "already registered" rejection (v2.2 docs, Error code): the number is known, nothing is wrong. */
export const TRACK17_ALREADY_REGISTERED = -18019901

/**
 * 17TRACK's numeric carrier key → the carrier id shipments are keyed on, or `undefined` when waybill has no
 * adapter for it (the shipment then stays under `17track`).
 * @example track17CarrierId(21051) // 'usps'
 */
export function track17CarrierId(key: number | null | undefined): string | undefined {
  return typeof key === 'number' ? TRACK17_CARRIERS[key] : undefined
}

/** An address as a location; a country that is not an ISO 3166 code is left out (the raw record keeps it). */
function place(address: Track17Address | null | undefined): Location | undefined {
  if (!address) return undefined
  const country = clean(address.country)
  return compactLocation({
    city: clean(address.city),
    region: clean(address.state),
    postalCode: clean(address.postal_code),
    countryCode: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
  })
}

/** Does an ISO time string carry an offset (`Z`, `+01:00`, `-0500`)? */
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}:?\d{2})$/

/** The time input of an event: `time_iso`, or the raw date and time; the raw zone fills in a missing offset. */
function timeOf(event: Track17Event): { dateTime?: string; date?: string; time?: string; offset?: string } {
  const iso = clean(event.time_iso)
  const zone = clean(event.time_raw?.timezone)
  if (iso) return HAS_OFFSET.test(iso) || !zone ? { dateTime: iso } : { dateTime: iso, offset: zone }
  const date = clean(event.time_raw?.date)
  const time = clean(event.time_raw?.time)
  return { ...(date ? { date } : {}), ...(time ? { time } : {}), ...(zone ? { offset: zone } : {}) }
}

/** The event's meaning: its sub-status, else its main status (the part before `_`), else unknown with a warning. */
function meaning(
  code: string | undefined,
  warnings: NormalizeWarning[],
  path: string,
  trackingNumber: string,
) {
  const key = code?.toUpperCase()
  if (key && TRACK17_SUB_STATUSES[key]) return TRACK17_SUB_STATUSES[key]
  const main = key?.split('_')[0]
  if (main && TRACK17_STATUSES[main]) return TRACK17_STATUSES[main]
  return mapCode({}, key, { warnings, path, trackingNumber, carrier: '17TRACK' })
}

function readEvent(
  event: Track17Event,
  at: { carrier: string; trackingNumber: string; provider?: number; country?: string; path: string },
  ctx: NormalizeContext,
  warnings: NormalizeWarning[],
): TrackingEvent | undefined {
  const { carrier, trackingNumber, path } = at
  const location = place(event.address)
  // An event without an address is placed in its provider's country (a national post's scans happen at home):
  // one-zone countries then give the zone; the event's own location stays as 17TRACK sent it.
  const timePlace = location ?? (at.country ? { countryCode: at.country } : undefined)
  const time = readEventTime(
    {
      ...timeOf(event),
      ...(timePlace ? { location: timePlace } : {}),
      ...(ctx.defaultZone ? { defaultZone: ctx.defaultZone } : {}),
    },
    { field: 'time_iso', path, trackingNumber },
    warnings,
  )
  if (!time) return undefined
  const subStatus = clean(event.sub_status)
  const entry = meaning(subStatus, warnings, `${path}.sub_status`, trackingNumber)
  const description = clean(event.description) ?? ''
  const codes: Record<string, string> = { via: TRACK17_ID }
  const stage = clean(event.stage)
  if (stage) codes.stage = stage
  if (at.provider !== undefined) codes.provider = String(at.provider)
  const facility = clean(event.location)
  return createEvent({
    carrier,
    trackingNumber,
    status: entry.status,
    milestone: entry.milestone,
    ...(entry.reason ? { reason: entry.reason } : {}),
    occurredAt: time.occurredAt,
    timeZone: time.timeZone,
    zoneSource: time.zoneSource,
    precision: time.precision,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    location: location ?? (facility ? { facility } : undefined),
    description,
    raw: {
      source: ctx.source ?? 'rest',
      code: subStatus,
      codes,
      text: description || undefined,
      record: event,
      origin: ctx.origin,
    },
    discriminator: description,
  })
}

/** One accepted number with its `track_info` → a shipment, or a not-found entry when 17TRACK has nothing yet. */
export function normalizeTrack17Item(
  item: Track17Accepted,
  ctx: NormalizeContext,
  path: string,
  out: NormalizeResult,
): void {
  const trackingNumber = item.number
  const info = item.track_info
  const providers = info?.tracking?.providers ?? []
  const latest = clean(info?.latest_status?.status)
  const eventCount = providers.reduce((n, p) => n + (p.events?.length ?? 0), 0)
  if (!eventCount && (!latest || latest.toUpperCase() === 'NOTFOUND')) {
    out.notFound.push({
      trackingNumber,
      carrierCode: latest ?? 'NotFound',
      message: '17TRACK has no tracking information for this number yet',
    })
    return
  }
  const warnings = out.warnings
  const mapped = track17CarrierId(item.carrier)
  const carrier = mapped ?? TRACK17_ID
  if (!mapped)
    warnings.push({
      code: 'other',
      message:
        typeof item.carrier === 'number'
          ? `17TRACK carrier ${item.carrier} has no waybill adapter: the shipment is kept under "${TRACK17_ID}" and will not merge with direct tracking`
          : `17TRACK names no carrier: the shipment is kept under "${TRACK17_ID}"`,
      path: `${path}.carrier`,
      trackingNumber,
    })
  const events: TrackingEvent[] = []
  providers.forEach((provider, p) => {
    const key = provider.provider?.key ?? undefined
    const country = clean(provider.provider?.country)?.toUpperCase()
    ;(provider.events ?? []).forEach((event, e) => {
      const read = readEvent(
        event,
        {
          carrier,
          trackingNumber,
          ...(key !== undefined ? { provider: key } : {}),
          ...(country && /^[A-Z]{2}$/.test(country) ? { country } : {}),
          path: `${path}.track_info.tracking.providers[${p}].events[${e}]`,
        },
        ctx,
        warnings,
      )
      if (read) events.push(read)
    })
  })
  // The latest status says where the parcel stands; a value not in the table is reported so a new one is seen.
  if (latest) meaning(latest, warnings, `${path}.track_info.latest_status.status`, trackingNumber)
  const service = clean(providers[0]?.service_type)
  const origin = place(info?.shipping_info?.shipper_address)
  const destination = place(info?.shipping_info?.recipient_address)
  out.shipments.push(
    buildShipment({
      carrier,
      trackingNumber,
      events,
      ...(service ? { service: { name: service } } : {}),
      ...(origin ? { origin } : {}),
      ...(destination ? { destination } : {}),
      raw: [item],
    }),
  )
}

/**
 * A `gettrackinfo` or `register` answer, or a webhook push → the canonical result. An accepted number without
 * `track_info` is a registration receipt (nothing to say yet); a rejected number is a not-found entry carrying
 * 17TRACK's error code, except "already registered", which is no news. Throws ValidationError naming the field.
 */
export function normalizeTrack17(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const out: NormalizeResult = { shipments: [], notFound: [], warnings: [] }
  if (typeof (payload as { event?: unknown } | null)?.event === 'string') {
    const push = parsePayload(track17PushSchema, payload, '')
    const pushCtx = { ...ctx, source: ctx.source ?? 'webhook' }
    if (push.data.track_info) normalizeTrack17Item(push.data, pushCtx, 'data', out)
    else
      out.warnings.push({
        code: 'skipped',
        message: `17TRACK push "${push.event}" carries no track_info`,
        path: 'event',
        trackingNumber: push.data.number,
      })
    return out
  }
  const answer = parsePayload(track17AnswerSchema, payload, '')
  ;(answer.data.accepted ?? []).forEach((item, i) => {
    if (item.track_info) normalizeTrack17Item(item, ctx, `data.accepted[${i}]`, out)
  })
  for (const rejected of answer.data.rejected ?? []) {
    if (rejected.error.code === TRACK17_ALREADY_REGISTERED) continue
    out.notFound.push({
      trackingNumber: rejected.number,
      carrierCode: String(rejected.error.code),
      message: clean(rejected.error.message) ?? '17TRACK rejected this number',
    })
  }
  return out
}
