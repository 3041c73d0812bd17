/**
 * Clock arithmetic on IANA zones (through luxon): offsets at an instant, wall time → instant with the DST rules
 * of docs/time-model.md, and the ISO 8601 output format.
 */
import { IANAZone } from 'luxon'

export const MINUTE = 60_000
const DAY = 86_400_000

/**
 * Offsets per zone and UTC day, for days without a transition (same offset at both ends; NaN marks a day with a
 * transition, computed exactly each time). Each luxon offset lookup formats a date through Intl, which costs
 * microseconds; events cluster on the same days, so this cache makes normalization several times faster.
 */
const dayOffsets = new Map<string, number>()

/** Offset (minutes east of UTC) of an IANA zone at an instant. */
export function zoneOffset(zone: string, instant: number): number {
  const day = Math.floor(instant / DAY)
  const key = `${zone}|${day}`
  let offset = dayOffsets.get(key)
  if (offset === undefined) {
    const z = IANAZone.create(zone)
    const start = z.offset(day * DAY)
    offset = start === z.offset(day * DAY + DAY - 1) ? start : Number.NaN
    if (dayOffsets.size >= 50_000) dayOffsets.clear()
    dayOffsets.set(key, offset)
  }
  return Number.isNaN(offset) ? IANAZone.create(zone).offset(instant) : offset
}

const validity = new Map<string, boolean>()

/** Whether the running Node (ICU) knows an IANA zone; memoized (bounded) since each check builds a formatter. */
export function isKnownZone(zone: string): boolean {
  let valid = validity.get(zone)
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone)
    if (validity.size >= 1000) validity.clear()
    validity.set(zone, valid)
  }
  return valid
}

/**
 * The instant of a wall-clock time (given as ms as if it were UTC) in a zone, with the zone's offset then. In a
 * DST overlap the earlier of the two instants; in a DST gap the wall time read with the offset before the gap,
 * i.e. moved forward by the gap length (02:30 on a spring-forward night in New York → 03:30 EDT).
 */
export function wallToInstant(wall: number, zone: string): { instant: number; offset: number } {
  const before = zoneOffset(zone, wall - DAY)
  const after = zoneOffset(zone, wall + DAY)
  const candidates = before === after ? [before] : [before, after]
  let best: { instant: number; offset: number } | undefined
  for (const candidate of candidates) {
    const instant = wall - candidate * MINUTE
    const offset = zoneOffset(zone, instant)
    if (offset === candidate && (!best || instant < best.instant)) best = { instant, offset }
  }
  if (best) return best
  const instant = wall - before * MINUTE
  return { instant, offset: zoneOffset(zone, instant) }
}

const pad = (n: number, width = 2) => String(Math.trunc(n)).padStart(width, '0')

/** ISO 8601 with seconds and a numeric offset; milliseconds only when non-zero. */
export function formatInstant(instant: number, offsetMinutes: number): string {
  const d = new Date(instant + offsetMinutes * MINUTE)
  const ms = d.getUTCMilliseconds()
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    `${sign}${pad(abs / 60)}:${pad(abs % 60)}`
  )
}
