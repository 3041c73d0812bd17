/**
 * UPS payload → canonical shipments. Pure and synchronous. Takes the Track API v1 response, its error envelope
 * (when `track()` passed a 404 body through) and Track Alert events (see `webhook.ts`).
 *
 * - one canonical shipment per `package` (a multi-piece shipment has several);
 * - "not found" is HTTP 200 with warning `TW0001` and no package: a `notFound` entry, never an empty shipment;
 * - status from the 3-digit `statusCode`, type as fallback (`parts.ts`); times per `time.ts`.
 */
import {
  clean,
  createEvent,
  type NormalizeContext,
  parsePayload,
  UniqueEvents,
} from '../../src/adapter/index.js'
import { TimeError, ValidationError } from '../../src/errors/index.js'
import {
  buildShipment,
  eventInstant,
  type Location,
  type NormalizeResult,
  type NormalizeWarning,
  type Shipment,
  type TrackingEvent,
} from '../../src/model/index.js'
import { UPS_NOT_FOUND_CODES } from './codes.js'
import { pickEstimate, pieces, references, service, signedBy, weight } from './details.js'
import { errorEnvelope } from './errors.js'
import { mapUpsStatus, timeLocation, type UpsPlaces, upsLocation, upsPlaces, upsWindow } from './parts.js'
import {
  type UpsPackage,
  type UpsShipment,
  upsErrorResponseSchema,
  upsTrackAlertSchema,
  upsTrackResponseSchema,
} from './schema.js'
import { upsTime } from './time.js'
import { normalizeTrackAlert } from './webhook.js'

export interface UpsNormalizeOptions {
  /** IANA zone for times with neither an offset nor a place. */
  defaultZone?: string
}

/** Normalizes any UPS payload `normalize` accepts. */
export function normalizeUps(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: UpsNormalizeOptions = {},
  places: UpsPlaces = upsPlaces(),
): NormalizeResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new ValidationError(
      '',
      'expected a UPS Track API response, error response or Track Alert event object',
    )
  const defaultZone = ctx.defaultZone ?? options.defaultZone
  if ('trackResponse' in payload) {
    const body = parsePayload(upsTrackResponseSchema, payload, '')
    const result: NormalizeResult = { shipments: [], notFound: [], warnings: [] }
    body.trackResponse.shipment.forEach((shipment, si) => {
      normalizeShipment(shipment, si, payload, ctx, defaultZone, result, places)
    })
    return result
  }
  if ('response' in payload) return errorEnvelope(parsePayload(upsErrorResponseSchema, payload, ''), ctx)
  if ('activityStatus' in payload || 'localActivityDate' in payload) {
    const alert = parsePayload(upsTrackAlertSchema, payload, '')
    return normalizeTrackAlert(alert, payload, ctx, defaultZone, places)
  }
  throw new ValidationError('', 'expected trackResponse, response.errors or a Track Alert event')
}

function normalizeShipment(
  shipment: UpsShipment,
  si: number,
  payload: unknown,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  result: NormalizeResult,
  places: UpsPlaces,
): void {
  const path = `trackResponse.shipment[${si}]`
  const inquiry = clean(shipment.inquiryNumber) ?? ctx.requested?.[si] ?? ctx.requested?.[0]
  for (const warning of shipment.warnings) {
    const code = clean(warning.code)?.toUpperCase()
    const message = clean(warning.message)
    if (code && UPS_NOT_FOUND_CODES.has(code) && shipment.package.length === 0) {
      result.notFound.push({
        trackingNumber: inquiry ?? '',
        carrierCode: code,
        ...(message ? { message } : {}),
      })
    } else {
      result.warnings.push({
        code: 'other',
        message: `ups warning ${code ?? '(no code)'}${message ? `: ${message}` : ''}`,
        path: `${path}.warnings`,
        ...(inquiry ? { trackingNumber: inquiry } : {}),
      })
    }
  }
  shipment.package.forEach((pkg, pi) => {
    const built = normalizePackage(
      pkg,
      `${path}.package[${pi}]`,
      inquiry,
      payload,
      ctx,
      defaultZone,
      result.warnings,
      places,
    )
    if (built) result.shipments.push(built)
  })
}

function normalizePackage(
  pkg: UpsPackage,
  path: string,
  inquiry: string | undefined,
  payload: unknown,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  places: UpsPlaces,
): Shipment | undefined {
  const trackingNumber = clean(pkg.trackingNumber) ?? inquiry
  if (!trackingNumber) {
    warnings.push({ code: 'invalid_field', message: 'ups package without a tracking number left out', path })
    return undefined
  }
  let origin: Location | undefined
  let destination: Location | undefined
  for (const entry of pkg.packageAddress) {
    const type = clean(entry.type)?.toUpperCase()
    if (type === 'ORIGIN' || type === 'SHIPPER') origin ??= upsLocation(places, entry.address)
    else if (type === 'DESTINATION' || type === 'SHIP_TO') destination ??= upsLocation(places, entry.address)
  }
  const shipmentPlace = destination ?? origin
  const source = ctx.source ?? 'rest'
  const events = new UniqueEvents()
  let usedFallback = false
  pkg.activity.forEach((activity, ai) => {
    const at = `${path}.activity[${ai}]`
    const location = upsLocation(places, activity.location?.address, activity.location?.slic)
    const parts = activity // has date, time, gmtDate, gmtTime, gmtOffset
    let time: ReturnType<typeof upsTime>
    try {
      time = upsTime(parts, timeLocation(location), defaultZone, (message) =>
        warnings.push({ code: 'other', message, path: at, trackingNumber }),
      )
    } catch (error) {
      if (!(error instanceof TimeError)) throw error
      const retry = shipmentPlace && timeLocation(shipmentPlace)
      try {
        if (!retry) throw error
        time = { ...upsTime(parts, retry), zoneSource: 'fallback' }
        delete time.timeZone
      } catch {
        try {
          // No zone anywhere: the event is kept at its local time, without offset (never dropped, never UTC).
          time = upsTime(parts, timeLocation(location), defaultZone, undefined, { unknownZone: 'keep' })
          warnings.push({
            code: 'unknown_zone',
            message: `ups activity kept without a zone (${time.missing}): occurredAt is the local time`,
            path: at,
            trackingNumber,
          })
        } catch {
          warnings.push({
            code: 'invalid_field',
            message: `ups activity left out: ${error.message}`,
            path: at,
            trackingNumber,
          })
          return
        }
      }
    }
    if (time.zoneSource === 'fallback') usedFallback = true
    const mapped = mapUpsStatus(activity.status, { warnings, path: `${at}.status`, trackingNumber })
    const text = activity.status?.description
    const event = createEvent({
      carrier: 'ups',
      trackingNumber,
      status: mapped.entry.status,
      milestone: mapped.entry.milestone,
      reason: mapped.entry.reason,
      occurredAt: time.occurredAt,
      timeZone: time.timeZone,
      zoneSource: time.zoneSource,
      precision: time.precision,
      ...(time.ambiguous ? { ambiguous: true } : {}),
      location,
      description: clean(text) ?? '',
      raw: {
        source,
        ...(mapped.rawCode ? { code: mapped.rawCode } : {}),
        ...(Object.keys(mapped.codes).length ? { codes: mapped.codes } : {}),
        ...(text !== undefined ? { text } : {}),
        record: activity,
        ...(ctx.origin ? { origin: ctx.origin } : {}),
      },
    })
    events.add(event, eventInstant(event)) // the same scan twice is one physical event, kept once
  })
  if (usedFallback)
    warnings.push({
      code: 'fallback_zone',
      message: 'some ups activity times had no offset and no usable place: resolved in a fallback zone',
      path,
      trackingNumber,
    })
  const current = clean(pkg.currentStatus?.statusCode) ?? clean(pkg.currentStatus?.type)
  if (pkg.activity.length === 0 && current)
    warnings.push({
      code: 'other',
      message: `ups sent no activity (current status '${current}' has no time)`,
      path: `${path}.activity`,
      trackingNumber,
    })
  const estimate = pickEstimate(pkg)
  const estimatedDelivery = estimate
    ? upsWindow(estimate, destination ?? latestPlace(events.list), {
        defaultZone,
        warnings,
        path: `${path}.deliveryDate`,
        trackingNumber,
      })
    : undefined
  return buildShipment({
    carrier: 'ups',
    trackingNumber,
    events: events.list,
    identifiers: { references: references(pkg) },
    ...(estimatedDelivery ? { estimatedDelivery } : {}),
    ...(origin ? { origin } : {}),
    ...(destination ? { destination } : {}),
    ...service(pkg),
    ...signedBy(pkg),
    ...pieces(pkg, path, trackingNumber, warnings),
    ...weight(pkg, path, trackingNumber, warnings),
    raw: [payload],
  })
}

/** The place of the latest event (by instant): the best stand-in for a destination UPS did not give. */
function latestPlace(events: readonly TrackingEvent[]): Location | undefined {
  let latest: TrackingEvent | undefined
  for (const event of events)
    if (!latest || Date.parse(event.occurredAt) > Date.parse(latest.occurredAt)) latest = event
  return latest?.location
}
