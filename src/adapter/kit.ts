/**
 * Small building blocks every adapter uses, so that no adapter re-invents code lookup, event ids or payload
 * validation: {@link mapCode}, {@link createEvent}, {@link parsePayload}.
 */
import type { z } from 'zod'
import { ParseError, ValidationError } from '../errors/index.js'
import {
  computeEventId,
  type Location,
  type Milestone,
  type NormalizeWarning,
  type Status,
  type TrackingEvent,
} from '../model/core.js'
import type { TimeLocation } from '../time/types.js'
import { decoderFor, REJECT } from './decode.js'

/** One row of a carrier's code table. */
export interface CodeEntry {
  status: Status
  milestone: Milestone
  reason?: string
}

/** Raw carrier code (upper case) → canonical meaning. Each row is commented with its source in `codes.ts`. */
export type CodeTable = Readonly<Record<string, CodeEntry>>

/** The meaning of a code no table knows. */
export const UNKNOWN_CODE: CodeEntry = Object.freeze({ status: 'unknown', milestone: 'unknown' })

/**
 * Looks a raw code up (case-insensitively, trimmed). An unknown or missing code gives `unknown` and, when a
 * `warnings` list is passed, an `unknown_code` warning naming the code and where it was.
 */
export function mapCode(
  table: CodeTable,
  code: string | undefined | null,
  where: { warnings?: NormalizeWarning[]; path?: string; trackingNumber?: string; carrier?: string } = {},
): CodeEntry {
  const key = (code ?? '').trim().toUpperCase()
  const entry = key ? table[key] : undefined
  if (entry) return entry
  where.warnings?.push({
    code: 'unknown_code',
    message: `${where.carrier ?? 'carrier'} code ${key ? `'${key}'` : '(empty)'} is not in the status table`,
    ...(where.path ? { path: where.path } : {}),
    ...(where.trackingNumber ? { trackingNumber: where.trackingNumber } : {}),
    ...(key ? { rawCode: key } : {}),
  })
  return UNKNOWN_CODE
}

/** Everything of an event but its id, plus an optional discriminator for otherwise identical events. */
export type EventInput = Omit<TrackingEvent, 'id'> & { discriminator?: string }

/**
 * Builds an event with its deterministic id; optional fields that are undefined are left out so output is stable
 * JSON, and fields come in the schema's order whatever order the input lists them in.
 */
export function createEvent(input: EventInput): TrackingEvent {
  // Written field by field in the schema's order (optional ones only when set): this runs once per event, and is
  // several times cheaper than copying the input's keys.
  const event = {
    id: computeEventId(
      input.carrier,
      input.trackingNumber,
      input.occurredAt,
      input.raw.code,
      input.location,
      input.discriminator,
    ),
  } as TrackingEvent
  event.carrier = input.carrier
  event.trackingNumber = input.trackingNumber
  event.status = input.status
  event.milestone = input.milestone
  if (input.reason !== undefined) event.reason = input.reason
  event.occurredAt = input.occurredAt
  if (input.timeZone !== undefined) event.timeZone = input.timeZone
  event.zoneSource = input.zoneSource
  event.precision = input.precision
  if (input.ambiguous) event.ambiguous = true
  if (input.location !== undefined) event.location = input.location
  event.description = input.description
  event.raw = input.raw
  if (input.alsoReportedBy !== undefined) event.alsoReportedBy = input.alsoReportedBy
  return event
}

/** Formats a zod issue path the way users write it: `trackResponse.shipment[0].package[1].activity`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`
  return out
}

/**
 * Validates a carrier payload with its zod schema. On failure throws a {@link ValidationError} whose `path` names
 * the first wrong field and whose message says what was expected.
 * @example const body = parsePayload(upsTrackResponseSchema, payload, 'ups')
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, root: string): z.output<S> {
  const fast = decoderFor(schema)(payload)
  if (fast !== REJECT) return fast as z.output<S>
  const result = schema.safeParse(payload)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = formatPath(root, issue?.path ?? [])
  throw new ValidationError(path, issue?.message ?? 'invalid payload', { cause: result.error })
}

/** Trims a carrier string; returns undefined for empty or whitespace-only values. */
export function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  // Most carrier strings need no work: skip the replace and trim (and their copies) when nothing would change.
  if (!needsCleaning(value)) return value === '' ? undefined : value
  const trimmed = value.replace(/\s+/g, ' ').trim()
  return trimmed === '' ? undefined : trimmed
}

/** Whitespace other than a plain space (`[^\S ]`, spelled out), or two spaces in a row. */
const INNER_SPACE = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/

/**
 * Whether `value` has leading or trailing whitespace, a run of two, or any whitespace other than a plain space
 * (what `/^\s|\s$|\s\s|[^\S ]/` tests). This runs on nearly every field: when neither end is a space or a
 * control character, one search for {@link INNER_SPACE} decides (three of the four alternatives the full pattern
 * would try at every position); otherwise {@link scanForCleaning} reads the characters.
 */
function needsCleaning(value: string): boolean {
  const length = value.length
  if (length === 0) return false
  if (value.charCodeAt(0) <= 32 || value.charCodeAt(length - 1) <= 32) return scanForCleaning(value)
  return INNER_SPACE.test(value)
}

/** {@link needsCleaning} in one pass over the characters (for values that start or end with a low character). */
function scanForCleaning(value: string): boolean {
  const last = value.length - 1
  let previousSpace = false
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i)
    if (c === 32) {
      if (previousSpace || i === 0 || i === last) return true
      previousSpace = true
    } else if (c < 32 ? c >= 9 && c <= 13 : c >= 160 && isOtherSpace(c)) return true
    else previousSpace = false
  }
  return false
}

/** The characters above U+009F that `\s` matches. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * The map under `key` in a memo of nested maps (one level per field, keyed by the field itself, so that no key
 * string is built per lookup), created when missing. For adapters' per-event memos.
 * @example const byStatus = childMap(childMap(memo, service), code)
 */
export function childMap<K, V>(parent: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let child = parent.get(key)
  if (child === undefined) {
    child = new Map()
    parent.set(key, child)
  }
  return child
}

/**
 * A bounded memo for place readers. Carrier payloads repeat the same few places across thousands of events, so
 * each distinct combination of the given text fields is read once, and the same location object is returned for
 * it every time, frozen (so no event can change another's place). Frozen places also let the event id and the
 * time-zone lookup remember what they derived from them. A field that is not text (or absent) sends the call
 * straight to `read`.
 * @example const memo = placeMemo(); const where = memo([a.city, a.state, a.zip], ([city, state, zip]) => readPlace(city, state, zip))
 */
export function placeMemo(
  limit = 5000,
): <P extends readonly unknown[]>(
  parts: P,
  read: (parts: P) => Location | undefined,
) => Location | undefined {
  // One map level per part (keyed by the part itself, so no key string is built per call); the last level holds
  // the place, or null for "no place".
  let root = new Map<string | undefined, unknown>()
  let size = 0
  // `read` gets the parts, so a caller can pass one function made once instead of a closure per call.
  return <P extends readonly unknown[]>(parts: P, read: (parts: P) => Location | undefined) => {
    let level = root
    const last = parts.length - 1
    for (let i = 0; i < last; i++) {
      const part = parts[i] ?? undefined
      if (part !== undefined && typeof part !== 'string') return read(parts)
      let next = level.get(part) as Map<string | undefined, unknown> | undefined
      if (next === undefined) {
        next = new Map()
        level.set(part, next)
      }
      level = next
    }
    const part = parts[last] ?? undefined
    if (part !== undefined && typeof part !== 'string') return read(parts)
    let known = level.get(part) as Location | null | undefined
    if (known === undefined) {
      known = read(parts) ?? null
      if (known) deepFreeze(known)
      if (size >= limit) {
        root = new Map()
        size = 0
      } else {
        level.set(part, known)
        size++
      }
    }
    return known === null ? undefined : known
  }
}

function deepFreeze(location: Location): void {
  if (location.coordinates) Object.freeze(location.coordinates)
  Object.freeze(location)
}

/**
 * The part of a location that time-zone inference reads (country, region, postal code, city), or undefined when
 * it has none of them. For a shared, frozen place (from {@link placeMemo}) it is computed once and shared too.
 * @example normalizeTime({ dateTime: '2024-06-10T08:00:00', location: timeLocationOf(event.location) })
 */
export function timeLocationOf(location: Location | undefined): TimeLocation | undefined {
  if (!location) return undefined
  if (!Object.isFrozen(location)) return readTimeLocation(location)
  let known = timeLocations.get(location)
  if (known === undefined) {
    const read = readTimeLocation(location)
    known = read ? Object.freeze(read) : null
    timeLocations.set(location, known)
  }
  return known ?? undefined
}

const timeLocations = new WeakMap<Location, TimeLocation | null>()

function readTimeLocation(location: Location): TimeLocation | undefined {
  const out: TimeLocation = {}
  if (location.countryCode) out.countryCode = location.countryCode
  if (location.region) out.region = location.region
  if (location.postalCode) out.postalCode = location.postalCode
  if (location.city) out.city = location.city
  return out.countryCode || out.region || out.postalCode || out.city ? out : undefined
}

/**
 * Raw bytes of a verified webhook delivery → parsed JSON; a body that is not UTF-8 JSON is a ParseError naming
 * the source.
 * @example parse: (rawBody) => parseJsonBody(rawBody, 'EasyPost webhook')
 */
export function parseJsonBody(rawBody: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody))
  } catch (cause) {
    throw new ParseError(`${what} body is not UTF-8 JSON`, { offset: 0 }, { cause })
  }
}
