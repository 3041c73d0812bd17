/**
 * Amazon Shipping `getTracking` answer → one `amazon` shipment; an answer without events is a not-found entry.
 * Event times are read with their offset; one without an offset is read at its place, else kept with an unknown
 * zone and a warning.
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
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { countryOf } from '../../src/time/index.js'
import { AMAZON_EVENT_CODES } from './codes.js'
import { amazonTrackingSchema } from './schema.js'

export const AMAZON_ID = 'amazon'

/** The `getTracking` answer → shipments and not-found entries. Throws ValidationError naming the wrong field. */
export function normalizeAmazon(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const answer = parsePayload(amazonTrackingSchema, payload, '').payload
  const trackingNumber = answer.trackingId.trim()
  const history = answer.eventHistory ?? []
  if (!history.length)
    return {
      shipments: [],
      notFound: [
        { trackingNumber, carrierCode: 'NoEvents', message: 'Amazon Shipping has no events for this number' },
      ],
      warnings: [],
    }
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  history.forEach((event, index) => {
    const path = `payload.eventHistory[${index}]`
    const country = clean(event.location?.countryCode)
    const place = compactLocation({
      city: clean(event.location?.city),
      region: clean(event.location?.stateOrRegion),
      postalCode: clean(event.location?.postalCode),
      countryCode: country ? countryOf(country) : undefined,
    })
    const time = readEventTime(
      {
        dateTime: event.eventTime,
        location: {
          countryCode: place?.countryCode,
          region: place?.region,
          postalCode: place?.postalCode,
          city: place?.city,
        },
        ...(ctx.defaultZone ? { defaultZone: ctx.defaultZone } : {}),
      },
      { field: 'eventTime', path, trackingNumber },
      warnings,
    )
    if (!time) return
    const code = event.eventCode.trim()
    const entry = mapCode(AMAZON_EVENT_CODES, code.toUpperCase(), {
      warnings,
      path: `${path}.eventCode`,
      trackingNumber,
      carrier: 'Amazon Shipping',
    })
    const codes: Record<string, string> = {}
    const leg = clean(event.shipmentType)
    if (leg) codes.shipmentType = leg
    events.push(
      createEvent({
        carrier: AMAZON_ID,
        trackingNumber,
        status: entry.status,
        milestone: entry.milestone,
        reason: entry.reason,
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        location: place,
        description: code,
        raw: { source: ctx.source ?? 'rest', code, codes, record: event, origin: ctx.origin },
        discriminator: `${code}|${leg ?? ''}`,
      }),
    )
  })
  return {
    shipments: [buildShipment({ carrier: AMAZON_ID, trackingNumber, events, raw: [payload] })],
    notFound: [],
    warnings,
  }
}
