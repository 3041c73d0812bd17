/**
 * Times and places of 214 events: AT7 date/time/time code per X12 version, MS1/N4 locations (with
 * degrees-minutes-seconds coordinates), and a small memo around `normalizeTime` (files repeat the same
 * date, time, code and place many times).
 */

import { utcMs } from '../model/calendar.js'
import type { Location } from '../model/core.js'
import { eventInstant } from '../model/core.js'
import { BoundedMap } from '../time/bounded-map.js'
import { formatInstant, MINUTE } from '../time/clock.js'
import { x12TimeHint } from '../time/codes.js'
import type { NormalizedTime, TimeInput } from '../time/index.js'
import { normalizeTime } from '../time/index.js'
import { fixedDigits } from '../time/text.js'
import type { Segment } from './segment.js'

/**
 * A time as `normalizeTime` answers it, with its instant (epoch ms; NaN when kept without a zone): exactly what
 * `eventInstant` reads from `occurredAt`, handed on so that the event id and the shipment's order need not read the
 * text back.
 */
export interface X12Time extends NormalizedTime {
  readonly instant: number
}

/** The date, time and time code of an AT7 (or G62) line, per version. */
export interface X12DateTime {
  date: string
  time: string
  timeCode: string
}

/**
 * AT705-AT707 from 004010 on; before 004010 (GS08 < 004010), AT705 is YYMMDD, AT706 the century, AT707 the time
 * and AT708 the time code.
 */
export function at7DateTime(seg: Segment, pre4010: boolean): X12DateTime {
  if (!pre4010) return { date: seg.element(5), time: seg.element(6), timeCode: seg.code(7) }
  const date = seg.element(5)
  const century = seg.element(6)
  return {
    date: date.length === 6 && /^\d{2}$/.test(century) ? century + date : date,
    time: seg.element(7),
    timeCode: seg.code(8),
  }
}

/** True when a GS08 version string is older than 004010 (`003070`, `003040`...). */
export function isPre4010(version: string): boolean {
  const digits = version.slice(0, 6)
  return /^\d{6}$/.test(digits) && digits < '004010'
}

const COUNTRY3: Readonly<Record<string, string>> = { USA: 'US', CAN: 'CA', MEX: 'MX' }

/** An ISO alpha-2 country code from an X12 country element (`US`, `USA`), or undefined. */
export function countryCode(value: string): string | undefined {
  const v = value.toUpperCase()
  if (/^[A-Z]{2}$/.test(v)) return v
  return COUNTRY3[v]
}

/**
 * A DDDMMSS or DDDMMSS.SS value (MS1-04/05, element 1654/1655) with its direction (MS1-06 E/W, MS1-07 N/S) to
 * signed decimal degrees; undefined when unreadable or out of range.
 */
export function dmsToDegrees(value: string, direction: string, max: number): number | undefined {
  const m = /^(\d{1,3})(\d{2})(\d{2}(?:\.\d+)?)$/.exec(value)
  if (!m) return undefined
  const minutes = Number(m[2])
  const seconds = Number(m[3])
  if (minutes >= 60 || seconds >= 60) return undefined
  const degrees = Number(m[1]) + minutes / 60 + seconds / 3600
  if (degrees > max) return undefined
  const sign = direction === 'W' || direction === 'S' ? -1 : 1
  return Math.round(sign * degrees * 1e6) / 1e6
}

/** The location of an MS1 segment (city/state/country, postal code in 5010, or coordinates). */
export function ms1Location(seg: Segment): { location?: Location; invalidCoordinates: boolean } {
  const location: Location = {}
  const city = seg.element(1)
  const region = seg.element(2)
  const country = countryCode(seg.element(3))
  const postal = seg.element(8)
  if (city) location.city = city
  if (region) location.region = region.toUpperCase()
  if (postal) location.postalCode = postal
  if (country) location.countryCode = country
  let invalidCoordinates = false
  const lon = seg.element(4)
  const lat = seg.element(5)
  if (lon || lat) {
    const longitude = dmsToDegrees(lon, seg.element(6).toUpperCase(), 180)
    const latitude = dmsToDegrees(lat, seg.element(7).toUpperCase(), 90)
    if (longitude === undefined || latitude === undefined) invalidCoordinates = true
    else location.coordinates = { latitude, longitude }
  }
  return Object.keys(location).length ? { location, invalidCoordinates } : { invalidCoordinates }
}

/** The location of an N4 segment (city, state, postal code, country). */
export function n4Location(seg: Segment): Location | undefined {
  const location: Location = {}
  const city = seg.element(1)
  const region = seg.element(2)
  const postal = seg.element(3)
  const country = countryCode(seg.element(4))
  if (city) location.city = city
  if (region) location.region = region.toUpperCase()
  if (postal) location.postalCode = postal
  if (country) location.countryCode = country
  return Object.keys(location).length ? location : undefined
}

/** US and Canadian state/province codes: lets a place without a country still resolve its zone. */
const CA_PROVINCES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'])
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
)

function impliedCountry(region: string | undefined): string | undefined {
  if (!region) return undefined
  if (US_STATES.has(region)) return 'US'
  if (CA_PROVINCES.has(region)) return 'CA'
  return undefined
}

/**
 * What `normalizeTime` answers for every HHMM/HHMMSS time of a day (or of one hour of it), learned from probes.
 * Either the wall clock is kept and shown at `offset` (also `''`: kept without a zone), or (`shift` set) the wall
 * clock is read at a stated offset (`UT`: 0) and shown at the place's `offset` (a UTC time code at a place).
 */
interface DayFacts {
  /** `±HH:MM` of the answer, or `''` for a time kept without a zone. */
  offset: string
  /** The answer's offset in minutes east of UTC (0 without a zone). */
  offsetMinutes: number
  /** Minutes east of UTC the wall clock is read at, when the answer shows it at another offset; else undefined. */
  shift: number | undefined
  timeZone: string | undefined
  zoneSource: NormalizedTime['zoneSource']
  /** Why no zone was found (answers kept without a zone). */
  missing: string | undefined
}

/**
 * How many months, DST-month days and DST hours one {@link TimeContext} keeps (and calendar days the resolver
 * keeps); the oldest is dropped first.
 */
const MAX_DATES = 1024
/** How many distinct place classes a resolver keeps (the first made dropped first). */
const MAX_CLASSES = 4096
/** How many (default zone, time code) contexts one place class keeps; beyond that, lines take the memo. */
const MAX_CONTEXTS_PER_CLASS = 64
/** How many time codes one {@link ZoneContexts} maps straight to their context. */
const MAX_CODES_PER_ZONE = 256
/** How many whole answers the memo keeps (oldest dropped first). */
const MAX_MEMO = 8192

/**
 * What `normalizeTime` makes of a place, the only thing its answers depend on (besides date, time, code and default
 * zone): the zone the place determines (`zone America/Chicago`), or why it determines none (`none …`, the text of
 * `missing`); a place `normalizeTime` refuses keeps its own fields as its key (`place US|TX||AUSTIN|`). Places of
 * one class share every cached answer: a varied file names tens of thousands of places in a dozen zones.
 */
interface PlaceClass {
  key: string
  /** Default zone → its contexts (lines without a default zone: {@link noZone}). */
  contexts: Map<string, ZoneContexts>
  noZone: ZoneContexts | undefined
  contextCount: number
}

/** The contexts of one place class and default zone. */
interface ZoneContexts {
  /** What the time code says ({@link hintKey}) → context. */
  byHint: Map<string, TimeContext>
  /** Time code → its context, for the first {@link MAX_CODES_PER_ZONE} codes (a line's context in one lookup). */
  byCode: Map<string, TimeContext>
}

/** Cached facts for one (place class, default zone, time code). */
interface TimeContext {
  /** Lines seen: the first is resolved on its own (a context seen once is not worth probing). */
  lines: number
  /** CCYYMM (as a number) → facts for the whole month, or null (a DST change or a failed probe). */
  months: BoundedMap<number, DayFacts | null>
  /** CCYYMMDD (as a number) → facts for the whole day (days of months without whole-month facts), or null. */
  days: BoundedMap<number, DayFacts | null>
  /** CCYYMMDDHH (as a number) → facts for one hour of a day without whole-day facts, or null. */
  hours: BoundedMap<number, DayFacts | null>
}

/**
 * `normalizeTime` for X12 inputs, made cheap for big files. Places are grouped into classes by what
 * `normalizeTime` makes of them ({@link PlaceClass}, worked out once per place object). For each (class, default
 * zone, what the time code says, month) it asks `normalizeTime` about the first minute, the 8th, 15th and 22nd at
 * noon and the last minute of the month; when all agree on offset (or shift), zone and zone source (no DST change
 * that month), every HHMM/HHMMSS time of the month gets the same facts without another call, one object for the
 * month. Otherwise the same is tried for the day (00:00 and 23:59), then for the hour. Anything else (other
 * formats, dates that do not exist) goes to `normalizeTime` itself, through a bounded memo. Every cache is bounded
 * and drops its oldest entries one at a time. Throws what `normalizeTime` throws (TimeError).
 */
export class X12TimeResolver {
  /** Place object → its class (parsers share one frozen object per distinct place segment). */
  readonly #classOfPlace = new WeakMap<Location, PlaceClass>()
  /** Class key → class, least recently used dropped first. */
  readonly #classes = new BoundedMap<string, PlaceClass>(MAX_CLASSES)
  readonly #noPlace: PlaceClass = { key: '', contexts: new Map(), noZone: undefined, contextCount: 0 }
  readonly #memo = new BoundedMap<string, X12Time>(MAX_MEMO)

  /** The class of `place` (see {@link PlaceClass}), worked out on the first line that names the object. */
  #classOf(place: Location | undefined): PlaceClass {
    if (place === undefined) return this.#noPlace
    let found = this.#classOfPlace.get(place)
    if (found !== undefined) return found
    let key: string
    try {
      const probe = normalizeTime(
        // A plain location: most place objects are probed only here, and a shared (frozen) one would make
        // normalizeTime keep what it learns about each of them (tens of thousands in a file of many places).
        timeInput(CLASS_PROBE, place, undefined, CLASS_PROBE.time, CLASS_PROBE.date, false),
        {
          unknownZone: 'keep',
        },
      )
      key =
        probe.zoneSource === 'location' && probe.timeZone
          ? `zone ${probe.timeZone}`
          : probe.zoneSource === 'unknown'
            ? `none ${probe.missing ?? ''}`
            : `place ${keyOf(place)}`
    } catch {
      key = `place ${keyOf(place)}`
    }
    found = this.#classes.get(key)
    if (found === undefined) {
      found = { key, contexts: new Map(), noZone: undefined, contextCount: 0 }
      this.#classes.set(key, found)
    }
    this.#classOfPlace.set(place, found)
    return found
  }

  /** Time code → {@link hintKey} (a file uses a few dozen codes; more are keyed on the spot). */
  readonly #hintKeys = new Map<string, string>()

  /** The context of a line, or undefined when its class already keeps too many. */
  #context(placeClass: PlaceClass, zone: string, timeCode: string): TimeContext | undefined {
    let zoneContexts = zone === '' ? placeClass.noZone : placeClass.contexts.get(zone)
    if (zoneContexts === undefined) {
      zoneContexts = { byHint: new Map(), byCode: new Map() }
      if (zone === '') placeClass.noZone = zoneContexts
      else placeClass.contexts.set(zone, zoneContexts)
    }
    const known = zoneContexts.byCode.get(timeCode)
    if (known !== undefined) return known
    let hint = this.#hintKeys.get(timeCode)
    if (hint === undefined) {
      hint = hintKey(timeCode)
      if (this.#hintKeys.size < 256) this.#hintKeys.set(timeCode, hint)
    }
    let context = zoneContexts.byHint.get(hint)
    if (context === undefined) {
      if (placeClass.contextCount >= MAX_CONTEXTS_PER_CLASS) return undefined
      context = {
        lines: 0,
        months: new BoundedMap(MAX_DATES),
        days: new BoundedMap(MAX_DATES),
        hours: new BoundedMap(MAX_DATES),
      }
      zoneContexts.byHint.set(hint, context)
      placeClass.contextCount++
    }
    if (zoneContexts.byCode.size < MAX_CODES_PER_ZONE) zoneContexts.byCode.set(timeCode, context)
    return context
  }

  /**
   * `normalizeTime`'s answer for the line's date, time and code at `place`. Throws TimeError when the date or time
   * is unreadable, and when no offset or zone can be found.
   */
  resolve(at: X12DateTime, place: Location | undefined, defaultZone: string | undefined): X12Time {
    const kept = this.resolveKeeping(at, place, defaultZone)
    // No zone: normalizeTime itself throws the error that says why.
    if (kept.zoneSource === 'unknown')
      return withInstant(normalizeTime(timeInput(at, place, defaultZone, at.time, at.date)))
    return kept
  }

  /**
   * The time of `at` as {@link resolve} reads it, but kept when no offset or zone can be found: then the local
   * time without offset, `zoneSource: 'unknown'` (for status lines, which are never dropped for want of a zone).
   * Throws TimeError only when the date or time itself is unreadable (or contradicts its code).
   */
  resolveKeeping(at: X12DateTime, place: Location | undefined, defaultZone: string | undefined): X12Time {
    const time = at.time
    const placeClass = this.#classOf(place)
    // The facts path takes a valid HHMM/HHMMSS time on a CCYYMMDD date (read as numbers: cheap cache keys); any
    // other line is answered by normalizeTime through the memo below, which is what the facts would give anyway.
    const second = clockSecond(time)
    const day8 = second >= 0 ? fixedDigits(at.date, 8) : -1 // CCYYMMDD as a number, not yet checked as a date
    if (day8 >= 0) {
      const context = this.#context(placeClass, defaultZone ?? '', at.timeCode)
      // The first line of a context is resolved on its own (below): probing its month pays off only for contexts
      // that come back.
      // A date that is not a calendar date never gets facts (normalizeTime refuses it): the memo answers it.
      const day = context !== undefined && context.lines++ > 0 ? this.#calendarDay(day8, at.date) : undefined
      if (day) {
        const facts = this.#facts(context!, day, day8, second, at, place, defaultZone)
        if (facts) return fromFacts(facts, day, second, time.length === 4 ? 'minute' : 'second')
      }
    }
    const key = `${at.date}|${at.time}|${at.timeCode}|${placeClass.key}|${defaultZone ?? ''}`
    const hit = this.#memo.get(key)
    if (hit) return hit
    const result = withInstant(normalizeTime(timeInput(at, place, defaultZone, at.time, at.date), KEEP))
    this.#memo.set(key, result)
    return result
  }

  /** The `normalizeTime` input for another date and time of `at`'s line. */
  #inputOf(
    at: X12DateTime,
    place: Location | undefined,
    defaultZone: string | undefined,
  ): (date: string, time: string) => TimeInput {
    return (date, time) => timeInput(at, place, defaultZone, time, date)
  }

  /** Facts for the whole day of `at` (from its month's when no DST change falls in it), or null. */
  /** CCYYMMDD (a number) → the calendar day, or null when the date does not exist (shared by every context). */
  readonly #calendarDays = new BoundedMap<number, CalendarDay | null>(MAX_DATES)

  #calendarDay(day8: number, date: string): CalendarDay | null {
    let day = this.#calendarDays.get(day8)
    if (day === undefined) {
      day = calendarDate(date) ?? null
      this.#calendarDays.set(day8, day)
    }
    return day
  }

  /**
   * The facts for the line's wall clock in `context`: its month's (one object for the whole month, when no DST
   * change falls in it), else its day's, else (a day with a DST change) its hour's; null when none hold.
   */
  #facts(
    context: TimeContext,
    day: CalendarDay,
    day8: number,
    second: number,
    at: X12DateTime,
    place: Location | undefined,
    defaultZone: string | undefined,
  ): DayFacts | null {
    const yyyymm = Math.floor(day8 / 100)
    let month = context.months.get(yyyymm)
    if (month === undefined) {
      month = probeMonth(at.date.slice(0, 6), day.lastDay, this.#inputOf(at, place, defaultZone))
      context.months.set(yyyymm, month)
    }
    if (month) return month
    let facts = context.days.get(day8)
    if (facts === undefined) {
      facts = probeDay(this.#inputOf(at, place, defaultZone), at.date)
      context.days.set(day8, facts)
    }
    if (facts) return facts
    // A day with a DST change: the facts of its hours, nearly all of which hold for the whole hour.
    const hourKey = day8 * 100 + Math.floor(second / 3600)
    let hour = context.hours.get(hourKey)
    if (hour === undefined) {
      hour = probeHour(this.#inputOf(at, place, defaultZone), at.date, at.time.slice(0, 2))
      context.hours.set(hourKey, hour)
    }
    return hour
  }
}

/** A CCYYMMDD date that exists: ISO text, midnight as UTC epoch ms, and the last day of its month. */
interface CalendarDay {
  iso: string
  dayMs: number
  lastDay: number
}

/**
 * What a time code says, as a key: codes that say the same thing share one context's facts (`LT` and no code both
 * mean the place's local time; `UT` and `GM` both UTC; `CD` and `ES` both UTC-5). `normalizeTime` reads a code only
 * through what it says (the code itself appears in error messages only, and errors never become facts). A code it
 * refuses keeps its own key.
 */
function hintKey(timeCode: string): string {
  if (timeCode === '') return 'local'
  try {
    const hint = x12TimeHint(timeCode)
    if (hint.kind === 'local') return 'local'
    return hint.kind === 'zone' ? `zone ${hint.zone}` : `fixed ${hint.offsetMinutes} ${hint.utc}`
  } catch {
    return `code ${timeCode}`
  }
}

/** The line a place's class is read with: a plain local time, no code, no default zone. */
const CLASS_PROBE: X12DateTime = { date: '20240115', time: '1200', timeCode: '' }

/** The `normalizeTime` input for a time of `at`'s line at `place`. */
function timeInput(
  at: X12DateTime,
  place: Location | undefined,
  defaultZone: string | undefined,
  time: string,
  date: string,
  shared = true,
): TimeInput {
  const location = place ? (shared ? timeLocationOf(place) : locationFields(place)) : undefined
  return {
    date,
    ...(time ? { time } : {}),
    ...(at.timeCode ? { x12TimeCode: at.timeCode } : {}),
    ...(location ? { location } : {}),
    ...(defaultZone ? { defaultZone } : {}),
  }
}

const timeLocations = new WeakMap<Location, TimeInput['location']>()

/**
 * The location `normalizeTime` is given for a place: its country (or the one its region implies), region, postal
 * code, city and zone. One frozen object per place object, so `normalizeTime` reads and places it once (it keeps
 * what it learns about frozen locations) however many times the place is probed.
 */
function timeLocationOf(place: Location): TimeInput['location'] {
  let location = timeLocations.get(place)
  if (location === undefined) {
    location = Object.freeze(locationFields(place))
    timeLocations.set(place, location)
  }
  return location
}

/** The fields of a place `normalizeTime` reads, with the country its region implies when it has none. */
function locationFields(place: Location): NonNullable<TimeInput['location']> {
  const country = place.countryCode ?? impliedCountry(place.region)
  return {
    ...(country ? { countryCode: country } : {}),
    ...(place.region ? { region: place.region } : {}),
    ...(place.postalCode ? { postalCode: place.postalCode } : {}),
    ...(place.city ? { city: place.city } : {}),
    ...(place.timeZone ? { timeZone: place.timeZone } : {}),
  }
}

const placeKeys = new WeakMap<Location, string>()

/**
 * A text key for the fields of a place that `normalizeTime` reads (cached per object: parsers reuse place objects).
 * Each part is preceded by its length, so no content (a `|` in a city name) can make two places share a key.
 */
function keyOf(place: Location): string {
  let key = placeKeys.get(place)
  if (key === undefined) {
    key =
      part(place.countryCode ?? impliedCountry(place.region)) +
      part(place.region) +
      part(place.postalCode) +
      part(place.city) +
      part(place.timeZone)
    placeKeys.set(place, key)
  }
  return key
}

function part(value: string | undefined): string {
  return value === undefined ? '|' : `${value.length}:${value}|`
}

/** The second of the day of a valid HHMM or HHMMSS time (hours to 23, minutes and seconds to 59), else -1. */
function clockSecond(time: string): number {
  const length = time.length
  if (length !== 4 && length !== 6) return -1
  const hh = twoDigits(time, 0)
  const mm = twoDigits(time, 2)
  const ss = length === 6 ? twoDigits(time, 4) : 0
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return -1
  return hh * 3600 + mm * 60 + ss
}

/** The two ASCII digits of `text` at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 0x30
  const b = text.charCodeAt(at + 1) - 0x30
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** `HH:MM:` of each minute of the day, and `SS` of each second of a minute (1,500 short strings in all). */
const MINUTE_TEXT = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:`,
)
const SECOND_TEXT = Array.from({ length: 60 }, (_, s) => String(s).padStart(2, '0'))

/** `HH:MM:SS` of a second of the day. */
function clockText(second: number): string {
  return MINUTE_TEXT[Math.floor(second / 60)]! + SECOND_TEXT[second % 60]!
}

/**
 * `THH:MM:SS±HH:MM` of each whole minute of the day, per offset, made on first use: a time is then its date and one
 * string, not four made per line. At most {@link MAX_OFFSET_TABLES} offsets (real zones use a few dozen).
 */
const clockTables = new Map<string, string[]>()
const MAX_OFFSET_TABLES = 64

/** `THH:MM:SS` of a second of the day followed by `offset`. */
function timeWithOffset(second: number, offset: string): string {
  if (second % 60 !== 0) return `T${clockText(second)}${offset}`
  let table = clockTables.get(offset)
  if (table === undefined) {
    if (clockTables.size >= MAX_OFFSET_TABLES) return `T${clockText(second)}${offset}`
    table = MINUTE_TEXT.map((minute) => `T${minute}00${offset}`)
    clockTables.set(offset, table)
  }
  return table[second / 60]!
}

/** A `normalizeTime` answer with its instant (read from `occurredAt`, as the model reads it). */
function withInstant(time: NormalizedTime): X12Time {
  return { ...time, instant: eventInstant(time) }
}

/**
 * The answer for the wall clock `second` (of the day) of `day`, a day the facts hold for (facts of a month hold for
 * each of its days; the facts' own date is the one they were probed on).
 */
function fromFacts(
  facts: DayFacts,
  day: CalendarDay,
  second: number,
  precision: 'minute' | 'second',
): X12Time {
  if (facts.zoneSource === 'unknown') {
    const occurredAt = `${day.iso}T${clockText(second)}`
    return { occurredAt, zoneSource: 'unknown', precision, missing: facts.missing ?? '', instant: Number.NaN }
  }
  // The instant is the wall clock read at the offset shown, or at the shift's offset when one is set.
  const instant =
    day.dayMs + second * 1000 - (facts.shift === undefined ? facts.offsetMinutes : facts.shift) * MINUTE
  const occurredAt =
    facts.shift === undefined
      ? day.iso + timeWithOffset(second, facts.offset)
      : formatInstant(instant, facts.offsetMinutes)
  return facts.timeZone
    ? { occurredAt, timeZone: facts.timeZone, zoneSource: facts.zoneSource, precision, instant }
    : { occurredAt, zoneSource: facts.zoneSource, precision, instant }
}

/** A CCYYMMDD date that exists (years 1900-2199), as ISO, its midnight (UTC ms) and its month's last day. */
function calendarDate(date: string): { iso: string; dayMs: number; lastDay: number } | undefined {
  if (date.length !== 8) return undefined
  for (let i = 0; i < 8; i++) {
    const c = date.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return undefined
  }
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(4, 6))
  const day = Number(date.slice(6, 8))
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > lastDay) return undefined
  return {
    iso: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
    dayMs: utcMs(year, month, day, 0, 0, 0, 0),
    lastDay,
  }
}

/**
 * The facts one `normalizeTime` answer shows for the wall clock `date` (CCYYMMDD) `time` (HHMM), or null when the
 * answer cannot stand for other times (a repeated hour, another form). The facts reproduce this very answer
 * exactly: the shift is worked out from its instant.
 */
function factsOf(answer: NormalizedTime, date: string, time: string): DayFacts | null {
  const ymd = calendarDate(date)
  if (!ymd || answer.ambiguous) return null
  const wallText = `${ymd.iso}T${time.slice(0, 2)}:${time.slice(2, 4)}:00`
  const facts: DayFacts = {
    offset: '',
    offsetMinutes: 0,
    shift: undefined,
    timeZone: answer.timeZone,
    zoneSource: answer.zoneSource,
    missing: answer.missing,
  }
  const text = answer.occurredAt
  if (answer.zoneSource === 'unknown') return text === wallText ? facts : null
  if (text.length !== 25) return null
  const offset = text.slice(19)
  const minutes = offsetMinutes(offset)
  if (minutes === undefined) return null
  facts.offset = offset
  facts.offsetMinutes = minutes
  if (text.slice(0, 19) === wallText) return facts
  // The wall clock read at another offset: the instant says which.
  const instant = Date.parse(text)
  const wallMs = ymd.dayMs + Number(time.slice(0, 2)) * 3_600_000 + Number(time.slice(2, 4)) * MINUTE
  if (!Number.isFinite(instant) || (wallMs - instant) % MINUTE !== 0) return null
  facts.shift = (wallMs - instant) / MINUTE
  return formatInstant(instant, minutes) === text ? facts : null
}

/** Minutes of a `±HH:MM` offset, or undefined. */
function offsetMinutes(offset: string): number | undefined {
  if (!/^[+-]\d{2}:\d{2}$/.test(offset)) return undefined
  const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))
  return offset[0] === '-' ? -minutes : minutes
}

/** True when two probes' facts hold for the same times (same offset, shift, zone, source and reason). */
function sameFacts(a: DayFacts, b: DayFacts): boolean {
  return (
    a.offset === b.offset &&
    a.shift === b.shift &&
    a.timeZone === b.timeZone &&
    a.zoneSource === b.zoneSource &&
    a.missing === b.missing
  )
}

/** The facts of `normalizeTime`'s answer for `input(date, time)`, or null when it throws or cannot stand for others. */
function probe(
  input: (date: string, time: string) => TimeInput,
  date: string,
  time: string,
): DayFacts | null {
  try {
    return factsOf(normalizeTime(input(date, time), KEEP), date, time)
  } catch {
    return null
  }
}

/** Facts that hold for the whole month (its date set to the line's by the caller), or null. */
function probeMonth(
  yyyymm: string,
  lastDay: number,
  input: (date: string, time: string) => TimeInput,
): DayFacts | null {
  const probes: [string, string][] = [
    ['01', '0000'],
    ['08', '1200'],
    ['15', '1200'],
    ['22', '1200'],
    [String(lastDay), '2359'],
  ]
  let first: DayFacts | undefined
  for (const [day, time] of probes) {
    const facts = probe(input, yyyymm + day, time)
    if (!facts) return null
    if (!first) first = facts
    else if (!sameFacts(first, facts)) return null
  }
  return first ?? null
}

/**
 * Facts for one hour (`hh`) of `date` when its first and last minutes agree (offsets change on minute
 * boundaries, so every time of that hour agrees); else null. A repeated hour is never given facts: each of its
 * times is read by normalizeTime, which flags it.
 */
function probeHour(
  input: (date: string, time: string) => TimeInput,
  date: string,
  hh: string,
): DayFacts | null {
  if (!/^\d{2}$/.test(hh) || hh > '23') return null
  const a = probe(input, date, `${hh}00`)
  const b = a && probe(input, date, `${hh}59`)
  return a && b && sameFacts(a, b) ? a : null
}

/** Facts for the whole of `date` when its first and last minutes agree; else null. */
function probeDay(input: (date: string, time: string) => TimeInput, date: string): DayFacts | null {
  const a = probe(input, date, '0000')
  const b = a && probe(input, date, '2359')
  return a && b && sameFacts(a, b) ? a : null
}

const KEEP = { unknownZone: 'keep' } as const
