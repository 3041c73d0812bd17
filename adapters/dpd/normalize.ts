/**
 * DPD ParcelLifeCycleService `getTrackingData` answers (SOAP XML) → canonical shipments. DPD lists every step of
 * its life cycle, reached or not: only steps with `statusHasBeenReached` true are events (the others are what is
 * still to come). Step dates are local wall times written for people in the answer's language
 * (`Mi, 11.03.2026, 09:11` or `03/11/2026, 09:11`), without a zone: they are read in the zone of the step's place
 * when it names a country (`Aschaffenburg (DE)`), else in the carrier's home zone (Europe/Berlin, marked
 * `fallback`). A parcel with no reached step is a not-found entry.
 */
import {
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parseXmlBody,
  readEventTime,
} from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import {
  buildShipment,
  compactLocation,
  type Location,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { DPD_STATUSES } from './codes.js'

export const DPD_ID = 'dpd'

/** The zone of DPD Deutschland's Web Services, used for a step whose place names no country. */
export const DPD_HOME_ZONE = 'Europe/Berlin'

type Node = Record<string, unknown>

const asList = (value: unknown): Node[] =>
  value === undefined || value === null || value === ''
    ? []
    : (Array.isArray(value) ? value : [value]).filter((v): v is Node => typeof v === 'object' && v !== null)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? clean(value) : undefined)

/** A `ContentLine` (`{ content }`) or a `ContentItem` (`{ content: ContentLine[] }`) → its text. */
export function dpdContent(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value)
  if (typeof value !== 'object' || value === null) return undefined
  const content = (value as Node).content
  if (typeof content === 'string') return clean(content)
  const lines = (Array.isArray(content) ? content : [content]).map(dpdContent).filter(Boolean)
  return lines.length ? lines.join(' ') : undefined
}

/**
 * A step's date as DPD writes it → `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`: `dd.MM.yyyy, HH:mm` (German and most
 * European languages) or `MM/dd/yyyy, HH:mm` (en_US), with or without a leading weekday. Undefined otherwise.
 * @example dpdDate('Mi, 11.03.2026, 09:11') // { date: '2026-03-11', time: '09:11' }
 */
export function dpdDate(value: string | undefined): { date: string; time: string } | undefined {
  if (!value) return undefined
  const pad = (n: string) => n.padStart(2, '0')
  const dotted = /(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})\b/.exec(value)
  if (dotted) {
    const [, d, m, y, hh, mm] = dotted as unknown as string[]
    return { date: `${y}-${pad(m!)}-${pad(d!)}`, time: `${pad(hh!)}:${mm}` }
  }
  const slashed = /(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})\b/.exec(value)
  if (slashed) {
    const [, m, d, y, hh, mm] = slashed as unknown as string[]
    return { date: `${y}-${pad(m!)}-${pad(d!)}`, time: `${pad(hh!)}:${mm}` }
  }
  return undefined
}

/** `Aschaffenburg (DE)` → city and country; any other text → the facility. */
export function dpdPlace(value: string | undefined): Location | undefined {
  if (!value) return undefined
  const match = /^(.*?)\s*\(([A-Za-z]{2})\)\s*$/.exec(value)
  if (match)
    return compactLocation({ city: clean(match[1]), countryCode: (match[2] as string).toUpperCase() })
  return compactLocation({ facility: value })
}

/** The `trackingresult` inside a SOAP envelope (namespace prefixes are removed by the XML reader). */
function trackingResult(doc: Node): Node | undefined {
  const body = ((doc.Envelope as Node | undefined)?.Body ?? doc.Body ?? doc) as Node
  const response = (body.getTrackingDataResponse ?? body) as Node
  const result = response.trackingresult
  return typeof result === 'object' && result !== null ? (result as Node) : undefined
}

/** A `getTrackingData` answer (`{ parcelLabelNumber, xml }` as `track()` returns it) → the canonical result. */
export function normalizeDpd(
  payload: unknown,
  ctx: NormalizeContext = {},
  homeZone = DPD_HOME_ZONE,
): NormalizeResult {
  const wrapped = payload as { parcelLabelNumber?: unknown; xml?: unknown } | null
  const trackingNumber =
    typeof wrapped?.parcelLabelNumber === 'string' ? clean(wrapped.parcelLabelNumber) : undefined
  if (!trackingNumber || (typeof wrapped?.xml !== 'string' && !(wrapped?.xml instanceof Uint8Array)))
    throw new ValidationError(
      'parcelLabelNumber',
      'a DPD payload is { parcelLabelNumber, xml } as track() returns it (the answer does not repeat the number)',
    )
  const result = trackingResult(parseXmlBody(wrapped.xml, 'DPD getTrackingData answer'))
  if (!result)
    throw new ValidationError(
      'Envelope.Body.getTrackingDataResponse.trackingresult',
      'the DPD answer has no trackingresult',
    )
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  const steps = asList(result.statusInfo)
  const reached = steps.filter((step) => text(step.statusHasBeenReached)?.toLowerCase() === 'true')
  steps.forEach((step, i) => {
    if (!reached.includes(step)) return
    const path = `trackingresult.statusInfo[${i}]`
    const dateText = dpdContent(step.date)
    const when = dpdDate(dateText)
    const place = dpdPlace(dpdContent(step.location))
    const time = readEventTime(
      {
        ...(when ?? { dateTime: dateText ?? '' }),
        ...(place?.countryCode ? { location: place } : {}),
        defaultZone: ctx.defaultZone ?? homeZone,
      },
      { field: 'date', path, trackingNumber },
      warnings,
    )
    if (!time) return
    const code = text(step.status)?.toUpperCase()
    const entry = mapCode(DPD_STATUSES, code, {
      warnings,
      path: `${path}.status`,
      trackingNumber,
      carrier: 'DPD',
    })
    const label = dpdContent(step.label)
    const description = dpdContent(step.description) ?? label ?? ''
    events.push(
      createEvent({
        carrier: DPD_ID,
        trackingNumber,
        status: entry.status,
        milestone: entry.milestone,
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        location: place,
        description,
        raw: {
          source: ctx.source ?? 'rest',
          code,
          ...(label ? { codes: { label } } : {}),
          text: description || undefined,
          record: step,
          origin: ctx.origin,
        },
        discriminator: description,
      }),
    )
  })
  if (!reached.length)
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber,
          carrierCode: 'NO_STATUS_REACHED',
          message: 'DPD lists no reached life-cycle step for this parcel',
        },
      ],
      warnings,
    }
  const service = dpdContent((result.shipmentInfo as Node | undefined)?.serviceDescription)
  return {
    shipments: [
      buildShipment({
        carrier: DPD_ID,
        trackingNumber,
        events,
        ...(service ? { service: { name: service } } : {}),
        raw: [result],
      }),
    ],
    notFound: [],
    warnings,
  }
}
