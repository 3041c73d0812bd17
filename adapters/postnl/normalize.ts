/**
 * PostNL Shippingstatus answer → one `postnl` shipment per parcel; an answer without shipments (with `Warnings`) →
 * a not-found entry carrying PostNL's warning code. PostNL writes times as Dutch wall-clock time without an offset
 * (`08-11-2022 10:13:20`): they are read in Europe/Amsterdam (the `homeZone` option), so the autumn hour that happens
 * twice is flagged `ambiguous`, never read as UTC.
 */
import {
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parsePayload,
  readEventTime,
} from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import {
  buildShipment,
  compactLocation,
  type DeliveryWindow,
  type NormalizeResult,
  type NormalizeWarning,
  type Shipment,
  type TrackingEvent,
} from '../../src/model/index.js'
import type { NormalizedTime } from '../../src/time/index.js'
import { POSTNL_EVENT_CODES, POSTNL_STATUS_CODES } from './codes.js'
import { type PostnlShipment, postnlAnswerSchema } from './schema.js'

export const POSTNL_ID = 'postnl'

/** The zone PostNL writes its times in. */
export const POSTNL_HOME_ZONE = 'Europe/Amsterdam'

const DUTCH_DATE_TIME = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/
const ENDS_WITH_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/**
 * PostNL's `dd-MM-yyyy HH:mm:ss` as ISO 8601 local time (`2022-11-08T10:13:20`); any other text is returned trimmed
 * for the time module to read or refuse.
 * @example postnlDateTime('08-11-2022 10:13:20') // '2022-11-08T10:13:20'
 */
export function postnlDateTime(value: string): string {
  const text = value.trim()
  const m = DUTCH_DATE_TIME.exec(text)
  return m ? `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:${m[6] ?? '00'}` : text
}

/** Options of {@link normalizePostnl} beyond the context. */
export interface PostnlNormalizeOptions {
  /** Zone of times written without an offset. @default POSTNL_HOME_ZONE */
  homeZone?: string
}

interface Reading {
  trackingNumber: string
  ctx: NormalizeContext
  homeZone: string
  warnings: NormalizeWarning[]
}

function readTime(value: string, field: string, path: string, at: Reading): NormalizedTime | undefined {
  const dateTime = postnlDateTime(value)
  const stated = ENDS_WITH_OFFSET.test(dateTime) && dateTime.includes('T')
  return readEventTime(
    stated ? { dateTime } : { dateTime, timeZone: at.homeZone },
    { field, path, trackingNumber: at.trackingNumber },
    at.warnings,
  )
}

function eventOf(
  code: string,
  description: string,
  time: NormalizedTime,
  record: unknown,
  codes: Record<string, string>,
  entry: {
    status: TrackingEvent['status']
    milestone: TrackingEvent['milestone']
    reason?: string | undefined
  },
  at: Reading,
): TrackingEvent {
  return createEvent({
    carrier: POSTNL_ID,
    trackingNumber: at.trackingNumber,
    status: entry.status,
    milestone: entry.milestone,
    reason: entry.reason,
    occurredAt: time.occurredAt,
    timeZone: time.timeZone,
    zoneSource: time.zoneSource,
    precision: time.precision,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    description,
    raw: {
      source: at.ctx.source ?? 'rest',
      code,
      ...(Object.keys(codes).length ? { codes } : {}),
      text: description || undefined,
      record,
      origin: at.ctx.origin,
    },
    ...(codes.location ? { discriminator: codes.location } : {}),
  })
}

/** The scans of a `CompleteStatus` parcel. */
function readEvents(parcel: PostnlShipment, path: string, at: Reading): TrackingEvent[] {
  const events: TrackingEvent[] = []
  parcel.Event.forEach((scan, i) => {
    const where = `${path}.Event[${i}]`
    const time = readTime(scan.TimeStamp, 'TimeStamp', where, at)
    if (!time) return
    const code = String(scan.Code).trim().toUpperCase()
    const entry = mapCode(POSTNL_EVENT_CODES, code, {
      warnings: at.warnings,
      path: `${where}.Code`,
      trackingNumber: at.trackingNumber,
      carrier: 'PostNL',
    })
    const codes: Record<string, string> = {}
    if (clean(String(scan.LocationCode ?? ''))) codes.location = String(scan.LocationCode).trim()
    if (clean(String(scan.RouteCode ?? ''))) codes.route = String(scan.RouteCode).trim()
    events.push(eventOf(code, clean(scan.Description) ?? '', time, scan, codes, entry, at))
  })
  return events
}

/** The one status of a `CurrentStatus` parcel (an answer without scans). */
function readStatus(parcel: PostnlShipment, path: string, at: Reading): TrackingEvent[] {
  const status = parcel.Status
  if (!status?.TimeStamp || status.StatusCode == null) return []
  const where = `${path}.Status`
  const time = readTime(status.TimeStamp, 'TimeStamp', where, at)
  if (!time) return []
  const code = String(status.StatusCode).trim()
  const entry = mapCode(POSTNL_STATUS_CODES, code, {
    warnings: at.warnings,
    path: `${where}.StatusCode`,
    trackingNumber: at.trackingNumber,
    carrier: 'PostNL',
  })
  const codes: Record<string, string> = {}
  if (status.PhaseCode != null) codes.phase = String(status.PhaseCode).trim()
  return [eventOf(code, clean(status.StatusDescription) ?? '', time, status, codes, entry, at)]
}

/**
 * `Expectation` → the delivery window. A bound written in a form other than `dd-MM-yyyy HH:mm:ss` or ISO 8601
 * (an SDK sample shows `11/07/2022`, which could be either day order) is left out with a warning, never guessed.
 */
function expectationOf(parcel: PostnlShipment, path: string, at: Reading): DeliveryWindow | undefined {
  const from = clean(parcel.Expectation?.ETAFrom)
  const to = clean(parcel.Expectation?.ETATo)
  const a = from ? readTime(from, 'ETAFrom', `${path}.Expectation`, at) : undefined
  const b = to ? readTime(to, 'ETATo', `${path}.Expectation`, at) : undefined
  const first = a ?? b
  if (!first) return undefined
  return {
    ...(a ? { from: a.occurredAt } : {}),
    ...(b ? { to: b.occurredAt } : {}),
    precision: first.precision,
    source: 'Expectation',
  }
}

/** The receiver's address (`AddressType` 01) as the destination. */
function destinationOf(parcel: PostnlShipment): Shipment['destination'] {
  const receiver = parcel.Address.find((a) => String(a.AddressType ?? '').trim() === '01')
  if (!receiver) return undefined
  const usable = (v: string | null | undefined) => {
    const c = clean(v)
    return c && c !== '{}' ? c : undefined
  }
  const country = usable(receiver.CountryCode)?.toUpperCase()
  return compactLocation({
    city: usable(receiver.City),
    postalCode: usable(receiver.Zipcode),
    countryCode: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
  })
}

/**
 * The Shippingstatus answer → shipments and not-found entries. Throws a ValidationError naming the wrong field.
 * @example normalizePostnl(answer).shipments[0]?.status
 */
export function normalizePostnl(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: PostnlNormalizeOptions = {},
): NormalizeResult {
  const answer = parsePayload(postnlAnswerSchema, payload, '')
  const block = answer.CompleteStatus ?? answer.CurrentStatus
  const blockName = answer.CompleteStatus ? 'CompleteStatus' : 'CurrentStatus'
  const parcels = block?.Shipment ?? []
  const warnings: NormalizeWarning[] = []
  if (!parcels.length) {
    const number = clean(answer.Barcode) ?? (ctx.requested?.length === 1 ? ctx.requested[0] : undefined)
    if (!number)
      throw new ValidationError(
        'Barcode',
        'postnl: an answer without shipments must name the Barcode asked for',
      )
    const said = answer.Warnings[0]
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber: number.trim(),
          carrierCode: said?.Code != null ? String(said.Code) : 'NO_SHIPMENT',
          message:
            clean(said?.Message) ?? clean(said?.Description) ?? 'PostNL has no shipment with this barcode',
        },
      ],
      warnings,
    }
  }
  const shipments = parcels.map((parcel, p) => {
    const path = `${blockName}.Shipment[${p}]`
    const at: Reading = {
      trackingNumber: parcel.Barcode.trim(),
      ctx,
      homeZone: options.homeZone ?? POSTNL_HOME_ZONE,
      warnings,
    }
    const events = parcel.Event.length ? readEvents(parcel, path, at) : readStatus(parcel, path, at)
    const productCode = parcel.ProductCode != null ? String(parcel.ProductCode).trim() : undefined
    const productName = clean(parcel.ProductDescription)
    const destination = destinationOf(parcel)
    const estimatedDelivery = expectationOf(parcel, path, at)
    const references: Shipment['identifiers']['references'] = []
    const main = clean(parcel.MainBarcode)
    if (main && main !== at.trackingNumber)
      references.push({ type: 'shipment_id', value: main, qualifier: 'MainBarcode' })
    const reference = clean(parcel.Reference)
    if (reference) references.push({ type: 'customer_reference', value: reference, qualifier: 'Reference' })
    return buildShipment({
      carrier: POSTNL_ID,
      trackingNumber: at.trackingNumber,
      events,
      ...(productCode || productName
        ? {
            service: {
              ...(productCode ? { code: productCode } : {}),
              ...(productName ? { name: productName } : {}),
            },
          }
        : {}),
      ...(destination ? { destination } : {}),
      ...(estimatedDelivery ? { estimatedDelivery } : {}),
      ...(references.length ? { identifiers: { references } } : {}),
      raw: [parcel],
    })
  })
  return { shipments, notFound: [], warnings }
}
