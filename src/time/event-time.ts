/**
 * normalizeEventTime: `normalizeTime` for the time of an event, which must never be lost for want of a zone.
 * A time without any zone is kept as a local time (`zoneSource: 'unknown'`); a place or default zone that cannot
 * be read never costs the event its own instant or offset (the time is read again without them, and the problem
 * is reported). Only an unreadable date or time itself still throws.
 */
import { isWaybillError } from '../errors/index.js'
import { normalizeTime } from './normalize.js'
import type { NormalizedTime, TimeInput } from './types.js'

/** The time of an event, and what to warn about. */
export interface EventTime {
  time: NormalizedTime
  /**
   * Set when part of the input was set aside (an unreadable location, an unknown zone name): the message of the
   * error it caused. The time was then read from the date/time fields alone.
   */
  setAside?: string
}

/** Fields whose problems do not make the time itself unreadable. */
const PLACE_FIELDS = /^(location(\.|$)|defaultZone$|timeZone$)/

/**
 * Normalizes an event's time and keeps it whatever is missing (see module comment).
 * @throws TimeError when the date/time fields themselves cannot be read.
 * @example normalizeEventTime({ dateTime: '2024-03-26T10:58:00Z', location: { countryCode: 'United States' } })
 * // { time: { occurredAt: '2024-03-26T10:58:00+00:00', zoneSource: 'carrier', ... }, setAside: 'location.countryCode: ...' }
 */
export function normalizeEventTime(input: TimeInput): EventTime {
  try {
    return { time: normalizeTime(input, { unknownZone: 'keep' }) }
  } catch (error) {
    const field = isWaybillError(error) ? error.details.field : undefined
    if (typeof field !== 'string' || !PLACE_FIELDS.test(field)) throw error
    const { location: _location, defaultZone: _default, timeZone: _zone, ...alone } = input
    return { time: normalizeTime(alone, { unknownZone: 'keep' }), setAside: (error as Error).message }
  }
}
