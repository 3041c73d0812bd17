/**
 * What a poll result does to a shipment's state: the next poll time by status (with jitter), confirmation of a
 * terminal status, the stalled signal, not-found and per-shipment error backoff. Pure functions of the state.
 */
import { isWaybillError } from '../errors/index.js'
import { redactBody } from '../http/redact.js'
import { isTerminal, type Shipment } from '../model/core.js'
import type { EventDiff, ShipmentPollState } from './state.js'
import type { PollIntervals } from './types.js'

const MIN = 60_000
const HOUR = 60 * MIN

/** The default poll intervals (see `PollerOptions.intervals`). */
export const DEFAULT_INTERVALS: PollIntervals = {
  pre_transit: 6 * HOUR,
  in_transit: 2 * HOUR,
  out_for_delivery: 20 * MIN,
  available_for_pickup: 4 * HOUR,
  delivery_attempted: HOUR,
  exception: HOUR,
  returned_to_sender: 4 * HOUR,
  delivered: HOUR,
  failure: HOUR,
  cancelled: HOUR,
  unknown: 2 * HOUR,
  notFound: 3 * HOUR,
}

/** The resolved scheduling policy of a poller. */
export interface PollPolicy {
  intervals: PollIntervals
  /** Applies jitter to a delay. */
  spread(ms: number): number
  confirmTerminal: number
  stalledAfterMs: number
  backoffBaseMs: number
  backoffCapMs: number
}

/** The new state, and which notices to emit. */
export interface Outcome {
  state: ShipmentPollState
  completed: boolean
  stalled: boolean
  firstNotFound: boolean
}

/** After the carrier returned a snapshot of the shipment. */
export function afterSnapshot(
  state: ShipmentPollState,
  shipment: Shipment,
  diff: EventDiff,
  now: number,
  policy: PollPolicy,
): Outcome {
  const next: ShipmentPollState = {
    ...state,
    status: shipment.status,
    milestone: shipment.milestone,
    lastPolledAt: now,
    seen: diff.seen,
    seenBase: diff.seenBase,
    seenCount: diff.seenCount,
    floor: diff.floor,
    errors: 0,
    error: undefined,
    notFound: undefined,
  }
  const last = shipment.events.at(-1)
  if (last) next.lastEventAt = last.occurredAt
  if (diff.fresh.length > 0) {
    next.lastChangeAt = now
    next.stalled = undefined
  }
  const terminal = isTerminal(shipment.status, shipment.milestone)
  next.terminalSeen = terminal ? (state.terminalSeen ?? 0) + 1 : undefined
  if (terminal && (next.terminalSeen ?? 0) >= policy.confirmTerminal) {
    next.done = true
    next.stalled = undefined
    next.nextPollAt = 0
    return { state: next, completed: true, stalled: false, firstNotFound: false }
  }
  next.nextPollAt = now + policy.spread(policy.intervals[shipment.status])
  return { state: next, completed: false, stalled: markStalled(next, now, policy), firstNotFound: false }
}

/** After the carrier said it does not know the number (yet). */
export function afterNotFound(state: ShipmentPollState, now: number, policy: PollPolicy): Outcome {
  const next: ShipmentPollState = {
    ...state,
    lastPolledAt: now,
    notFound: (state.notFound ?? 0) + 1,
    errors: 0,
    error: undefined,
    nextPollAt: now + policy.spread(policy.intervals.notFound),
  }
  return {
    state: next,
    completed: false,
    stalled: markStalled(next, now, policy),
    firstNotFound: next.notFound === 1,
  }
}

/** After a failed poll: exponential backoff per shipment, the error kept (redacted, truncated) on the state. */
export function afterError(
  state: ShipmentPollState,
  error: Error,
  now: number,
  policy: PollPolicy,
): ShipmentPollState {
  const errors = state.errors + 1
  const delay = policy.spread(Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** (errors - 1)))
  const code = isWaybillError(error) ? error.code : error.name
  return {
    ...state,
    lastPolledAt: now,
    errors,
    error: { code, message: redactBody(error.message).slice(0, 120), at: now },
    nextPollAt: now + delay,
  }
}

function markStalled(state: ShipmentPollState, now: number, policy: PollPolicy): boolean {
  if (state.stalled || now - state.lastChangeAt < policy.stalledAfterMs) return false
  state.stalled = true
  return true
}
