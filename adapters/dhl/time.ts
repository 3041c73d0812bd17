/**
 * DHL timestamps to canonical times. DHL sends ISO 8601 with an offset for some divisions, `Z` for others and
 * no offset at all for others (and DHL eCommerce adds nanoseconds: `2023-11-21T15:27:20.331986369+01:00`). A
 * time with an offset or `Z` is the carrier's instant; one without is local time at the event's place.
 *
 * Speed: a DHL response can hold thousands of events, and zone inference per event is costly, so the common
 * shapes (`YYYY-MM-DDTHH:mm[:ss[.f]][Z|±HH:MM]` at a place whose zone is known) are computed here with a
 * per-place zone cache and luxon's zone offsets, following `normalizeTime`'s documented rules (DST overlap → the
 * earlier instant, DST gap → moved forward by the gap). A property test in test/adapters/dhl.test.ts checks that
 * this path and `normalizeTime` agree, DST edges included. Anything else goes to `normalizeTime`.
 */

import { isWaybillError, TimeError } from '../../src/errors/index.js'
import { utcMs } from '../../src/model/calendar.js'
import type { Location, NormalizeWarning } from '../../src/model/index.js'
import {
  formatInstant as formatClockInstant,
  steadyOffset,
  wallToInstant,
  zoneOffset,
} from '../../src/time/clock.js'
import { type NormalizedTime, normalizeTime } from '../../src/time/index.js'
import { isRepeatedHour } from '../../src/time/normalize.js'
import { daysIn, digitsAt, isAcceptedOffset } from '../../src/time/parse.js'
import { zoneOfPlace } from '../../src/time/zones.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const MINUTE = 60_000

/** ISO 8601 with seconds and a numeric offset (never `Z`); milliseconds only when non-zero — as `normalizeTime`. */
const formatInstant = formatClockInstant

const DASH = 45
const COLON = 58
const DOT = 46
const PLUS = 43
const LETTER_T = 84
const LETTER_Z = 90

/**
 * The common shapes, or undefined to let `normalizeTime` decide (and explain). Accepts exactly what
 * `YYYY-MM-DDTHH:mm[:ss[.f{1,9}]][Z|±HH:MM]` describes, read character by character (this runs once per event:
 * a regular expression and its capture strings cost several times more).
 */
function fastTime(text: string, location: Location | undefined): DhlQuickTime | undefined {
  const length = text.length
  if (
    length < 16 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON
  )
    return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return undefined
  let at = 16
  let second = 0
  let hasSeconds = false
  let millisecond = 0
  if (at < length && text.charCodeAt(at) === COLON) {
    second = at + 3 <= length ? digitsAt(text, at + 1, 2) : -1
    if (second < 0) return undefined
    hasSeconds = true
    at += 3
    if (at < length && text.charCodeAt(at) === DOT) {
      let end = at + 1
      while (end < length && end - at <= 10) {
        const c = text.charCodeAt(end)
        if (c < 48 || c > 57) break
        end++
      }
      const count = end - at - 1
      if (count < 1 || count > 9) return undefined
      // DHL eCommerce writes nanoseconds: the fraction is read as a decimal and truncated to milliseconds.
      millisecond = Math.floor(Number(`0.${text.slice(at + 1, end)}`) * 1000 + 1e-9)
      at = end
    }
  }
  // What follows the clock: nothing, `Z`, or `±HH:MM` — and then the end of the text.
  let designator: 'none' | 'Z' | 'offset'
  let offsetSign = 1
  let offsetHours = 0
  let offsetMinutes = 0
  if (at === length) designator = 'none'
  else if (text.charCodeAt(at) === LETTER_Z && at + 1 === length) designator = 'Z'
  else {
    const sign = text.charCodeAt(at)
    if ((sign !== PLUS && sign !== DASH) || at + 6 !== length || text.charCodeAt(at + 3) !== COLON)
      return undefined
    offsetHours = digitsAt(text, at + 1, 2)
    offsetMinutes = digitsAt(text, at + 4, 2)
    if (offsetHours < 0 || offsetMinutes < 0) return undefined
    offsetSign = sign === DASH ? -1 : 1
    designator = 'offset'
  }
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const wall = utcMs(year, month, day, hour, minute, second, millisecond)
  const precision: NormalizedTime['precision'] = hasSeconds ? 'second' : 'minute'
  const zone = zoneOfPlace(location)
  if (designator === 'Z') {
    // An explicit UTC instant is shown at the place's offset when the place is known (as normalizeTime does).
    return zone
      ? timeOf(wall, zoneOffset(zone, wall), zone, 'carrier', precision)
      : timeOf(wall, 0, undefined, 'carrier', precision)
  }
  if (designator === 'offset') {
    const offset = offsetSign * (offsetHours * 60 + offsetMinutes)
    // normalizeTime's range and quarter hours: anything else is read (and refused, naming the field) there.
    if (offsetMinutes > 59 || !isAcceptedOffset(offset)) return undefined
    const instant = wall - offset * MINUTE
    const matches = zone !== undefined && zoneOffset(zone, instant) === offset
    // `YYYY-MM-DDTHH:mm:ss±HH:MM` is already the output's form (UTC written -00:00 is shown as +00:00)
    if (length === 25 && (offset !== 0 || offsetSign > 0)) {
      const time: DhlQuickTime = {
        occurredAt: text,
        zoneSource: 'carrier',
        precision,
        instant,
      }
      if (matches) time.timeZone = zone
      return time
    }
    return timeOf(instant, offset, matches ? zone : undefined, 'carrier', precision)
  }
  if (!zone) return undefined
  const steady = steadyOffset(zone, wall)
  if (!Number.isNaN(steady)) return timeOf(wall - steady * MINUTE, steady, zone, 'location', precision)
  const { instant, offset } = wallToInstant(wall, zone)
  const time = timeOf(instant, offset, zone, 'location', precision)
  if (isRepeatedHour(wall, instant, offset, zone)) time.ambiguous = true
  return time
}

/** A time from the fast path, with its instant (epoch ms) as computed, so that no caller reads it back. */
export interface DhlQuickTime extends NormalizedTime {
  instant: number
}

function timeOf(
  instant: number,
  offset: number,
  timeZone: string | undefined,
  zoneSource: NormalizedTime['zoneSource'],
  precision: NormalizedTime['precision'],
): DhlQuickTime {
  const time: DhlQuickTime = { occurredAt: formatInstant(instant, offset), zoneSource, precision, instant }
  if (timeZone) time.timeZone = timeZone
  return time
}

/**
 * The common shapes of a DHL time at a place whose zone is known (or with an offset), without a path: undefined
 * means `dhlTime` must read it (and can then name the field in a warning or an error).
 */
export function dhlQuickTime(value: string, location: Location | undefined): DhlQuickTime | undefined {
  return fastTime(value.trim(), location)
}

/**
 * Normalizes one DHL time value. `endOfDay` turns a date alone into the last second of that day (the end of a
 * delivery window); the precision stays `day`.
 * @throws TimeError naming `path` when the value is not a time.
 */
export function dhlTime(
  value: string,
  path: string,
  location: Location | undefined,
  defaultZone: string | undefined,
  warnings?: NormalizeWarning[],
  trackingNumber?: string,
  endOfDay = false,
  /** For event times: keep a time whose zone is unknown (`zoneSource: 'unknown'`) instead of throwing. */
  keepUnknownZone = false,
): NormalizedTime {
  const text = value.trim()
  if (!endOfDay) {
    const fast = fastTime(text, location)
    if (fast) return fast
  }
  return slowTime(
    text.replace(/(\.\d{3})\d+/, '$1'),
    path,
    location,
    defaultZone,
    warnings,
    trackingNumber,
    endOfDay,
    keepUnknownZone,
  )
}

function slowTime(
  text: string,
  path: string,
  location: Location | undefined,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[] | undefined,
  trackingNumber: string | undefined,
  endOfDay: boolean,
  keepUnknownZone: boolean,
): NormalizedTime {
  const where = location
    ? {
        countryCode: location.countryCode,
        region: location.region,
        postalCode: location.postalCode,
        city: location.city,
      }
    : undefined
  let time: NormalizedTime
  try {
    time =
      endOfDay && DATE_ONLY.test(text)
        ? {
            ...normalizeTime({ date: text, time: '23:59:59', location: where, defaultZone }),
            precision: 'day',
          }
        : normalizeTime(
            { dateTime: text, location: where, defaultZone },
            { unknownZone: keepUnknownZone ? 'keep' : 'throw' },
          )
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
  if (time.zoneSource === 'unknown' && warnings)
    warnings.push({
      code: 'unknown_zone',
      message: `${path} kept without a zone (${time.missing}): occurredAt is the local time`,
      path,
      ...(trackingNumber ? { trackingNumber } : {}),
    })
  if (time.zoneSource === 'fallback' && warnings)
    warnings.push({
      code: 'fallback_zone',
      message:
        `${path} has no offset and its place gives no zone; read in the default zone ${time.timeZone ?? ''}`.trim(),
      path,
      ...(trackingNumber ? { trackingNumber } : {}),
    })
  return time
}

/** For tests: the fast path alone, as `normalizeTime` would answer (undefined when it defers to `normalizeTime`). */
export function dhlFastTimeForTests(
  text: string,
  location: Location | undefined,
): NormalizedTime | undefined {
  const time = fastTime(text, location)
  if (!time) return undefined
  const { instant: _, ...normalized } = time
  return normalized
}
