/**
 * Australia Post Track Items answer → canonical shipments, one per `tracking_results` entry with items; an entry
 * with per-number `errors` (or without items) is a not-found entry carrying Australia Post's error code. Event
 * times are read with their offset; one without an offset is read in the zone of its place's state
 * ("ALEXANDRIA NSW" → Australia/Sydney), else kept with an unknown zone and a warning.
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
import { AUSPOST_STATUSES, auspostEventRule } from './codes.js'
import { type AuspostEvent, type AuspostResult, auspostTrackSchema } from './schema.js'

export const AUSPOST_ID = 'auspost'

const STATES = new Set(['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'NT', 'ACT'])

/**
 * "ALEXANDRIA NSW" → `{ city: 'ALEXANDRIA', region: 'NSW', countryCode: 'AU' }`; a text without a state code is
 * kept whole as the facility.
 * @example auspostPlace('CHULLORA NSW') // { city: 'CHULLORA', region: 'NSW', countryCode: 'AU' }
 */
export function auspostPlace(location: string | null | undefined): Location | undefined {
  const text = clean(location)
  if (!text) return undefined
  const match = /^(.*?)[\s,]+([A-Z]{2,3})$/.exec(text)
  if (match && STATES.has(match[2] as string))
    return compactLocation({ city: clean(match[1]), region: match[2], countryCode: 'AU' })
  return compactLocation({ facility: text })
}

function readEvent(
  event: AuspostEvent,
  result: AuspostResult,
  path: string,
  ctx: NormalizeContext,
  warnings: NormalizeWarning[],
): TrackingEvent | undefined {
  const trackingNumber = result.tracking_id.trim()
  const place = auspostPlace(event.location)
  const time = readEventTime(
    {
      dateTime: event.date,
      location: { countryCode: place?.countryCode, region: place?.region, city: place?.city },
      ...(ctx.defaultZone ? { defaultZone: ctx.defaultZone } : {}),
    },
    { field: 'date', path, trackingNumber },
    warnings,
  )
  if (!time) return undefined
  const description = clean(event.description) ?? ''
  const rule = description ? auspostEventRule(description) : undefined
  const entry =
    rule?.entry ??
    mapCode({}, description.toUpperCase() || undefined, {
      warnings,
      path: `${path}.description`,
      trackingNumber,
      carrier: 'Australia Post',
    })
  return createEvent({
    carrier: AUSPOST_ID,
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
    description,
    raw: {
      source: ctx.source ?? 'rest',
      code: rule?.id,
      text: description || undefined,
      record: event,
      origin: ctx.origin,
    },
    discriminator: description,
  })
}

/** The Track Items answer → shipments and not-found entries. Throws ValidationError naming the wrong field. */
export function normalizeAuspost(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const answer = parsePayload(auspostTrackSchema, payload, '')
  const warnings: NormalizeWarning[] = []
  const out: NormalizeResult = { shipments: [], notFound: [], warnings }
  answer.tracking_results.forEach((result, r) => {
    const trackingNumber = result.tracking_id.trim()
    const items = result.trackable_items ?? []
    const error = result.errors?.[0]
    if (error || !items.length) {
      out.notFound.push({
        trackingNumber,
        carrierCode: clean(error?.code) ?? 'NO_ITEMS',
        message:
          clean(error?.name) ?? clean(error?.message) ?? 'Australia Post has no tracking for this number',
      })
      return
    }
    const events: TrackingEvent[] = []
    items.forEach((item, i) => {
      ;(item.events ?? []).forEach((event, e) => {
        const read = readEvent(
          event,
          result,
          `tracking_results[${r}].trackable_items[${i}].events[${e}]`,
          ctx,
          warnings,
        )
        if (read) events.push(read)
      })
    })
    // The item status says where the parcel stands when the events say nothing (no events yet): kept as a warning
    // when unmapped so a new status is seen.
    const status = clean(result.status) ?? clean(items[0]?.status)
    if (status)
      mapCode(AUSPOST_STATUSES, status.toUpperCase(), {
        warnings,
        path: `tracking_results[${r}].status`,
        trackingNumber,
        carrier: 'Australia Post',
      })
    out.shipments.push(
      buildShipment({
        carrier: AUSPOST_ID,
        trackingNumber,
        events,
        ...(clean(items[0]?.product_type)
          ? { service: { name: clean(items[0]?.product_type) as string } }
          : {}),
        raw: [result],
      }),
    )
  })
  return out
}
