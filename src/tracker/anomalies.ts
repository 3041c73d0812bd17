/**
 * Data-quality checks over one shipment's timeline. Each finding is a typed anomaly with a stable key; nothing
 * is dropped or changed because of it.
 */
import type { Anomaly, Location, Shipment, TrackingEvent } from '../model/core.js'
import { eventInstant, isTerminal, wallTimeOf } from '../model/core.js'
import { countryOf, placeOfCode, resolvePlace } from '../time/index.js'
import type { AnomalyOptions } from './types.js'

const MOVING = new Set([
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivery_attempted',
])

/** The event's instant; NaN when its zone is unknown (such events take part only where a wall time is enough). */
function at(e: TrackingEvent): number {
  return eventInstant(e)
}

/** No zone is more than 14 hours ahead of UTC: the earliest instant a local time without offset can name. */
const MAX_AHEAD_MS = 14 * 3_600_000

/** The earliest instant the event can be: its instant, or for an unknown zone its wall time in UTC+14. */
function earliest(e: TrackingEvent): number {
  const instant = at(e)
  return Number.isNaN(instant) ? wallTimeOf(e.occurredAt) - MAX_AHEAD_MS : instant
}

interface Coordinates {
  latitude: number
  longitude: number
}

/** Great-circle distance in km (haversine). */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

function regressions(events: readonly TrackingEvent[]): Anomaly[] {
  const out: Anomaly[] = []
  let terminal: TrackingEvent | undefined
  for (const e of events) {
    if (e.status === 'returned_to_sender') terminal = undefined
    else if (isTerminal(e.status, e.milestone)) terminal = e
    else if (terminal && MOVING.has(e.status))
      out.push({
        kind: 'status_regression',
        message: `'${e.status}' at ${e.occurredAt} after '${terminal.status}' at ${terminal.occurredAt}, with no return in between`,
        eventIds: [terminal.id, e.id],
        key: `status_regression:${e.id}`,
      })
  }
  return out
}

function futureEvents(events: readonly TrackingEvent[], now: Date, skewMs: number): Anomaly[] {
  return events
    .filter((e) => earliest(e) > now.getTime() + skewMs)
    .map((e) => ({
      kind: 'future_event' as const,
      message: `event time ${e.occurredAt} is in the future (now ${now.toISOString()})`,
      eventIds: [e.id],
      key: `future_event:${e.id}`,
    }))
}

function beforeLabel(events: readonly TrackingEvent[]): Anomaly[] {
  const label = events.find((e) => e.milestone === 'label_created')
  if (!label) return []
  return events
    .filter((e) => e.milestone !== 'label_created' && e.precision !== 'day' && at(e) < at(label))
    .map((e) => ({
      kind: 'before_label' as const,
      message: `'${e.milestone}' at ${e.occurredAt} is before the label was created (${label.occurredAt})`,
      eventIds: [e.id, label.id],
      key: `before_label:${e.id}`,
    }))
}

function impossibleTravel(events: readonly TrackingEvent[], maxKmh: number): Anomaly[] {
  const out: Anomaly[] = []
  // Only events with both a place and an instant: the speed needs both. Carriers rarely send coordinates: the
  // place's city or postal code gives them (see time/places.ts).
  const located = events.flatMap((e) => {
    const point = Number.isNaN(at(e)) ? undefined : coordinatesOf(e.location)
    return point ? [{ event: e, point }] : []
  })
  for (let i = 1; i < located.length; i++) {
    const { event: a, point: pa } = located[i - 1]!
    const { event: b, point: pb } = located[i]!
    const km = distanceKm(pa, pb)
    const hours = Math.max((at(b) - at(a)) / 3_600_000, 1 / 60)
    if (km > 50 && km / hours > maxKmh)
      out.push({
        kind: 'impossible_travel',
        message: `${Math.round(km)} km in ${hours.toFixed(1)} h (${Math.round(km / hours)} km/h) between two scans`,
        eventIds: [a.id, b.id],
        key: `impossible_travel:${a.id}:${b.id}`,
      })
  }
  return out
}

/** Places of one name further apart than this are not used for speeds. */
const PLACE_SPREAD_KM = 50

/**
 * The coordinates the carrier sent, else those of the place's airport code or UN/LOCODE, else those of its postal
 * code or city; undefined if unknown.
 */
function coordinatesOf(location: Location | undefined): Coordinates | undefined {
  if (!location) return undefined
  if (location.coordinates) return location.coordinates
  const code = location.iataCode ?? location.unLocode
  const coded = code ? placeOfCode(code) : undefined
  if (coded?.coordinates) return coded.coordinates
  if (!location.countryCode || (!location.city && !location.postalCode)) return undefined
  const country = countryOf(location.countryCode)
  const place = country ? resolvePlace(country, location) : undefined
  // A name shared by places far apart (Springfield) gives no usable point for a speed.
  return place && place.spreadKm <= PLACE_SPREAD_KM ? place.coordinates : undefined
}

function fallbackZones(events: readonly TrackingEvent[]): Anomaly[] {
  return events
    .filter((e) => e.zoneSource === 'fallback')
    .map((e) => ({
      kind: 'fallback_zone' as const,
      message: `time ${e.occurredAt} uses a configured default zone: neither the carrier nor the place gave one`,
      eventIds: [e.id],
      key: `fallback_zone:${e.id}`,
    }))
}

function unknownZones(events: readonly TrackingEvent[]): Anomaly[] {
  return events
    .filter((e) => e.zoneSource === 'unknown')
    .map((e) => ({
      kind: 'unknown_zone' as const,
      message: `time ${e.occurredAt} is a local time without zone: neither the carrier nor the place gave one (kept, placed by its wall time)`,
      eventIds: [e.id],
      key: `unknown_zone:${e.id}`,
    }))
}

function conflictingDuplicates(events: readonly TrackingEvent[]): Anomaly[] {
  const out: Anomaly[] = []
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const a = events[i]!
      const b = events[j]!
      const apart = Math.abs(at(a) - at(b))
      if (Number.isNaN(apart)) continue // an unknown zone: no instant to compare
      if (apart >= 60_000) break
      const fromOtherSource = a.raw.source !== b.raw.source || a.raw.origin !== b.raw.origin
      const samePlaceKind = a.milestone === b.milestone
      const placesDiffer =
        (a.location?.city &&
          b.location?.city &&
          a.location.city.toUpperCase() !== b.location.city.toUpperCase()) ||
        (a.location?.countryCode &&
          b.location?.countryCode &&
          a.location.countryCode !== b.location.countryCode)
      if (fromOtherSource && samePlaceKind && placesDiffer)
        out.push({
          kind: 'conflicting_duplicate',
          message: `two sources report '${a.milestone}' at the same time in different places (${a.location?.city ?? a.location?.countryCode} / ${b.location?.city ?? b.location?.countryCode})`,
          eventIds: [a.id, b.id],
          key: `conflicting_duplicate:${a.id}:${b.id}`,
        })
    }
  }
  return out
}

/** Every anomaly in a shipment's timeline (events must be in instant order, as shipments keep them). */
export function detectAnomalies(shipment: Shipment, options: AnomalyOptions & { now: Date }): Anomaly[] {
  const events = shipment.events
  return [
    ...regressions(events),
    ...futureEvents(events, options.now, options.futureSkewMs ?? 15 * 60_000),
    ...beforeLabel(events),
    ...impossibleTravel(events, options.maxSpeedKmh ?? 1000),
    ...fallbackZones(events),
    ...unknownZones(events),
    ...conflictingDuplicates(events),
  ]
}
