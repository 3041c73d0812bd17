/**
 * waybill/time — time normalization for carrier events (docs/time-model.md).
 *
 * Turns what carriers send (ISO strings with or without offset, separate local date and time fields, offsets,
 * zone abbreviations, X12 time codes, a location) into one ISO 8601 instant carrying the offset of the place,
 * with where that offset came from (`zoneSource`) and how precise the time is (`precision`). Infers IANA zones
 * from a location (country, region, postal code, city). Never treats a local time as UTC.
 */
import { TimeError } from '../errors/index.js'
import { instantOf } from './parse.js'
import { quote } from './text.js'

/**
 * For adapter authors reading a carrier's fixed-width date and time fields (`20240326`, `105800`): the whole
 * number written by `count` ASCII digits from `start`, or -1 when one of them is not a digit.
 * @example digitsAt('20240326', 4, 2) // 3
 */
export { digitsAt } from '../model/calendar.js'
export { assertZone } from './assert-zone.js'
export { type EventTime, normalizeEventTime } from './event-time.js'
export { normalizeTime } from './normalize.js'
export { type CodedPlace, type PlaceCodeOptions, placeOfCode } from './place-codes.js'
export { preloadPlaces, type ResolvedPlace, resolvePlace, zoneAtCoordinates } from './places.js'
export { countryOfRegion } from './region-country.js'
export type {
  NormalizedTime,
  NormalizeOptions,
  Precision,
  TimeInput,
  TimeLocation,
  ZoneSource,
} from './types.js'
export { ZONE_SOURCES } from './types.js'
export { countryOf, zoneForLocation } from './zones.js'

/**
 * True for `YYYY-MM-DDTHH:mm(:ss(.sss)?)?(Z|±HH:MM)` with a real calendar date and clock time.
 * @example isIsoWithOffset('2024-03-26T10:58:00-05:00') // true
 * @example isIsoWithOffset('2024-03-26T10:58:00') // false (no offset)
 */
export function isIsoWithOffset(value: string): boolean {
  return instantOf(value) !== undefined
}

/**
 * Epoch milliseconds of an ISO 8601 date-time with offset (as produced by `normalizeTime`).
 * Throws TimeError when the value has no offset or is not a real date-time.
 * @example toInstant('2024-03-26T10:58:00-05:00') // 1711468680000
 */
export function toInstant(occurredAt: string): number {
  const instant = instantOf(occurredAt)
  if (instant === undefined) {
    throw new TimeError(`occurredAt: not an ISO 8601 date-time with offset (got ${quote(occurredAt)})`, {
      details: {
        field: 'occurredAt',
        value: typeof occurredAt === 'string' ? occurredAt.slice(0, 100) : undefined,
      },
    })
  }
  return instant
}
