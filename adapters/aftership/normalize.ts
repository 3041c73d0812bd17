/**
 * AfterShip tracking (a webhook delivery's `msg`, or the tracking the Tracking API returns) → one canonical shipment.
 * The shipment's `carrier` is the UNDERLYING carrier's waybill id when waybill knows the courier slug
 * (`AFTERSHIP_SLUGS`: `usps`, `ups`, `fedex`, `dhl` and the national carriers), else `aftership` with a warning, so a parcel seen through
 * AfterShip merges with the same parcel seen directly; AfterShip is named in each raw record (`codes.via`).
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
import { countryOf, countryOfRegion } from '../../src/time/index.js'
import { AFTERSHIP_SLUGS, AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from './codes.js'
import { type AftershipCheckpoint, aftershipTrackingSchema } from './schema.js'

export const AFTERSHIP_ID = 'aftership'

/**
 * AfterShip's courier slug → the waybill id shipments are keyed on, or `undefined` when waybill has no adapter for
 * that courier (the shipment then stays under `aftership`).
 * @example aftershipCarrierId('fedex') // 'fedex'
 */
export function aftershipCarrierId(slug: string | null | undefined): string | undefined {
  const key = clean(slug)?.toLowerCase()
  return key ? AFTERSHIP_SLUGS[key] : undefined
}

/**
 * Tags that describe AfterShip's lookup, not the parcel (Delivery Statuses: Pending "no tracking information yet",
 * Expired "no tracking information for 30 days"): with no checkpoints such a tracking is a not-found result.
 */
const NO_INFORMATION = new Set(['pending', 'expired'])

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

/** The tracking (`msg`) → one shipment, or a not-found entry while AfterShip has nothing (Pending, Expired). */
export function normalizeAftershipTracking(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
  root = 'msg',
): NormalizeResult {
  const tracking = parsePayload(aftershipTrackingSchema, payload, root)
  const trackingNumber = tracking.tracking_number.trim()
  const tag = clean(tracking.tag)
  if (!tracking.checkpoints?.length && (!tag || NO_INFORMATION.has(tag.toLowerCase())))
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber,
          carrierCode: tag ?? 'Pending',
          message: 'AfterShip has no tracking information for this number yet',
        },
      ],
      warnings: [],
    }
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const zone = ctx.defaultZone ?? defaultZone
  const slug = clean(tracking.slug)
  const mapped = aftershipCarrierId(slug)
  const carrier = mapped ?? AFTERSHIP_ID
  if (!mapped)
    warnings.push({
      code: 'other',
      message: slug
        ? `AfterShip courier "${slug}" has no waybill adapter: the shipment is kept under "${AFTERSHIP_ID}" and will not merge with direct tracking`
        : `the tracking names no courier slug: the shipment is kept under "${AFTERSHIP_ID}"`,
      path: root ? `${root}.slug` : 'slug',
      trackingNumber,
    })
  ;(tracking.checkpoints ?? []).forEach((checkpoint, index) => {
    const path = `${root}.checkpoints[${index}]`
    const place = checkpointPlace(checkpoint)
    const country = clean(checkpoint.country_region) ?? clean(checkpoint.country_iso3)
    const time = readEventTime(
      {
        dateTime: checkpoint.checkpoint_time,
        location: {
          // A checkpoint without a country: an unambiguous state code gives it, for the time lookup only.
          countryCode: country ?? countryOfRegion(place?.region),
          region: place?.region,
          postalCode: place?.postalCode,
          city: place?.city,
        },
        ...(zone ? { defaultZone: zone } : {}),
      },
      { field: 'checkpoint_time', path, trackingNumber },
      warnings,
    )
    if (!time) return
    const checkpointTag = clean(checkpoint.tag)
    const subtag = clean(checkpoint.subtag)
    const base = mapCode(AFTERSHIP_TAGS, checkpointTag, {
      warnings,
      path: `${path}.tag`,
      trackingNumber,
      carrier: 'AfterShip',
    })
    const entry =
      base.status !== 'unknown' && subtag ? (AFTERSHIP_SUBTAGS[subtag.toUpperCase()] ?? base) : base
    const message = clean(checkpoint.message) ?? ''
    const codes: Record<string, string> = { via: AFTERSHIP_ID }
    if (subtag) codes.subtag = subtag
    const checkpointSlug = clean(checkpoint.slug) ?? slug
    if (checkpointSlug) codes.slug = checkpointSlug
    const rawTag = clean(checkpoint.raw_tag)
    if (rawTag) codes.raw_tag = rawTag
    events.push(
      createEvent({
        carrier,
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
          code: checkpointTag?.toUpperCase(),
          codes,
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
    carrier,
    trackingNumber,
    events,
    // The tracking id is AfterShip's, not the carrier's: under the underlying carrier it would keep the parcel apart
    // from the same parcel tracked directly, so it is kept only under `aftership` (the tracking stays in `raw`).
    ...(carrierShipmentId && !mapped ? { carrierShipmentId } : {}),
    ...(signedBy ? { signedBy } : {}),
    raw: [payload],
  })
  return { shipments: [shipment], notFound: [], warnings }
}
