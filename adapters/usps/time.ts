/**
 * USPS event times. Each event carries `eventTimestamp` (local, no offset, truncated to the minute), and usually
 * `GMTTimestamp` (the instant, with seconds) and `GMTOffset` (`-05:00`; USPS's own example writes `-7:00`). The
 * instant wins; it is shown at `GMTOffset` so `occurredAt` keeps the local offset. Without the GMT fields the local
 * time is read at the event's place (ZIP code, then state) through `normalizeTime`.
 */
import { isWaybillError, TimeError } from '../../src/errors/index.js'
import type { Location, NormalizeWarning } from '../../src/model/index.js'
import { formatInstant } from '../../src/time/clock.js'
import { type NormalizedTime, normalizeTime } from '../../src/time/index.js'

const OFFSET = /^([+-])(\d{1,2}):?(\d{2})?$/
const GMT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)$/

/** `-5:00`, `-05:00`, `-0500`, `+5` → minutes east of UTC; undefined when unreadable or outside ±14 h. */
export function offsetMinutes(value: string | null | undefined): number | undefined {
  const m = OFFSET.exec((value ?? '').trim())
  if (!m) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  if (minutes > 14 * 60 || Number(m[3] ?? 0) > 59) return undefined
  return m[1] === '-' ? -minutes : minutes
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

/**
 * The canonical time of one USPS event.
 * @throws TimeError naming `path` when neither the GMT fields nor the local time can be read.
 */
export function uspsEventTime(
  input: UspsTimeInput,
  path: string,
  location: Location | undefined,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  trackingNumber: string,
): NormalizedTime {
  const gmt = input.GMTTimestamp?.trim()
  const offset = offsetMinutes(input.GMTOffset)
  if (gmt && GMT.test(gmt) && offset !== undefined) {
    const instant = Date.parse(gmt)
    if (!Number.isNaN(instant)) {
      const occurredAt = atOffset(instant, offset)
      const local = input.eventTimestamp?.trim()
      // The local time is the same instant truncated to the minute; a larger gap means one of the fields is off.
      if (
        local &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) &&
        local.slice(0, 16) !== occurredAt.slice(0, 16)
      )
        warnings.push({
          code: 'other',
          message: `eventTimestamp ${local} disagrees with GMTTimestamp ${gmt} at GMTOffset ${input.GMTOffset}; the GMT instant was used`,
          path: `${path}.eventTimestamp`,
          trackingNumber,
        })
      return { occurredAt, zoneSource: 'carrier', precision: /:\d{2}:\d{2}/.test(gmt) ? 'second' : 'minute' }
    }
  }
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
        ? normalizeTime({ dateTime: local, offset: formatOffset(offset) })
        : normalizeTime({ dateTime: local, location: where, defaultZone })
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
