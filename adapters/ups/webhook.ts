/**
 * UPS Track Alert: the pushed event (one activity per delivery) and how a delivery is verified and read.
 *
 * Verification (UPSTrackAlert.yaml, `webhooks.TrackingEvent`): UPS sends back, in a header named `credential`,
 * the opaque string the subscriber chose in the subscription's `destination.credential`, with
 * `User-Agent: UPSPubSubTrackingService`. There is no body signature, so the scheme is a shared token.
 */
import { type AdapterWebhook, clean, createEvent, type NormalizeContext } from '../../src/adapter/index.js'
import { ParseError, ValidationError } from '../../src/errors/index.js'
import { buildShipment, type NormalizeResult, type NormalizeWarning } from '../../src/model/index.js'
import { sharedToken } from '../../src/webhooks/index.js'
import { mapUpsStatus, timeLocation, type UpsPlaces, upsLocation, upsWindow } from './parts.js'
import type { UpsTrackAlert } from './schema.js'
import { upsTime } from './time.js'

/** The header UPS Track Alert puts the subscriber's credential in. */
export const UPS_TRACK_ALERT_HEADER = 'credential'

/**
 * The scheme verifying a Track Alert delivery: the `credential` header compared (constant time) with the
 * credential you gave when subscribing.
 * @example verify(upsTrackAlertScheme, { rawBody, headers, secrets: [process.env.WAYBILL_UPS_WEBHOOK_CREDENTIAL!] })
 */
export const upsTrackAlertScheme = sharedToken({
  id: 'ups-track-alert',
  header: UPS_TRACK_ALERT_HEADER,
  authScheme: '',
})

/** Raw bytes of a verified delivery → the JSON event `normalize` takes. */
export function parseTrackAlert(rawBody: Uint8Array): unknown {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody)
  } catch (cause) {
    throw new ParseError('UPS Track Alert body is not UTF-8', {}, { cause })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new ParseError('UPS Track Alert body is not JSON', { offset: 0 }, { cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParseError('UPS Track Alert body is not a JSON object', { path: '$' })
  return value
}

export const upsWebhook: AdapterWebhook = { scheme: upsTrackAlertScheme, parse: parseTrackAlert }

/** One Track Alert event → a shipment with that one event (and the ETA UPS attached). */
export function normalizeTrackAlert(
  alert: UpsTrackAlert,
  payload: unknown,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  places: UpsPlaces,
): NormalizeResult {
  const trackingNumber = clean(alert.trackingNumber)
  if (!trackingNumber)
    throw new ValidationError('trackingNumber', 'a Track Alert event needs a tracking number')
  const warnings: NormalizeWarning[] = []
  const location = upsLocation(places, alert.activityLocation)
  const time = upsTime(
    {
      date: alert.localActivityDate,
      time: alert.localActivityTime,
      gmtDate: alert.gmtActivityDate,
      gmtTime: alert.gmtActivityTime,
    },
    timeLocation(location),
    defaultZone,
    (message) => warnings.push({ code: 'other', message, path: 'gmtActivityTime', trackingNumber }),
    { unknownZone: 'keep' },
  )
  if (time.zoneSource === 'unknown')
    warnings.push({
      code: 'unknown_zone',
      message: `ups Track Alert event kept without a zone (${time.missing}): occurredAt is the local time`,
      path: 'localActivityTime',
      trackingNumber,
    })
  const status = alert.activityStatus
  const mapped = mapUpsStatus(
    { statusCode: status?.descriptionCode, type: status?.type, code: status?.code },
    { warnings, path: 'activityStatus', trackingNumber },
  )
  if (time.zoneSource === 'fallback')
    warnings.push({
      code: 'fallback_zone',
      message: 'ups Track Alert time resolved in a fallback zone',
      path: 'localActivityTime',
      trackingNumber,
    })
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
    description: clean(status?.description) ?? '',
    raw: {
      source: ctx.source ?? 'webhook',
      ...(mapped.rawCode ? { code: mapped.rawCode } : {}),
      ...(Object.keys(mapped.codes).length ? { codes: mapped.codes } : {}),
      ...(status?.description !== undefined ? { text: status.description } : {}),
      record: alert,
      ...(ctx.origin ? { origin: ctx.origin } : {}),
    },
  })
  const description = clean(alert.deliveryTimeDescription)?.toLowerCase()
  const estimatedDelivery = clean(alert.scheduledDeliveryDate)
    ? upsWindow(
        {
          date: alert.scheduledDeliveryDate,
          type: description === 'end of day' ? 'EOD' : undefined,
          start: alert.deliveryStartTime,
          end: alert.deliveryEndTime,
          source: 'scheduledDeliveryDate',
        },
        location,
        { defaultZone, warnings, path: 'scheduledDeliveryDate', trackingNumber },
      )
    : undefined
  const shipment = buildShipment({
    carrier: 'ups',
    trackingNumber,
    events: [event],
    ...(estimatedDelivery ? { estimatedDelivery } : {}),
    raw: [payload],
  })
  return { shipments: [shipment], notFound: [], warnings }
}
