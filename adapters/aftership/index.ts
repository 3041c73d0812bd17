/**
 * `waybill/adapters/aftership`: AfterShip Tracking webhooks (webhook-only adapter). `webhook` verifies
 * `aftership-hmac-sha256: <base64 HMAC-SHA256 of the body>` and parses the envelope; `normalize` turns its
 * `msg` (the tracking and its checkpoints) into one canonical shipment. See README.md for facts and sources.
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
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import {
  assertZone,
  countryOf,
  countryOfRegion,
  normalizeEventTime,
  type normalizeTime,
} from '../../src/time/index.js'
import { aftership as aftershipScheme } from '../../src/webhooks/index.js'
import { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from './codes.js'
import { type AftershipCheckpoint, aftershipTrackingSchema, aftershipWebhookSchema } from './schema.js'

export { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from './codes.js'
export { aftershipCheckpointSchema, aftershipTrackingSchema, aftershipWebhookSchema } from './schema.js'

export const AFTERSHIP_ID = 'aftership'

/** Options of {@link aftership}. */
export interface AftershipOptions {
  /**
   * IANA zone for checkpoint times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such a checkpoint is skipped with an `invalid_field` warning)
   */
  defaultZone?: string
}

/** Raw bytes of a verified delivery → parsed JSON. */
export function parseAftershipDelivery(rawBody: Uint8Array): unknown {
  return parseJsonBody(rawBody, 'AfterShip webhook')
}

/** AfterShip's webhook: HMAC (base64) scheme, JSON parse, and a delivery id for de-duplication. */
export const aftershipWebhook: AdapterWebhook = {
  scheme: aftershipScheme(),
  parse: parseAftershipDelivery,
  deliveryId: (payload) => {
    const p = payload as { event_id?: unknown; ts?: unknown; msg?: { id?: unknown } } | null
    if (typeof p?.event_id === 'string' && p.event_id) return p.event_id
    if (typeof p?.msg?.id === 'string' && typeof p.ts === 'number') return `${p.msg.id}:${p.ts}`
    return undefined
  },
}

function checkpointPlace(checkpoint: AftershipCheckpoint): Location | undefined {
  const country = clean(checkpoint.country_region) ?? clean(checkpoint.country_iso3)
  return compactLocation({
    city: clean(checkpoint.city),
    region: clean(checkpoint.state),
    postalCode: clean(checkpoint.zip),
    countryCode: country ? countryOf(country) : undefined,
    facility: clean(checkpoint.location),
  })
}

/** The tracking (`msg`) → one shipment. */
export function normalizeAftershipTracking(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
  root = 'msg',
): NormalizeResult {
  const tracking = parsePayload(aftershipTrackingSchema, payload, root)
  const trackingNumber = tracking.tracking_number.trim()
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const zone = ctx.defaultZone ?? defaultZone
  ;(tracking.checkpoints ?? []).forEach((checkpoint, index) => {
    const path = `${root}.checkpoints[${index}]`
    const place = checkpointPlace(checkpoint)
    const country = clean(checkpoint.country_region) ?? clean(checkpoint.country_iso3)
    let time: ReturnType<typeof normalizeTime>
    try {
      const read = normalizeEventTime({
        dateTime: checkpoint.checkpoint_time,
        location: {
          // A checkpoint without a country: an unambiguous state code gives it, for the time lookup only.
          countryCode: country ?? countryOfRegion(place?.region),
          region: place?.region,
          postalCode: place?.postalCode,
          city: place?.city,
        },
        ...(zone ? { defaultZone: zone } : {}),
      })
      time = read.time
      if (read.setAside)
        warnings.push({
          code: 'invalid_field',
          message: `checkpoint_time read without its place: ${read.setAside}`,
          path: `${path}.checkpoint_time`,
          trackingNumber,
        })
    } catch (error) {
      if (!isWaybillError(error)) throw error
      warnings.push({
        code: 'invalid_field',
        message: `checkpoint_time: ${error.message}`,
        path: `${path}.checkpoint_time`,
        trackingNumber,
      })
      return
    }
    if (time.zoneSource === 'unknown')
      warnings.push({
        code: 'unknown_zone',
        message: `checkpoint_time kept without a zone (${time.missing}): occurredAt is the local time`,
        path: `${path}.checkpoint_time`,
        trackingNumber,
      })
    if (time.zoneSource === 'fallback') {
      warnings.push({
        code: 'fallback_zone',
        message: `checkpoint_time read in ${zone}`,
        path: `${path}.checkpoint_time`,
        trackingNumber,
      })
    }
    const tag = clean(checkpoint.tag)
    const subtag = clean(checkpoint.subtag)
    const base = mapCode(AFTERSHIP_TAGS, tag, {
      warnings,
      path: `${path}.tag`,
      trackingNumber,
      carrier: 'AfterShip',
    })
    const entry =
      base.status !== 'unknown' && subtag ? (AFTERSHIP_SUBTAGS[subtag.toUpperCase()] ?? base) : base
    const message = clean(checkpoint.message) ?? ''
    const codes: Record<string, string> = {}
    if (subtag) codes.subtag = subtag
    const slug = clean(checkpoint.slug) ?? clean(tracking.slug)
    if (slug) codes.slug = slug
    const rawTag = clean(checkpoint.raw_tag)
    if (rawTag) codes.raw_tag = rawTag
    events.push(
      createEvent({
        carrier: AFTERSHIP_ID,
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
        description: message,
        raw: {
          source: ctx.source ?? 'webhook',
          code: tag?.toUpperCase(),
          codes: Object.keys(codes).length ? codes : undefined,
          text: message || undefined,
          record: checkpoint,
          origin: ctx.origin,
        },
        discriminator: `${subtag ?? ''}|${message}`,
      }),
    )
  })
  const signedBy = clean(tracking.signed_by)
  const carrierShipmentId = clean(tracking.id)
  const shipment = buildShipment({
    carrier: AFTERSHIP_ID,
    trackingNumber,
    events,
    ...(carrierShipmentId ? { carrierShipmentId } : {}),
    ...(signedBy ? { signedBy } : {}),
    raw: [payload],
  })
  return { shipments: [shipment], notFound: [], warnings }
}

/** A webhook envelope (or a bare tracking) → the canonical result. Throws ValidationError naming the wrong field. */
export function normalizeAftership(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  if (payload !== null && typeof payload === 'object' && 'msg' in payload) {
    const envelope = parsePayload(aftershipWebhookSchema, payload, '')
    const origin = ctx.origin ?? aftershipWebhook.deliveryId?.(payload, {})
    return normalizeAftershipTracking(envelope.msg, { ...ctx, ...(origin ? { origin } : {}) }, defaultZone)
  }
  return normalizeAftershipTracking(payload, ctx, defaultZone, '')
}

/**
 * Creates the AfterShip webhook adapter.
 * @example
 * createWebhookHandler({ sources: { aftership: aftership() }, secrets: [process.env.AFTERSHIP_WEBHOOK_SECRET!], onEvents })
 */
export function aftership(options: AftershipOptions = {}): Adapter {
  assertZone(options.defaultZone, 'aftership({ defaultZone })')
  return {
    id: AFTERSHIP_ID,
    name: 'AfterShip Tracking webhooks',
    capabilities: { webhooks: true },
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeAftership(payload, ctx, options.defaultZone),
    webhook: aftershipWebhook,
  }
}
