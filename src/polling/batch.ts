/**
 * One poll of a batch: `track()` the numbers, `normalize()` each payload, diff events per shipment, then emit,
 * save and reschedule each one. Carrier-wide failures (429, quota, abort) reschedule the batch without counting
 * as shipment errors; anything else backs off per shipment.
 */
import type { Adapter } from '../adapter/index.js'
import { trackAndNormalize } from '../adapter/track-and-normalize.js'
import { CarrierError, isWaybillError, RateLimitError } from '../errors/index.js'
import type { Clock, HttpClient, RateLimiter } from '../http/index.js'
import type { Shipment } from '../model/core.js'
import { type BatchAnswers, batchAnswers } from './answers.js'
import type { MinHeap } from './heap.js'
import { afterError, afterNotFound, afterSnapshot, type Outcome, type PollPolicy } from './outcomes.js'
import { diffEvents, type ShipmentPollState } from './state.js'
import type { PollerChange, PollerStats } from './types.js'

const MIN = 60_000

/** A scheduled shipment in memory (the state itself lives in the store). */
export interface Entry {
  key: string
  trackingNumber: string
  next: number
  pos: number
  inFlight: boolean
}

/** One carrier's queue and loop. */
export interface Runner {
  adapter: Adapter
  key: string
  maxBatch: number
  concurrency: number
  heap: MinHeap<Entry>
  inFlight: number
  /** `track()` calls started (used to yield to the event loop now and then). */
  dispatched: number
  wake?: () => void
  loop?: Promise<void>
  /** Consecutive failures of the limiter itself (not 429s or quota), for the wait before asking again. */
  limiterFailures?: number
}

/** What a batch needs from the poller. */
export interface BatchContext {
  clock: Clock
  policy: PollPolicy
  limiter: RateLimiter
  /** Aborts in-flight `track()` calls. */
  signal: AbortSignal
  stats: PollerStats
  http(adapter: Adapter): HttpClient | undefined
  /** False once the shipment was removed (its result is then dropped). */
  isCurrent(entry: Entry): boolean
  emit(change: PollerChange): Promise<void>
  load(entry: Entry): Promise<ShipmentPollState | undefined>
  save(state: ShipmentPollState): Promise<void>
  schedule(runner: Runner, entry: Entry, next: number): void
  /** The shipment is finished: drop it from memory. */
  retire(entry: Entry): void
}

export async function pollBatch(ctx: BatchContext, runner: Runner, batch: Entry[]): Promise<void> {
  const { adapter } = runner
  const numbers = batch.map((e) => e.trackingNumber)
  const states = await Promise.all(batch.map((e) => ctx.load(e)))
  ctx.stats.requests++
  let answers: BatchAnswers
  try {
    const read = await trackAndNormalize(adapter, numbers, { signal: ctx.signal, http: ctx.http(adapter) })
    answers = batchAnswers(read.payloads)
  } catch (error) {
    const now = ctx.clock.now()
    if (ctx.signal.aborted || (isWaybillError(error) && error.code === 'ERR_ABORTED')) {
      for (const e of batch) if (ctx.isCurrent(e)) ctx.schedule(runner, e, e.next)
      return
    }
    if (error instanceof RateLimitError) {
      const wait = error.retryAfterMs ?? MIN
      if (error.code !== 'ERR_QUOTA') ctx.limiter.penalize(runner.key, wait)
      for (const e of batch) if (ctx.isCurrent(e)) ctx.schedule(runner, e, now + wait)
      return
    }
    await Promise.all(batch.map((e, i) => failed(ctx, runner, e, states[i], error)))
    return
  }
  await Promise.all(
    batch.map(async (entry, i) => {
      const state = states[i]
      if (!ctx.isCurrent(entry)) return
      if (!state) return ctx.retire(entry)
      const shipment = answers.shipment(entry.trackingNumber)
      const nf = answers.notFound(entry.trackingNumber)
      try {
        if (shipment) await updated(ctx, runner, entry, state, shipment)
        else if (nf) await settle(ctx, runner, entry, afterNotFound(state, ctx.clock.now(), ctx.policy), nf)
        else {
          const why =
            answers.normalizeError ??
            new CarrierError(adapter.id, `no result for ${entry.trackingNumber} in the response`)
          await failed(ctx, runner, entry, state, why)
        }
      } catch (error) {
        await failed(ctx, runner, entry, state, error)
      }
    }),
  )
}

async function updated(
  ctx: BatchContext,
  runner: Runner,
  entry: Entry,
  state: ShipmentPollState,
  shipment: Shipment,
) {
  const now = ctx.clock.now()
  const diff = diffEvents(state, shipment.events)
  if (diff.fresh.length > 0) {
    await ctx.emit({
      type: 'events',
      carrier: state.carrier,
      trackingNumber: state.trackingNumber,
      events: diff.fresh,
      status: shipment.status,
      milestone: shipment.milestone,
      shipment,
    })
  }
  await settle(ctx, runner, entry, afterSnapshot(state, shipment, diff, now, ctx.policy))
}

/** Emits the notices of an outcome, saves the state and schedules the next poll (or retires the shipment). */
async function settle(
  ctx: BatchContext,
  runner: Runner,
  entry: Entry,
  outcome: Outcome,
  nf?: { carrierCode?: string; message?: string },
) {
  const { state } = outcome
  const id = { carrier: state.carrier, trackingNumber: state.trackingNumber }
  ctx.stats.polls++
  if (outcome.firstNotFound) await ctx.emit({ type: 'not_found', ...id, ...nf })
  if (outcome.stalled) {
    await ctx.emit({ type: 'stalled', ...id, lastChangeAt: state.lastChangeAt, status: state.status })
  }
  if (outcome.completed) {
    await ctx.emit({
      type: 'completed',
      ...id,
      status: state.status ?? 'unknown',
      milestone: state.milestone ?? 'unknown',
    })
  }
  if (!ctx.isCurrent(entry)) return
  await ctx.save(state)
  if (outcome.completed) ctx.retire(entry)
  else ctx.schedule(runner, entry, state.nextPollAt)
}

async function failed(
  ctx: BatchContext,
  runner: Runner,
  entry: Entry,
  state: ShipmentPollState | undefined,
  error: unknown,
) {
  if (!ctx.isCurrent(entry)) return
  if (!state) return ctx.retire(entry)
  const err = error instanceof Error ? error : new Error(String(error))
  const next = afterError(state, err, ctx.clock.now(), ctx.policy)
  ctx.stats.errors++
  await ctx.emit({
    type: 'error',
    carrier: state.carrier,
    trackingNumber: state.trackingNumber,
    error: err,
    errors: next.errors,
    nextPollAt: next.nextPollAt,
  })
  if (!ctx.isCurrent(entry)) return
  await ctx.save(next)
  ctx.schedule(runner, entry, next.nextPollAt)
}
