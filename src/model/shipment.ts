/**
 * The canonical shipment snapshot and {@link deriveStatus}, which computes the current status from the events
 * (latest by instant, with the terminal rules of docs/status-model.md), never from array position.
 */
import { sortEvents } from './event.js'
import type { Shipment, TrackingEvent } from './schemas.js'
import { isTerminal, type Milestone, type Status } from './status.js'

export type { Shipment } from './schemas.js'

export interface DerivedStatus {
  status: Status
  milestone: Milestone
  reason?: string
  /** The event the status was taken from. */
  event?: TrackingEvent
}

/**
 * The current status of a shipment from its events:
 * - the latest event by instant wins (ties keep input order: the later one wins); an event whose zone is unknown
 *   is placed by its wall time (see `sortEvents`), and counts like any other: a delivery still delivers;
 * - `unknown` events never replace a known status;
 * - after a terminal event (delivered, failure, cancelled, or a return delivered back), a later non-terminal event
 *   does not reopen the shipment — except a return (`returned_to_sender`), which can follow a delivery (refused);
 *   a return only started (`return_initiated`) after a delivery leaves the shipment delivered.
 * No events: `pre_transit`/`label_created` is not assumed; the result is `unknown`.
 */
export function deriveStatus(events: readonly TrackingEvent[]): DerivedStatus {
  return deriveFromSorted(sortEvents(events))
}

/**
 * {@link deriveStatus} of events the caller has already put in instant order (as `sortEvents` does), without
 * reading their instants again. For adapters that assemble shipments themselves; events out of order give a
 * wrong answer.
 * @internal
 */
export function deriveStatusInOrder(sorted: readonly TrackingEvent[]): DerivedStatus {
  return deriveFromSorted(sorted)
}

/** {@link deriveStatus} of events already in instant order (buildShipment has just sorted them). */
function deriveFromSorted(sorted: readonly TrackingEvent[]): DerivedStatus {
  let current: TrackingEvent | undefined
  for (const event of sorted) {
    if (event.status === 'unknown' && current) continue
    if (
      current &&
      isTerminal(current.status, current.milestone) &&
      !isTerminal(event.status, event.milestone)
    ) {
      // A return can follow a delivery (refused, recalled); a return merely started after it (the customer sends
      // the item back) leaves the shipment delivered: the return shows on the timeline, not in the status.
      if (event.status !== 'returned_to_sender' || event.milestone === 'return_initiated') continue
    }
    current = event
  }
  if (!current) return { status: 'unknown', milestone: 'unknown' }
  return current.reason === undefined
    ? { status: current.status, milestone: current.milestone, event: current }
    : { status: current.status, milestone: current.milestone, reason: current.reason, event: current }
}

/** Input of {@link buildShipment}: everything but the derived fields. */
export type ShipmentDraft = Omit<
  Shipment,
  'status' | 'milestone' | 'reason' | 'identifiers' | 'raw' | 'events'
> & {
  /** The events, in any order (a read-only list, such as `UniqueEvents.inOrder()`'s, is fine: it is copied). */
  events: readonly TrackingEvent[]
  identifiers?: Partial<Shipment['identifiers']>
  raw?: unknown[]
}

/** How `buildShipment` may take its draft. */
export interface BuildOptions {
  /**
   * The caller has put `draft.events` in instant order already (as a stable sort by instant gives it, e.g.
   * `UniqueEvents.inOrder()`): they are copied, not sorted. Events out of order then give a wrong status.
   * @default false
   */
  eventsInOrder?: boolean
}

/**
 * The events with each id once (the first kept): a carrier that repeats a scan within one answer gives one event,
 * whichever adapter read it. Callers that de-duplicate on the way in (`UniqueEvents`) pass `eventsInOrder` and
 * skip this. Returns the same array when nothing repeats.
 */
function firstOfEachId(events: TrackingEvent[]): TrackingEvent[] {
  if (events.length < 2) return events
  const seen = new Set<string>()
  let kept: TrackingEvent[] | undefined
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!
    if (!seen.has(event.id)) {
      seen.add(event.id)
      kept?.push(event)
    } else kept ??= events.slice(0, i)
  }
  return kept ?? events
}

/**
 * Builds a snapshot: sorts events by instant, keeps each event id once, derives status/milestone/reason and
 * `deliveredAt`.
 * Adapters use this so that no adapter computes status its own way.
 * @example buildShipment({ carrier: 'acme', trackingNumber: 'A1', events: unique.inOrder() }, { eventsInOrder: true })
 */
export function buildShipment(draft: ShipmentDraft, options: BuildOptions = {}): Shipment {
  const events = options.eventsInOrder ? [...draft.events] : firstOfEachId(sortEvents(draft.events))
  const derived = deriveFromSorted(events)
  const delivered = derived.status === 'delivered' ? derived.event?.occurredAt : undefined
  // What `{ ...draft, events, status, milestone, identifiers, raw }` gives (same keys, same order), key by key:
  // docs/performance.md "V8 notes".
  const shipment = {} as Shipment
  const target = shipment as unknown as Record<string, unknown>
  const source = draft as unknown as Record<string, unknown>
  for (const key in source) if (Object.hasOwn(source, key)) target[key] = source[key]
  shipment.events = events
  shipment.status = derived.status
  shipment.milestone = derived.milestone
  const identifiers = { references: [] } as Shipment['identifiers']
  if (draft.identifiers) Object.assign(identifiers, draft.identifiers)
  shipment.identifiers = identifiers
  shipment.raw = draft.raw ?? []
  if (derived.reason !== undefined) shipment.reason = derived.reason
  else if ('reason' in shipment) delete shipment.reason
  if (draft.deliveredAt === undefined && delivered) shipment.deliveredAt = delivered
  return shipment
}
