/**
 * DHL Shipment Tracking – Unified payload → canonical shipments. Pure and synchronous: everything DHL-specific
 * about statuses, times, places and "not found" lives here and in `codes.ts`.
 */
import {
  childMap,
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parsePayload,
  placeMemo,
  UniqueEvents,
} from '../../src/adapter/index.js'
import {
  AuthError,
  CarrierError,
  isWaybillError,
  RateLimitError,
  TimeError,
  ValidationError,
} from '../../src/errors/index.js'
import {
  buildShipment,
  type DeliveryWindow,
  eventInstant,
  type Location,
  type NormalizeResult,
  type NormalizeWarning,
  type Shipment,
} from '../../src/model/index.js'
import { type NormalizedTime, normalizeTime, type TimeLocation } from '../../src/time/index.js'
import { classifyDhlEvent, DHL_STATUS_CODES } from './codes.js'
import { references, weightUnit } from './details.js'
import { type DhlPlaces, dhlLocation } from './location.js'
import {
  type DhlEvent,
  type DhlProblem,
  type DhlShipment,
  dhlProblemSchema,
  dhlResponseSchema,
} from './schema.js'

export const DHL_ID = 'dhl'

/** Options that change how payloads are read. */
export interface DhlNormalizeOptions {
  /** IANA zone for times without an offset at a place whose zone is unknown (marked `fallback`). */
  defaultZone?: string
}

/** Is this a DHL problem document (`{ status, title, ... }`) rather than a tracking response? */
function isProblem(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    !('shipments' in payload) &&
    typeof (payload as { status?: unknown }).status === 'number'
  )
}

/**
 * Normalizes one DHL payload: a tracking response (`{ shipments: [...] }`) or a problem document. A 404 problem
 * is a not-found result; 401/403, 429 and other problems throw `AuthError`, `RateLimitError` and `CarrierError`.
 */
export function normalizeDhl(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: DhlNormalizeOptions = {},
  memos: DhlReadMemos = dhlReadMemos(),
): NormalizeResult {
  if (isProblem(payload)) return problemResult(parsePayload(dhlProblemSchema, payload, 'dhl'), ctx)
  const body = parsePayload(dhlResponseSchema, payload, 'dhl')
  const warnings: NormalizeWarning[] = []
  const shipments: Shipment[] = []
  const defaultZone = ctx.defaultZone ?? options.defaultZone
  body.shipments.forEach((shipment, index) => {
    shipments.push(
      toShipment(shipment, `dhl.shipments[${index}]`, ctx, defaultZone, warnings, payload, memos),
    )
  })
  const notFound: NormalizeResult['notFound'] = []
  const requestedNumbers = ctx.requested ?? []
  // Only a call that names its numbers needs the sets of what DHL answered for.
  const found = requestedNumbers.length
    ? new Set(shipments.map((s) => s.trackingNumber.toUpperCase()))
    : undefined
  const pieces = requestedNumbers.length
    ? new Set(body.shipments.flatMap((s) => (s.details?.pieceIds ?? []).map((id) => id.toUpperCase())))
    : undefined
  for (const requested of requestedNumbers) {
    const key = requested.trim().toUpperCase()
    if (found?.has(key) || pieces?.has(key)) continue
    if (shipments.length === 0)
      notFound.push({ trackingNumber: requested, message: 'DHL returned no shipment' })
    else
      warnings.push({
        code: 'other',
        message: `DHL answered for ${shipments.map((s) => s.trackingNumber).join(', ')} when ${requested} was asked for; pass the 'service' option to pick the division`,
        trackingNumber: requested,
      })
  }
  return { shipments, notFound, warnings }
}

function problemResult(problem: DhlProblem, ctx: NormalizeContext): NormalizeResult {
  const message =
    [clean(problem.title), clean(problem.detail)].filter(Boolean).join(': ') || `HTTP ${problem.status}`
  const context = { status: problem.status, carrierCode: clean(problem.title) }
  if (problem.status === 404) {
    const number = ctx.requested?.length === 1 ? ctx.requested[0] : numberFromInstance(problem.instance)
    if (!number)
      throw new ValidationError(
        'dhl.instance',
        'a 404 problem that names no tracking number (pass ctx.requested)',
      )
    return {
      shipments: [],
      notFound: [{ trackingNumber: number, carrierCode: '404', message }],
      warnings: [],
    }
  }
  if (problem.status === 401 || problem.status === 403)
    throw new AuthError(`DHL refused the API key (${problem.status}): ${message}`, context)
  if (problem.status === 429) throw new RateLimitError(`DHL throttled the request (429): ${message}`, context)
  throw new CarrierError(DHL_ID, `${problem.status} ${message}`, context, {
    retryable: problem.status >= 500,
  })
}

function numberFromInstance(instance: string | null | undefined): string | undefined {
  const last = clean(instance)?.split(/[/=]/).pop()
  return last && /^[\w-]{4,64}$/.test(last) ? last : undefined
}

function toShipment(
  s: DhlShipment,
  path: string,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  payload: unknown,
  memos: DhlReadMemos,
): Shipment {
  const trackingNumber = String(s.id).trim()
  if (!trackingNumber) throw new ValidationError(`${path}.id`, 'must not be empty')
  const service = clean(s.service)
  const origin = dhlLocation(s.origin?.address, memos.places)
  const destination = dhlLocation(s.destination?.address, memos.places)
  // The latest status is repeated in `status`; it is an event of its own only when DHL sent no event list.
  const events = new UniqueEvents()
  const list = s.events
  if (list?.length) {
    for (let i = 0; i < list.length; i++)
      toEvent(
        list[i] as DhlEvent,
        path,
        i,
        trackingNumber,
        service,
        ctx,
        defaultZone,
        warnings,
        events,
        memos,
      )
  } else if (s.status) {
    toEvent(s.status, path, -1, trackingNumber, service, ctx, defaultZone, warnings, events, memos)
  }
  const details = s.details
  const draft: Parameters<typeof buildShipment>[0] = {
    carrier: DHL_ID,
    trackingNumber,
    events: events.inOrder(),
    identifiers: { references: references(details?.references) },
    raw: [payload],
  }
  const window = estimateOrWarning(s, path, destination, defaultZone, warnings, trackingNumber)
  if (window) draft.estimatedDelivery = window
  if (origin) draft.origin = origin
  if (destination) draft.destination = destination
  const productName = clean(details?.product?.productName)
  if (service || productName)
    draft.service = { ...(service ? { code: service } : {}), ...(productName ? { name: productName } : {}) }
  const signed = details?.proofOfDelivery?.signed
  const signedBy =
    signed && (clean([signed.givenName, signed.familyName].filter(Boolean).join(' ')) ?? clean(signed.name))
  if (signedBy) draft.signedBy = signedBy
  if (details?.totalNumberOfPieces != null) draft.pieces = details.totalNumberOfPieces
  const weight = details?.weight
  if (weight) {
    const unit = weightUnit(weight.unitText)
    if (unit) draft.weight = { value: weight.value, unit }
    else
      warnings.push({
        code: 'invalid_field',
        message: `weight unit '${weight.unitText ?? ''}' is not one of kg, lb, g, oz; weight left out`,
        path: `${path}.details.weight.unitText`,
        trackingNumber,
      })
  }
  return buildShipment(draft, { eventsInOrder: !events.hasUnplacedEvents })
}

/** Where an event is in the payload: `events[i]`, or the shipment's `status` (index -1). */
function eventPath(shipmentPath: string, index: number): string {
  return index < 0 ? `${shipmentPath}.status` : `${shipmentPath}.events[${index}]`
}

/**
 * One DHL event → canonical event. Runs once per event: the event's path is only written out when a warning or an
 * error needs it, and the common time shapes take the fast path (no path either).
 */
function toEvent(
  event: DhlEvent,
  shipmentPath: string,
  index: number,
  trackingNumber: string,
  service: string | undefined,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  events: UniqueEvents,
  memos: DhlReadMemos,
): void {
  const location = dhlLocation(event.location?.address, memos.places)
  const texts = textsOf(event, service, memos.texts)
  const statusCode = texts.statusCode
  const description = texts.description
  const text = texts.text
  const meaning =
    texts.meaning ??
    mapCode(DHL_STATUS_CODES, statusCode, {
      warnings,
      path: `${eventPath(shipmentPath, index)}.statusCode`,
      trackingNumber,
      carrier: DHL_ID,
    })
  const time = dhlTime(event.timestamp, {
    path: `${eventPath(shipmentPath, index)}.timestamp`,
    location,
    defaultZone,
    event: { warnings, trackingNumber },
  })
  const built = createEvent({
    carrier: DHL_ID,
    trackingNumber,
    status: meaning.status,
    milestone: meaning.milestone,
    reason: meaning.reason,
    // (in the order the time readers write them, so output keys keep their order whatever createEvent does)
    occurredAt: time.occurredAt,
    zoneSource: time.zoneSource,
    precision: time.precision,
    timeZone: time.timeZone,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    location,
    description,
    raw: {
      source: ctx.source ?? 'rest',
      code: statusCode,
      codes: texts.codes,
      text: text || undefined,
      record: event,
      origin: ctx.origin,
    },
    discriminator: texts.discriminator,
  })
  events.add(built, eventInstant(time))
}

/** What an event's code and texts give, the same for every event with the same raw values (see {@link textsOf}). */
interface DhlEventTexts {
  statusCode: string | undefined
  /** The meaning of the code refined by the texts; undefined for a code that is not one of DHL's five. */
  meaning: ReturnType<typeof classifyDhlEvent>
  description: string
  text: string
  /** `raw.codes`: frozen, shared by the events with these texts. */
  codes: Readonly<Record<string, string>> | undefined
  discriminator: string
}

type TextLevel<T> = Map<string, T>
/** Event texts read, keyed by service, code, status, detailed text and description as DHL sent them ('' when absent). */
interface DhlTextMemo {
  root: TextLevel<TextLevel<TextLevel<TextLevel<TextLevel<DhlEventTexts>>>>>
  entries: number
}

/** What one DHL adapter remembers between payloads: the places and the combinations of event texts it has read. */
export interface DhlReadMemos {
  places: DhlPlaces
  texts: DhlTextMemo
}

/** Fresh memos: `dhl()` makes one set per adapter; a bare `normalizeDhl` call reads with a set of its own. */
export function dhlReadMemos(): DhlReadMemos {
  return { places: placeMemo(), texts: { root: new Map(), entries: 0 } }
}

/**
 * The cleaned code and texts of an event, its meaning, joined text, `raw.codes` and id discriminator. Carriers
 * repeat a few texts across thousands of events: each distinct combination is cleaned, joined and classified once
 * (bounded), so an event costs a few Map lookups instead of four cleanings, two joins and an object.
 */
function textsOf(event: DhlEvent, service: string | undefined, memo: DhlTextMemo): DhlEventTexts {
  const byCode = childMap(memo.root, service ?? '')
  const level4 = childMap(
    childMap(childMap(byCode, event.statusCode ?? ''), event.status ?? ''),
    event.statusDetailed ?? '',
  )
  const rawDescription = event.description ?? ''
  let texts = level4.get(rawDescription)
  if (texts === undefined) {
    texts = readTexts(event, service)
    if (memo.entries >= 5000) {
      memo.root.clear()
      memo.entries = 0
    } else {
      level4.set(rawDescription, texts)
      memo.entries++
    }
  }
  return texts
}

/** {@link textsOf} worked out (what the memo keeps). */
function readTexts(event: DhlEvent, service: string | undefined): DhlEventTexts {
  const statusCode = clean(event.statusCode)
  const status = clean(event.status)
  const detailed = clean(event.statusDetailed)
  const description = clean(event.description) ?? detailed ?? status ?? ''
  const text = joinTexts(event.status, event.statusDetailed, event.description)
  let codes: Record<string, string> | undefined
  if (status !== undefined || detailed !== undefined || service !== undefined) {
    codes = {}
    if (status) codes.status = status
    if (detailed) codes.statusDetailed = detailed
    if (service) codes.service = service
    Object.freeze(codes)
  }
  return {
    statusCode,
    meaning: statusCode ? classifyDhlEvent(statusCode, text, service) : undefined,
    description,
    text,
    codes,
    discriminator: `${status ?? ''}|${description}`,
  }
}

/** The carrier's texts that are there, joined with ' • ' (as `[a, b, c].filter(Boolean).join(' • ')`). */
function joinTexts(
  a: string | null | undefined,
  b: string | null | undefined,
  c: string | null | undefined,
): string {
  // (Three parameters, not a rest list: no array per event.)
  let out = a || ''
  if (b) out = out ? `${out} \u2022 ${b}` : b
  if (c) out = out ? `${out} \u2022 ${c}` : c
  return out
}

/**
 * The delivery estimate, or undefined with a warning when its time cannot be placed (a window needs instants);
 * never a TimeError that would cost the shipment its events.
 */
function estimateOrWarning(
  s: DhlShipment,
  path: string,
  destination: Location | undefined,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  trackingNumber: string,
): DeliveryWindow | undefined {
  try {
    return estimatedDelivery(s, path, destination, defaultZone)
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    warnings.push({
      code: 'invalid_field',
      message: `dhl delivery estimate left out: ${error.message}`,
      path,
      trackingNumber,
    })
    return undefined
  }
}

function estimatedDelivery(
  s: DhlShipment,
  path: string,
  destination: Location | undefined,
  defaultZone: string | undefined,
): DeliveryWindow | undefined {
  const frame = s.estimatedDeliveryTimeFrame
  const from = clean(frame?.estimatedFrom)
  const through = clean(frame?.estimatedThrough)
  if (from || through) {
    const a = from
      ? dhlTime(from, {
          path: `${path}.estimatedDeliveryTimeFrame.estimatedFrom`,
          location: destination,
          defaultZone,
        })
      : undefined
    const b = through
      ? dhlTime(through, {
          path: `${path}.estimatedDeliveryTimeFrame.estimatedThrough`,
          location: destination,
          defaultZone,
          endOfDay: true,
        })
      : undefined
    return {
      ...(a ? { from: a.occurredAt } : {}),
      ...(b ? { to: b.occurredAt } : {}),
      precision: (a ?? b)!.precision,
      source: 'estimatedDeliveryTimeFrame',
    }
  }
  const eta = clean(s.estimatedTimeOfDelivery)
  if (!eta) return undefined
  const at = { path: `${path}.estimatedTimeOfDelivery`, location: destination, defaultZone }
  const start = dhlTime(eta, at)
  if (start.precision !== 'day')
    return { from: start.occurredAt, precision: start.precision, source: 'estimatedTimeOfDelivery' }
  // A date alone is a whole day at the destination, not midnight.
  const end = dhlTime(eta, { ...at, endOfDay: true })
  return { from: start.occurredAt, to: end.occurredAt, precision: 'day', source: 'estimatedTimeOfDelivery' }
}

/** Where a DHL time is read, and as what. */
interface DhlTimeRead {
  /** The field's path, named in warnings and errors. */
  path: string
  location: Location | undefined
  defaultZone: string | undefined
  /** An event's time: kept as local time when no zone is known, with warnings for unknown and default zones. */
  event?: { warnings: NormalizeWarning[]; trackingNumber: string }
  /** A date alone is the last second of that day (the end of a window); the precision stays `day`. */
  endOfDay?: boolean
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * One DHL time through `normalizeTime`. DHL sends ISO 8601 with an offset for some divisions, `Z` for others and
 * no offset at all for others, and DHL eCommerce writes nanoseconds (`2023-11-21T15:27:20.331986369+01:00`, cut to
 * milliseconds here). A time without an offset is local time at the event's place.
 * @throws TimeError naming `read.path` when the value is not a time.
 */
function dhlTime(value: string, read: DhlTimeRead): NormalizedTime {
  const text = value.trim().replace(/(\.\d{3})\d+/, '$1')
  const { path, location, defaultZone, event } = read
  const where: TimeLocation | undefined = location
  let time: NormalizedTime
  try {
    time =
      read.endOfDay && DATE_ONLY.test(text)
        ? {
            ...normalizeTime({ date: text, time: '23:59:59', location: where, defaultZone }),
            precision: 'day',
          }
        : normalizeTime(
            { dateTime: text, location: where, defaultZone },
            { unknownZone: event ? 'keep' : 'throw' },
          )
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
  if (!event) return time
  const { warnings, trackingNumber } = event
  if (time.zoneSource === 'unknown')
    warnings.push({
      code: 'unknown_zone',
      message: `${path} kept without a zone (${time.missing}): occurredAt is the local time`,
      path,
      ...(trackingNumber ? { trackingNumber } : {}),
    })
  if (time.zoneSource === 'fallback')
    warnings.push({
      code: 'fallback_zone',
      message:
        `${path} has no offset and its place gives no zone; read in the default zone ${time.timeZone ?? ''}`.trim(),
      path,
      ...(trackingNumber ? { trackingNumber } : {}),
    })
  return time
}
