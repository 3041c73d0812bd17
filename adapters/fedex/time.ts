/**
 * FedEx times: ISO 8601, normally with the offset of the scan's place (`2024-08-20T12:41:57-04:00`). Two traps
 * (karrio's captured FedEx Ground response):
 * - date-only facts (pickup, ship, tender dates; standard transit "ends") are written as midnight, with an
 *   offset that is not the place's (`2024-08-15T00:00:00-06:00` for a Minnesota pickup) or with none
 *   (`2024-08-15T00:00:00`): a wall-clock `00:00:00` is read as a date, precision `day`, in the place's zone;
 * - some values have no offset: the place's zone is used (or the default zone, marked `fallback`).
 */
import { TimeError } from '../../src/errors/index.js'
import type { NormalizedTime, NormalizeOptions, TimeInput, TimeLocation } from '../../src/time/index.js'
import { normalizeTime } from '../../src/time/index.js'

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** True for a FedEx value that is really a date: no time, or a wall clock of exactly midnight. */
export function isDateOnly(value: string): boolean {
  const m = ISO.exec(value.trim())
  return m ? isMidnightMatch(m) : false
}

function isMidnightMatch(m: RegExpExecArray): boolean {
  return m[2] === undefined || (m[2] === '00' && m[3] === '00' && (m[4] ?? '00') === '00' && !m[5])
}

/** Resolves a FedEx date-time; throws a TimeError when it is not ISO 8601. */
export function fedexTime(
  value: string,
  location: TimeLocation | undefined,
  defaultZone?: string,
  options?: NormalizeOptions,
): NormalizedTime {
  const trimmed = value.trim()
  if (isScanShape(trimmed) && !trimmed.startsWith('00:00:00', 11)) {
    // The usual scan time (`2024-08-20T12:41:57-04:00`, not midnight): what the general path below would do.
    const input: TimeInput = { dateTime: trimmed }
    if (location) input.location = location
    if (defaultZone) input.defaultZone = defaultZone
    return normalizeTime(input)
  }
  const m = ISO.exec(trimmed)
  if (!m) throw new TimeError(`FedEx time ${JSON.stringify(value.slice(0, 40))} is not ISO 8601`)
  const input: TimeInput = {}
  if (isMidnightMatch(m)) {
    input.date = m[1] as string
    if (location) input.location = location
    if (defaultZone) input.defaultZone = defaultZone
    try {
      return normalizeTime(input)
    } catch (error) {
      // no place and no default zone: the carrier's offset is all there is (still a date, precision day)
      if (!(error instanceof TimeError)) throw error
      if (!m[6]) return normalizeTime(input, options)
      return normalizeTime({ date: m[1]!, offset: m[6] })
    }
  }
  input.dateTime = trimmed
  if (location) input.location = location
  if (defaultZone) input.defaultZone = defaultZone
  return normalizeTime(input, options)
}

/** Digit positions of `YYYY-MM-DDTHH:mm:ss±HH:MM`. */
const SCAN_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]

/**
 * True for exactly `YYYY-MM-DDTHH:mm:ss±HH:MM` (the form of nearly every scan), which {@link ISO} matches with
 * seconds, no fraction and an offset: checked character by character, without a match array per scan.
 */
function isScanShape(value: string): boolean {
  if (value.length !== 25) return false
  for (const i of SCAN_DIGITS) {
    const c = value.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  const t = value.charCodeAt(10)
  const sign = value.charCodeAt(19)
  return (
    value.charCodeAt(4) === 45 && // -
    value.charCodeAt(7) === 45 &&
    (t === 84 || t === 116 || t === 32) && // T, t (the pattern ignores case) or a space
    value.charCodeAt(13) === 58 && // :
    value.charCodeAt(16) === 58 &&
    (sign === 43 || sign === 45) && // + or -
    value.charCodeAt(22) === 58
  )
}
