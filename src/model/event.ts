/**
 * The canonical tracking event, and its deterministic id.
 *
 * Every event keeps the carrier's raw code(s) and text next to the normalized fields (`raw`), so nothing a carrier
 * said is ever lost in translation.
 */
import type * as NodeCrypto from 'node:crypto'
import { daysIn, digitsAt, utcMs } from './calendar.js'
import { wallTimeOf } from './event-time.js'
import type { Location, TrackingEvent } from './schemas.js'

/** ISO 8601 date-time with seconds optional, fraction optional and an explicit offset (`±HH:MM` or `Z`). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[+-]\d{2}:\d{2}|Z)$/

/**
 * Where a raw record came from: a carrier's REST API, a webhook, an EDI file, another file, or the shipper's own
 * order and warehouse events (`shipper`: a return the shipper authorised, shown on the timeline by the tracker).
 */
export const SOURCES = ['rest', 'webhook', 'edi', 'file', 'shipper'] as const
export type RawSource = (typeof SOURCES)[number]

export type { RawRecord, TrackingEvent } from './schemas.js'

/** The facts that make an event unique. */
export interface EventIdentity {
  carrier: string
  trackingNumber: string
  /** Any ISO 8601 date-time with offset; the instant is what counts. */
  occurredAt: string
  rawCode?: string
  location?: Location
  /** Distinguishes otherwise identical events (e.g. the carrier's own event id, or the position in one scan). */
  discriminator?: string
}

/**
 * A deterministic id: the same facts always give the same id, and events that differ in carrier, number, instant,
 * raw code, place or discriminator never share one (SHA-256, 128 bits kept).
 * @example eventId({ carrier: 'ups', trackingNumber: '1Z…', occurredAt: '2024-03-26T10:58:00-05:00', rawCode: '012' })
 */
export function eventId(identity: EventIdentity): string {
  return computeEventId(
    identity.carrier,
    identity.trackingNumber,
    identity.occurredAt,
    identity.rawCode,
    identity.location,
    identity.discriminator,
  )
}

/** {@link eventId} with the facts as arguments (no identity object per event on the adapters' path). */
export function computeEventId(
  carrier: string,
  trackingNumber: string,
  occurredAt: string,
  rawCode: string | undefined,
  location: Location | undefined,
  discriminator: string | undefined,
): string {
  return computeEventIdAt(
    carrier,
    trackingNumber,
    occurredAt,
    parseInstant(occurredAt),
    rawCode,
    location,
    discriminator,
  )
}

/**
 * {@link computeEventId} for a caller that already knows the instant of `occurredAt` (a time it formatted itself):
 * `instant` must be what {@link eventInstant} reads from `occurredAt` (NaN without an offset), and the id is then
 * the same. Saves reading the text back once per event (the X12 214 path).
 */
export function computeEventIdAt(
  carrier: string,
  trackingNumber: string,
  occurredAt: string,
  instant: number,
  rawCode: string | undefined,
  location: Location | undefined,
  discriminator: string | undefined,
): string {
  let place = ''
  // The ASCII bytes of a frozen place's key, known once per place object (null when it is not ASCII).
  let placeBytes: Uint8Array | null | undefined
  if (location) {
    if (Object.isFrozen(location)) {
      const known = frozenPlaceKeyOf(location)
      place = known.text
      placeBytes = known.bytes
    } else place = placeKey(location)
  }
  const length = writeKey(
    carrier,
    trackingNumber,
    occurredAt,
    instant,
    rawCode ?? '',
    place,
    placeBytes,
    discriminator ?? '',
  )
  if (length >= 0) {
    keyViews ??= []
    let view = keyViews[length]
    if (view === undefined) {
      view = keyBytes!.subarray(0, length)
      keyViews[length] = view
    }
    return `ev_${sha256Base64url(view).slice(0, 22)}`
  }
  // Parts that are not all ASCII (or a key longer than the scratch): the text itself, encoded by the hash.
  const key =
    carrier +
    SEP +
    trackingNumber.toUpperCase() +
    SEP +
    (Number.isNaN(instant) ? occurredAt : instantText(instant)) +
    SEP +
    (rawCode === undefined ? '' : upperCode(rawCode)) +
    SEP +
    place +
    SEP +
    (discriminator ?? '')
  return `ev_${sha256Base64url(key).slice(0, 22)}`
}

/**
 * Scratch for the key of one id, hashed as bytes: for ASCII facts (nearly all) the key is written here byte by
 * byte, the instant's digits included, so no key text is built, flattened and encoded per event (#26). Used within
 * one call only; allocated on the first id.
 */
let keyBytes: Uint8Array | undefined
/** Views of the first n bytes of {@link keyBytes}, one per length (the hash takes a view of the exact length). */
let keyViews: Uint8Array[] | undefined
const KEY_BYTES = 1024

/**
 * Writes the UTF-8 of the id key (the same bytes as the text key of {@link computeEventIdAt}) into
 * {@link keyBytes}; returns its length, or -1 when a part is not ASCII or the key does not fit.
 */
function writeKey(
  carrier: string,
  trackingNumber: string,
  occurredAt: string,
  instant: number,
  rawCode: string,
  place: string,
  placeBytes: Uint8Array | null | undefined,
  discriminator: string,
): number {
  keyBytes ??= new Uint8Array(KEY_BYTES)
  let at = putAscii(carrier, 0, false)
  if (at < 0) return -1
  keyBytes[at++] = 0x1f
  // Upper case of ASCII text changes a-z only (what toUpperCase and upperCode do to it).
  at = putAscii(trackingNumber, at, true)
  if (at < 0) return -1
  keyBytes[at++] = 0x1f
  if (Number.isNaN(instant)) at = putAscii(occurredAt, at, false)
  else if (instant >= 0 && instant < 1e15 && Number.isInteger(instant)) at = putDigits(instant, at)
  else at = putAscii(String(instant), at, false)
  if (at < 0) return -1
  keyBytes[at++] = 0x1f
  at = putAscii(rawCode, at, true)
  if (at < 0) return -1
  keyBytes[at++] = 0x1f
  if (placeBytes === null) return -1
  at = placeBytes === undefined ? putAscii(place, at, false) : putBytes(placeBytes, at)
  if (at < 0) return -1
  keyBytes[at++] = 0x1f
  return putAscii(discriminator, at, false)
}

/**
 * Writes `text` at `at` (a-z upper-cased when `upper`); returns the end, or -1 when it is not ASCII or leaves less
 * than one byte for the next separator.
 */
function putAscii(text: string, at: number, upper: boolean): number {
  const length = text.length
  if (at + length >= KEY_BYTES) return -1
  const bytes = keyBytes!
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i)
    if (c >= 0x80) return -1
    if (upper && c >= 0x61 && c <= 0x7a) c -= 0x20
    bytes[at + i] = c
  }
  return at + length
}

/** Writes bytes known to be ASCII at `at`; returns the end, or -1 as {@link putAscii} does. */
function putBytes(source: Uint8Array, at: number): number {
  const length = source.length
  if (at + length >= KEY_BYTES) return -1
  keyBytes!.set(source, at)
  return at + length
}

/**
 * Writes the decimal digits of a whole number from 0 to below 1e15 (`String(value)`): the digits above the last six,
 * then those six, each part in small-integer arithmetic. Returns the end, or -1 when it does not fit.
 */
function putDigits(value: number, at: number): number {
  const high = Math.floor(value / 1e6)
  if (high === 0) return putInteger(value, at, 0)
  const end = putInteger(high, at, 0)
  return end < 0 ? -1 : putInteger(value - high * 1e6, end, 6)
}

/** Writes a whole number below 1e9, left-padded with zeros to `width` digits; returns the end, or -1. */
function putInteger(value: number, at: number, width: number): number {
  let digits = 1
  for (let power = 10; power <= value; power *= 10) digits++
  const end = at + Math.max(digits, width)
  if (end >= KEY_BYTES) return -1
  const bytes = keyBytes!
  let rest = value | 0
  for (let i = end - 1; i >= at; i--) {
    const next = (rest / 10) | 0
    bytes[i] = 0x30 + rest - next * 10
    rest = next
  }
  return end
}

/** `String(instant)` for whole milliseconds, written from two small integers (docs/performance.md "V8 notes"). */
function instantText(instant: number): string {
  if (!(instant >= 1e6 && instant < 1e15 && Number.isInteger(instant))) return String(instant)
  const high = Math.floor(instant / 1e6)
  const low = instant - high * 1e6
  return `${high}${low < 100_000 ? String(low + 1e6).slice(1) : low}`
}

/** A raw code in upper case; codes nearly always are already, and are then returned as they are. */
function upperCode(code: string): string {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i)
    if (c >= 97 || (c > 127 && c !== 160)) return upperCased(code)
  }
  return code
}

/** Upper-case forms of the lower-case codes some carriers use (DHL `transit`): a few values, each written once. */
const upperCodes = new Map<string, string>()

function upperCased(code: string): string {
  let upper = upperCodes.get(code)
  if (upper === undefined) {
    upper = code.toUpperCase()
    if (code.length <= 40) {
      if (upperCodes.size >= 1000) upperCodes.clear()
      upperCodes.set(code, upper)
    }
  }
  return upper
}

const SEP = '\u001f'

function placePart(part: string | undefined): string {
  return part ? part.trim().toUpperCase() : ''
}

/** The place part of an id as text, and as bytes when it is ASCII (else null). */
interface PlaceKey {
  text: string
  bytes: Uint8Array | null
}

/** Place parts of frozen locations (adapters share one frozen object per place): computed once per object. */
const frozenPlaceKeys = new WeakMap<Location, PlaceKey>()

function frozenPlaceKeyOf(location: Location): PlaceKey {
  let key = frozenPlaceKeys.get(location)
  if (key === undefined) {
    const text = placeKey(location)
    let ascii = true
    for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80
    const bytes = ascii ? new Uint8Array(text.length) : null
    for (let i = 0; bytes !== null && i < text.length; i++) bytes[i] = text.charCodeAt(i)
    key = { text, bytes }
    frozenPlaceKeys.set(location, key)
  }
  return key
}

/** `FACILITY|CITY|REGION|POSTAL|COUNTRY`, trimmed and upper case (the place part of an event id). */
function placeKey(location: Location): string {
  return (
    placePart(location.facility) +
    '|' +
    placePart(location.city) +
    '|' +
    placePart(location.region) +
    '|' +
    placePart(location.postalCode) +
    '|' +
    placePart(location.countryCode)
  )
}

type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: string) => string

/**
 * SHA-256 of a string (as UTF-8) or bytes, as base64url. Node ≥ 21.7 has the one-shot `crypto.hash` (no Hash object per call); it is
 * used when present and checked once against `createHash` so that ids never depend on the Node version.
 *
 * `node:crypto` is looked up on the first id (`process.getBuiltinModule`, synchronous), not imported: loading it
 * cost every import of `waybill/edi`, `waybill/model` and the adapters about 5 ms before any event was made (#26).
 */
function sha256Base64url(data: string | Uint8Array): string {
  sha256 ??= chooseSha256(process.getBuiltinModule('node:crypto'))
  return sha256(data)
}

let sha256: ((data: string | Uint8Array) => string) | undefined

/** The one-shot hash when this Node has it and it agrees with `createHash`, else `createHash`. */
function chooseSha256(crypto: typeof NodeCrypto): (data: string | Uint8Array) => string {
  const viaObject = (data: string | Uint8Array) =>
    crypto.createHash('sha256').update(data).digest('base64url')
  const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash
  if (typeof oneShot !== 'function') return viaObject
  try {
    const probe = 'waybill\u001fevent-id'
    if (oneShot('sha256', probe, 'base64url') !== viaObject(probe)) return viaObject
    const bytes = new TextEncoder().encode(probe)
    if (oneShot('sha256', bytes, 'base64url') !== viaObject(probe)) return viaObject
  } catch {
    return viaObject
  }
  return (data: string | Uint8Array) => oneShot('sha256', data, 'base64url')
}

/**
 * Epoch milliseconds of an event (its instant); NaN when `occurredAt` has no offset (`zoneSource: 'unknown'`).
 * Use it instead of `Date.parse(occurredAt)`, which reads an offset-less time in the process's own zone.
 * @example eventInstant({ occurredAt: '2024-03-26T10:58:00-05:00' }) // 1711468680000
 * @example eventInstant({ occurredAt: '2024-03-26T10:58:00' }) // NaN
 */
export function eventInstant(event: Pick<TrackingEvent, 'occurredAt'>): number {
  return parseInstant(event.occurredAt)
}

/** True when the event's instant is known (its `occurredAt` has an offset). */
export function hasInstant(event: Pick<TrackingEvent, 'occurredAt'>): boolean {
  return !Number.isNaN(parseInstant(event.occurredAt))
}

/**
 * `Date.parse`, reading the canonical shape every event carries (`YYYY-MM-DDTHH:mm:ss[.sss]±HH:MM`, a real date and
 * clock time) digit by digit (docs/performance.md "V8 notes"). Anything else, including impossible dates, goes to
 * `Date.parse` itself, so the result is always exactly what `Date.parse` gives.
 */
function parseInstant(value: string): number {
  if (typeof value !== 'string') return Number.NaN
  const length = value.length
  if (length !== 25 && length !== 29) return parseWithOffset(value)
  const tail = length - 6
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    (length === 29 && value.charCodeAt(19) !== 46) || // .
    value.charCodeAt(tail + 3) !== 58
  )
    return parseWithOffset(value)
  const sign = value.charCodeAt(tail)
  if (sign !== 43 && sign !== 45) return parseWithOffset(value) // + or -
  const year = digitsAt(value, 0, 4)
  const month = digitsAt(value, 5, 2)
  const day = digitsAt(value, 8, 2)
  const hour = digitsAt(value, 11, 2)
  const minute = digitsAt(value, 14, 2)
  const second = digitsAt(value, 17, 2)
  const ms = length === 29 ? digitsAt(value, 20, 3) : 0
  const offsetHours = digitsAt(value, tail + 1, 2)
  const offsetMinutes = digitsAt(value, tail + 4, 2)
  if (
    !(year >= 1000) || // also -1: a character that is not a digit
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysIn(year, month)) ||
    !(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0) ||
    !(offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59)
  )
    return parseWithOffset(value)
  const offset = (offsetHours * 60 + offsetMinutes) * (sign === 45 ? -60_000 : 60_000)
  return utcMs(year, month, day, hour, minute, second, ms) - offset
}

/** `Date.parse` of a date-time that ends in an offset (`Z`, `±HH:MM`); NaN for a local time without one. */
function parseWithOffset(value: string): number {
  return /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value) ? Date.parse(value) : Number.NaN
}

/** Sorts events by instant (stable: equal instants keep their order). Returns a new array. */
export function sortEvents<T extends Pick<TrackingEvent, 'occurredAt'>>(events: readonly T[]): T[] {
  const count = events.length
  const at = new Array<number>(count)
  for (let i = 0; i < count; i++) at[i] = parseInstant((events[i] as T).occurredAt)
  return sortByInstants(events, at)
}

/**
 * Order keys for events whose instant is unknown (NaN): an event with a local time and no offset
 * (`zoneSource: 'unknown'`) is placed by its wall time, read with the offset of the event with a known instant
 * whose own wall time is nearest to it (the earlier one on a tie; UTC when no event has an instant), plus half a
 * millisecond so that on a tie it sorts after the event with a known instant. Returns `instants` itself when
 * every instant is known (nearly always).
 */
function withWallTimePlaces<T>(events: readonly T[], instants: ArrayLike<number>): ArrayLike<number> {
  const count = events.length
  let unknown = false
  for (let i = 0; i < count && !unknown; i++) unknown = Number.isNaN(instants[i] as number)
  if (!unknown) return instants
  const known: { wall: number; offset: number }[] = []
  const walls = new Array<number>(count)
  for (let i = 0; i < count; i++) {
    const at = (events[i] as { occurredAt?: unknown } | undefined)?.occurredAt
    const wall = typeof at === 'string' ? wallTimeOf(at) : Number.NaN
    walls[i] = wall
    const instant = instants[i] as number
    if (!Number.isNaN(instant) && !Number.isNaN(wall)) known.push({ wall, offset: wall - instant })
  }
  known.sort((a, b) => a.wall - b.wall)
  const keys = Array.from(instants)
  for (let i = 0; i < count; i++) {
    const wall = walls[i] as number
    if (!Number.isNaN(keys[i] as number) || Number.isNaN(wall)) continue
    let nearest: { wall: number; offset: number } | undefined
    for (const k of known)
      if (!nearest || Math.abs(k.wall - wall) < Math.abs(nearest.wall - wall)) nearest = k
    keys[i] = wall - (nearest?.offset ?? 0) + 0.5
  }
  return keys
}

/**
 * `events` in the order of `instants` (epoch ms, one per event), as {@link sortEvents} orders them: stable (equal
 * instants keep their input order), and a NaN instant placed as the comparator `(a - b) || (i - j)` places it. For
 * code that already knows each event's instant (the EDI mapper, `UniqueEvents`). Returns a new array.
 * - Runs already oldest first or strictly newest first are not sorted (carriers list events one way or the other;
 *   only a strict run is reversed, since equal instants keep their input order).
 * - Otherwise whole-millisecond instants are sorted as numeric keys, instant × 2^bits + position, with no
 *   comparator call; instants those keys cannot hold exactly (fractions, NaN, beyond about the year 2248 with
 *   1,024 events) take the comparator.
 * @internal
 */
export function sortByInstants<T>(events: readonly T[], given: ArrayLike<number>): T[] {
  const count = events.length
  const instants = withWallTimePlaces(events, given)
  let ascending = true
  let descending = true
  let whole = true
  for (let i = 0; i < count; i++) {
    const instant = instants[i] as number
    if (!Number.isInteger(instant)) {
      whole = false
      // NaN compares false either way: only the comparator gives its exact place.
      if (Number.isNaN(instant)) {
        ascending = false
        descending = false
      }
    }
    if (i > 0) {
      const previous = instants[i - 1] as number
      if (instant < previous) ascending = false
      if (instant >= previous) descending = false
    }
  }
  // (Spread, not slice, of a possibly frozen list: docs/performance.md "V8 notes".)
  if (ascending) return [...events]
  if (descending) return [...events].reverse()
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(count)))
  const keys = whole ? new Float64Array(count) : undefined
  for (let i = 0; keys !== undefined && i < count; i++) {
    const instant = instants[i] as number
    const key = instant * scale + i
    if (!Number.isSafeInteger(key) || !Number.isSafeInteger(instant * scale - scale)) return byComparator()
    keys[i] = key
  }
  if (keys === undefined) return byComparator()
  keys.sort()
  const out = new Array<T>(count)
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number
    out[i] = events[key - Math.floor(key / scale) * scale] as T
  }
  return out

  function byComparator(): T[] {
    const order = new Array<number>(count)
    for (let i = 0; i < count; i++) order[i] = i
    order.sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b)
    const sorted = new Array<T>(count)
    for (let i = 0; i < count; i++) sorted[i] = events[order[i] as number] as T
    return sorted
  }
}
