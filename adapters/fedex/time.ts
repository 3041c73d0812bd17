/**
 * FedEx times: ISO 8601, normally with the offset of the scan's place (`2024-08-20T12:41:57-04:00`). Two traps
 * (karrio's captured FedEx Ground response):
 * - date-only facts (pickup, ship, tender dates; standard transit "ends") are written as midnight, with an
 *   offset that is not the place's (`2024-08-15T00:00:00-06:00` for a Minnesota pickup) or with none
 *   (`2024-08-15T00:00:00`): a wall-clock `00:00:00` is read as a date, precision `day`, in the place's zone;
 * - some values have no offset: the place's zone is used (or the default zone, marked `fallback`).
 */
import { TimeError } from '../../src/errors/index.js'
import { normalizeTime } from '../../src/time/index.js'
import type { NormalizedTime, TimeInput, TimeLocation } from '../../src/time/types.js'

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
): NormalizedTime {
  const trimmed = value.trim()
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
      if (!(error instanceof TimeError) || !m[6]) throw error
      return normalizeTime({ date: m[1]!, offset: m[6] })
    }
  }
  input.dateTime = trimmed
  if (location) input.location = location
  if (defaultZone) input.defaultZone = defaultZone
  return normalizeTime(input)
}
