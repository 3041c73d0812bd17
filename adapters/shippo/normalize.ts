/**
 * Shippo Tracks → canonical shipments. The shipment's `carrier` is the UNDERLYING carrier's waybill id when
 * waybill knows it (`usps`, `ups`, `fedex`, `dhl` and the national carriers in `SHIPPO_CARRIERS`), else Shippo's carrier token, so a parcel seen through Shippo
 * merges with the same parcel seen directly; Shippo is named in each raw record (`codes.via: 'shippo'`).
 */
import { clean, createEvent, mapCode, type NormalizeContext, parsePayload } from '../../src/adapter/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import {
  buildShipment,
  compactLocation,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { countryOf, countryOfRegion, normalizeEventTime } from '../../src/time/index.js'
import { SHIPPO_CARRIERS, SHIPPO_STATUSES, SHIPPO_SUBSTATUSES } from './codes.js'
import { type ShippoTrackingStatus, shippoTrackSchema } from './schema.js'

export const SHIPPO_ID = 'shippo'

/** Shippo's carrier token → the carrier id shipments are keyed on. */
export function shippoCarrierId(token: string): string {
  const key = token.trim().toLowerCase()
  return SHIPPO_CARRIERS[key] ?? key
}

/** One Shippo track response → one shipment, or a not-found entry when Shippo has no status and no history. */
export function normalizeShippo(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  const track = parsePayload(shippoTrackSchema, payload, '')
  const trackingNumber = track.tracking_number.trim()
  const token = track.carrier.trim().toLowerCase()
  const carrier = shippoCarrierId(token)
  const history = track.tracking_history ?? []
  const statuses = history.length ? history : track.tracking_status ? [track.tracking_status] : []
  const known = statuses.filter((s) => clean(s.status)?.toUpperCase() !== 'UNKNOWN' || clean(s.status_date))
  if (!known.length)
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber,
          carrierCode: clean(track.tracking_status?.status) ?? 'UNKNOWN',
          message: clean(track.tracking_status?.status_details) ?? 'Shippo has no tracking information',
        },
      ],
      warnings: [],
    }
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const root = history.length ? 'tracking_history' : 'tracking_status'
  const zone = ctx.defaultZone ?? defaultZone
  statuses.forEach((status, index) => {
    const path = history.length ? `${root}[${index}]` : root
    const event = shippoEvent(status, { path, carrier, token, trackingNumber, warnings, ctx, zone })
    if (event) events.push(event)
  })
  return {
    shipments: [buildShipment({ carrier, trackingNumber, events, raw: [payload] })],
    notFound: [],
    warnings,
  }
}

interface EventScope {
  path: string
  carrier: string
  token: string
  trackingNumber: string
  warnings: NormalizeWarning[]
  ctx: NormalizeContext
  zone: string | undefined
}

function shippoEvent(status: ShippoTrackingStatus, scope: EventScope): TrackingEvent | undefined {
  const { path, trackingNumber, warnings } = scope
  const country = clean(status.location?.country)
  const location = compactLocation({
    city: clean(status.location?.city),
    region: clean(status.location?.state),
    postalCode: clean(status.location?.zip),
    countryCode: country ? countryOf(country) : undefined,
  })
  let time: ReturnType<typeof normalizeEventTime>['time']
  try {
    time = normalizeEventTime({
      dateTime: status.status_date ?? '',
      location: {
        // A status without a country: an unambiguous state code gives it, for the time lookup only.
        countryCode: country ?? countryOfRegion(location?.region),
        region: location?.region,
        postalCode: location?.postalCode,
        city: location?.city,
      },
      ...(scope.zone ? { defaultZone: scope.zone } : {}),
    }).time
  } catch (error) {
    if (!isWaybillError(error)) throw error
    warnings.push({
      code: 'invalid_field',
      message: `status_date: ${error.message}`,
      path: `${path}.status_date`,
      trackingNumber,
    })
    return undefined
  }
  if (time.zoneSource === 'unknown')
    warnings.push({
      code: 'unknown_zone',
      message: `status_date kept without a zone (${time.missing}): occurredAt is the local time`,
      path: `${path}.status_date`,
      trackingNumber,
    })
  const code = clean(status.status)
  const subcode = clean(status.substatus?.code)
  const base = mapCode(SHIPPO_STATUSES, code, {
    warnings,
    path: `${path}.status`,
    trackingNumber,
    carrier: 'Shippo',
  })
  const entry =
    base.status !== 'unknown' && subcode ? (SHIPPO_SUBSTATUSES[subcode.toUpperCase()] ?? base) : base
  const description = clean(status.status_details) ?? ''
  const codes: Record<string, string> = { via: SHIPPO_ID, carrier: scope.token }
  if (subcode) codes.substatus = subcode
  return createEvent({
    carrier: scope.carrier,
    trackingNumber,
    status: entry.status,
    milestone: entry.milestone,
    reason: entry.reason,
    occurredAt: time.occurredAt,
    timeZone: time.timeZone,
    zoneSource: time.zoneSource,
    precision: time.precision,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    location,
    description,
    raw: {
      source: scope.ctx.source ?? 'rest',
      code: code?.toUpperCase(),
      codes,
      text: description || undefined,
      record: status,
      origin: scope.ctx.origin ?? clean(status.object_id),
    },
    discriminator: `${subcode ?? ''}|${description}`,
  })
}
