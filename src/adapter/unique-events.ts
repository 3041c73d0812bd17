/**
 * De-duplication of a shipment's events by id, cheap per event: the one path the adapters that meet repeated
 * events use (DHL, USPS, UPS, FedEx, CSV). It also knows whether the events came in instant order, so
 * `buildShipment` need not read every instant again to find out.
 */
import { sortByInstants, type TrackingEvent } from '../model/core.js'

/**
 * The events of one shipment, each id once (carriers repeat events). An id is derived from the event's instant
 * among other facts, so only events at the same instant can share one. Carriers list events in time order (newest
 * or oldest first): while each instant keeps moving the same way, no two are equal and nothing is looked up at
 * all. From the first event that breaks the run on, events are grouped by the minute of their instant (a small
 * integer, cheap to look up) and ids compared within a group; no id string is ever hashed.
 * @example
 * const events = new UniqueEvents()
 * for (const scan of scans) events.add(createEvent(...), instantOfScan)
 * buildShipment({ ..., events: events.inOrder() })
 */
export class UniqueEvents {
  /** The kept events, in the order they were added. */
  readonly list: TrackingEvent[] = []
  /** The instant of each event in `list`. */
  private readonly order: number[] = []
  /** 1 while instants rise, -1 while they fall, 0 after a single event. */
  private direction = 0
  /** Kept events by the minute of their instant, once the run is broken. */
  private byMinute: Map<number, TrackingEvent | TrackingEvent[]> | undefined
  /** Instant of the last kept event, and whether all kept so far are in rising / falling order (ties allowed). */
  private last = Number.NaN
  private rising = true
  private falling = true

  /**
   * Keeps `event` unless one with its id is already kept (then returns false); `instant` is its `occurredAt` in
   * epoch ms.
   */
  add(event: TrackingEvent, instant: number): boolean {
    if (this.byMinute === undefined) {
      if (this.continuesRun(instant)) {
        this.keep(event, instant)
        return true
      }
      this.byMinute = new Map()
      for (let i = 0; i < this.list.length; i++)
        this.group(this.list[i] as TrackingEvent, this.order[i] as number)
    }
    if (!this.group(event, instant)) return false
    this.keep(event, instant)
    return true
  }

  /**
   * Files `event` under the minute of its instant, unless an event with its id is filed there (false). Equal ids
   * mean equal instants, so only events of one minute are compared; a minute (unlike an epoch-ms instant) is a
   * small integer, which a Map hashes without boxing it.
   */
  private group(event: TrackingEvent, instant: number): boolean {
    const byMinute = this.byMinute as Map<number, TrackingEvent | TrackingEvent[]>
    const minute = Math.floor(instant / 60_000)
    const known = byMinute.get(minute)
    if (known === undefined) byMinute.set(minute, event)
    else if (Array.isArray(known)) {
      if (known.some((other) => other.id === event.id)) return false
      known.push(event)
    } else {
      if (known.id === event.id) return false
      byMinute.set(minute, [known, event])
    }
    return true
  }

  private keep(event: TrackingEvent, instant: number): void {
    if (this.list.length > 0) {
      // NaN compares false both ways: such a list is left to buildShipment's sort.
      if (!(instant >= this.last)) this.rising = false
      if (!(instant <= this.last)) this.falling = false
    } else if (Number.isNaN(instant)) {
      this.rising = false
      this.falling = false
    }
    this.last = instant
    this.list.push(event)
    this.order.push(instant)
  }

  /**
   * The kept events for `buildShipment`: a new array in instant order, as a stable sort gives it, sorted by the
   * instants given to `add` (nothing is sorted when they came oldest or newest first); frozen, so that the order
   * cannot be broken afterwards. Pass `{ eventsInOrder: true }` to `buildShipment` with it, unless an event had an
   * unreadable instant (`hasUnplacedEvents`): those are returned as added, for `buildShipment` to sort.
   */
  inOrder(): readonly TrackingEvent[] {
    const count = this.list.length
    if (count < 2) return this.list
    if (this.rising) return Object.freeze(this.list.slice())
    if (!this.falling) return this.sortedByInstant()
    // Newest first: reversed, except that events at one instant keep the order they came in (a stable sort's).
    const ordered: TrackingEvent[] = []
    let end = count
    while (end > 0) {
      let start = end - 1
      while (start > 0 && this.order[start - 1] === this.order[end - 1]) start--
      for (let i = start; i < end; i++) ordered.push(this.list[i] as TrackingEvent)
      end = start
    }
    return Object.freeze(ordered)
  }

  /** True when an event was added with an unreadable instant (NaN): `inOrder()` is then not in order. */
  get hasUnplacedEvents(): boolean {
    for (let i = 0; i < this.order.length; i++) if (Number.isNaN(this.order[i])) return true
    return false
  }

  /**
   * The kept events sorted by their known instants, as `sortEvents` would (stable), without reading any
   * `occurredAt` again; a list with an unreadable instant (NaN) is left to `buildShipment`.
   */
  private sortedByInstant(): readonly TrackingEvent[] {
    for (let i = 0; i < this.order.length; i++) if (Number.isNaN(this.order[i])) return this.list
    return Object.freeze(sortByInstants(this.list, this.order))
  }

  /** Does `instant` move on from the last one the way the run goes (strictly, so that it cannot equal any)? */
  private continuesRun(instant: number): boolean {
    const count = this.order.length
    if (count === 0) return !Number.isNaN(instant)
    const step = instant - (this.order[count - 1] as number)
    if (this.direction === 0) {
      if (step > 0) this.direction = 1
      else if (step < 0) this.direction = -1
      return this.direction !== 0 // an equal (or NaN) instant ends the run
    }
    return step * this.direction > 0
  }
}
