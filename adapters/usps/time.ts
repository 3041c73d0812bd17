/**
 * USPS event times. Each event carries `eventTimestamp` (local, no offset, truncated to the minute), and usually
 * `GMTTimestamp` (the instant, with seconds) and `GMTOffset` (`-05:00`; USPS's own example writes `-7:00`). The
 * instant wins; it is shown at `GMTOffset` so `occurredAt` keeps the local offset. Without the GMT fields the local
 * time is read at the event's place (ZIP code, then state) through `normalizeTime`.
 */
import { isWaybillError, TimeError } from '../../src/errors/index.js'
import { utcMs } from '../../src/model/calendar.js'
import type { Location, NormalizeWarning } from '../../src/model/index.js'
import { formatInstant, zoneOffset } from '../../src/time/clock.js'
import { type NormalizedTime, normalizeTime } from '../../src/time/index.js'
import { daysIn, digitsAt, isAcceptedOffset } from '../../src/time/parse.js'
import { zoneOfPlace } from '../../src/time/zones.js'

const OFFSET = /^([+-])(\d{1,2}):?(\d{2})?$/
const GMT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)$/

const PLUS = 43
const DASH = 45
const COLON = 58
const LETTER_T = 84
const LETTER_Z = 90

/**
 * `-5:00`, `-05:00`, `-0500`, `+5` → minutes east of UTC; undefined when unreadable, outside -12:00..+14:00 or not
 * whole quarter hours (what `normalizeTime` accepts; the event is then read from its local time and place).
 */
export function offsetMinutes(value: string | null | undefined): number | undefined {
  // The form USPS nearly always sends (`-05:00`) is read by hand: this runs once per event.
  if (value !== null && value !== undefined && value.length === 6 && value.charCodeAt(3) === COLON) {
    const sign = value.charCodeAt(0)
    const hours = digitsAt(value, 1, 2)
    const minutes = digitsAt(value, 4, 2)
    if ((sign === PLUS || sign === DASH) && hours >= 0 && minutes >= 0) {
      if (minutes > 59) return undefined
      return realOffset(sign === DASH ? -(hours * 60 + minutes) : hours * 60 + minutes)
    }
  }
  const m = OFFSET.exec((value ?? '').trim())
  if (!m || Number(m[3] ?? 0) > 59) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return realOffset(m[1] === '-' ? -minutes : minutes)
}

function realOffset(minutes: number): number | undefined {
  return isAcceptedOffset(minutes) ? minutes : undefined
}

/**
 * The instant of a GMT timestamp in the form USPS sends (`2024-11-22T18:58:40Z`) with a real date and clock time,
 * read by hand; undefined for anything else, which `Date.parse` reads instead (the result is the same either way:
 * `Date.parse` also rolls impossible dates over, which is why they are left to it).
 */
function quickGmtInstant(text: string): number | undefined {
  if (
    text.length !== 20 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    text.charCodeAt(19) !== LETTER_Z
  )
    return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  if (
    year < 1000 || // also -1 (and utcMs needs years from 100 on)
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return undefined
  return utcMs(year, month, day, hour, minute, second, 0)
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

/** An instant (epoch ms) written at a fixed offset: `2024-11-22T13:58:40-05:00`. */
export function atOffset(epochMs: number, minutes: number): string {
  const shifted = epochMs + minutes * 60_000
  // Within years 0-9999 (toISOString's four-digit years) this is exactly what the slices below give.
  if (shifted >= YEAR_0 && shifted < YEAR_10000) return formatInstant(epochMs, minutes)
  const local = new Date(shifted).toISOString() // always ...Z, but shifted
  const ms = local.slice(19, 23)
  return `${local.slice(0, 19)}${ms === '.000' ? '' : ms}${formatOffset(minutes)}`
}

const YEAR_0 = new Date(0).setUTCFullYear(0, 0, 1)
const YEAR_10000 = Date.UTC(10000, 0, 1)

export interface UspsTimeInput {
  eventTimestamp?: string | null
  GMTTimestamp?: string | null
  GMTOffset?: string | null
}

/** An event's canonical time; `instant` (epoch ms) when it was computed from the GMT fields. */
export interface UspsEventTime extends NormalizedTime {
  instant?: number
}

/**
 * The canonical time of one USPS event.
 * @throws TimeError naming the event's path when neither the GMT fields nor the local time can be read.
 */
export function uspsEventTime(
  input: UspsTimeInput,
  /** The event's path (`usps.trackingEvents[3]`), written out only when a warning or an error names it. */
  eventPath: () => string,
  location: Location | undefined,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  trackingNumber: string,
): UspsEventTime {
  const gmt = input.GMTTimestamp?.trim()
  const offset = offsetMinutes(input.GMTOffset)
  if (gmt && offset !== undefined) {
    const quick = quickGmtInstant(gmt)
    const instant = quick ?? (GMT.test(gmt) ? Date.parse(gmt) : Number.NaN)
    if (!Number.isNaN(instant)) {
      const occurredAt = atOffset(instant, offset)
      const local = input.eventTimestamp?.trim()
      // The local time is the same instant truncated to the minute; a larger gap means one of the fields is off.
      if (local && !sameMinute(local, occurredAt) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local))
        warnings.push({
          code: 'other',
          message: `eventTimestamp ${local} disagrees with GMTTimestamp ${gmt} at GMTOffset ${input.GMTOffset}; the GMT instant was used`,
          path: `${eventPath()}.eventTimestamp`,
          trackingNumber,
        })
      const precision = quick !== undefined || /:\d{2}:\d{2}/.test(gmt) ? 'second' : 'minute'
      const time: UspsEventTime = { occurredAt, zoneSource: 'carrier', precision, instant }
      // The place's zone, when it agrees with USPS's offset at that instant (as normalizeTime names it).
      const zone = zoneOfPlace(location)
      if (zone !== undefined && zoneOffset(zone, instant) === offset) time.timeZone = zone
      return time
    }
  }
  const path = eventPath()
  const local = input.eventTimestamp?.trim()
  const where = location
    ? {
        countryCode: location.countryCode,
        region: location.region,
        postalCode: location.postalCode,
        city: location.city,
      }
    : undefined
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

/** A date-or-date-time field (ETA) read at a place; `endOfDay` reads a date alone as its last second. */
export function uspsFieldTime(
  value: string,
  path: string,
  location: Location | undefined,
  defaultZone: string | undefined,
  time?: string,
): NormalizedTime {
  const where = location
    ? {
        countryCode: location.countryCode,
        region: location.region,
        postalCode: location.postalCode,
        city: location.city,
      }
    : undefined
  try {
    return time === undefined
      ? normalizeTime({ dateTime: value.trim(), location: where, defaultZone })
      : normalizeTime({ date: value.trim(), time, location: where, defaultZone })
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
}
