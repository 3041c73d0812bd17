/**
 * Time-zone conformance checks (issue #18): `zones` fails an adapter whose event offset contradicts the event's
 * own `timeZone` at that instant, that writes `Z` (the `toISOString()` mistake) or `+00:00` for a place whose zone
 * is known, or that claims `zoneSource: 'location'` without the zone; `missing-zone` strips every offset and zone
 * fact from the input and fails when `normalize` then throws a TimeError or loses events (an event is never
 * dropped for want of a zone).
 */
import type { Adapter, NormalizeContext } from '../adapter/index.js'
import { isWaybillError } from '../errors/index.js'
import { eventInstant, type NormalizeResult, type TrackingEvent } from '../model/core.js'
import { isKnownZone, zoneOffset } from '../time/clock.js'
import { zoneForLocation } from '../time/zones.js'
import type { CheckResult } from './checks.js'

type Outcome = { result: NormalizeResult } | { error: unknown }

/** Minutes east of UTC written at the end of an ISO date-time (`Z` → 0), or undefined. */
function writtenOffset(occurredAt: string): number | undefined {
  if (occurredAt.endsWith('Z')) return 0
  const m = /([+-])(\d{2}):(\d{2})$/.exec(occurredAt)
  if (!m) return undefined
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
}

/** What is wrong with one event's zone facts, or undefined. */
function zoneProblem(e: TrackingEvent): string | undefined {
  if (e.zoneSource === 'unknown') return undefined
  const instant = eventInstant(e)
  const offset = writtenOffset(e.occurredAt)
  if (Number.isNaN(instant) || offset === undefined) return undefined // the offsets check reports it
  const placeZone = e.location?.countryCode ? zoneForLocation(e.location) : undefined
  if (e.occurredAt.endsWith('Z'))
    return placeZone || e.timeZone
      ? `'${e.occurredAt}' ends in Z for a place whose zone is known (${e.timeZone ?? placeZone}): write the place's offset (toISOString() gives UTC)`
      : `'${e.occurredAt}' ends in Z: write a numeric offset (+00:00)`
  if (e.timeZone !== undefined) {
    if (!isKnownZone(e.timeZone)) return `timeZone '${e.timeZone}' is not an IANA zone`
    const expected = zoneOffset(e.timeZone, instant)
    if (expected !== offset)
      return `'${e.occurredAt}' has offset ${offset} min but its timeZone ${e.timeZone} is at ${expected} min then`
  } else if (e.zoneSource === 'location') return `zoneSource 'location' without the timeZone it came from`
  if (e.zoneSource === 'location' && placeZone && zoneOffset(placeZone, instant) !== offset)
    return `'${e.occurredAt}' (zoneSource location) does not carry the offset of its place's zone ${placeZone}`
  return undefined
}

/** The `zones` check on one case's outcome. */
export function zonesCheck(name: string, outcome: Outcome): CheckResult {
  if (!('result' in outcome)) return { case: name, check: 'zones', status: 'skip', message: 'no result' }
  for (const [si, s] of outcome.result.shipments.entries())
    for (const [ei, e] of s.events.entries()) {
      const problem = zoneProblem(e)
      if (problem)
        return {
          case: name,
          check: 'zones',
          status: 'fail',
          message: `shipments[${si}].events[${ei}]: ${problem}`,
        }
    }
  return { case: name, check: 'zones', status: 'pass' }
}

const DATE_TIME_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})$/i
/** Keys whose values state a zone or an offset, or the country that decides one. */
const ZONE_KEYS = /(zone|offset|gmt|utc|country)/i

/** A copy of a JSON input with every offset and zone fact taken out (or undefined for non-JSON input). */
function withoutZones(value: unknown, depth = 0): unknown {
  if (depth > 64) return value
  if (typeof value === 'string') {
    const m = DATE_TIME_WITH_OFFSET.exec(value)
    return m ? m[1] : value
  }
  if (Array.isArray(value)) return value.map((v) => withoutZones(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      if (ZONE_KEYS.test(key) && (typeof v === 'string' || typeof v === 'number')) continue
      out[key] = withoutZones(v, depth + 1)
    }
    return out
  }
  return value
}

function eventCount(result: NormalizeResult): number {
  return result.shipments.reduce((n, s) => n + s.events.length, 0)
}

/** The `missing-zone` check: the same input without any zone fact is still normalized, with every event. */
export function missingZoneCheck(
  adapter: Adapter,
  name: string,
  input: unknown,
  ctx: NormalizeContext,
  outcome: Outcome,
): CheckResult {
  const skip = (message: string): CheckResult => ({
    case: name,
    check: 'missing-zone',
    status: 'skip',
    message,
  })
  if (!('result' in outcome)) return skip('the fixture itself does not normalize')
  if (input === null || typeof input !== 'object' || input instanceof Uint8Array || ArrayBuffer.isView(input))
    return skip('not a JSON payload')
  const stripped = withoutZones(input)
  const { defaultZone: _zone, ...noDefault } = ctx
  let result: NormalizeResult
  try {
    result = adapter.normalize(stripped, noDefault)
  } catch (error) {
    if (isWaybillError(error) && error.code === 'ERR_TIME')
      return {
        case: name,
        check: 'missing-zone',
        status: 'fail',
        message: `normalize threw a TimeError once offsets and zones were taken out: ${error.message}`,
      }
    return skip(`the input without zones is refused for another reason (${(error as Error).message})`)
  }
  const before = eventCount(outcome.result)
  const after = eventCount(result)
  if (after < before)
    return {
      case: name,
      check: 'missing-zone',
      status: 'fail',
      message: `${before - after} of ${before} events were dropped once offsets and zones were taken out (keep them with zoneSource 'unknown')`,
    }
  return { case: name, check: 'missing-zone', status: 'pass' }
}
