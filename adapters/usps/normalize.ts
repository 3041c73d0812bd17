/**
 * USPS Tracking v3 payload → canonical shipments. Pure and synchronous: the status table is keyed on `eventCode`
 * (Pub 199), times come from `GMTTimestamp` + `GMTOffset` when USPS gives them, and USPS error envelopes become
 * a not-found result (404) or typed errors.
 */
import {
  type CodeEntry,
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
  type TrackingEvent,
} from '../../src/model/index.js'
import { digitsAt, type NormalizedTime, normalizeTime, type TimeLocation } from '../../src/time/index.js'
import { USPS_EVENT_CODES } from './codes.js'
import {
  type UspsEvent,
  type UspsTracking,
  uspsErrorSchema,
  uspsOAuthErrorSchema,
  uspsTrackingSchema,
} from './schema.js'
import { plainText, type UspsPlaces, uspsLocation } from './text.js'

export const USPS_ID = 'usps'

const RETURN_DELIVERED = /original sender|returned to sender|return to sender/i

/** Options that change how payloads are read. */
export interface UspsNormalizeOptions {
  /** IANA zone for local times at a place whose zone is unknown (marked `fallback`). */
  defaultZone?: string
}

/**
 * Normalizes one USPS payload: a tracking response, or an error envelope (API or OAuth). A 404 envelope is a
 * not-found result; 401/403 and OAuth errors throw `AuthError`, 429 `RateLimitError`, the rest `CarrierError`.
 */
export function normalizeUsps(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: UspsNormalizeOptions = {},
  memos: UspsReadMemos = uspsReadMemos(),
): NormalizeResult {
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && 'error' in payload)
    return errorResult(payload, ctx)
  const body = parsePayload(uspsTrackingSchema, payload, 'usps')
  const warnings: NormalizeWarning[] = []
  const shipment = toShipment(body, ctx, ctx.defaultZone ?? options.defaultZone, warnings, payload, memos)
  return { shipments: [shipment], notFound: [], warnings }
}

function errorResult(payload: object, ctx: NormalizeContext): NormalizeResult {
  const error = (payload as { error?: unknown }).error
  if (typeof error === 'string') {
    const oauth = parsePayload(uspsOAuthErrorSchema, payload, 'usps')
    const text = clean(oauth.error_description)
    throw new AuthError(`USPS refused the credentials (${oauth.error})${text ? `: ${text}` : ''}`, {
      carrierCode: oauth.error,
    })
  }
  const body = parsePayload(uspsErrorSchema, payload, 'usps')
  const code = clean(String(body.error.code ?? ''))
  const first = body.error.errors?.[0]
  const message =
    [clean(body.error.message), clean(first?.title), clean(first?.detail)].filter(Boolean).join(' — ') ||
    'no message'
  const status = code && /^\d{3}$/.test(code) ? Number(code) : undefined
  const context = { ...(status ? { status } : {}), ...(code ? { carrierCode: code } : {}) }
  if (status === 404) {
    const number = ctx.requested?.length === 1 ? ctx.requested[0] : undefined
    if (!number)
      throw new ValidationError('usps.error', 'a 404 error names no tracking number (pass ctx.requested)')
    return { shipments: [], notFound: [{ trackingNumber: number, carrierCode: code, message }], warnings: [] }
  }
  if (status === 401 || status === 403) {
    const hint = status === 401 ? ' (a token without the `tracking` scope is refused this way)' : ''
    throw new AuthError(`USPS refused the token (${status}): ${message}${hint}`, context)
  }
  if (status === 429) throw new RateLimitError(`USPS throttled the request (429): ${message}`, context)
  throw new CarrierError(USPS_ID, `${code ?? 'error'}: ${message}`, context, {
    retryable: status !== undefined && status >= 500,
  })
}

function toShipment(
  body: UspsTracking,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  payload: unknown,
  memos: UspsReadMemos,
): Shipment {
  const trackingNumber = body.trackingNumber.trim()
  const origin = uspsLocation(
    {
      city: body.originCity,
      state: body.originState,
      zip: body.originZIP,
      country: body.originCountry,
    },
    memos.places,
  )
  const destination = uspsLocation(
    {
      city: body.destinationCity,
      state: body.destinationState,
      zip: body.destinationZIP,
      country: body.destinationCountryCode,
    },
    memos.places,
  )
  const events = new UniqueEvents()
  let signedBy: string | undefined
  const list = body.trackingEvents ?? []
  for (let i = 0; i < list.length; i++) {
    const event = list[i] as UspsEvent
    const built = toEvent(event, i, trackingNumber, ctx, defaultZone, warnings, events, memos)
    if (built && built.status === 'delivered' && !signedBy) signedBy = clean(event.name) ?? undefined
  }
  const draft: Parameters<typeof buildShipment>[0] = {
    carrier: USPS_ID,
    trackingNumber,
    events: events.inOrder(),
    raw: [payload],
  }
  const uniqueId = clean(body.uniqueMailPieceId) ?? clean(body.uniqueMailPieceID)
  if (uniqueId) draft.carrierShipmentId = uniqueId
  if (origin) draft.origin = origin
  if (destination) draft.destination = destination
  const name = plainText(body.mailClass)
  const code = clean(body.serviceTypeCode)
  if (name || code) draft.service = { ...(code ? { code } : {}), ...(name ? { name } : {}) }
  if (signedBy) draft.signedBy = signedBy
  const window = estimatedDelivery(body, destination, defaultZone)
  if (window) draft.estimatedDelivery = window
  return buildShipment(draft, { eventsInOrder: !events.hasUnplacedEvents })
}

/**
 * One USPS scan → canonical event, added to `events` unless it repeats one (then undefined is returned). Runs
 * once per event: its path (`usps.trackingEvents[i]`) is only written out when a warning or an error needs it.
 */
function toEvent(
  event: UspsEvent,
  index: number,
  trackingNumber: string,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  events: UniqueEvents,
  memos: UspsReadMemos,
): TrackingEvent | undefined {
  const at = () => `usps.trackingEvents[${index}]`
  const location = uspsLocation(
    {
      city: event.eventCity,
      state: event.eventState,
      zip: event.eventZIP ?? event.eventZIPCode,
      country: event.eventCountry,
    },
    memos.places,
  )
  const texts = textsOf(event, memos.texts)
  const code = texts.code
  // `code` is trimmed and upper case already, as mapCode would make it: the memo read the table directly, and
  // mapCode (with the path for its warning) only runs for a code the table does not know.
  const meaning =
    texts.meaning ??
    mapCode(USPS_EVENT_CODES, code, {
      warnings,
      path: `${at()}.eventCode`,
      trackingNumber,
      carrier: USPS_ID,
    })
  const time = uspsEventTime(event, at, location, defaultZone, warnings, trackingNumber)
  const text = texts.text
  const description = texts.description
  const codes = texts.codes
  const built = createEvent({
    carrier: USPS_ID,
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
      code,
      codes,
      text,
      record: event,
      origin: ctx.origin,
    },
    discriminator: description,
  })
  return events.add(built, eventInstant(time)) ? built : undefined
}

/** What an event's code and texts give, the same for every event with the same raw values (see {@link textsOf}). */
interface UspsEventTexts {
  code: string | undefined
  /** The code's meaning (a delivery that is a return already turned into one); undefined for an unknown code. */
  meaning: CodeEntry | undefined
  text: string | undefined
  description: string
  /** `raw.codes`: frozen, shared by the events with these values. */
  codes: Readonly<Record<string, string>> | undefined
}

/** Keyed by event code, event text, action code and reason code, each as USPS sent it ('' when absent). */
/** Event texts read, keyed by code, type, then the texts as USPS sent them. */
interface UspsTextMemo {
  root: Map<string, Map<string, Map<string, Map<string, UspsEventTexts>>>>
  entries: number
}

/** What one USPS adapter remembers between payloads: the places and the combinations of event texts it has read. */
export interface UspsReadMemos {
  places: UspsPlaces
  texts: UspsTextMemo
}

/** Fresh memos: `usps()` makes one set per adapter; a bare `normalizeUsps` call reads with a set of its own. */
export function uspsReadMemos(): UspsReadMemos {
  return { places: placeMemo(), texts: { root: new Map(), entries: 0 } }
}

/**
 * The cleaned code and texts of an event, with its meaning and `raw.codes`. USPS repeats a few texts across all its
 * events: each distinct combination is cleaned and read once (bounded), so an event costs four Map lookups.
 */
function textsOf(event: UspsEvent, memo: UspsTextMemo): UspsEventTexts {
  const byType = childMap(childMap(memo.root, event.eventCode ?? ''), event.eventType ?? '')
  const byAction = childMap(byType, event.actionCode ?? '')
  const reasonKey = event.reasonCode ?? ''
  let texts = byAction.get(reasonKey)
  if (texts === undefined) {
    texts = readTexts(event)
    if (memo.entries >= 5000) {
      memo.root.clear()
      memo.entries = 0
    } else {
      byAction.set(reasonKey, texts)
      memo.entries++
    }
  }
  return texts
}

/** {@link textsOf} worked out (what the memo keeps). */
function readTexts(event: UspsEvent): UspsEventTexts {
  const code = clean(event.eventCode)?.toUpperCase()
  let meaning: CodeEntry | undefined = code ? USPS_EVENT_CODES[code] : undefined
  // A return reaches the sender as a delivery (`01`) whose text names the original sender.
  if (meaning?.status === 'delivered' && RETURN_DELIVERED.test(event.eventType ?? ''))
    meaning = { status: 'returned_to_sender', milestone: 'returned' }
  // Most event texts carry no markup: then the plain text is the cleaned text, and it is cleaned once.
  const text = clean(event.eventType)
  const description = (hasMarkup(event.eventType) ? plainText(event.eventType) : text) ?? ''
  let codes: Record<string, string> | undefined
  const action = clean(event.actionCode)
  const reason = clean(event.reasonCode)
  if (action !== undefined || reason !== undefined) {
    codes = {}
    if (action) codes.actionCode = action
    if (reason) codes.reasonCode = reason
    Object.freeze(codes)
  }
  return { code, meaning, text, description, codes }
}

/** Does a USPS text hold a tag or an entity (the cases where `plainText` does more than `clean`)? */
function hasMarkup(value: string | null | undefined): boolean {
  return !!value && (value.includes('<') || value.includes('&'))
}

/**
 * The delivery estimate, most precise first: the predicted window (`predictedDeliveryDate` + start/end times),
 * then `expectedDeliveryTimeStamp`, `guaranteedDeliveryTimeStamp`, and `predictedDeliveryDate` alone (a day).
 * A timestamp at exactly midnight is USPS writing a date as a date-time: it is read as that day.
 */
function estimatedDelivery(
  body: UspsTracking,
  destination: Location | undefined,
  defaultZone: string | undefined,
): DeliveryWindow | undefined {
  const date = clean(body.predictedDeliveryDate)
  const start = clean(body.predictedDeliveryWindowStartTime)
  const end = clean(body.predictedDeliveryWindowEndTime)
  if (date && start && end) {
    const from = uspsFieldTime(date, 'usps.predictedDeliveryWindowStartTime', destination, defaultZone, start)
    const to = uspsFieldTime(date, 'usps.predictedDeliveryWindowEndTime', destination, defaultZone, end)
    return { from: from.occurredAt, to: to.occurredAt, precision: 'minute', source: 'predictedDeliveryDate' }
  }
  for (const field of ['expectedDeliveryTimeStamp', 'guaranteedDeliveryTimeStamp'] as const) {
    const value = clean(body[field])
    if (!value) continue
    const midnight = /^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/.exec(value)
    if (midnight) return dayWindow(midnight[1]!, `usps.${field}`, destination, defaultZone, field)
    const t = uspsFieldTime(value, `usps.${field}`, destination, defaultZone)
    return { from: t.occurredAt, precision: t.precision, source: field }
  }
  if (date)
    return dayWindow(date, 'usps.predictedDeliveryDate', destination, defaultZone, 'predictedDeliveryDate')
  return undefined
}

function dayWindow(
  date: string,
  path: string,
  destination: Location | undefined,
  defaultZone: string | undefined,
  source: string,
): DeliveryWindow {
  const from = uspsFieldTime(date, path, destination, defaultZone, '00:00:00')
  const to = uspsFieldTime(date, path, destination, defaultZone, '23:59:59')
  return { from: from.occurredAt, to: to.occurredAt, precision: 'day', source }
}

// ---- Times. Each event carries `eventTimestamp` (local, no offset, truncated to the minute), and usually
// `GMTTimestamp` (the instant, with seconds) and `GMTOffset` (`-05:00`; USPS's own example writes `-7:00`). The
// instant wins; it is shown at `GMTOffset` so `occurredAt` keeps the local offset. Without the GMT fields the local
// time is read at the event's place (ZIP code, then state). `normalizeTime` reads every date and time.

const OFFSET = /^([+-])(\d{1,2}):?(\d{2})?$/
const GMT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)$/

/**
 * `-5:00`, `-05:00`, `-0500`, `+5` → minutes east of UTC; undefined when unreadable, outside -12:00..+14:00 or not
 * whole quarter hours (what `normalizeTime` accepts; the event is then read from its local time and place).
 */
export function offsetMinutes(value: string | null | undefined): number | undefined {
  // `±HH:MM`, the form USPS nearly always sends, without a regular expression (this runs once per event).
  if (value?.length === 6 && value.charCodeAt(3) === COLON) {
    const minutes = signedOffsetAt(value, 0)
    if (minutes !== undefined) return accepted(minutes)
  }
  const m = OFFSET.exec((value ?? '').trim())
  if (!m || Number(m[3] ?? 0) > 59) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return accepted(m[1] === '-' ? -minutes : minutes)
}

const PLUS = 43
const DASH = 45
const COLON = 58

/** `±HH:MM` at `start` as minutes east of UTC; undefined when it is not that (or its minutes exceed 59). */
function signedOffsetAt(text: string, start: number): number | undefined {
  const sign = text.charCodeAt(start)
  const hours = digitsAt(text, start + 1, 2)
  const minutes = digitsAt(text, start + 4, 2)
  if ((sign !== PLUS && sign !== DASH) || hours < 0 || minutes < 0 || minutes > 59) return undefined
  return sign === DASH ? -(hours * 60 + minutes) : hours * 60 + minutes
}

/** The offsets `normalizeTime` accepts: -12:00..+14:00 in whole quarter hours. */
function accepted(minutes: number): number | undefined {
  return minutes >= -720 && minutes <= 840 && minutes % 15 === 0 ? minutes : undefined
}

/** Do the first 16 characters (date, hours and minutes) of `a` and `b` agree? */
function sameMinute(a: string, b: string): boolean {
  if (a.length < 16 || b.length < 16) return a.slice(0, 16) === b.slice(0, 16)
  for (let i = 0; i < 16; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false
  return true
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** An instant (epoch ms) written at a fixed offset: `2024-11-22T13:58:40-05:00` (milliseconds when not zero). */
export function atOffset(epochMs: number, minutes: number): string {
  const local = new Date(epochMs + minutes * 60_000).toISOString() // always ...Z, but shifted
  const ms = local.slice(19, 23)
  return `${local.slice(0, 19)}${ms === '.000' ? '' : ms}${formatOffset(minutes)}`
}

interface UspsTimeInput {
  eventTimestamp?: string | null
  GMTTimestamp?: string | null
  GMTOffset?: string | null
}

/**
 * The time of an event from `GMTTimestamp` at `GMTOffset`, or undefined when the two do not give one. The place's
 * zone is named when its offset at that instant is USPS's (as `normalizeTime` decides).
 */
function gmtEventTime(
  input: UspsTimeInput,
  where: TimeLocation | undefined,
  eventPath: () => string,
  warnings: NormalizeWarning[],
  trackingNumber: string,
): NormalizedTime | undefined {
  const gmt = input.GMTTimestamp?.trim()
  const offset = offsetMinutes(input.GMTOffset)
  if (!gmt || offset === undefined || !GMT.test(gmt)) return undefined
  const time = gmtAtOffset(gmt, offset, where)
  if (!time) return undefined
  const local = input.eventTimestamp?.trim()
  // The local time is the same instant truncated to the minute; a larger gap means one of the fields is off.
  if (local && !sameMinute(local, time.occurredAt) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local))
    warnings.push({
      code: 'other',
      message: `eventTimestamp ${local} disagrees with GMTTimestamp ${gmt} at GMTOffset ${input.GMTOffset}; the GMT instant was used`,
      path: `${eventPath()}.eventTimestamp`,
      trackingNumber,
    })
  return time
}

/**
 * `GMTTimestamp` shown at `GMTOffset`. `normalizeTime` reads the instant and shows it at the place's offset; when
 * that is USPS's offset the answer is complete (with the place's zone). Otherwise the instant is written at USPS's
 * offset without a zone. A date `normalizeTime` refuses is read by `Date.parse`, which rolls impossible dates
 * (Feb 30, 24:00) over as USPS's own clients do.
 */
function gmtAtOffset(
  gmt: string,
  offset: number,
  where: TimeLocation | undefined,
): NormalizedTime | undefined {
  let read: NormalizedTime | undefined
  try {
    read = normalizeTime({ dateTime: gmt, location: where })
  } catch (error) {
    if (!isWaybillError(error)) throw error
  }
  const at = read ? read.occurredAt.length - 6 : -1
  if (read?.timeZone && at > 0 && signedOffsetAt(read.occurredAt, at) === offset) return read
  const instant = read ? eventInstant(read) : Date.parse(gmt)
  if (Number.isNaN(instant)) return undefined
  const occurredAt = atOffset(instant, offset)
  const precision = /:\d{2}:\d{2}/.test(gmt) ? 'second' : 'minute'
  const time: NormalizedTime = { occurredAt, zoneSource: 'carrier', precision }
  // A place whose zone has another offset at this instant is not named; one normalizeTime could not ask is.
  const zone = read ? undefined : placeZoneAt(occurredAt, where)
  if (zone) time.timeZone = zone
  return time
}

/** The place's zone when its offset at that instant is the one written (undefined outside normalizeTime's years). */
function placeZoneAt(occurredAt: string, where: TimeLocation | undefined): string | undefined {
  if (!where) return undefined
  try {
    return normalizeTime({ dateTime: occurredAt, location: where }).timeZone
  } catch (error) {
    if (isWaybillError(error)) return undefined
    throw error
  }
}

/**
 * The canonical time of one USPS event.
 * @throws TimeError naming the event's path when neither the GMT fields nor the local time can be read.
 */
function uspsEventTime(
  input: UspsTimeInput,
  /** The event's path (`usps.trackingEvents[3]`), written out only when a warning or an error names it. */
  eventPath: () => string,
  location: Location | undefined,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  trackingNumber: string,
): NormalizedTime {
  const where: TimeLocation | undefined = location
  const fromGmt = gmtEventTime(input, where, eventPath, warnings, trackingNumber)
  if (fromGmt) return fromGmt
  const path = eventPath()
  const gmt = input.GMTTimestamp?.trim()
  const offset = offsetMinutes(input.GMTOffset)
  const local = input.eventTimestamp?.trim()
  try {
    if (!local && gmt) return normalizeTime({ dateTime: gmt, location: where, defaultZone })
    if (!local) throw new TimeError('the event has no eventTimestamp and no GMTTimestamp')
    const time =
      offset !== undefined
        ? normalizeTime({ dateTime: local, offset: formatOffset(offset), location: where })
        : normalizeTime({ dateTime: local, location: where, defaultZone }, { unknownZone: 'keep' })
    if (time.zoneSource === 'unknown')
      warnings.push({
        code: 'unknown_zone',
        message: `${path} kept without a zone (${time.missing}): occurredAt is the local time`,
        path,
        trackingNumber,
      })
    if (time.zoneSource === 'fallback')
      warnings.push({
        code: 'fallback_zone',
        message: `${path} has no GMT fields and its place gives no zone; read in the default zone`,
        path,
        trackingNumber,
      })
    return time
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
}

/** A date-or-date-time field (ETA) read at a place; with `time`, `value` is a date and `time` its clock time. */
function uspsFieldTime(
  value: string,
  path: string,
  location: Location | undefined,
  defaultZone: string | undefined,
  time?: string,
): NormalizedTime {
  const where: TimeLocation | undefined = location
  try {
    return time === undefined
      ? normalizeTime({ dateTime: value.trim(), location: where, defaultZone })
      : normalizeTime({ date: value.trim(), time, location: where, defaultZone })
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
}
