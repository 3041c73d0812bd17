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

import { IANAZone } from 'luxon'
import { isWaybillError, TimeError } from '../../src/errors/index.js'
import type { Location, NormalizeWarning } from '../../src/model/index.js'
import { formatInstant as formatClockInstant } from '../../src/time/clock.js'
import { type NormalizedTime, normalizeTime, zoneForLocation } from '../../src/time/index.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const COMMON =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/
const MINUTE = 60_000
const DAY = 86_400_000

/** Offset at the start of each UTC day, per zone (bounded). */
const dayOffsets = new Map<string, Map<number, number>>()
function dayOffset(zone: string, day: number): number {
  let days = dayOffsets.get(zone)
  if (!days) {
    if (dayOffsets.size >= 1000) dayOffsets.clear()
    days = new Map()
    dayOffsets.set(zone, days)
  }
  let offset = days.get(day)
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(day * DAY)
    if (days.size >= 20_000) days.clear()
    days.set(day, offset)
  }
  return offset
}

/**
 * Offset (minutes east of UTC) of an IANA zone at an instant. Asking ICU costs microseconds per call, so when the
 * offsets at the start of the day before and of the day after next agree, that offset is used for the whole span
 * (zones never change offset twice within three days); near a transition ICU is asked for the exact instant.
 */
function zoneOffset(zone: string, instant: number): number {
  const day = Math.floor(instant / DAY)
  const offset = dayOffset(zone, day - 1)
  return offset === dayOffset(zone, day + 2) ? offset : IANAZone.create(zone).offset(instant)
}

/** Wall-clock ms (as if UTC) → instant in `zone`: DST overlap → the earlier instant; DST gap → moved forward. */
function wallToInstant(wall: number, zone: string): number {
  const before = zoneOffset(zone, wall - DAY)
  const after = zoneOffset(zone, wall + DAY)
  let best: number | undefined
  for (const candidate of before === after ? [before] : [before, after]) {
    const instant = wall - candidate * MINUTE
    if (zoneOffset(zone, instant) === candidate && (best === undefined || instant < best)) best = instant
  }
  return best ?? wall - before * MINUTE
}

/** ISO 8601 with seconds and a numeric offset (never `Z`); milliseconds only when non-zero — as `normalizeTime`. */
const formatInstant = formatClockInstant

/** Zone of a place, cached: the same few places recur across thousands of events. */
const zoneCache = new Map<string, string | null>()
function placeZone(location: Location | undefined): string | undefined {
  if (!location?.countryCode) return undefined
  const key = `${location.countryCode}\u001f${location.region ?? ''}\u001f${location.postalCode ?? ''}\u001f${location.city ?? ''}`
  let zone = zoneCache.get(key)
  if (zone === undefined) {
    zone =
      zoneForLocation({
        countryCode: location.countryCode,
        region: location.region,
        postalCode: location.postalCode,
        city: location.city,
      }) ?? null
    if (zoneCache.size >= 10_000) zoneCache.clear()
    zoneCache.set(key, zone)
  }
  return zone ?? undefined
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number)
}

/** The common shapes, or undefined to let `normalizeTime` decide (and explain). */
function fastTime(text: string, location: Location | undefined): NormalizedTime | undefined {
  const m = COMMON.exec(text)
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = Number(m[4])
  const minute = Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const millisecond = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9) : 0
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  const precision: NormalizedTime['precision'] = m[6] === undefined ? 'minute' : 'second'
  const zone = placeZone(location)
  if (m[8] === 'Z') {
    // An explicit UTC instant is shown at the place's offset when the place is known (as normalizeTime does).
    return zone
      ? timeOf(wall, zoneOffset(zone, wall), zone, 'carrier', precision)
      : timeOf(wall, 0, undefined, 'carrier', precision)
  }
  if (m[8]) {
    const hours = Number(m[10])
    const minutes = Number(m[11])
    if (hours > 14 || minutes > 59) return undefined
    const offset = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes)
    const instant = wall - offset * MINUTE
    const matches = zone !== undefined && zoneOffset(zone, instant) === offset
    return timeOf(instant, offset, matches ? zone : undefined, 'carrier', precision)
  }
  if (!zone) return undefined
  const instant = wallToInstant(wall, zone)
  return timeOf(instant, zoneOffset(zone, instant), zone, 'location', precision)
}

function timeOf(
  instant: number,
  offset: number,
  timeZone: string | undefined,
  zoneSource: NormalizedTime['zoneSource'],
  precision: NormalizedTime['precision'],
): NormalizedTime {
  const time: NormalizedTime = { occurredAt: formatInstant(instant, offset), zoneSource, precision }
  if (timeZone) time.timeZone = timeZone
  return time
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
        : normalizeTime({ dateTime: text, location: where, defaultZone })
  } catch (cause) {
    const message = isWaybillError(cause) ? cause.message : String(cause)
    throw new TimeError(`${path}: ${message}`, { cause, details: { path } })
  }
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

/** For tests: the fast path alone (undefined when it defers to `normalizeTime`). */
export const dhlFastTimeForTests = fastTime
