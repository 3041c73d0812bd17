/**
 * normalizeTime: carrier date/time fields → one ISO 8601 instant with the offset of the place (docs/time-model.md).
 *
 * Order: an instant/offset the carrier stated (`carrier`) → a zone the carrier stated (IANA, X12 ET/CT/..., `ET`)
 * (`carrier`) → the zone of the event's location (`location`) → `defaultZone` (`fallback`) → TimeError.
 * Local times in a DST gap move forward by the gap; in a DST overlap the earlier instant is taken.
 */
import { utcMs } from '../model/calendar.js'
import { formatInstant, isKnownZone, MINUTE, wallToInstant, zoneOffset } from './clock.js'
import type { ZoneHint } from './codes.js'
import { x12TimeHint, zoneAbbreviationHint } from './codes.js'
import {
  daysIn,
  digitsAt,
  fail,
  isAcceptedOffset,
  type LocalDate,
  type LocalTime,
  MAX_FIELD_LENGTH,
  MAX_YEAR,
  MIN_YEAR,
  parseDate,
  parseDateTime,
  parseOffset,
  parseTime,
  type StatedOffset,
  stringField,
} from './parse.js'
import type { NormalizedTime, NormalizeOptions, Precision, TimeInput, TimeLocation } from './types.js'
import { countryOf, zoneForLocation } from './zones.js'

function ianaField(field: string, value: unknown): string | undefined {
  const zone = stringField(field, value)
  if (zone === undefined) return undefined
  if (!isKnownZone(zone)) fail(field, value, 'not an IANA time zone (e.g. America/Chicago)')
  return zone
}

function locationField(value: unknown): TimeLocation | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) fail('location', value, 'expected an object')
  const loc = value as Record<string, unknown>
  const out: TimeLocation = {
    countryCode: stringField('location.countryCode', loc.countryCode, 16),
    region: stringField('location.region', loc.region, 100),
    postalCode: stringField('location.postalCode', loc.postalCode, 32),
    city: stringField('location.city', loc.city, 100),
  }
  if (loc.timeZone !== undefined) out.timeZone = stringField('location.timeZone', loc.timeZone, 64)
  if (out.countryCode !== undefined && !/^[A-Za-z]{2,3}$/.test(out.countryCode)) {
    fail('location.countryCode', loc.countryCode, 'expected an ISO 3166-1 country code (e.g. US)')
  }
  return out
}

/** A location as read from the input, with the zone it determines (if any). */
interface ReadPlace {
  location: TimeLocation
  zone: string | undefined
}

/** Frozen locations (adapters share one per place) are read and looked up once per object. */
const frozenPlaces = new WeakMap<object, ReadPlace>()

/** The `location` field read and checked ({@link locationField}), and its zone. */
function readPlace(value: unknown): ReadPlace | undefined {
  if (value === undefined || value === null) return undefined
  const frozen = typeof value === 'object' && Object.isFrozen(value)
  if (frozen) {
    const known = frozenPlaces.get(value as object)
    if (known) return known
  }
  const location = locationField(value) as TimeLocation
  const place = { location, zone: zoneForLocation(location) }
  if (frozen) frozenPlaces.set(value as object, place)
  return place
}

/** Standard (winter) offset of a zone in a year: the smaller of the January and July offsets. */
function standardOffset(zone: string, year: number): number {
  const key = `${zone} ${year}`
  let offset = standardOffsets.get(key)
  if (offset === undefined) {
    offset = Math.min(zoneOffset(zone, Date.UTC(year, 0, 1)), zoneOffset(zone, Date.UTC(year, 6, 1)))
    if (standardOffsets.size >= 10_000) standardOffsets.clear()
    standardOffsets.set(key, offset)
  }
  return offset
}

const standardOffsets = new Map<string, number>()

/**
 * Normalizes a carrier time. Throws TimeError naming the field on anything it cannot read, on contradicting
 * offsets, and when no offset or zone can be found (never silently UTC).
 * @example normalizeTime({ date: '20240326', time: '105800', location: { countryCode: 'US', region: 'IL' } })
 * // { occurredAt: '2024-03-26T10:58:00-05:00', timeZone: 'America/Chicago', zoneSource: 'location', precision: 'second' }
 */
export function normalizeTime(input: TimeInput, options: NormalizeOptions = {}): NormalizedTime {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail('input', input, 'expected an object')
  const quick = plainIso(input)
  if (quick) return quick
  const dateTimeRaw = stringField('dateTime', input.dateTime)
  const dateRaw = stringField('date', input.date)
  const timeRaw = stringField('time', input.time)

  let date: LocalDate
  let time: LocalTime | undefined
  const stated: { field: string; offset: StatedOffset }[] = []
  if (dateTimeRaw !== undefined) {
    if (dateRaw !== undefined || timeRaw !== undefined) {
      fail('dateTime', dateTimeRaw, 'give either dateTime or date/time, not both')
    }
    const parsed = parseDateTime('dateTime', dateTimeRaw)
    date = parsed.date
    time = parsed.time
    if (parsed.offset) stated.push({ field: 'dateTime', offset: parsed.offset })
  } else if (dateRaw !== undefined) {
    date = parseDate('date', dateRaw)
    time = timeRaw === undefined ? undefined : parseTime('time', timeRaw)
  } else if (timeRaw !== undefined) {
    return fail('time', timeRaw, 'a time without a date cannot be placed; pass date too')
  } else {
    return fail('dateTime', input.dateTime, 'no date given: pass dateTime, or date (and time)')
  }

  if (input.offset !== undefined && input.offset !== null && input.offset !== '') {
    if (typeof input.offset !== 'string' && typeof input.offset !== 'number') {
      fail('offset', input.offset, 'expected a string or a number of minutes')
    }
    const raw = typeof input.offset === 'string' ? stringField('offset', input.offset) : input.offset
    if (raw !== undefined) stated.push({ field: 'offset', offset: parseOffset('offset', raw) })
  }
  const hints: { field: string; hint: ZoneHint }[] = []
  const abbreviation = stringField('zoneAbbreviation', input.zoneAbbreviation, 8)
  if (abbreviation !== undefined)
    hints.push({ field: 'zoneAbbreviation', hint: zoneAbbreviationHint(abbreviation) })
  const x12 = stringField('x12TimeCode', input.x12TimeCode, 2)
  if (x12 !== undefined) hints.push({ field: 'x12TimeCode', hint: x12TimeHint(x12) })
  let genericZone: { field: string; zone: string } | undefined
  for (const { field, hint } of hints) {
    if (hint.kind === 'fixed') stated.push({ field, offset: { minutes: hint.offsetMinutes, utc: hint.utc } })
    if (hint.kind === 'zone') {
      if (genericZone && genericZone.zone !== hint.zone) {
        fail(field, field === 'x12TimeCode' ? x12 : abbreviation, `conflicts with ${genericZone.field}`)
      }
      genericZone = { field, zone: hint.zone }
    }
  }
  const first = stated[0]
  for (let i = 1; i < stated.length; i++) {
    const other = stated[i] as (typeof stated)[number]
    if (first && other.offset.minutes !== first.offset.minutes) {
      fail(
        other.field,
        other.field === 'offset' ? input.offset : other.field === 'x12TimeCode' ? x12 : abbreviation,
        `offset ${formatOffset(other.offset.minutes)} conflicts with ${formatOffset(first.offset.minutes)} from ${first.field}`,
      )
    }
  }

  const statedZone = ianaField('timeZone', input.timeZone)
  const defaultZone = ianaField('defaultZone', input.defaultZone)
  const place = readPlace(input.location)
  const location = place?.location
  const locationZone = place?.zone

  const precision: Precision = time ? (time.hasSeconds ? 'second' : 'minute') : 'day'
  const t = time ?? { hour: 0, minute: 0, second: 0, millisecond: 0 }
  const wallMs = wallClock(date, t)

  // A zone the carrier named (IANA or a generic code such as X12 CT), adjusted to the place when the place's zone
  // keeps the same standard time (CT in Indiana/Knox, MT in Arizona → America/Phoenix).
  let carrierZone = statedZone
  if (genericZone) {
    const std = standardOffset(genericZone.zone, date.year)
    if (statedZone && standardOffset(statedZone, date.year) !== std) {
      fail('timeZone', statedZone, `conflicts with ${genericZone.field} (${genericZone.zone})`)
    }
    if (!carrierZone) {
      carrierZone =
        locationZone && standardOffset(locationZone, date.year) === std ? locationZone : genericZone.zone
    }
  }

  if (first) {
    const { minutes, utc } = first.offset
    const instant = wallMs - minutes * MINUTE
    const placeZone = carrierZone ?? locationZone
    if (carrierZone && zoneOffset(carrierZone, instant) !== minutes && !utc) {
      const field = statedZone ? 'timeZone' : (genericZone?.field ?? 'timeZone')
      const value = statedZone ?? (field === 'x12TimeCode' ? x12 : abbreviation)
      fail(
        field,
        value,
        `its offset at this time conflicts with ${formatOffset(minutes)} from ${first.field}`,
      )
    }
    if (utc && placeZone && precision !== 'day') {
      return result(instant, zoneOffset(placeZone, instant), placeZone, 'carrier', precision)
    }
    const matches = placeZone !== undefined && zoneOffset(placeZone, instant) === minutes
    return result(instant, minutes, matches ? placeZone : undefined, 'carrier', precision)
  }
  if (carrierZone) return inZone(wallMs, carrierZone, 'carrier', precision)
  if (locationZone) return inZone(wallMs, locationZone, 'location', precision)
  if (defaultZone) return inZone(wallMs, defaultZone, 'fallback', precision)
  const where = missingZoneReason(location)
  if (options.unknownZone === 'keep') return unplaced(wallMs, precision, where)
  return fail(
    dateTimeRaw !== undefined ? 'dateTime' : 'date',
    dateTimeRaw ?? dateRaw,
    `${where}; pass offset, timeZone, location or defaultZone (local time is never assumed to be UTC)`,
  )
}

/** Why a place gives no zone, in words. */
function missingZoneReason(location: TimeLocation | undefined): string {
  if (!location) return 'no offset or zone, and no location given'
  if (location.countryCode === undefined) return 'no offset or zone, and the location has no countryCode'
  if (countryOf(location.countryCode) === undefined)
    return `no offset or zone, and unknown country code "${location.countryCode}"`
  return 'no offset or zone, and the location does not determine a zone (a multi-zone country needs a region, and a split region a postal code or city)'
}

/** The result for a local time whose zone is unknown: the wall time without offset, `zoneSource: 'unknown'`. */
function unplaced(wallMs: number, precision: Precision, missing: string): NormalizedTime {
  return { occurredAt: formatInstant(wallMs, 0).slice(0, -6), zoneSource: 'unknown', precision, missing }
}

/**
 * The common input, `{ dateTime: 'YYYY-MM-DDTHH:mm[:ss[.f]][Z|±HH:MM]', location?, defaultZone? }` with a real date
 * and time and an accepted offset, read without the general parser; the result and any error are the general
 * path's (the same fields are checked in the same order). Anything else (other fields, other shapes, a local
 * time with no zone to read it in) returns undefined and takes the general path, which explains what is wrong.
 */
function plainIso(input: TimeInput): NormalizedTime | undefined {
  const v = input.dateTime
  if (typeof v !== 'string' || v.length < 16 || v.length > MAX_FIELD_LENGTH) return undefined
  if (
    input.date != null ||
    input.time != null ||
    input.offset != null ||
    input.zoneAbbreviation != null ||
    input.x12TimeCode != null ||
    input.timeZone != null
  )
    return undefined
  const clock = readIsoClock(v)
  if (!clock) return undefined
  const { wall, precision, designator, minutes } = clock
  const defaultZone = ianaField('defaultZone', input.defaultZone) // checked (and refused) as on the general path
  const placeZone = readPlace(input.location)?.zone
  if (designator === 'Z') {
    const instant = wall
    if (placeZone) return result(instant, zoneOffset(placeZone, instant), placeZone, 'carrier', precision)
    return result(instant, 0, undefined, 'carrier', precision)
  }
  if (designator === 'offset') {
    const instant = wall - minutes * MINUTE
    const matches = placeZone !== undefined && zoneOffset(placeZone, instant) === minutes
    // `…:ss±HH:MM` is already in the output's form (unless it wrote UTC as -00:00, which is shown as +00:00).
    const text = v.length === 25 && (minutes !== 0 || v.charCodeAt(19) === PLUS) ? v : undefined
    return result(instant, minutes, matches ? placeZone : undefined, 'carrier', precision, text)
  }
  if (placeZone) return inZone(wall, placeZone, 'location', precision)
  if (defaultZone) return inZone(wall, defaultZone, 'fallback', precision)
  return undefined
}

const PLUS = 43
const DASH = 45
const DOT = 46
const COLON = 58
const LETTER_T = 84
const LETTER_Z = 90

/** What {@link readIsoClock} read: the wall clock as if UTC, and what follows it. */
interface IsoClock {
  wall: number
  precision: Precision
  designator: 'none' | 'Z' | 'offset'
  /** The stated offset (minutes east of UTC) when `designator` is `offset`. */
  minutes: number
}

/**
 * `YYYY-MM-DDTHH:mm[:ss[.f{1,9}]][Z|±HH:MM]` read character by character (this runs for every event: a regular
 * expression and its capture strings cost several times more); undefined for any other text, and for a date,
 * time or offset the general path refuses.
 */
function readIsoClock(v: string): IsoClock | undefined {
  const length = v.length
  if (
    v.charCodeAt(4) !== DASH ||
    v.charCodeAt(7) !== DASH ||
    v.charCodeAt(10) !== LETTER_T ||
    v.charCodeAt(13) !== COLON
  )
    return undefined
  const year = digitsAt(v, 0, 4)
  const month = digitsAt(v, 5, 2)
  const day = digitsAt(v, 8, 2)
  const hour = digitsAt(v, 11, 2)
  const minute = digitsAt(v, 14, 2)
  let at = 16
  let second = 0
  let millisecond = 0
  let precision: Precision = 'minute'
  if (at < length && v.charCodeAt(at) === COLON) {
    second = at + 3 <= length ? digitsAt(v, at + 1, 2) : -1
    if (second < 0) return undefined
    precision = 'second'
    at += 3
    if (at < length && v.charCodeAt(at) === DOT) {
      let end = at + 1
      while (end < length && end - at <= 10) {
        const c = v.charCodeAt(end)
        if (c < 48 || c > 57) break
        end++
      }
      const count = end - at - 1
      if (count < 1 || count > 9) return undefined
      millisecond = Math.floor(Number(`0.${v.slice(at + 1, end)}`) * 1000 + 1e-9)
      at = end
    }
  }
  let designator: IsoClock['designator'] = 'none'
  let minutes = 0
  if (at === length) designator = 'none'
  else if (v.charCodeAt(at) === LETTER_Z && at + 1 === length) designator = 'Z'
  else {
    const sign = v.charCodeAt(at)
    if ((sign !== PLUS && sign !== DASH) || at + 6 !== length || v.charCodeAt(at + 3) !== COLON)
      return undefined
    const offsetHours = digitsAt(v, at + 1, 2)
    const offsetMins = digitsAt(v, at + 4, 2)
    if (!(offsetHours >= 0 && offsetMins >= 0 && offsetMins <= 59)) return undefined
    const signed = (sign === DASH ? -1 : 1) * (offsetHours * 60 + offsetMins)
    if (!isAcceptedOffset(signed)) return undefined
    minutes = signed === 0 ? 0 : signed
    designator = 'offset'
  }
  if (
    !(year >= MIN_YEAR && year <= MAX_YEAR) || // also -1: a character that is not a digit
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysIn(year, month)) ||
    !(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second <= 59)
  )
    return undefined
  return { wall: utcMs(year, month, day, hour, minute, second, millisecond), precision, designator, minutes }
}

/** Epoch ms of a wall clock read as if it were UTC. */
function wallClock(date: LocalDate, t: Omit<LocalTime, 'hasSeconds'>): number {
  // Parsed years are 1900-2199 (utcMs needs 100 or more; Date.UTC would read 0-99 as 1900-1999).
  if (date.year >= 100)
    return utcMs(date.year, date.month, date.day, t.hour, t.minute, t.second, t.millisecond)
  const wall = new Date(Date.UTC(2000, date.month - 1, date.day, t.hour, t.minute, t.second, t.millisecond))
  wall.setUTCFullYear(date.year)
  return wall.getTime()
}

function inZone(
  wallMs: number,
  zone: string,
  source: NormalizedTime['zoneSource'],
  precision: Precision,
): NormalizedTime {
  const { instant, offset } = wallToInstant(wallMs, zone)
  const out = result(instant, offset, zone, source, precision)
  if (precision !== 'day' && isRepeatedHour(wallMs, instant, offset, zone)) out.ambiguous = true
  return out
}

/**
 * True when the wall time also names a later instant in the zone (the autumn hour that happens twice): some
 * offset that the zone has within a day afterwards reads the same wall time at an instant of its own.
 */
export function isRepeatedHour(wallMs: number, instant: number, offset: number, zone: string): boolean {
  const after = zoneOffset(zone, instant + DAY)
  if (after === offset) return false
  const later = wallMs - after * MINUTE
  return later > instant && zoneOffset(zone, later) === after
}

const DAY = 86_400_000

function result(
  instant: number,
  offsetMinutes: number,
  timeZone: string | undefined,
  zoneSource: NormalizedTime['zoneSource'],
  precision: Precision,
  formatted?: string,
): NormalizedTime {
  const out: NormalizedTime = {
    occurredAt: formatted ?? formatInstant(instant, offsetMinutes),
    zoneSource,
    precision,
  }
  if (timeZone) out.timeZone = timeZone
  return out
}

function formatOffset(minutes: number): string {
  return formatInstant(0, minutes).slice(-6)
}
