/**
 * `createPoller`: keeps many shipments fresh within each carrier's limits. One loop per carrier takes a rate
 * token, pops every due shipment up to `maxBatch`, calls `track()` + `normalize()`, emits only events never
 * emitted before, and schedules the next poll by status (with jitter), by error backoff, or not at all once a
 * terminal status is confirmed.
 */
import { ConfigError, RateLimitError, ValidationError } from '../errors/index.js'
import { createRateLimiter, systemClock } from '../http/index.js'
import { memoryStore, type StoreValue } from '../store/index.js'
import { type BatchContext, type Entry, pollBatch, type Runner } from './batch.js'
import { carrierSettings } from './carrier-limits.js'
import { createChannel } from './channel.js'
import { MinHeap } from './heap.js'
import { DEFAULT_INTERVALS, type PollPolicy } from './outcomes.js'
import type { ShipmentPollState } from './state.js'
import type { Poller, PollerChange, PollerOptions, PollerStats } from './types.js'

const MIN = 60_000
const HOUR = 60 * MIN
/** Longest wait before asking a failing limiter again. */
const LIMITER_RETRY_CAP_MS = 30_000

/**
 * Creates a poller.
 * @example
 * const poller = createPoller({ adapters: [dhl({ apiKey })], onEvents: (c) => console.log(c.trackingNumber, c.events) })
 * await poller.add('dhl', '00340434161094042557')
 * await poller.start()
 * for await (const change of poller.changes()) if (change.type === 'stalled') alert(change)
 */
export function createPoller(options: PollerOptions): Poller {
  const store = options.store ?? memoryStore()
  const ns = options.namespace ?? 'poller'
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const jitter = Math.min(Math.max(options.jitter ?? 0.1, 0), 0.9)
  const policy: PollPolicy = {
    intervals: { ...DEFAULT_INTERVALS, ...options.intervals },
    spread: (ms) => Math.max(0, Math.round(ms * (1 + jitter * (2 * random() - 1)))),
    confirmTerminal: Math.max(1, options.confirmTerminal ?? 2),
    stalledAfterMs: options.stalledAfterMs ?? 72 * HOUR,
    backoffBaseMs: options.errorBackoff?.baseMs ?? MIN,
    backoffCapMs: options.errorBackoff?.capMs ?? 6 * HOUR,
  }
  const limiter = options.limiter ?? createRateLimiter({ clock, quotaStore: options.store })
  const runners = new Map<string, Runner>()
  const entries = new Map<string, Entry>()
  const stats: PollerStats = { tracked: 0, inFlight: 0, requests: 0, polls: 0, events: 0, errors: 0 }
  const inflight = new Set<Promise<void>>()
  const channel = createChannel<PollerChange>()
  const work = new AbortController()
  let waits = new AbortController()
  let running = false
  let stopping: Promise<void> | undefined
  /** `stop({ abort: true })` gave up waiting: results of calls still running are dropped. */
  let abandoned = false
  const abortGraceMs = options.abortGraceMs ?? 2_000
  if (!(abortGraceMs >= 0 && Number.isFinite(abortGraceMs))) {
    throw new ConfigError('createPoller: abortGraceMs must be a number of milliseconds >= 0')
  }

  for (const adapter of options.adapters) {
    if (!adapter.track) continue
    const { key, maxBatch, concurrency } = carrierSettings(adapter, options, limiter)
    runners.set(adapter.id, {
      adapter,
      key,
      maxBatch,
      concurrency,
      heap: new MinHeap(),
      inFlight: 0,
      dispatched: 0,
    })
  }

  const storeKey = (carrier: string, n: string) => `${ns}:${carrier}:${n}`

  /** Emits a change. Errors of the callbacks propagate for `events` (so the events are offered again). */
  const emit = async (change: PollerChange) => {
    channel.publish(change)
    if (change.type === 'events') {
      await options.onEvents?.(change)
      await options.onChange?.(change)
      stats.events += change.events.length
      return
    }
    try {
      await options.onChange?.(change)
    } catch {
      /* a failing listener cannot lose state for a notice */
    }
  }

  const schedule = (runner: Runner, entry: Entry, next: number) => {
    entry.next = next
    entry.inFlight = false
    runner.heap.push(entry)
    runner.wake?.()
  }

  const save = (state: ShipmentPollState) =>
    store.set(storeKey(state.carrier, state.trackingNumber), state as unknown as StoreValue)

  const index = (runner: Runner, state: ShipmentPollState) => {
    const key = storeKey(state.carrier, state.trackingNumber)
    if (state.done || entries.has(key)) return
    const entry: Entry = {
      key,
      trackingNumber: state.trackingNumber,
      next: state.nextPollAt,
      pos: -1,
      inFlight: false,
    }
    entries.set(key, entry)
    stats.tracked++
    schedule(runner, entry, state.nextPollAt)
  }

  const runnerFor = (carrier: string): Runner => {
    const runner = runners.get(carrier)
    if (!runner) {
      const known = options.adapters.find((a) => a.id === carrier)
      throw new ConfigError(
        known
          ? `Adapter "${carrier}" has no track() and cannot be polled`
          : `No adapter "${carrier}" was given to the poller`,
      )
    }
    return runner
  }

  const ctx: BatchContext = {
    clock,
    policy,
    limiter,
    signal: work.signal,
    stats,
    http: (adapter) => (typeof options.http === 'function' ? options.http(adapter) : options.http),
    isCurrent: (entry) => !abandoned && entries.get(entry.key) === entry,
    emit,
    load: (entry) => store.get(entry.key) as Promise<ShipmentPollState | undefined>,
    save,
    schedule,
    retire(entry) {
      entries.delete(entry.key)
      stats.tracked--
    },
  }

  async function loop(runner: Runner) {
    while (running) {
      const now = clock.now()
      const top = runner.heap.peek()
      if (runner.inFlight >= runner.concurrency || !top) {
        await idle(runner, Number.POSITIVE_INFINITY)
        continue
      }
      if (top.next > now) {
        await idle(runner, top.next - now)
        continue
      }
      try {
        await limiter.acquire(runner.key, { signal: waits.signal })
        runner.limiterFailures = 0
      } catch (error) {
        if (error instanceof RateLimitError) await idle(runner, error.retryAfterMs ?? MIN)
        else if (running) {
          // The limiter could not decide (a shared backend unreachable): no token, so wait and ask again.
          runner.limiterFailures = (runner.limiterFailures ?? 0) + 1
          await idle(runner, Math.min(LIMITER_RETRY_CAP_MS, 1_000 * 2 ** (runner.limiterFailures - 1)))
        }
        continue
      }
      if (!running) break
      const due = clock.now()
      const batch: Entry[] = []
      while (batch.length < runner.maxBatch) {
        const head = runner.heap.peek()
        if (!head || head.next > due) break
        runner.heap.pop()
        head.inFlight = true
        batch.push(head)
      }
      if (batch.length === 0) continue
      runner.inFlight++
      stats.inFlight++
      const job = pollBatch(ctx, runner, batch).finally(() => {
        runner.inFlight--
        stats.inFlight--
        inflight.delete(job)
        runner.wake?.()
      })
      inflight.add(job)
      job.catch(() => undefined) // an abandoned job that fails late must not become an unhandled rejection
      // Instant carriers and stores resolve in microtasks: yield so timers and I/O keep running.
      if (++runner.dispatched % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  const idle = (runner: Runner, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        cancel?.()
        runner.wake = undefined
        resolve()
      }
      const cancel = Number.isFinite(ms) ? clock.setTimer(done, ms) : undefined
      runner.wake = done
    })

  const stopNow = async (abort: boolean) => {
    running = false
    waits.abort()
    if (abort) work.abort()
    for (const r of runners.values()) r.wake?.()
    await Promise.all([...runners.values()].map((r) => r.loop))
    const drained = (async () => {
      while (inflight.size > 0) await Promise.allSettled([...inflight])
    })()
    if (abort) await withinGrace(drained, abortGraceMs)
    else await drained
    if (inflight.size > 0) abandoned = true
    channel.end()
  }

  if (options.signal) {
    const signal = options.signal
    signal.addEventListener('abort', () => void poller.stop({ abort: true }), { once: true })
  }

  const poller: Poller = {
    async add(carrier, trackingNumber) {
      if (typeof trackingNumber !== 'string' || trackingNumber.trim() === '') {
        throw new ValidationError('trackingNumber', 'must be a non-empty string')
      }
      const runner = runnerFor(carrier)
      const n = trackingNumber.trim()
      const key = storeKey(carrier, n)
      const now = clock.now()
      const state: ShipmentPollState = {
        v: 1,
        carrier,
        trackingNumber: n,
        addedAt: now,
        nextPollAt: now,
        lastChangeAt: now,
        seen: '',
        seenCount: 0,
        errors: 0,
      }
      const created = await store.setIfAbsent(key, state as unknown as StoreValue)
      if (!running) return
      const existing = created ? state : ((await store.get(key)) as unknown as ShipmentPollState | undefined)
      if (existing) index(runner, existing)
    },
    async remove(carrier, trackingNumber) {
      const key = storeKey(carrier, trackingNumber.trim())
      const entry = entries.get(key)
      const had = entry !== undefined || (await store.get(key)) !== undefined
      if (entry) {
        entries.delete(key)
        stats.tracked--
        runners.get(carrier)?.heap.remove(entry)
      }
      await store.delete(key)
      return had
    },
    async start() {
      if (running) return
      if (stopping)
        throw new ConfigError('This poller was stopped; create a new one with the same store to resume')
      running = true
      waits = new AbortController()
      for await (const key of store.keys(`${ns}:`)) {
        const state = (await store.get(key)) as unknown as ShipmentPollState | undefined
        const runner = state ? runners.get(state.carrier) : undefined
        if (state && runner) index(runner, state)
      }
      for (const runner of runners.values()) runner.loop = loop(runner)
    },
    stop(opts = {}) {
      if (stopping && opts.abort && !work.signal.aborted) {
        // A graceful stop in progress becomes an aborting one, bounded like any other.
        work.abort()
        stopping = withinGrace(stopping, abortGraceMs).then(() => {
          if (inflight.size > 0) abandoned = true
          channel.end()
        })
      }
      stopping ??= stopNow(opts.abort === true)
      if (opts.abort) work.abort()
      return stopping
    },
    changes: () => channel.iterator(),
    async state(carrier, trackingNumber) {
      return (await store.get(storeKey(carrier, trackingNumber.trim()))) as unknown as
        | ShipmentPollState
        | undefined
    },
    stats: () => ({ ...stats }),
  }
  return poller
}

/** Waits for `promise`, but no longer than `ms` (real time: a stop is bounded even under a manual clock). */
function withinGrace(promise: Promise<unknown>, ms: number): Promise<void> {
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
