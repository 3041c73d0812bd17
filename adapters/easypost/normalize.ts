/**
 * EasyPost `Tracker` (bare, as the Trackers API returns it, or inside a webhook `Event`) → one canonical shipment.
 * The shipment's `carrier` is the UNDERLYING carrier's waybill id when waybill knows it (`EASYPOST_CARRIERS`:
 * `USPS` → `usps`, `DHLExpress` → `dhl`, …), else `easypost` with a warning, so a parcel seen through EasyPost
 * merges with the same parcel seen directly; EasyPost is named in each raw record (`codes.via: 'easypost'`).
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
  MILESTONE_STATUS,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { countryOfRegion } from '../../src/time/index.js'
import { EASYPOST_CARRIERS, EASYPOST_STATUS_DETAILS, EASYPOST_STATUSES } from './codes.js'
import { type EasypostTracker, easypostEventSchema, easypostTrackerSchema } from './schema.js'

export const EASYPOST_ID = 'easypost'

/**
 * EasyPost's `carrier` (`USPS`, `FedEx`, `DHLExpress`) → the carrier id shipments are keyed on: the waybill id from
 * `EASYPOST_CARRIERS`, or `undefined` when waybill has no adapter for it (the shipment then stays under `easypost`).
 * @example easypostCarrierId('DHLExpress') // 'dhl'
 */
export function easypostCarrierId(carrier: string | null | undefined): string | undefined {
  const key = clean(carrier)?.toUpperCase()
  return key ? EASYPOST_CARRIERS[key] : undefined
}

type EasypostPlace = {
  city?: string | null
  state?: string | null
  country?: string | null
  zip?: string | null
}

function location(raw: EasypostPlace | null | undefined): Location | undefined {
  if (!raw) return undefined
  const country = clean(raw.country)
  return compactLocation({
    city: clean(raw.city),
    region: clean(raw.state),
    postalCode: clean(raw.zip),
    countryCode: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
  })
}

/**
 * The place as the time lookup reads it: EasyPost often sends `country: null` for US scans; an unambiguous state
 * code then gives the country (the event's own location is left as EasyPost sent it).
 */
function timePlace(place: Location): Location {
  if (place.countryCode) return place
  const country = countryOfRegion(place.region)
  return country ? { ...place, countryCode: country } : place
}

/**
 * Tracker statuses that mean EasyPost has nothing from the carrier: with no `tracking_details` such a tracker is a
 * not-found result, not an empty shipment (Tracker docs: `unknown`, `error`).
 */
const NO_INFORMATION = new Set(['unknown', 'error'])

/** One Tracker → one shipment, or a not-found entry when EasyPost has nothing from the carrier yet. */
export function normalizeEasypostTracker(
  tracker: EasypostTracker,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  const trackingNumber = tracker.tracking_code.trim()
  const details = tracker.tracking_details ?? []
  const trackerStatus = clean(tracker.status)
  if (!details.length && (!trackerStatus || NO_INFORMATION.has(trackerStatus.toLowerCase())))
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber,
          carrierCode: trackerStatus?.toUpperCase() ?? 'UNKNOWN',
          message: 'EasyPost has no tracking information for this tracker yet',
        },
      ],
      warnings: [],
    }
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const zone = ctx.defaultZone ?? defaultZone
  const viaCarrier = clean(tracker.carrier)
  const mapped = easypostCarrierId(viaCarrier)
  const carrier = mapped ?? EASYPOST_ID
  if (!mapped)
    warnings.push({
      code: 'other',
      message: viaCarrier
        ? `EasyPost carrier "${viaCarrier}" has no waybill adapter: the shipment is kept under "${EASYPOST_ID}" and will not merge with direct tracking`
        : `the tracker names no carrier: the shipment is kept under "${EASYPOST_ID}"`,
      path: 'carrier',
      trackingNumber,
    })
  details.forEach((detail, index) => {
    const path = `result.tracking_details[${index}]`
    const place: Location | undefined = location(detail.tracking_location)
    const time = readEventTime(
      {
        dateTime: detail.datetime,
        ...(place ? { location: timePlace(place) } : {}),
        ...(zone ? { defaultZone: zone } : {}),
      },
      { field: 'datetime', path, trackingNumber },
      warnings,
    )
    if (!time) return
    const code = clean(detail.status)
    const entry = mapCode(EASYPOST_STATUSES, code, {
      warnings,
      path: `${path}.status`,
      trackingNumber,
      carrier: 'EasyPost',
    })
    const statusDetail = clean(detail.status_detail)
    const refined = statusDetail ? EASYPOST_STATUS_DETAILS[statusDetail.toUpperCase()] : undefined
    const message = clean(detail.message) ?? ''
    const codes: Record<string, string> = { via: EASYPOST_ID }
    if (viaCarrier) codes.carrier = viaCarrier
    if (statusDetail) codes.status_detail = statusDetail
    const carrierCode = clean(detail.carrier_code)
    if (carrierCode) codes.carrier_code = carrierCode
    const source = clean(detail.source)
    if (source) codes.source = source
    events.push(
      createEvent({
        carrier,
        trackingNumber,
        status: entry.status,
        // A detail refines the milestone only where it agrees with the status (`delivered` + arrived_at_destination
        // stays `delivered`).
        milestone: refined && MILESTONE_STATUS[refined] === entry.status ? refined : entry.milestone,
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        location: place,
        description: message,
        raw: {
          source: ctx.source ?? 'webhook',
          code: code?.toUpperCase(),
          codes,
          text: message || undefined,
          record: detail,
          origin: ctx.origin,
        },
        discriminator: `${statusDetail ?? ''}|${message}`,
      }),
    )
  })
  const service = clean(tracker.carrier_detail?.service)
  const destination = location(tracker.carrier_detail?.destination_tracking_location)
  const origin = location(tracker.carrier_detail?.origin_tracking_location)
  const signedBy = clean(tracker.signed_by)
  const shipment = buildShipment({
    carrier,
    trackingNumber,
    // The tracker id is EasyPost's, not the carrier's: under the underlying carrier it would split the parcel from
    // the same parcel tracked directly (two shipment ids stay two shipments), so it is kept only under `easypost`
    // (the tracker itself stays in `raw`).
    ...(mapped ? {} : { carrierShipmentId: tracker.id }),
    events,
    ...(service ? { service: { name: service } } : {}),
    ...(destination ? { destination } : {}),
    ...(origin ? { origin } : {}),
    ...(signedBy ? { signedBy } : {}),
    ...(typeof tracker.weight === 'number' ? { weight: { value: tracker.weight, unit: 'oz' as const } } : {}),
    raw: [tracker],
  })
  return { shipments: [shipment], notFound: [], warnings }
}

/** An Event (or a bare Tracker) → the canonical result. Throws ValidationError naming the wrong field. */
export function normalizeEasypost(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  const object = (payload as { object?: unknown } | null)?.object
  if (object === 'Event') {
    const event = parsePayload(easypostEventSchema, payload, '')
    const tracker = parsePayload(easypostTrackerSchema, event.result, 'result')
    return normalizeEasypostTracker(tracker, { ...ctx, origin: ctx.origin ?? event.id }, defaultZone)
  }
  // A bare Tracker is what the Trackers API answers: a REST read unless the caller says otherwise.
  return normalizeEasypostTracker(
    parsePayload(easypostTrackerSchema, payload, ''),
    { ...ctx, source: ctx.source ?? 'rest' },
    defaultZone,
  )
}
