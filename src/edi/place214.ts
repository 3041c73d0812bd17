/**
 * MS1 and N4 places of a 214 file, parsed once per distinct segment text: files repeat the same few places, so
 * the parsed place (and its time-zone key) is shared by every line that names it.
 */
import type { Location } from '../model/index.js'
import type { Segment } from './segment.js'
import { ms1Location, n4Location } from './time214.js'

/** A parsed MS1 place with the segment text it came from. */
export interface MS1Place {
  location?: Location
  invalidCoordinates: boolean
  /** The MS1 segment text (kept in the event's raw record). */
  text: string
}

/** Most places kept per cache; the cache starts over when full. */
const MAX_PLACES = 4096

/** The place of an MS1 segment, from `cache` when the same text was seen before. */
export function ms1Place(cache: Map<string, MS1Place>, ms1: Segment): MS1Place {
  const text = ms1.toString()
  let place = cache.get(text)
  if (!place) {
    const parsed = ms1Location(ms1)
    if (parsed.location) freezePlace(parsed.location)
    place = parsed.location
      ? { location: parsed.location, invalidCoordinates: parsed.invalidCoordinates, text }
      : { invalidCoordinates: parsed.invalidCoordinates, text }
    if (cache.size >= MAX_PLACES) cache.clear()
    cache.set(text, place)
  }
  return place
}

/** The location of an N4 segment, from `cache` when the same text was seen before. */
export function n4Place(cache: Map<string, Location | undefined>, n4: Segment): Location | undefined {
  const text = n4.toString()
  const known = cache.get(text)
  if (known !== undefined || cache.has(text)) return known
  const location = n4Location(n4)
  if (location) freezePlace(location)
  if (cache.size >= MAX_PLACES) cache.clear()
  cache.set(text, location)
  return location
}

/**
 * Shared places are frozen: events and shipments get copies, and the model computes the place part of event ids
 * once per frozen object.
 */
function freezePlace(location: Location): void {
  if (location.coordinates) Object.freeze(location.coordinates)
  Object.freeze(location)
}
