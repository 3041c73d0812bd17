/**
 * Reading an event's `occurredAt`, which is an instant with offset, or (zone unknown) a local time without one.
 * Browser-safe (no Node built-ins): the page and the message formatter use it too.
 */

/**
 * Where the offset of `occurredAt` came from.
 * - `carrier`: the source gave an instant, an offset, a zone abbreviation, an X12 time code or an IANA zone.
 * - `location`: the zone was derived from the event's place.
 * - `fallback`: the configured default zone was used; treat the time as a best guess.
 * - `unknown`: nothing gave an offset or a zone. `occurredAt` is then the local wall time WITHOUT an offset
 *   (`2024-03-26T10:58:00`): the event is kept, its instant is unknown (see `docs/time-model.md`).
 */
export type ZoneSource = 'carrier' | 'location' | 'fallback' | 'unknown'

/** Every {@link ZoneSource}, best first. */
export const ZONE_SOURCES = ['carrier', 'location', 'fallback', 'unknown'] as const

/** ISO 8601 local date-time with seconds and no offset: the `occurredAt` of an event whose zone is unknown. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/

const ENDS_WITH_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?/

/**
 * Epoch ms of an event time with offset; NaN for a local time without offset (zone unknown) or anything
 * unreadable. Use it instead of `Date.parse(occurredAt)`, which reads an offset-less time in the process's zone.
 * @example instantOfTime('2024-03-26T10:58:00-05:00') // 1711468680000
 * @example instantOfTime('2024-03-26T10:58:00') // NaN
 */
export function instantOfTime(occurredAt: string): number {
  if (typeof occurredAt !== 'string' || !ENDS_WITH_OFFSET.test(occurredAt)) return Number.NaN
  return Date.parse(occurredAt)
}

/**
 * The local wall clock of an event time, as milliseconds of that wall time read as if it were UTC: of
 * `2024-03-26T10:58:00-05:00` and of `2024-03-26T10:58:00` alike, 10:58 on 26 March 2024. NaN when unreadable.
 * @example new Date(wallTimeOf('2024-03-26T10:58:00-05:00')).toISOString() // '2024-03-26T10:58:00.000Z'
 */
export function wallTimeOf(occurredAt: string): number {
  if (typeof occurredAt !== 'string') return Number.NaN
  const m = WALL.exec(occurredAt)
  if (!m) return Number.NaN
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = Number(m[4])
  const minute = Number(m[5])
  const second = Number(m[6] ?? 0)
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000)
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN
  const at = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  // A day past the month's end rolls over: refused.
  return new Date(at).getUTCDate() === day ? at : Number.NaN
}
