/**
 * A token-bucket rate limiter per key (one key per carrier credential): requests per second, burst, an optional
 * daily quota that resets at a given hour in a given zone, FIFO waiting, a pause after a 429, and a
 * concurrency cap. With `shared`, the buckets live in PostgreSQL or Redis for every process using the same carrier
 * key (see limiter-shared.ts). This file holds the public types and the factory; the in-process limiter is the
 * `LocalRateLimiter` class (limiter-local.ts).
 */
import { ConfigError } from '../errors/index.js'
import type { Store } from '../store/index.js'
import { systemClock } from './clock.js'
import { LimitTable } from './limiter-limits.js'
import { LocalRateLimiter } from './limiter-local.js'
import { createSharedLimiter, type LimiterBackend, SHARED_WINDOW_GUARD_MS } from './limiter-shared.js'
import type { Clock, RateLimitOptions } from './types.js'

export { nextReset, WINDOW_GUARD_MS } from './limiter-bucket.js'

/** Counters of one key, for metrics and tests. */
export interface RateLimiterStats {
  /** Tokens granted since creation. */
  granted: number
  /** Callers waiting for a token. */
  waiting: number
  /** Calls running inside `schedule` (≤ concurrency). */
  active: number
  /** Requests counted against today's quota. */
  usedToday: number
  /** Epoch ms until which the key is paused after a 429 (0 when not paused). */
  pausedUntil: number
  /**
   * The message of the last error of the `quotaStore` for this key (loading or writing the daily count), until a
   * later write succeeds. When set, the count may not have survived (or may not survive) a restart.
   */
  quotaStoreError?: string
  /**
   * With a `shared` backend: the message of the last failure to reach it for this key, until a later call
   * succeeds. While it fails, nothing is granted (the callers get a `LimiterBackendError`).
   */
  backendError?: string
  /**
   * With a `shared` backend: grants that reached this process later than half of `windowGuardMs` after they were
   * asked for, and were therefore not used (their quota count was given back, and the limiter asked again).
   */
  lateGrants?: number
}

export interface RateLimiter {
  /** Waits (FIFO) for a token of `key`. Rejects with `AbortError` on abort, `RateLimitError` (`ERR_QUOTA`) when the daily quota is spent. */
  acquire(key: string, opts?: { signal?: AbortSignal }): Promise<void>
  /** Runs `fn` within the key's concurrency cap, after acquiring a token. */
  schedule<T>(key: string, fn: () => Promise<T>, opts?: { signal?: AbortSignal }): Promise<T>
  /** Sets or replaces the limits of one key. */
  configure(key: string, options: RateLimitOptions): void
  /** The server throttled `key`: grant nothing until `retryAfterMs` has passed, then resume without a burst. */
  penalize(key: string, retryAfterMs: number): void
  stats(key: string): RateLimiterStats
  /** The limits in force for `key` (`undefined` = unlimited). */
  limits(key: string): RateLimitOptions | undefined
}

/** Options of {@link createRateLimiter}. */
export interface CreateRateLimiterOptions extends Partial<RateLimitOptions> {
  /** Limits per key; keys not listed use the top-level limits (or none, when `requestsPerSecond` is absent). */
  keys?: Record<string, RateLimitOptions>
  clock?: Clock
  /**
   * Where the daily quota count of every key with a `perDay` is kept across restarts, as
   * `waybill:quota:<key>` = `{ resetAt, used }`. Before the first grant of a key the stored count of the
   * same quota day is loaded (a count of an earlier day is ignored); after grants the count is written
   * behind, so a request never waits for the store, and a failing store never fails a request (see
   * `stats(key).quotaStoreError`).
   *
   * Guarantees: the count is per process. Processes that share one carrier key each count only their own
   * requests (and overwrite each other's count), so split the quota between them (`perDay` each) or give each
   * its own key. A stop or crash can lose the requests granted since the last completed write.
   * @default not kept (counted in memory, from 0 at every start)
   * @example
   * const store = await pgliteStore({ dataDir: './var/waybill' })
   * const limiter = createRateLimiter({ requestsPerSecond: 1, perDay: 250, quotaStore: store })
   */
  quotaStore?: Store
  /**
   * Keep every key's token bucket, per-second cap, daily quota and 429 pause in a backend shared by all the
   * processes that use the same carrier keys: {@link postgresLimiterBackend} or {@link redisLimiterBackend}.
   * Each grant is decided atomically on the backend's clock (never this machine's); the quota day is the day
   * in `dailyResetZone`. A 429 reported through `penalize` pauses the key for every process. Callers of one
   * process are served in order; processes take turns (one request each in flight per key).
   *
   * Fails closed: when the backend is unreachable or does not answer in time, nothing is granted and the
   * waiting callers get a `LimiterBackendError` (code `ERR_STORE`, `retryable: true`). Give every process the
   * same limits for a key. Not combinable with `quotaStore` (the backend keeps the quota).
   * @default undefined (state in this process only)
   * @example
   * const shared = postgresLimiterBackend({ connectionString: process.env.DATABASE_URL })
   * const limiter = createRateLimiter({ requestsPerSecond: 1, perDay: 250, dailyResetZone: 'UTC', shared })
   * // on shutdown: await shared.close()
   */
  shared?: LimiterBackend
  /**
   * With `shared`: milliseconds added to the per-second window for the time between a grant on the backend
   * and the request reaching the carrier (two hops instead of one, on busy hosts tens of milliseconds). The cost
   * is the share of the rate it leaves unused: 75 ms at 1 s windows is about 7 %. A grant that reaches this
   * process more than half of it after it was asked for (a stalled process) is not used: its quota count is
   * given back and the limiter asks again, so a request never leaves more than that late. Send each request
   * as soon as `acquire` resolves.
   * @default 75
   */
  windowGuardMs?: number
}

/**
 * Creates a limiter. Keys without limits pass straight through.
 * @example
 * // DHL's default key: 1 call per second, 250 per day, reset at midnight GMT
 * const limiter = createRateLimiter({ requestsPerSecond: 1, perDay: 250, dailyResetZone: 'UTC' })
 * await limiter.acquire('dhl:my-key')
 */
export function createRateLimiter(options: CreateRateLimiterOptions = {}): RateLimiter {
  const clock = options.clock ?? systemClock
  const table = new LimitTable(
    options.requestsPerSecond !== undefined ? (options as RateLimitOptions) : undefined,
    options.keys,
  )
  if (!options.shared) return new LocalRateLimiter(clock, table, options.quotaStore)
  if (options.quotaStore) {
    throw new ConfigError(
      'createRateLimiter: use either shared or quotaStore (the shared backend keeps the quota)',
    )
  }
  const guard = options.windowGuardMs ?? SHARED_WINDOW_GUARD_MS
  if (!(guard >= 0 && Number.isFinite(guard))) {
    throw new ConfigError('createRateLimiter: windowGuardMs must be a number of milliseconds >= 0')
  }
  return createSharedLimiter({
    backend: options.shared,
    clock,
    limitsOf: (key) => table.of(key),
    setLimits: (key, o) => table.set(key, o),
    windowGuardMs: guard,
    staleAfterMs: guard / 2,
    random: Math.random,
  })
}
