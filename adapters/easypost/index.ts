/**
 * `waybill/adapters/easypost`: EasyPost tracker webhooks (webhook-only adapter). `webhook` verifies
 * `X-Hmac-Signature: hmac-sha256-hex=…` (secret NFKD-normalised) and parses the `Event`; `normalize` turns an
 * Event (`tracker.created` / `tracker.updated`) — or a bare `Tracker` as the REST API returns it — into one
 * canonical shipment. See README.md for the facts and their sources.
 */
import {
  type Adapter,
  type AdapterWebhook,
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parseJsonBody,
  parsePayload,
} from '../../src/adapter/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import {
  buildShipment,
  compactLocation,
  type Location,
  MILESTONE_STATUS,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { assertZone, countryOfRegion, normalizeEventTime, type normalizeTime } from '../../src/time/index.js'
import { easypost as easypostScheme } from '../../src/webhooks/index.js'
import { EASYPOST_STATUS_DETAILS, EASYPOST_STATUSES } from './codes.js'
import { type EasypostTracker, easypostEventSchema, easypostTrackerSchema } from './schema.js'

export { EASYPOST_STATUS_DETAILS, EASYPOST_STATUSES } from './codes.js'
export { easypostEventSchema, easypostTrackerSchema, easypostTrackingDetailSchema } from './schema.js'

export const EASYPOST_ID = 'easypost'

/** Options of {@link easypost}. */
export interface EasypostOptions {
  /**
   * IANA zone for scan times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such an event is skipped with an `invalid_field` warning)
   * @example easypost({ defaultZone: 'America/New_York' })
   */
  defaultZone?: string
}

/** Raw bytes of a verified delivery → the parsed JSON Event. */
export function parseEasypostDelivery(rawBody: Uint8Array): unknown {
  return parseJsonBody(rawBody, 'EasyPost webhook')
}

/** EasyPost's webhook: HMAC scheme, JSON parse, and the Event id (`evt_…`) for de-duplication. */
export const easypostWebhook: AdapterWebhook = {
  scheme: easypostScheme(),
  parse: parseEasypostDelivery,
  deliveryId: (payload) => {
    const id = (payload as { id?: unknown } | null)?.id
    return typeof id === 'string' && id.startsWith('evt_') ? id : undefined
  },
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

/** One Tracker → one shipment. */
export function normalizeEasypostTracker(
  tracker: EasypostTracker,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  const trackingNumber = tracker.tracking_code.trim()
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const zone = ctx.defaultZone ?? defaultZone
  const details = tracker.tracking_details ?? []
  details.forEach((detail, index) => {
    const path = `result.tracking_details[${index}]`
    const place: Location | undefined = location(detail.tracking_location)
    let time: ReturnType<typeof normalizeTime>
    try {
      const read = normalizeEventTime({
        dateTime: detail.datetime,
        ...(place ? { location: timePlace(place) } : {}),
        ...(zone ? { defaultZone: zone } : {}),
      })
      time = read.time
      if (read.setAside)
        warnings.push({
          code: 'invalid_field',
          message: `datetime read without its place: ${read.setAside}`,
          path: `${path}.datetime`,
          trackingNumber,
        })
    } catch (error) {
      if (!isWaybillError(error)) throw error
      warnings.push({
        code: 'invalid_field',
        message: `datetime: ${error.message}`,
        path: `${path}.datetime`,
        trackingNumber,
      })
      return
    }
    if (time.zoneSource === 'unknown')
      warnings.push({
        code: 'unknown_zone',
        message: `datetime kept without a zone (${time.missing}): occurredAt is the local time`,
        path: `${path}.datetime`,
        trackingNumber,
      })
    if (time.zoneSource === 'fallback') {
      warnings.push({
        code: 'fallback_zone',
        message: `datetime read in ${zone}`,
        path: `${path}.datetime`,
        trackingNumber,
      })
    }
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
    const codes: Record<string, string> = {}
    if (statusDetail) codes.status_detail = statusDetail
    const carrierCode = clean(detail.carrier_code)
    if (carrierCode) codes.carrier_code = carrierCode
    const source = clean(detail.source)
    if (source) codes.source = source
    events.push(
      createEvent({
        carrier: EASYPOST_ID,
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
          codes: Object.keys(codes).length ? codes : undefined,
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
    carrier: EASYPOST_ID,
    trackingNumber,
    carrierShipmentId: tracker.id,
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
  return normalizeEasypostTracker(parsePayload(easypostTrackerSchema, payload, ''), ctx, defaultZone)
}

/**
 * Creates the EasyPost webhook adapter.
 * @example
 * createWebhookHandler({ sources: { easypost: easypost() }, secrets: [process.env.EASYPOST_WEBHOOK_SECRET!], onEvents })
 */
export function easypost(options: EasypostOptions = {}): Adapter {
  assertZone(options.defaultZone, 'easypost({ defaultZone })')
  return {
    id: EASYPOST_ID,
    name: 'EasyPost tracker webhooks',
    capabilities: { webhooks: true },
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeEasypost(payload, ctx, options.defaultZone),
    webhook: easypostWebhook,
  }
}
