/**
 * The per-shipment poll state kept in the `Store` (< 1 KB each), and the event diff: which events of a fresh
 * snapshot were never emitted before. Ids are kept as 8-character digests (with their instants) of the latest
 * {@link SEEN_LIMIT} events plus a time floor for older ones.
 */
import { eventInstant, type Milestone, type Status, type TrackingEvent, wallTimeOf } from '../model/core.js'

/** How many event ids a state remembers (8 characters each). */
export const SEEN_LIMIT = 32
const ID_LEN = 8

/** What the poller stores per shipment (JSON, well under 1 KB). */
export interface ShipmentPollState {
  v: 1
  carrier: string
  trackingNumber: string
  status?: Status
  milestone?: Milestone
  addedAt: number
  nextPollAt: number
  lastPolledAt?: number
  /** When new events last arrived (or when the shipment was added). Drives the stalled signal. */
  lastChangeAt: number
  /** `occurredAt` of the latest event seen. */
  lastEventAt?: string
  /** The latest events by instant: per event an 8-character digest and 5 base-36 digits of seconds after `seenBase`. */
  seen: string
  /** Epoch seconds the instants in `seen` count from. */
  seenBase?: number
  /** Distinct events emitted so far. */
  seenCount: number
  /** Epoch seconds: events at or before this instant that are not in `seen` are old (evicted from `seen`). */
  floor?: number
  /** Consecutive failed polls. */
  errors: number
  /** The last error, redacted and truncated. */
  error?: { code: string; message: string; at: number }
  /** Consecutive polls where the carrier did not know the number. */
  notFound?: number
  /** Consecutive polls that returned a terminal status. */
  terminalSeen?: number
  /** Polling has stopped: the terminal status was confirmed. */
  done?: boolean
  /** The stalled signal was emitted and nothing new arrived since. */
  stalled?: boolean
}

/** An 8-character digest of an event id (the hash part of canonical `ev_` ids, else two FNV-1a rounds). */
export function shortId(id: string): string {
  if (id.length === 25 && id.startsWith('ev_')) return id.slice(3, 3 + ID_LEN)
  let a = 0x811c9dc5
  let b = 0x01000193 ^ id.length
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  return toB64((a >>> 8) & 0xffffff) + toB64((b >>> 8) & 0xffffff)
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
function toB64(n: number): string {
  return (
    (ALPHABET[(n >> 18) & 63] as string) +
    (ALPHABET[(n >> 12) & 63] as string) +
    (ALPHABET[(n >> 6) & 63] as string) +
    (ALPHABET[n & 63] as string)
  )
}

/** The result of {@link diffEvents}. */
export interface EventDiff {
  /** Events not emitted before, in instant order. */
  fresh: TrackingEvent[]
  seen: string
  seenBase: number | undefined
  floor: number | undefined
  seenCount: number
}

/** The part of {@link ShipmentPollState} the diff reads. */
export type SeenState = Pick<ShipmentPollState, 'seen' | 'seenBase' | 'floor' | 'seenCount'>

const AT_LEN = 5
const AT_MAX = 36 ** AT_LEN - 1
const ENTRY_LEN = ID_LEN + AT_LEN

/**
 * Compares a snapshot's events with what the state has seen. An event is new when its digest is not among the
 * remembered ones and it is later than the floor. Afterwards the state remembers the latest {@link SEEN_LIMIT}
 * events (digest + instant in seconds) of the union, and the floor rises to the newest evicted instant.
 * Limitation: an event that first appears after more than {@link SEEN_LIMIT} later events were seen, with an
 * instant at or before the floor, is taken as already emitted.
 */
export function diffEvents(state: SeenState, events: readonly TrackingEvent[]): EventDiff {
  // Fast path (the usual poll): every event is already remembered.
  if (events.length > 0 && events.length <= state.seen.length / ENTRY_LEN && allKnown(state.seen, events)) {
    return {
      fresh: [],
      seen: state.seen,
      seenBase: state.seenBase,
      floor: state.floor,
      seenCount: state.seenCount,
    }
  }
  const known = new Map<string, number>()
  const base = state.seenBase ?? 0
  for (let i = 0; i + ENTRY_LEN <= state.seen.length; i += ENTRY_LEN) {
    known.set(
      state.seen.slice(i, i + ID_LEN),
      base + Number.parseInt(state.seen.slice(i + ID_LEN, i + ENTRY_LEN), 36),
    )
  }
  const floor = state.floor
  const fresh: { event: TrackingEvent; at: number }[] = []
  const union = new Map(known)
  let changed = false
  for (const event of events) {
    const id = shortId(event.id)
    if (union.has(id) && !known.has(id)) continue
    // An event whose zone is unknown has no instant: its wall time read as UTC stands in (it only orders).
    const instant = eventInstant(event)
    const ms = Number.isNaN(instant) ? wallTimeOf(event.occurredAt) : instant
    const at = Number.isNaN(ms) ? 0 : Math.floor(ms / 1000)
    if (!known.has(id)) {
      changed = true
      if (floor === undefined || at > floor) fresh.push({ event, at })
    } else if (known.get(id) !== at) {
      changed = true
    }
    union.set(id, at)
  }
  if (!changed)
    return { fresh: [], seen: state.seen, seenBase: state.seenBase, floor, seenCount: state.seenCount }
  const sorted = [...union].sort((x, y) => x[1] - y[1])
  let newFloor = floor
  const evicted = sorted.length - SEEN_LIMIT
  if (evicted > 0) {
    const newest = (sorted[evicted - 1] as [string, number])[1]
    newFloor = Math.max(newFloor ?? newest, newest)
  }
  const kept = evicted > 0 ? sorted.slice(evicted) : sorted
  const newBase = kept.length > 0 ? (kept[0] as [string, number])[1] : undefined
  const seen = kept
    .map(
      ([id, at]) =>
        id +
        Math.min(AT_MAX, at - (newBase ?? 0))
          .toString(36)
          .padStart(AT_LEN, '0')
          .slice(-AT_LEN),
    )
    .join('')
  fresh.sort((x, y) => x.at - y.at)
  return {
    fresh: fresh.map((f) => f.event),
    seen,
    seenBase: newBase,
    floor: newFloor,
    seenCount: state.seenCount + fresh.length,
  }
}

function allKnown(seen: string, events: readonly TrackingEvent[]): boolean {
  for (const event of events) {
    const id = shortId(event.id)
    let at = seen.indexOf(id)
    while (at >= 0 && at % ENTRY_LEN !== 0) at = seen.indexOf(id, at + 1)
    if (at < 0) return false
  }
  return true
}
