/**
 * Clock arithmetic on IANA zones (the runtime's Intl zone data, intl-zone.ts): offsets at an instant, wall time →
 * instant with the DST rules of docs/time-model.md, and the ISO 8601 output format.
 */
import { isRuntimeZone, zoneOffsetAt } from './intl-zone.js'

export const MINUTE = 60_000
const DAY = 86_400_000

/**
 * Offsets per zone and UTC day, for days without a transition (same offset at both ends; NaN marks a day with a
 * transition, computed exactly each time). Each offset lookup formats a date through Intl, which costs
 * microseconds; events cluster on the same days, so this cache makes normalization several times faster.
 */
const dayOffsets = new Map<string, Map<number, number>>()
let dayOffsetCount = 0

/** Offset (minutes east of UTC) of an IANA zone at an instant. */
export function zoneOffset(zone: string, instant: number): number {
  const day = Math.floor(instant / DAY)
  const offset = dayOffset(zone, day)
  if (!Number.isNaN(offset)) return offset
  // A day with a change (a DST night): every event of that day used to ask ICU, microseconds each.
  const change = changeOf(zone, day)
  return instant < change.at ? change.before : change.after
}

/** An offset change within one UTC day: its first instant, and the offsets before and from then on. */
interface OffsetChange {
  at: number
  before: number
  after: number
}

/** {@link OffsetChange} per zone and day (bounded). */
const offsetChanges = new Map<string, OffsetChange>()

/**
 * The offset change of `zone` on UTC day `day` (a day whose two ends differ), found once by bisection to the
 * millisecond (about 27 lookups) and then kept. Zones change offset at most once a day, which the day cache above
 * assumes already; ICU reports offsets per whole second, so the first instant found is exact.
 */
function changeOf(zone: string, day: number): OffsetChange {
  const key = `${zone} ${day}`
  let change = offsetChanges.get(key)
  if (change === undefined) {
    let low = day * DAY
    let high = low + DAY - 1
    const before = zoneOffsetAt(zone, low)
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (zoneOffsetAt(zone, middle) === before) low = middle
      else high = middle
    }
    change = { at: high, before, after: zoneOffsetAt(zone, high) }
    if (offsetChanges.size >= 1000) offsetChanges.clear()
    offsetChanges.set(key, change)
  }
  return change
}

/** The offset of `zone` for the whole UTC day `day`, or NaN when it changes that day (cached; bounded). */
function dayOffset(zone: string, day: number): number {
  // Keyed zone → day (no key string built per call: this runs several times per event).
  let days = daysOf(dayOffsets, zone)
  let offset = days.get(day)
  if (offset === undefined) {
    const start = zoneOffsetAt(zone, day * DAY)
    offset = start === zoneOffsetAt(zone, day * DAY + DAY - 1) ? start : Number.NaN
    if (dayOffsetCount >= 50_000) {
      dayOffsets.clear()
      steadyOffsets.clear()
      dayOffsetCount = 0
      days = daysOf(dayOffsets, zone)
    }
    days.set(day, offset)
    dayOffsetCount++
  }
  return offset
}

/** {@link steadyOffset} per zone and UTC day (cleared with the day offsets it is made of). */
const steadyOffsets = new Map<string, Map<number, number>>()

/**
 * The offset of `zone` when the UTC day of the wall clock `wall` (ms read as if UTC) and the days either side all
 * have that one offset — nearly always — else NaN. Then `wall - offset × MINUTE` is the instant, exactly what
 * {@link wallToInstant} finds with three offset lookups: its candidates and their checks all fall in those days.
 */
export function steadyOffset(zone: string, wall: number): number {
  const day = Math.floor(wall / DAY)
  let offset = daysOf(steadyOffsets, zone).get(day)
  if (offset === undefined) {
    const before = dayOffset(zone, day - 1)
    const middle = dayOffset(zone, day)
    offset = before === middle && middle === dayOffset(zone, day + 1) ? middle : Number.NaN // NaN ≠ NaN
    // (dayOffset may have just cleared the caches: the zone's map is fetched again before storing.)
    daysOf(steadyOffsets, zone).set(day, offset)
  }
  return offset
}

/** The per-day map of `zone` in `cache`, created when missing. */
function daysOf(cache: Map<string, Map<number, number>>, zone: string): Map<number, number> {
  let days = cache.get(zone)
  if (days === undefined) {
    days = new Map()
    cache.set(zone, days)
  }
  return days
}

const validity = new Map<string, boolean>()

/** Whether the running Node (ICU) knows an IANA zone; memoized (bounded) since each check builds a formatter. */
export function isKnownZone(zone: string): boolean {
  let valid = validity.get(zone)
  if (valid === undefined) {
    valid = isRuntimeZone(zone)
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
  const steady = steadyOffset(zone, wall)
  if (!Number.isNaN(steady)) return { instant: wall - steady * MINUTE, offset: steady }
  const before = zoneOffset(zone, wall - DAY)
  const after = zoneOffset(zone, wall + DAY)
  if (before === after) {
    // No transition within a day either side (nearly always): one candidate, and the general rule below gives
    // this same instant and offset whether or not it checks out.
    const instant = wall - before * MINUTE
    return { instant, offset: zoneOffset(zone, instant) }
  }
  let best: { instant: number; offset: number } | undefined
  for (const candidate of [before, after]) {
    const instant = wall - candidate * MINUTE
    const offset = zoneOffset(zone, instant)
    if (offset === candidate && (!best || instant < best.instant)) best = { instant, offset }
  }
  if (best) return best
  const instant = wall - before * MINUTE
  return { instant, offset: zoneOffset(zone, instant) }
}

const pad = (n: number, width = 2) => String(Math.trunc(n)).padStart(width, '0')
/** Two digits of a whole number 0-99 (no padStart call: this runs six times per formatted instant). */
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/** ISO 8601 with seconds and a numeric offset; milliseconds only when non-zero. */
export function formatInstant(instant: number, offsetMinutes: number): string {
  return formatLocal(instant, offsetMinutes)
}

function formatLocal(instant: number, offsetMinutes: number): string {
  const local = instant + offsetMinutes * MINUTE
  if (!Number.isInteger(local)) return formatWithDate(local, offsetMinutes)
  // The date part comes from a per-day cache and the clock from arithmetic: no Date object per call.
  const day = Math.floor(local / DAY)
  let prefix = datePrefixes.get(day)
  if (prefix === undefined) {
    const full = formatWithDate(day * DAY, 0)
    prefix = full.slice(0, full.indexOf('T') + 1) // `YYYY-MM-DDT`
    if (datePrefixes.size >= 10_000) datePrefixes.clear()
    datePrefixes.set(day, prefix)
  }
  let rest = local - day * DAY
  const ms = rest % 1000
  rest = (rest - ms) / 1000
  const second = rest % 60
  rest = (rest - second) / 60
  const minute = rest % 60
  const hour = (rest - minute) / 60
  return (
    `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    offsetSuffix(offsetMinutes)
  )
}

/** `00` … `59`. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => pad2(n))

/** `±HH:MM` of whole-minute offsets within a day either way, written once each. */
const offsetSuffixes: (string | undefined)[] = new Array<string | undefined>(2881).fill(undefined)

function offsetSuffix(offsetMinutes: number): string {
  const index = offsetMinutes + 1440
  const known = offsetSuffixes[index]
  if (known !== undefined) return known
  const abs = Math.abs(offsetMinutes)
  const text = `${offsetMinutes < 0 ? '-' : '+'}${pad(abs / 60)}:${pad(abs % 60)}`
  if (Number.isInteger(offsetMinutes) && index >= 0 && index <= 2880) offsetSuffixes[index] = text
  return text
}

const datePrefixes = new Map<number, string>()

function formatWithDate(local: number, offsetMinutes: number): string {
  const d = new Date(local)
  const ms = d.getUTCMilliseconds()
  const year = d.getUTCFullYear()
  const abs = Math.abs(offsetMinutes)
  return (
    (year >= 1000 && year <= 9999 ? `${year}` : pad(year, 4)) +
    `-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    `${offsetMinutes < 0 ? '-' : '+'}${pad(abs / 60)}:${pad(abs % 60)}`
  )
}
