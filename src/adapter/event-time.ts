/**
 * An event's time read for an adapter, with what went wrong said as warnings instead of thrown: a place that
 * could not be used is set aside, a time with no known zone is kept as local time, a default zone is named, and
 * only a date/time that cannot be read at all leaves the event out (one scan never rejects a whole payload).
 */
import { isWaybillError } from '../errors/index.js'
import type { NormalizeWarning } from '../model/core.js'
import { type NormalizedTime, normalizeEventTime, type TimeInput } from '../time/index.js'

/** Where the time came from, for the warnings. */
export interface EventTimeField {
  /** The carrier's field name (`checkpoint_time`), named in messages. */
  field: string
  /** Path of the event in the payload (`data.checkpoints[2]`); warnings point at `<path>.<field>`. */
  path: string
  trackingNumber?: string | undefined
}

/**
 * Reads an event's time with {@link normalizeEventTime} and adds `invalid_field`, `unknown_zone` and
 * `fallback_zone` warnings as they apply. Returns `undefined` only when the date/time itself is unreadable.
 * @example
 * const time = readEventTime({ dateTime: scan.time, location }, { field: 'time', path: 'events[0]' }, warnings)
 * if (!time) return // an invalid_field warning says why
 */
export function readEventTime(
  input: TimeInput,
  at: EventTimeField,
  warnings: NormalizeWarning[],
): NormalizedTime | undefined {
  const path = `${at.path}.${at.field}`
  const warn = (code: NormalizeWarning['code'], message: string) =>
    warnings.push({
      code,
      message,
      path,
      ...(at.trackingNumber !== undefined ? { trackingNumber: at.trackingNumber } : {}),
    })
  let read: ReturnType<typeof normalizeEventTime>
  try {
    read = normalizeEventTime(input)
  } catch (error) {
    if (!isWaybillError(error)) throw error
    warn('invalid_field', `${at.field}: ${error.message}`)
    return undefined
  }
  if (read.setAside) warn('invalid_field', `${at.field} read without its place: ${read.setAside}`)
  const time = read.time
  if (time.zoneSource === 'unknown')
    warn('unknown_zone', `${at.field} kept without a zone (${time.missing}): occurredAt is the local time`)
  if (time.zoneSource === 'fallback') warn('fallback_zone', `${at.field} read in ${input.defaultZone}`)
  return time
}
