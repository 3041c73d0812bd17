/**
 * Steps both pollers take the same way (the in-process one in poller.ts and the fleet's in shared-poller.ts):
 * the poll policy from the options, the checks of `add`, the state of a newly added shipment, the error for a
 * carrier that cannot be polled, and how a change reaches the listeners.
 */
import { ConfigError, ValidationError } from '../errors/index.js'
import type { Channel } from './channel.js'
import { DEFAULT_INTERVALS, type PollPolicy } from './outcomes.js'
import type { ShipmentPollState } from './state.js'
import type { PollerChange, PollerOptions, PollerStats } from './types.js'

const MIN = 60_000
const HOUR = 60 * MIN

/** Intervals, jitter, terminal confirmation, stall threshold and error backoff, with their defaults. */
export function pollPolicy(options: Omit<PollerOptions, 'store' | 'namespace'>): PollPolicy {
  const random = options.random ?? Math.random
  const jitter = Math.min(Math.max(options.jitter ?? 0.1, 0), 0.9)
  return {
    intervals: { ...DEFAULT_INTERVALS, ...options.intervals },
    spread: (ms) => Math.max(0, Math.round(ms * (1 + jitter * (2 * random() - 1)))),
    confirmTerminal: Math.max(1, options.confirmTerminal ?? 2),
    stalledAfterMs: options.stalledAfterMs ?? 72 * HOUR,
    backoffBaseMs: options.errorBackoff?.baseMs ?? MIN,
    backoffCapMs: options.errorBackoff?.capMs ?? 6 * HOUR,
  }
}

/** The tracking number `add` was given, trimmed; throws a `ValidationError` when it is empty or not a string. */
export function trackingNumberToAdd(trackingNumber: unknown): string {
  if (typeof trackingNumber !== 'string' || trackingNumber.trim() === '') {
    throw new ValidationError('trackingNumber', 'must be a non-empty string')
  }
  return trackingNumber.trim()
}

/** The state of a shipment added at `now`: due at once, nothing seen yet. */
export function newPollState(carrier: string, trackingNumber: string, now: number): ShipmentPollState {
  return {
    v: 1,
    carrier,
    trackingNumber,
    addedAt: now,
    nextPollAt: now,
    lastChangeAt: now,
    seen: '',
    seenCount: 0,
    errors: 0,
  }
}

/** `carrier` has no adapter with `track()` among the poller's adapters. */
export function notPollable(adapters: PollerOptions['adapters'], carrier: string): ConfigError {
  const known = adapters.find((a) => a.id === carrier)
  return new ConfigError(
    known
      ? `Adapter "${carrier}" has no track() and cannot be polled`
      : `No adapter "${carrier}" was given to the poller`,
  )
}

/** Waits for `promise`, but no longer than `ms` (real time: a stop is bounded even under a manual clock). */
export function withinGrace(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref?.()
    promise.then(
      () => {
        clearTimeout(timer)
        resolve()
      },
      () => {
        clearTimeout(timer)
        resolve()
      },
    )
  })
}

/** Counters of a poller that has polled nothing yet. */
export function emptyPollerStats(): PollerStats {
  return { tracked: 0, inFlight: 0, requests: 0, polls: 0, events: 0, errors: 0 }
}

/**
 * Publishes a change to `changes()` and the callbacks. For `events`, errors of the callbacks propagate (so the
 * events are offered again) and the events are counted once delivered; a failing listener of any other change
 * cannot lose state for a notice.
 */
export async function publishChange(
  channel: Channel<PollerChange>,
  options: Pick<PollerOptions, 'onEvents' | 'onChange' | 'sink'>,
  stats: PollerStats,
  change: PollerChange,
): Promise<void> {
  channel.publish(change)
  if (change.type === 'events') {
    await options.sink?.ingestResult({ shipments: [change.shipment], notFound: [], warnings: [] })
    await options.onEvents?.(change)
    await options.onChange?.(change)
    stats.events += change.events.length
    return
  }
  try {
    if (change.type === 'not_found' && options.sink) {
      const notFound = {
        trackingNumber: change.trackingNumber,
        carrierCode: change.carrierCode,
        message: change.message,
      }
      await options.sink.ingestResult({ shipments: [], notFound: [notFound], warnings: [] })
    }
    await options.onChange?.(change)
  } catch {
    /* a failing listener cannot lose state for a notice */
  }
}

/** Checks a poller's `sink` when the poller is created. */
export function checkSink(sink: PollerOptions['sink'], factory: string): void {
  if (sink !== undefined && typeof sink?.ingestResult !== 'function')
    throw new ConfigError(`${factory}: sink must have an ingestResult function (a tracker)`)
}
