/**
 * UPS times: a local `date` (`YYYYMMDD`) and `time` (`HHMMSS`, sometimes `74700` or `15:58:00`) with optional
 * `gmtDate`/`gmtTime`/`gmtOffset` in the same inconsistent formats (UPS-API/api-documentation issues #38, #99).
 *
 * Order of trust (docs/time-model.md): the carrier's `gmtOffset`; else the offset implied by the GMT date/time next to the
 * local one; else the zone of the event's place; else the caller's default zone (marked `fallback`); else, for
 * events (`{ unknownZone: 'keep' }`), the local time without offset (marked `unknown`).
 */
import { TimeError } from '../../src/errors/index.js'
import type { NormalizedTime, NormalizeOptions, TimeInput, TimeLocation } from '../../src/time/index.js'
import { digitsAt, normalizeTime, zoneForLocation } from '../../src/time/index.js'

/** Local date/time plus whatever GMT facts UPS gave. */
export interface UpsTimeParts {
  date: string | undefined
  time?: string | undefined
  gmtDate?: string | undefined
  gmtTime?: string | undefined
  gmtOffset?: string | undefined
}

const DATE8 = /^(\d{4})-?(\d{2})-?(\d{2})$/

/** Epoch ms of a wall-clock date + time read as if it were UTC, or undefined when either is unreadable. */
function wallClockMs(date: string | undefined, time: string | undefined): number | undefined {
  const quick = plainWallClockMs(date, time)
  if (quick !== undefined) return quick
  const d = DATE8.exec((date ?? '').trim())
  if (!d) return undefined
  const digits = (time ?? '').trim().replace(/:/g, '')
  if (!/^\d{3,6}$/.test(digits)) return undefined
  const padded = digits.length <= 4 ? digits.padStart(4, '0').padEnd(6, '0') : digits.padStart(6, '0')
  const h = Number(padded.slice(0, 2))
  const m = Number(padded.slice(2, 4))
  const s = Number(padded.slice(4, 6))
  if (h > 23 || m > 59 || s > 59) return undefined
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, m, s)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * {@link wallClockMs} for the usual shape, `YYYYMMDD` and 5 or 6 digits (`74700`, `105800`), read digit by digit;
 * undefined for anything else (which the general reading then decides).
 */
function plainWallClockMs(date: string | undefined, time: string | undefined): number | undefined {
  if (date?.length !== 8 || time === undefined || (time.length !== 6 && time.length !== 5)) return undefined
  const short = 6 - time.length
  const year = digitsAt(date, 0, 4)
  const month = digitsAt(date, 4, 2)
  const day = digitsAt(date, 6, 2)
  const h = digitsAt(time, 0, 2 - short)
  const m = digitsAt(time, 2 - short, 2)
  const s = digitsAt(time, 4 - short, 2)
  if (year < 0 || month < 0 || day < 0 || h < 0 || m < 0 || s < 0) return undefined
  if (h > 23 || m > 59 || s > 59) return undefined
  const ms = Date.UTC(year, month - 1, day, h, m, s)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * Minutes east of UTC implied by a local and a GMT wall clock, when it is a real-world offset (a multiple of
 * 15 minutes within ±14 h); undefined otherwise.
 * @example impliedOffsetMinutes('20240422', '212901', '20240423', '012901') // -240
 */
export function impliedOffsetMinutes(
  date: string | undefined,
  time: string | undefined,
  gmtDate: string | undefined,
  gmtTime: string | undefined,
): number | undefined {
  const local = wallClockMs(date, time)
  const gmt = wallClockMs(gmtDate, gmtTime)
  if (local === undefined || gmt === undefined) return undefined
  const minutes = Math.round((local - gmt) / 60_000)
  return Math.abs(minutes) <= 14 * 60 && minutes % 15 === 0 ? minutes : undefined
}

/**
 * Resolves a UPS local date/time. Throws a TimeError when the local date itself is unreadable (the caller turns
 * it into a warning and leaves the fact out). When UPS's offset contradicts the zone of the place (UPS's own Track
 * Alert example 1 puts a US scan at +05:00), UPS's instant is kept and `onConflict` is told, so a human can look.
 */
export function upsTime(
  parts: UpsTimeParts,
  location: TimeLocation | undefined,
  defaultZone?: string,
  onConflict?: (message: string) => void,
  options?: NormalizeOptions,
): NormalizedTime {
  const date = parts.date?.trim()
  if (!date || !DATE8.test(date))
    throw new TimeError(`UPS date ${JSON.stringify(parts.date ?? '')} is not YYYYMMDD`)
  const time = parts.time?.trim() || undefined
  const gmtOffset = parts.gmtOffset?.trim()
  if (time && gmtOffset) {
    try {
      return checked(
        normalizeTime(timeInput(date, time, location, defaultZone, gmtOffset)),
        `gmtOffset ${gmtOffset}`,
        location,
        onConflict,
      )
    } catch {
      // an unreadable gmtOffset: fall through to the GMT wall clock, then the place
    }
  }
  if (time) {
    const offset = impliedOffsetMinutes(date, time, parts.gmtDate, parts.gmtTime)
    if (offset !== undefined)
      return checked(
        normalizeTime(timeInput(date, time, location, defaultZone, offset)),
        'gmtDate/gmtTime',
        location,
        onConflict,
      )
  }
  return normalizeTime(timeInput(date, time, location, defaultZone, undefined), options)
}

function timeInput(
  date: string,
  time: string | undefined,
  location: TimeLocation | undefined,
  defaultZone: string | undefined,
  offset: string | number | undefined,
): TimeInput {
  const input: TimeInput = { date }
  if (time) input.time = time
  if (location) input.location = location
  if (defaultZone) input.defaultZone = defaultZone
  if (offset !== undefined) input.offset = offset
  return input
}

/** UPS's instant is kept; when it does not fit the zone of the place, `onConflict` is told. */
function checked(
  result: NormalizedTime,
  said: string,
  location: TimeLocation | undefined,
  onConflict: ((message: string) => void) | undefined,
): NormalizedTime {
  if (onConflict && location && !result.timeZone) {
    const zone = zoneForLocation(location)
    if (zone) onConflict(`ups ${said} disagrees with the zone of the place (${zone}); kept UPS's instant`)
  }
  return result
}
