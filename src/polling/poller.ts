/**
 * `createPoller`: keeps many shipments fresh within each carrier's limits. One loop per carrier takes a rate
 * token, pops every due shipment up to `maxBatch`, calls `track()` + `normalize()`, emits only events never
 * emitted before, and schedules the next poll by status (with jitter), by error backoff, or not at all once a
 * terminal status is confirmed.
 */
import { ConfigError, RateLimitError } from '../errors/index.js'
import { type Clock, createRateLimiter, type RateLimiter, systemClock } from '../http/index.js'
import { memoryStore, type Store, type StoreValue } from '../store/index.js'
import { type BatchContext, type Entry, pollBatch, type Runner } from './batch.js'
import { carrierSettings } from './carrier-limits.js'
import { createChannel } from './channel.js'
import { MinHeap } from './heap.js'
import type { PollPolicy } from './outcomes.js'
import {
  checkSink,
  emptyPollerStats,
  newPollState,
  notPollable,
  pollPolicy,
  publishChange,
  trackingNumberToAdd,
  withinGrace,
} from './poller-steps.js'
import type { ShipmentPollState } from './state.js'
import type { Poller, PollerChange, PollerOptions, PollerStats } from './types.js'

const MIN = 60_000
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
  return new InProcessPoller(options)
}

/** The poller: one loop per carrier over a heap of due shipments, the shipments' state in a `Store`. */
class InProcessPoller implements Poller {
  private readonly options: PollerOptions
  private readonly store: Store
  /** Prefix of the store keys (`<namespace>:<carrier>:<trackingNumber>`). */
  private readonly ns: string
  private readonly clock: Clock
  private readonly limiter: RateLimiter
  private readonly abortGraceMs: number
  /** One per carrier whose adapter can `track()`: its heap of due shipments, its loop, its limits. */
  private readonly runners = new Map<string, Runner>()
  /** The shipments scheduled in this process, by store key. */
  private readonly entries = new Map<string, Entry>()
  private readonly counters: PollerStats = emptyPollerStats()
  /** The batches being polled. */
  private readonly inflight = new Set<Promise<void>>()
  private readonly channel = createChannel<PollerChange>()
  /** Aborted by `stop({ abort: true })`: the `track()` calls in flight. */
  private readonly work = new AbortController()
  /** Aborted by any stop: waits for a rate token. */
  private waits = new AbortController()
  /** What `pollBatch` needs of this poller. */
  private readonly ctx: BatchContext
  private running = false
  private stopping: Promise<void> | undefined
  /** `stop({ abort: true })` gave up waiting: results of calls still running are dropped. */
  private abandoned = false

  constructor(options: PollerOptions) {
    this.options = options
    this.store = options.store ?? memoryStore()
    this.ns = options.namespace ?? 'poller'
    this.clock = options.clock ?? systemClock
    const policy = pollPolicy(options)
    this.limiter = options.limiter ?? createRateLimiter({ clock: this.clock, quotaStore: options.store })
    this.abortGraceMs = options.abortGraceMs ?? 2_000
    if (!(this.abortGraceMs >= 0 && Number.isFinite(this.abortGraceMs))) {
      throw new ConfigError('createPoller: abortGraceMs must be a number of milliseconds >= 0')
    }
    checkSink(options.sink, 'createPoller')
    for (const adapter of options.adapters) {
      if (!adapter.track) continue
      const { key, maxBatch, concurrency } = carrierSettings(adapter, options, this.limiter)
      this.runners.set(adapter.id, {
        adapter,
        key,
        maxBatch,
        concurrency,
        heap: new MinHeap(),
        inFlight: 0,
        dispatched: 0,
      })
    }
    this.ctx = this.batchContext(policy)
    // The methods were plain functions before this was a class: they stay ones that can be passed around.
    for (const name of ['add', 'remove', 'start', 'stop', 'changes', 'state', 'stats'] as const) {
      ;(this as Record<string, unknown>)[name] = (this[name] as (...args: never[]) => unknown).bind(this)
    }
    if (options.signal) {
      options.signal.addEventListener('abort', () => void this.stop({ abort: true }), { once: true })
    }
  }

  async add(carrier: string, trackingNumber: string): Promise<void> {
    const n = trackingNumberToAdd(trackingNumber)
    const runner = this.runnerFor(carrier)
    const key = this.storeKey(carrier, n)
    const state = newPollState(carrier, n, this.clock.now())
    const created = await this.store.setIfAbsent(key, state as unknown as StoreValue)
    if (!this.running) return
    const existing = created
      ? state
      : ((await this.store.get(key)) as unknown as ShipmentPollState | undefined)
    if (existing) this.index(runner, existing)
  }

  async remove(carrier: string, trackingNumber: string): Promise<boolean> {
    const key = this.storeKey(carrier, trackingNumber.trim())
    const entry = this.entries.get(key)
    const had = entry !== undefined || (await this.store.get(key)) !== undefined
    if (entry) {
      this.entries.delete(key)
      this.counters.tracked--
      this.runners.get(carrier)?.heap.remove(entry)
    }
    await this.store.delete(key)
    return had
  }

  async start(): Promise<void> {
    if (this.running) return
    if (this.stopping)
      throw new ConfigError('This poller was stopped; create a new one with the same store to resume')
    this.running = true
    this.waits = new AbortController()
    for await (const key of this.store.keys(`${this.ns}:`)) {
      const state = (await this.store.get(key)) as unknown as ShipmentPollState | undefined
      const runner = state ? this.runners.get(state.carrier) : undefined
      if (state && runner) this.index(runner, state)
    }
    for (const runner of this.runners.values()) runner.loop = this.loop(runner)
  }

  stop(opts: { abort?: boolean } = {}): Promise<void> {
    if (this.stopping && opts.abort && !this.work.signal.aborted) {
      // A graceful stop in progress becomes an aborting one, bounded like any other.
      this.work.abort()
      this.stopping = withinGrace(this.stopping, this.abortGraceMs).then(() => this.end())
    }
    this.stopping ??= this.stopNow(opts.abort === true)
    if (opts.abort) this.work.abort()
    return this.stopping
  }

  changes(): AsyncIterableIterator<PollerChange> {
    return this.channel.iterator()
  }

  async state(carrier: string, trackingNumber: string): Promise<ShipmentPollState | undefined> {
    return (await this.store.get(this.storeKey(carrier, trackingNumber.trim()))) as unknown as
      | ShipmentPollState
      | undefined
  }

  stats(): PollerStats {
    return { ...this.counters }
  }

  /** The loop of one carrier: wait for a due shipment and a free slot, take a token, poll a batch. */
  private async loop(runner: Runner): Promise<void> {
    while (this.running) {
      const now = this.clock.now()
      const top = runner.heap.peek()
      if (runner.inFlight >= runner.concurrency || !top) {
        await this.idle(runner, Number.POSITIVE_INFINITY)
        continue
      }
      if (top.next > now) {
        await this.idle(runner, top.next - now)
        continue
      }
      if (!(await this.takeToken(runner))) continue
      if (!this.running) break
      const batch = this.takeDue(runner)
      if (batch.length === 0) continue
      this.dispatch(runner, batch)
      // Instant carriers and stores resolve in microtasks: yield so timers and I/O keep running.
      if (++runner.dispatched % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /** Waits for a rate token of the carrier; false (after a wait) when none was granted. */
  private async takeToken(runner: Runner): Promise<boolean> {
    try {
      await this.limiter.acquire(runner.key, { signal: this.waits.signal })
      runner.limiterFailures = 0
      return true
    } catch (error) {
      if (error instanceof RateLimitError) await this.idle(runner, error.retryAfterMs ?? MIN)
      else if (this.running) {
        // The limiter could not decide (a shared backend unreachable): no token, so wait and ask again.
        runner.limiterFailures = (runner.limiterFailures ?? 0) + 1
        await this.idle(runner, Math.min(LIMITER_RETRY_CAP_MS, 1_000 * 2 ** (runner.limiterFailures - 1)))
      }
      return false
    }
  }

  /** Pops every shipment due now, up to the carrier's `maxBatch`. */
  private takeDue(runner: Runner): Entry[] {
    const due = this.clock.now()
    const batch: Entry[] = []
    while (batch.length < runner.maxBatch) {
      const head = runner.heap.peek()
      if (!head || head.next > due) break
      runner.heap.pop()
      head.inFlight = true
      batch.push(head)
    }
    return batch
  }

  /** Polls a batch in the background, counted in flight until it settles. */
  private dispatch(runner: Runner, batch: Entry[]): void {
    runner.inFlight++
    this.counters.inFlight++
    const job = pollBatch(this.ctx, runner, batch).finally(() => {
      runner.inFlight--
      this.counters.inFlight--
      this.inflight.delete(job)
      runner.wake?.()
    })
    this.inflight.add(job)
    job.catch(() => undefined) // an abandoned job that fails late must not become an unhandled rejection
  }

  /** Sleeps until `ms` pass (forever: `Infinity`) or the runner is woken (a shipment became due, a batch ended). */
  private idle(runner: Runner, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        cancel?.()
        runner.wake = undefined
        resolve()
      }
      const cancel = Number.isFinite(ms) ? this.clock.setTimer(done, ms) : undefined
      runner.wake = done
    })
  }

  private async stopNow(abort: boolean): Promise<void> {
    this.running = false
    this.waits.abort()
    if (abort) this.work.abort()
    for (const r of this.runners.values()) r.wake?.()
    await Promise.all([...this.runners.values()].map((r) => r.loop))
    const drained = (async () => {
      while (this.inflight.size > 0) await Promise.allSettled([...this.inflight])
    })()
    if (abort) await withinGrace(drained, this.abortGraceMs)
    else await drained
    this.end()
  }

  /** The stop is over: calls still running are abandoned, and `changes()` ends. */
  private end(): void {
    if (this.inflight.size > 0) this.abandoned = true
    this.channel.end()
  }

  /** Puts a shipment (back) on its carrier's heap, due at `next`. */
  private schedule(runner: Runner, entry: Entry, next: number): void {
    entry.next = next
    entry.inFlight = false
    runner.heap.push(entry)
    runner.wake?.()
  }

  /** Schedules a stored shipment in this process (unless it is finished or already scheduled). */
  private index(runner: Runner, state: ShipmentPollState): void {
    const key = this.storeKey(state.carrier, state.trackingNumber)
    if (state.done || this.entries.has(key)) return
    const entry: Entry = {
      key,
      trackingNumber: state.trackingNumber,
      next: state.nextPollAt,
      pos: -1,
      inFlight: false,
    }
    this.entries.set(key, entry)
    this.counters.tracked++
    this.schedule(runner, entry, state.nextPollAt)
  }

  private runnerFor(carrier: string): Runner {
    const runner = this.runners.get(carrier)
    if (!runner) throw notPollable(this.options.adapters, carrier)
    return runner
  }

  private storeKey(carrier: string, trackingNumber: string): string {
    return `${this.ns}:${carrier}:${trackingNumber}`
  }

  private batchContext(policy: PollPolicy): BatchContext {
    const { options, store } = this
    return {
      clock: this.clock,
      policy,
      limiter: this.limiter,
      signal: this.work.signal,
      stats: this.counters,
      http: (adapter) => (typeof options.http === 'function' ? options.http(adapter) : options.http),
      isCurrent: (entry) => !this.abandoned && this.entries.get(entry.key) === entry,
      emit: (change) => publishChange(this.channel, options, this.counters, change),
      load: (entry) => store.get(entry.key) as Promise<ShipmentPollState | undefined>,
      save: (state) =>
        store.set(this.storeKey(state.carrier, state.trackingNumber), state as unknown as StoreValue),
      schedule: (runner, entry, next) => this.schedule(runner, entry, next),
      retire: (entry) => {
        this.entries.delete(entry.key)
        this.counters.tracked--
      },
    }
  }
}
