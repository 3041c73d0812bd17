/**
 * Canada Post "Get Tracking Details" answer (XML `tracking-detail`, or the `messages` document of a PIN without
 * history) → the canonical result. Event times are `event-date` + `event-time` + `event-time-zone` (EST, EDT,
 * PST, NST...); an abbreviation waybill cannot read (a foreign one such as `ISRAEL`) is set aside and the time is
 * read from the place, else kept with `zoneSource: 'unknown'` and a warning: never dropped.
 */
import { clean, createEvent, mapCode, type NormalizeContext, parseXmlBody } from '../../src/adapter/index.js'
import { isWaybillError, ValidationError } from '../../src/errors/index.js'
import {
  buildShipment,
  compactLocation,
  type Location,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { normalizeEventTime, type normalizeTime, type TimeInput } from '../../src/time/index.js'
import { CANADAPOST_EVENTS, CANADAPOST_NO_PIN_HISTORY } from './codes.js'

export const CANADAPOST_ID = 'canadapost'

type Node = Record<string, unknown>
const asList = (v: unknown): Node[] =>
  (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).filter(
    (x): x is Node => typeof x === 'object' && x !== null,
  )
const text = (v: unknown): string | undefined => (typeof v === 'string' ? clean(v) : undefined)

function place(occurrence: Node): Location | undefined {
  const site = text(occurrence['event-site'])
  const province = text(occurrence['event-province'])
  return compactLocation({
    city: site,
    region: province,
    // A province code is Canadian; a foreign site ("ILTLVA,Israel") keeps its text and no country.
    countryCode: province ? 'CA' : undefined,
    facility: text(occurrence['event-retail-name']),
  })
}

function readTime(occurrence: Node, at: Location | undefined, defaultZone: string | undefined) {
  const base: TimeInput = {
    date: text(occurrence['event-date']),
    time: text(occurrence['event-time']),
    location: { countryCode: at?.countryCode, region: at?.region, city: at?.city },
    ...(defaultZone ? { defaultZone } : {}),
  }
  const zone = text(occurrence['event-time-zone'])
  if (!zone) return { ...normalizeEventTime(base) }
  try {
    return normalizeEventTime({ ...base, zoneAbbreviation: zone })
  } catch (error) {
    if (!isWaybillError(error)) throw error
    const read = normalizeEventTime(base)
    return {
      time: read.time,
      setAside: `event-time-zone "${zone}" is not a zone waybill reads (${error.message})`,
    }
  }
}

/** An XML answer (text, or `{ pin, xml }` as track() returns it) → shipments, not-found entries and warnings. */
export function normalizeCanadaPost(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  const wrapped = payload as { pin?: unknown; xml?: unknown } | null
  const asked = typeof wrapped?.pin === 'string' ? wrapped.pin : ctx.requested?.[0]
  const body = typeof wrapped?.xml === 'string' ? wrapped.xml : payload
  if (typeof body !== 'string' && !(body instanceof Uint8Array))
    throw new ValidationError(
      'xml',
      'a Canada Post payload is the XML answer, or { pin, xml } as track() returns it',
    )
  const doc: Node = parseXmlBody(body, 'Canada Post answer')
  const messages = doc.messages as Node | undefined
  if (messages) {
    const message = asList(messages.message)[0] ?? {}
    const code = text(message.code)
    if (code === CANADAPOST_NO_PIN_HISTORY)
      return {
        shipments: [],
        notFound: [
          {
            trackingNumber: asked ?? '',
            carrierCode: code,
            message: text(message.description) ?? 'No Pin History',
          },
        ],
        warnings: [],
      }
    throw new ValidationError('messages.message.code', `Canada Post answered message ${code ?? '(none)'}`)
  }
  const detail = doc['tracking-detail'] as Node | undefined
  if (!detail || typeof detail !== 'object')
    throw new ValidationError(
      'tracking-detail',
      'a Canada Post answer needs a tracking-detail (or messages) root',
    )
  const trackingNumber = text(detail.pin)
  if (!trackingNumber) throw new ValidationError('tracking-detail.pin', 'the tracking detail names no pin')
  const zone = ctx.defaultZone ?? defaultZone
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  let signedBy: string | undefined
  const occurrences = asList((detail['significant-events'] as Node | undefined)?.occurrence)
  occurrences.forEach((occurrence, index) => {
    const path = `tracking-detail.significant-events.occurrence[${index}]`
    const at = place(occurrence)
    let time: ReturnType<typeof normalizeTime>
    try {
      const read = readTime(occurrence, at, zone)
      time = read.time
      if (read.setAside)
        warnings.push({
          code: 'invalid_field',
          message: read.setAside,
          path: `${path}.event-time-zone`,
          trackingNumber,
        })
    } catch (error) {
      if (!isWaybillError(error)) throw error
      warnings.push({
        code: 'invalid_field',
        message: `event-date/event-time: ${error.message}`,
        path,
        trackingNumber,
      })
      return
    }
    if (time.zoneSource === 'unknown')
      warnings.push({
        code: 'unknown_zone',
        message: `event time kept without a zone (${time.missing}): occurredAt is the local time`,
        path: `${path}.event-time`,
        trackingNumber,
      })
    if (time.zoneSource === 'fallback')
      warnings.push({
        code: 'fallback_zone',
        message: `event time read in ${zone}`,
        path: `${path}.event-time`,
        trackingNumber,
      })
    const code = text(occurrence['event-identifier'])
    const entry = mapCode(CANADAPOST_EVENTS, code, {
      warnings,
      path: `${path}.event-identifier`,
      trackingNumber,
      carrier: 'Canada Post',
    })
    const description = text(occurrence['event-description']) ?? ''
    signedBy ??= text(occurrence['signatory-name'])
    events.push(
      createEvent({
        carrier: CANADAPOST_ID,
        trackingNumber,
        status: entry.status,
        milestone: entry.milestone,
        reason: entry.reason,
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        location: at,
        description,
        raw: {
          source: ctx.source ?? 'rest',
          code,
          text: description || undefined,
          record: occurrence,
          origin: ctx.origin,
        },
        discriminator: description,
      }),
    )
  })
  const shipment = buildShipment({
    carrier: CANADAPOST_ID,
    trackingNumber,
    events,
    ...(signedBy ? { signedBy } : {}),
    raw: [payload],
  })
  return { shipments: [shipment], notFound: [], warnings }
}
