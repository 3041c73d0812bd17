/**
 * MS1 and N4 places of a 214 file, parsed once per distinct segment: files repeat the same few places, so the
 * parsed place (and its time-zone key) is shared by every line that names it. The caches are keyed by the
 * segment's bytes, so a repeated place is found without decoding its segment to text.
 */
import type { Location } from '../model/core.js'
import { BoundedMap } from '../time/bounded-map.js'
import { placeOfPartyCode } from './party-code.js'
import type { Segment } from './segment.js'
import { ms1Location, n4Location } from './time214.js'

/** A parsed MS1 place with the segment text it came from. */
export interface MS1Place {
  location?: Location
  invalidCoordinates: boolean
  /** The MS1 segment text (kept in the event's raw record). */
  text: string
}

/** Most places kept per cache; when full, the places first cached are dropped (a few at a time, never all). */
const MAX_PLACES = 8192
/** Slots of {@link SegmentBytesCache}'s record of segments seen once (a power of two; 256 KiB). */
const SEEN_SLOTS = 1 << 16

interface Cached<T> {
  /** A copy of the segment's bytes (never a view: the input chunk must not be kept alive). */
  bytes: Uint8Array
  value: T
  /** The next entry with the same hash. */
  next: Cached<T> | undefined
}

/**
 * Values computed per distinct segment bytes (terminator excluded). A lookup hashes the bytes (FNV-1a) and
 * compares them with the entries of that hash: no string is decoded or hashed for a segment seen before.
 * The bytes alone are a sound key across interchanges with different delimiters: the byte after the segment id is
 * the element separator, so equal bytes mean an equal element separator, and MS1/N4 places read no component or
 * repetition separator; decoding depends on the bytes only.
 */
export class SegmentBytesCache<T> {
  readonly #entries = new Map<number, Cached<T>>()
  #size = 0
  /**
   * The hash of each entry in the order they were cached, a ring once full (`#head` is then the oldest): the
   * order is not read from the Map, whose `keys().next()` walks over the slots earlier deletes left (#26).
   */
  readonly #order: number[] = []
  #head = 0
  /**
   * The hashes of segments seen once and not cached, one per slot (by the hash's low bits; -1 when empty): a
   * segment is cached the second time it is seen. A file that names each of tens of thousands of places once would
   * otherwise fill the cache with entries that are never asked for again, each kept until dropped (so moved to the
   * old generation, then garbage there: 70 MB of such garbage on a 16 MB file of 41,000 places, #26).
   */
  readonly #seenOnce = new Int32Array(SEEN_SLOTS).fill(-1)

  /** The value for `seg`'s bytes: cached, or `make(seg)` (then cached when seen before). */
  get(seg: Segment, make: (seg: Segment) => T): T {
    const buf = seg.buf
    const start = seg.start
    const end = seg.end
    let h = 0x811c9dc5
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193)
    // 30 bits: a small-integer Map key (no heap number per lookup).
    const key = h & 0x3fffffff
    for (let e = this.#entries.get(key); e !== undefined; e = e.next) {
      const bytes = e.bytes
      if (bytes.length !== end - start) continue
      let i = 0
      while (i < bytes.length && bytes[i] === buf[start + i]) i++
      if (i === bytes.length) return e.value
    }
    const value = make(seg)
    const slot = key & (SEEN_SLOTS - 1)
    if (this.#seenOnce[slot] !== key) {
      this.#seenOnce[slot] = key
      return value
    }
    if (this.#size >= MAX_PLACES) this.#dropOldest(key)
    else this.#order.push(key)
    this.#entries.set(key, {
      bytes: Uint8Array.from(buf.subarray(start, end)),
      value,
      next: this.#entries.get(key),
    })
    this.#size++
    return value
  }

  /** Drops the entry cached first (the last of its hash's chain) and puts `key` in its place in the ring. */
  #dropOldest(key: number): void {
    const oldest = this.#order[this.#head]!
    this.#order[this.#head] = key
    this.#head = this.#head + 1 === MAX_PLACES ? 0 : this.#head + 1
    let e = this.#entries.get(oldest)
    if (e === undefined) return
    if (e.next === undefined) this.#entries.delete(oldest)
    else {
      // Newer entries of the same hash are in front of it: the chain's last entry is the oldest.
      while (e.next!.next !== undefined) e = e.next!
      e.next = undefined
    }
    this.#size--
  }
}

function parseMs1(ms1: Segment): MS1Place {
  const text = ms1.toString()
  const parsed = ms1Location(ms1)
  if (parsed.location) freezePlace(parsed.location)
  return parsed.location
    ? { location: parsed.location, invalidCoordinates: parsed.invalidCoordinates, text }
    : { invalidCoordinates: parsed.invalidCoordinates, text }
}

function parseN4(n4: Segment): Location | undefined {
  const location = n4Location(n4)
  if (location) freezePlace(location)
  return location
}

/** The place of an MS1 segment, from `cache` when the same segment was seen before. */
export function ms1Place(cache: SegmentBytesCache<MS1Place>, ms1: Segment): MS1Place {
  return cache.get(ms1, parseMs1)
}

/** The location of an N4 segment, from `cache` when the same segment was seen before. */
export function n4Place(cache: SegmentBytesCache<Location | undefined>, n4: Segment): Location | undefined {
  return cache.get(n4, parseN4)
}

/**
 * Shared places are frozen: events and shipments get copies, and the model computes the place part of event ids
 * once per frozen object.
 */
function freezePlace(location: Location): void {
  if (location.coordinates) Object.freeze(location.coordinates)
  Object.freeze(location)
}

/**
 * The places N1 party codes name (N1-03 qualifier, N1-04 id; see `placeOfPartyCode`), one frozen place per distinct
 * pair of a file: the same terminal codes recur in every set, and a place object made once is also placed in time
 * once (the time resolver keeps its zone per place object). At most {@link MAX_PLACES} pairs, oldest dropped first.
 */
export class PartyCodePlaces {
  readonly #places = new BoundedMap<string, Location | null>(MAX_PLACES)

  get(qualifier: string, id: string): Location | undefined {
    // The qualifier's length makes the key unambiguous whatever characters the parts hold.
    const key = `${qualifier.length}:${qualifier}${id}`
    let place = this.#places.get(key)
    if (place === undefined) {
      place = placeOfPartyCode(qualifier, id) ?? null
      this.#places.set(key, place)
    }
    return place ?? undefined
  }
}
