/**
 * `createSharedPoller`: the poller for many processes sharing one schedule in PostgreSQL. Each process runs
 * `concurrency` lanes per carrier; a lane claims a batch of due shipments (leased, fenced), takes a rate token,
 * calls `track()`, and then, in one transaction that re-checks the claim under a row lock, emits the new
 * events and saves each shipment's next poll. Intervals, jitter, terminal confirmation and per-shipment
 * backoff are the in-process poller's own rules (outcomes.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Adapter } from '../adapter/index.js'
import { trackAndNormalize } from '../adapter/track-and-normalize.js'
import { AbortError, CarrierError, ConfigError, isWaybillError, RateLimitError } from '../errors/index.js'
import { createRateLimiter, systemClock } from '../http/index.js'
import type { Shipment } from '../model/core.js'
import { type BatchAnswers, batchAnswers } from './answers.js'
import { carrierSettings } from './carrier-limits.js'
import { createChannel } from './channel.js'
import { afterError, afterNotFound, afterSnapshot, type Outcome } from './outcomes.js'
import {
  checkSink,
  emptyPollerStats,
  newPollState,
  notPollable,
  pollPolicy,
  publishChange,
  trackingNumberToAdd,
} from './poller-steps.js'
import {
  type Claim,
  type Finish,
  type PostgresPollQueueOptions,
  postgresPollQueue,
} from './postgres-queue.js'
import { diffEvents } from './state.js'
import type { Poller, PollerChange, PollerOptions, PollerStats } from './types.js'

const MIN = 60_000

/** Options of {@link createSharedPoller}: those of `createPoller` (without `store`/`namespace`) plus the schedule. */
export interface SharedPollerOptions extends Omit<PollerOptions, 'store' | 'namespace'> {
  /** The PostgreSQL schedule every process of the fleet shares (same table). */
  postgres: PostgresPollQueueOptions
  /**
   * How long a claim lasts. A worker that dies loses its claims when it ends; a result that comes back after it
   * is rejected (never emitted). Set it well above the slowest `track()` call plus the wait for a rate token.
   * @default 60_000
   */
  leaseMs?: number
  /** Longest sleep of an idle lane, so shipments added by other processes are picked up. @default 1_000 */
  idleMs?: number
  /** This process's name in the leases. @default a random UUID */
  workerId?: string
}

/** Counters of one process of the fleet. */
export interface SharedPollerStats extends PollerStats {
  /** Results dropped because the claim had ended (lease over, or claimed again): never emitted. */
  rejected: number
}

/** The poller of {@link createSharedPoller}: the `Poller` API, with its own counters. */
export interface SharedPoller extends Omit<Poller, 'stats'> {
  stats(): SharedPollerStats
}

/**
 * Creates a poller that shares its schedule with every other process using the same table: each due shipment
 * is polled by one of them, once per interval.
 * @example
 * const poller = createSharedPoller({
 *   adapters: [fedex({ clientId, clientSecret })],
 *   postgres: { connectionString: process.env.DATABASE_URL },
 *   limiter: createRateLimiter({ shared: postgresLimiterBackend({ connectionString: process.env.DATABASE_URL }) }),
 *   onEvents: (c) => publish(c),
 * })
 * await poller.start()
 */
export function createSharedPoller(options: SharedPollerOptions): SharedPoller {
  const clock = options.clock ?? systemClock
  const leaseMs = options.leaseMs ?? 60_000
  const idleMs = options.idleMs ?? 1_000
  if (!(leaseMs >= 100 && Number.isFinite(leaseMs)))
    throw new ConfigError('createSharedPoller: leaseMs must be >= 100')
  if (!(idleMs >= 1 && Number.isFinite(idleMs)))
    throw new ConfigError('createSharedPoller: idleMs must be >= 1')
  checkSink(options.sink, 'createSharedPoller')
  const worker = options.workerId ?? randomUUID()
  const policy = pollPolicy(options)
  const queue = postgresPollQueue(options.postgres)
  const limiter = options.limiter ?? createRateLimiter({ clock })
  const stats: SharedPollerStats = { ...emptyPollerStats(), rejected: 0 }
  const channel = createChannel<PollerChange>()
  const work = new AbortController()
  const lanes: Promise<void>[] = []
  const sleepers = new Set<() => void>()
  let running = false
  let stopping: Promise<void> | undefined
  /** `stop({ abort: true })` stopped waiting: late results are dropped (their claims simply run out). */
  let abandoned = false
  const abortGraceMs = options.abortGraceMs ?? 2_000

  interface Carrier {
    adapter: Adapter
    key: string
    maxBatch: number
    concurrency: number
  }
  const carriers = new Map<string, Carrier>()
  for (const adapter of options.adapters) {
    if (!adapter.track) continue
    carriers.set(adapter.id, { adapter, ...carrierSettings(adapter, options, limiter) })
  }

  const carrierFor = (id: string): Carrier => {
    const c = carriers.get(id)
    if (!c) throw notPollable(options.adapters, id)
    return c
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        cancel()
        sleepers.delete(done)
        resolve()
      }
      const cancel = clock.setTimer(done, ms)
      sleepers.add(done)
    })

  /** Publishes a change; for `events`, throws when the listener does (the caller then backs off, unsaved). */
  const notice = (change: PollerChange) => publishChange(channel, options, stats, change)

  /** The outcome of one accepted shipment: emits, and returns what to save. */
  const decideOne = async (
    claim: Claim,
    now: number,
    result: { shipment?: Shipment; notFound?: { carrierCode?: string; message?: string }; error?: unknown },
  ): Promise<Finish> => {
    const state = claim.state
    const id = { carrier: state.carrier, trackingNumber: state.trackingNumber }
    const failed = async (error: unknown): Promise<Finish> => {
      const err = error instanceof Error ? error : new Error(String(error))
      const next = afterError(state, err, now, policy)
      stats.errors++
      await notice({ type: 'error', ...id, error: err, errors: next.errors, nextPollAt: next.nextPollAt })
      return { trackingNumber: claim.trackingNumber, state: next }
    }
    if (result.error !== undefined) return failed(result.error)
    let outcome: Outcome
    try {
      if (result.shipment) {
        const diff = diffEvents(state, result.shipment.events)
        if (diff.fresh.length > 0) {
          await notice({
            type: 'events',
            ...id,
            events: diff.fresh,
            status: result.shipment.status,
            milestone: result.shipment.milestone,
            shipment: result.shipment,
          })
        }
        outcome = afterSnapshot(state, result.shipment, diff, now, policy)
      } else {
        outcome = afterNotFound(state, now, policy)
      }
    } catch (error) {
      return failed(error)
    }
    stats.polls++
    if (outcome.firstNotFound) await notice({ type: 'not_found', ...id, ...result.notFound })
    if (outcome.stalled) {
      await notice({
        type: 'stalled',
        ...id,
        lastChangeAt: outcome.state.lastChangeAt,
        status: outcome.state.status,
      })
    }
    if (outcome.completed) {
      await notice({
        type: 'completed',
        ...id,
        status: outcome.state.status ?? 'unknown',
        milestone: outcome.state.milestone ?? 'unknown',
      })
    }
    return { trackingNumber: claim.trackingNumber, state: outcome.state }
  }

  /** One claimed batch: token, `track()`, then the fenced finish (or a release on 429/abort). */
  const pollClaims = async (c: Carrier, claims: Claim[]) => {
    try {
      await limiter.acquire(c.key, { signal: work.signal })
    } catch (error) {
      const wait = error instanceof RateLimitError ? (error.retryAfterMs ?? MIN) : 0
      await queue.release(c.adapter.id, worker, claims, (await queue.now()) + wait)
      if (!(error instanceof RateLimitError) && !(error instanceof AbortError)) await sleep(1_000)
      return
    }
    const numbers = claims.map((x) => x.trackingNumber)
    stats.requests++
    let answers: BatchAnswers | undefined
    let trackError: unknown
    try {
      const http = typeof options.http === 'function' ? options.http(c.adapter) : options.http
      answers = batchAnswers(
        (await trackAndNormalize(c.adapter, numbers, { signal: work.signal, http })).payloads,
      )
    } catch (error) {
      trackError = error
    }
    if (trackError !== undefined) {
      const aborted = work.signal.aborted || (isWaybillError(trackError) && trackError.code === 'ERR_ABORTED')
      if (aborted || trackError instanceof RateLimitError) {
        const wait = trackError instanceof RateLimitError ? (trackError.retryAfterMs ?? MIN) : 0
        if (trackError instanceof RateLimitError && trackError.code !== 'ERR_QUOTA')
          limiter.penalize(c.key, wait)
        await queue.release(c.adapter.id, worker, claims, (await queue.now()) + wait)
        return
      }
    }
    if (abandoned) return
    const { rejected } = await queue.finish(c.adapter.id, worker, claims, async (accepted, now) => {
      const writes: Finish[] = []
      for (const claim of accepted) {
        const shipment = answers?.shipment(claim.trackingNumber)
        const notFound = answers?.notFound(claim.trackingNumber)
        const error =
          trackError ??
          (shipment || notFound
            ? undefined
            : (answers?.normalizeError ??
              new CarrierError(c.adapter.id, `no result for ${claim.trackingNumber} in the response`)))
        writes.push(await decideOne(claim, now, { shipment, notFound, error }))
      }
      return writes
    })
    stats.rejected += rejected.length
  }

  const lane = async (c: Carrier) => {
    while (running) {
      try {
        const { claims } = await queue.claim(c.adapter.id, worker, c.maxBatch, leaseMs)
        if (claims.length === 0) {
          const wait = await queue.nextDueIn(c.adapter.id)
          await sleep(Math.max(1, Math.min(idleMs, wait ?? idleMs)))
          continue
        }
        stats.inFlight++
        stats.tracked += claims.length
        try {
          await pollClaims(c, claims)
        } finally {
          stats.inFlight--
          stats.tracked -= claims.length
        }
      } catch {
        // The schedule's database failed: nothing was claimed or the claim runs out on its own; try again later.
        if (running) await sleep(1_000)
      }
    }
  }

  const poller: SharedPoller = {
    async add(carrier: string, trackingNumber: string) {
      const n = trackingNumberToAdd(trackingNumber)
      carrierFor(carrier)
      await queue.add(newPollState(carrier, n, await queue.now()))
      for (const wake of [...sleepers]) wake()
    },
    remove: (carrier: string, trackingNumber: string) => queue.remove(carrier, trackingNumber.trim()),
    async start() {
      if (running) return
      if (stopping) throw new ConfigError('This poller was stopped; create a new one to resume')
      await queue.now() // connect and create the schema before the lanes start
      running = true
      for (const c of carriers.values()) for (let i = 0; i < c.concurrency; i++) lanes.push(lane(c))
    },
    stop(opts: { abort?: boolean } = {}) {
      if (opts.abort) work.abort()
      stopping ??= (async () => {
        running = false
        for (const wake of [...sleepers]) wake()
        const drained = Promise.allSettled(lanes)
        if (!work.signal.aborted) await drained
        else {
          const late = await Promise.race([
            drained.then(() => false),
            new Promise<boolean>((resolve) => setTimeout(resolve, abortGraceMs, true).unref?.()),
          ])
          if (late) abandoned = true
        }
        channel.end()
        await queue.close()
      })()
      return stopping
    },
    changes: () => channel.iterator(),
    state: (carrier: string, trackingNumber: string) => queue.get(carrier, trackingNumber.trim()),
    stats: () => ({ ...stats }),
  }
  if (options.signal) {
    options.signal.addEventListener('abort', () => void poller.stop({ abort: true }), { once: true })
  }
  return poller
}
