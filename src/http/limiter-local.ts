/**
 * The in-process limiter: one token bucket per key (limiter-bucket.ts), FIFO waiters served by `pump` when a
 * token, the end of a pause or room in the window comes, the daily count optionally kept in a store
 * (limiter-quota.ts), and a concurrency cap per key (concurrency-gate.ts).
 */
import type { Store } from '../store/index.js'
import type { RateLimiter, RateLimiterStats } from './limiter.js'
import {
  type Bucket,
  compactQueue,
  grant,
  hasWaiters,
  newBucket,
  nextGrantIn,
  quotaSpent,
  refill,
  tokenFree,
} from './limiter-bucket.js'
import type { LimitTable } from './limiter-limits.js'
import { QuotaKeeper, type StoredQuota } from './limiter-quota.js'
import {
  idleStats,
  quotaSpentError,
  runScheduled,
  tokenAbortError,
  unwatchAbort,
  type Waiter,
  watchAbort,
} from './limiter-steps.js'
import type { Clock, RateLimitOptions } from './types.js'

export class LocalRateLimiter implements RateLimiter {
  private readonly clock: Clock
  private readonly table: LimitTable
  private readonly buckets = new Map<string, Bucket>()
  /** Keeps the daily counts across restarts (absent: counted in memory only). */
  private readonly quota: QuotaKeeper | undefined

  constructor(clock: Clock, table: LimitTable, quotaStore: Store | undefined) {
    this.clock = clock
    this.table = table
    this.quota = quotaStore
      ? new QuotaKeeper(quotaStore, {
          countOf: (key) => this.storedCount(key),
          onLoaded: (key, stored) => this.applyStoredCount(key, stored),
        })
      : undefined
    // The methods were plain functions before this was a class: they stay ones that can be passed around.
    this.acquire = this.acquire.bind(this)
    this.schedule = this.schedule.bind(this)
    this.configure = this.configure.bind(this)
    this.penalize = this.penalize.bind(this)
    this.stats = this.stats.bind(this)
    this.limits = this.limits.bind(this)
  }

  acquire(key: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    const b = this.bucketFor(key)
    if (!b) return Promise.resolve()
    const { signal } = opts
    if (signal?.aborted) return Promise.reject(tokenAbortError())
    const now = this.clock.now()
    refill(b, now)
    if (!hasWaiters(b) && this.ready(key, b) && tokenFree(b, now)) {
      if (quotaSpent(b)) return Promise.reject(quotaSpentError(key, b.opts.perDay, b.resetAt - now))
      grant(b, now)
      this.persist(key, b)
      return Promise.resolve()
    }
    return this.enqueue(key, b, signal)
  }

  schedule<T>(key: string, fn: () => Promise<T>, opts: { signal?: AbortSignal } = {}): Promise<T> {
    const b = this.bucketFor(key)
    if (!b) return fn()
    return runScheduled(b.gate, () => this.acquire(key, opts), fn, opts.signal)
  }

  configure(key: string, options: RateLimitOptions): void {
    this.table.set(key, options)
    const old = this.buckets.get(key)
    this.buckets.delete(key)
    const b = this.bucketFor(key) as Bucket
    if (old) {
      b.queue = old.queue.slice(old.head)
      b.usedToday = old.usedToday
      b.granted = old.granted
      b.pausedUntil = old.pausedUntil
      // The loaded count and the writes behind live in the quota keeper (per key), so they carry over as well.
      old.cancelTimer?.()
      if (b.queue.length) this.pump(key, b)
    }
  }

  penalize(key: string, retryAfterMs: number): void {
    const b = this.bucketFor(key)
    if (!b) return
    const now = this.clock.now()
    b.pausedUntil = Math.max(b.pausedUntil, now + Math.max(0, retryAfterMs))
    b.tokens = 0
    b.refilledAt = Math.max(now, b.pausedUntil)
    if (hasWaiters(b)) this.pump(key, b)
  }

  stats(key: string): RateLimiterStats {
    const b = this.buckets.get(key)
    if (!b) return idleStats()
    const error = this.quota?.errorOf(key)
    return {
      granted: b.granted,
      waiting: b.queue.length - b.head,
      active: b.gate.active,
      usedToday: b.usedToday,
      pausedUntil: b.pausedUntil > this.clock.now() ? b.pausedUntil : 0,
      ...(error !== undefined ? { quotaStoreError: error } : {}),
    }
  }

  limits(key: string): RateLimitOptions | undefined {
    return this.table.of(key)
  }

  /** The bucket of `key`, created full on first use (undefined: the key has no limits). */
  private bucketFor(key: string): Bucket | undefined {
    const b = this.buckets.get(key)
    if (b) return b
    const o = this.table.of(key)
    if (!o) return undefined
    const created = newBucket(o, this.clock.now())
    this.buckets.set(key, created)
    return created
  }

  /** Queues a caller; the queue is served by `pump`. An abort takes the caller out of the queue. */
  private enqueue(key: string, b: Bucket, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal }
      watchAbort(waiter, () => {
        const i = b.queue.indexOf(waiter, b.head)
        if (i >= 0) b.queue.splice(i, 1)
        reject(tokenAbortError({ cause: signal?.reason }))
        if (!hasWaiters(b)) this.stopTimer(b)
      })
      b.queue.push(waiter)
      if (!b.cancelTimer) this.pump(key, b)
    })
  }

  /** Serves the waiters of `key` in order while tokens last, then sets a timer for the next grant. */
  private pump(key: string, b: Bucket): void {
    this.stopTimer(b)
    const now = this.clock.now()
    refill(b, now)
    if (!this.ready(key, b)) return // the load pumps when it settles
    const before = b.granted
    while (hasWaiters(b)) {
      if (quotaSpent(b)) {
        const err = quotaSpentError(key, b.opts.perDay, b.resetAt - now)
        while (hasWaiters(b)) settleHead(b).reject(err)
        break
      }
      if (!tokenFree(b, now)) break
      grant(b, now)
      settleHead(b).resolve()
    }
    if (b.granted > before) this.persist(key, b)
    compactQueue(b)
    if (hasWaiters(b))
      b.cancelTimer = this.clock.setTimer(() => this.pump(key, b), Math.ceil(nextGrantIn(b, now)))
  }

  private stopTimer(b: Bucket): void {
    b.cancelTimer?.()
    b.cancelTimer = undefined
  }

  /** Whether `key` may be granted: its stored count is loaded (starts the load on the first call). */
  private ready(key: string, b: Bucket): boolean {
    return !this.quota || b.opts.perDay === undefined || this.quota.loaded(key)
  }

  /** Writes the count behind the grants, when it is kept in a store. */
  private persist(key: string, b: Bucket): void {
    if (this.quota && b.opts.perDay !== undefined) this.quota.persist(key)
  }

  private storedCount(key: string): StoredQuota | undefined {
    const b = this.buckets.get(key)
    if (!b || b.opts.perDay === undefined) return undefined
    return { resetAt: b.resetAt, used: b.usedToday }
  }

  /** The stored count of the same quota day is added to what this process counted while it loaded. */
  private applyStoredCount(key: string, stored: StoredQuota | undefined): void {
    const b = this.buckets.get(key)
    if (!b) return
    if (stored) {
      refill(b, this.clock.now())
      if (stored.resetAt === b.resetAt) b.usedToday = Math.max(b.usedToday, stored.used)
    }
    if (hasWaiters(b)) this.pump(key, b)
  }
}

/** Takes the head waiter out of the queue. */
function settleHead(b: Bucket): Waiter {
  const w = b.queue[b.head] as Waiter
  b.queue[b.head] = undefined as unknown as Waiter
  b.head++
  unwatchAbort(w)
  return w
}
