/**
 * A token-bucket rate limiter per key (one key per carrier credential): requests per second, burst, an optional
 * daily quota that resets at a given hour in a given zone, FIFO waiting, a pause after a 429, and a p-limit
 * concurrency cap. With `shared`, the buckets live in PostgreSQL or Redis for every process using the same carrier
 * key (see limiter-shared.ts).
 */
import { DateTime } from 'luxon'
import pLimit, { type LimitFunction } from 'p-limit'
import { AbortError, ConfigError, RateLimitError } from '../errors/index.js'
import type { Store } from '../store/index.js'
import { systemClock } from './clock.js'
import { createSharedLimiter, type LimiterBackend, SHARED_WINDOW_GUARD_MS } from './limiter-shared.js'
import type { Clock, RateLimitOptions } from './types.js'

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

/** What the `quotaStore` holds per key. */
type StoredQuota = { resetAt: number; used: number }

/** Loading and writing the daily count of one key (kept across `configure`). */
interface QuotaState {
  /** The stored count has been loaded (or loading it failed). */
  loaded: boolean
  /** The one load of the key, shared by concurrent first acquires. */
  loading?: Promise<void>
  /** A write is in flight. */
  writing: boolean
  /** Grants happened since the write in flight started: write once more when it ends. */
  dirty: boolean
  error?: string
}

interface Waiter {
  resolve(): void
  reject(error: unknown): void
  signal?: AbortSignal
  onAbort?: () => void
}

interface Bucket {
  opts: Required<Omit<RateLimitOptions, 'perDay'>> & { perDay?: number }
  tokens: number
  refilledAt: number
  /** Times of the last `window.cap` grants (a ring), for the per-window cap. */
  window: { cap: number; ms: number; grants: number[]; next: number }
  queue: Waiter[]
  head: number
  cancelTimer?: () => void
  pausedUntil: number
  granted: number
  usedToday: number
  resetAt: number
  limit: LimitFunction
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
  const defaults =
    options.requestsPerSecond !== undefined ? validate('default', options as RateLimitOptions) : undefined
  const configured = new Map<string, RateLimitOptions>()
  for (const [key, value] of Object.entries(options.keys ?? {})) configured.set(key, validate(key, value))
  if (options.shared) {
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
      limitsOf: (key) => configured.get(key) ?? defaults,
      setLimits: (key, o) => configured.set(key, validate(key, o)),
      windowGuardMs: guard,
      staleAfterMs: guard / 2,
      random: Math.random,
    })
  }
  const buckets = new Map<string, Bucket>()
  const quotaStore = options.quotaStore
  const quotas = new Map<string, QuotaState>()
  const quotaKey = (key: string) => `waybill:quota:${key}`
  const quotaState = (key: string): QuotaState => {
    let q = quotas.get(key)
    if (!q) {
      q = { loaded: false, writing: false, dirty: false }
      quotas.set(key, q)
    }
    return q
  }

  const bucketFor = (key: string): Bucket | undefined => {
    let b = buckets.get(key)
    if (b) return b
    const o = configured.get(key) ?? defaults
    if (!o) return undefined
    const opts = {
      requestsPerSecond: o.requestsPerSecond,
      burst: o.burst ?? 1,
      perDay: o.perDay,
      dailyResetHour: o.dailyResetHour ?? 0,
      dailyResetZone: o.dailyResetZone ?? 'UTC',
      concurrency: o.concurrency ?? 8,
    }
    const now = clock.now()
    b = {
      opts,
      tokens: opts.burst,
      refilledAt: now,
      window: windowFor(opts.requestsPerSecond, opts.burst),
      queue: [],
      head: 0,
      pausedUntil: 0,
      granted: 0,
      usedToday: 0,
      resetAt: nextReset(now, opts.dailyResetHour, opts.dailyResetZone),
      limit: pLimit(opts.concurrency),
    }
    buckets.set(key, b)
    return b
  }

  // While callers wait, the bucket may hold one token more than `burst`: what a late timer would otherwise
  // lose. The window cap keeps every one-second window at or under the rate all the same.
  const refill = (b: Bucket, now: number) => {
    if (now > b.refilledAt) {
      const cap = b.head < b.queue.length ? b.opts.burst + 1 : b.opts.burst
      const tokens = b.tokens + ((now - b.refilledAt) * b.opts.requestsPerSecond) / 1000
      b.tokens = Math.min(cap, tokens)
      b.refilledAt = now
    }
    if (now >= b.resetAt) {
      b.usedToday = 0
      b.resetAt = nextReset(now, b.opts.dailyResetHour, b.opts.dailyResetZone)
    }
  }

  /** Whether `key` may be granted: its stored count is loaded (starts the load on the first call). */
  const ready = (key: string, b: Bucket): boolean => {
    if (!quotaStore || b.opts.perDay === undefined) return true
    const q = quotaState(key)
    if (q.loaded) return true
    q.loading ??= Promise.resolve()
      .then(() => quotaStore.get(quotaKey(key)))
      .then(
        (stored) => {
          const cur = buckets.get(key)
          if (!cur || !isStoredQuota(stored)) return
          refill(cur, clock.now())
          if (stored.resetAt === cur.resetAt) cur.usedToday = Math.max(cur.usedToday, stored.used)
        },
        (error: unknown) => {
          q.error = messageOf(error)
        },
      )
      .then(() => {
        q.loaded = true
        q.loading = undefined
        const cur = buckets.get(key)
        if (cur && cur.head < cur.queue.length) pump(key, cur)
      })
    return false
  }

  /** Writes the count of `key` behind the grants: one write in flight, then one more with the latest count. */
  const persist = (key: string) => {
    const b = buckets.get(key)
    if (!quotaStore || !b || b.opts.perDay === undefined) return
    const q = quotaState(key)
    if (q.writing) {
      q.dirty = true
      return
    }
    q.writing = true
    const value: StoredQuota = { resetAt: b.resetAt, used: b.usedToday }
    Promise.resolve()
      .then(() => quotaStore.set(quotaKey(key), value))
      .then(
        () => {
          q.error = undefined // the stored count is current again
        },
        (error: unknown) => {
          q.error = messageOf(error)
        },
      )
      .then(() => {
        q.writing = false
        if (q.dirty) {
          q.dirty = false
          persist(key)
        }
      })
  }

  const quotaError = (key: string, b: Bucket, now: number) =>
    new RateLimitError(
      `Daily quota of ${b.opts.perDay} requests for "${key}" is spent; it resets in ${Math.ceil((b.resetAt - now) / 1000)} s`,
      { retryAfterMs: b.resetAt - now },
      { quota: true, retryable: false },
    )

  const pump = (key: string, b: Bucket) => {
    b.cancelTimer?.()
    b.cancelTimer = undefined
    const now = clock.now()
    refill(b, now)
    if (!ready(key, b)) return // the load pumps when it settles
    const before = b.granted
    while (b.head < b.queue.length) {
      if (b.opts.perDay !== undefined && b.usedToday >= b.opts.perDay) {
        const err = quotaError(key, b, now)
        while (b.head < b.queue.length) settle(b, (w) => w.reject(err))
        break
      }
      if (now < b.pausedUntil || b.tokens < 1 || windowWait(b, now) > 0) break
      grant(b, now)
      settle(b, (w) => w.resolve())
    }
    if (b.granted > before) persist(key)
    if (b.head > 1024 && b.head * 2 > b.queue.length) {
      b.queue = b.queue.slice(b.head)
      b.head = 0
    }
    if (b.head < b.queue.length) {
      const tokenWait = b.tokens >= 1 ? 0 : ((1 - b.tokens) * 1000) / b.opts.requestsPerSecond
      const wait = Math.max(tokenWait, b.pausedUntil - now, windowWait(b, now))
      b.cancelTimer = clock.setTimer(() => pump(key, b), Math.ceil(wait))
    }
  }

  const settle = (b: Bucket, fn: (w: Waiter) => void) => {
    const w = b.queue[b.head] as Waiter
    b.queue[b.head] = undefined as unknown as Waiter
    b.head++
    if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort)
    fn(w)
  }

  const acquire: RateLimiter['acquire'] = (key, opts = {}) => {
    const b = bucketFor(key)
    if (!b) return Promise.resolve()
    const { signal } = opts
    if (signal?.aborted) return Promise.reject(new AbortError('Aborted while waiting for a rate-limit token'))
    const now = clock.now()
    refill(b, now)
    if (
      b.head === b.queue.length &&
      ready(key, b) &&
      now >= b.pausedUntil &&
      b.tokens >= 1 &&
      windowWait(b, now) <= 0
    ) {
      if (b.opts.perDay !== undefined && b.usedToday >= b.opts.perDay) {
        return Promise.reject(quotaError(key, b, now))
      }
      grant(b, now)
      persist(key)
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal }
      if (signal) {
        waiter.onAbort = () => {
          const i = b.queue.indexOf(waiter, b.head)
          if (i >= 0) b.queue.splice(i, 1)
          reject(new AbortError('Aborted while waiting for a rate-limit token', { cause: signal.reason }))
          if (b.head >= b.queue.length) {
            b.cancelTimer?.()
            b.cancelTimer = undefined
          }
        }
        signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      b.queue.push(waiter)
      if (!b.cancelTimer) pump(key, b)
    })
  }

  return {
    acquire,
    schedule(key, fn, opts = {}) {
      const b = bucketFor(key)
      if (!b) return fn()
      const { signal } = opts
      const run = b.limit(async () => {
        if (signal?.aborted) throw new AbortError('Aborted while waiting for a concurrency slot')
        await acquire(key, opts)
        return fn()
      })
      if (!signal) return run
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(new AbortError('Aborted while waiting to run', { cause: signal.reason }))
        signal.addEventListener('abort', onAbort, { once: true })
        run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
      })
    },
    configure(key, o) {
      configured.set(key, validate(key, o))
      const old = buckets.get(key)
      buckets.delete(key)
      const b = bucketFor(key) as Bucket
      if (old) {
        b.queue = old.queue.slice(old.head)
        b.usedToday = old.usedToday
        b.granted = old.granted
        b.pausedUntil = old.pausedUntil
        // The loaded count and the writes behind live in `quotas` (per key), so they carry over as well.
        old.cancelTimer?.()
        if (b.queue.length) pump(key, b)
      }
    },
    penalize(key, retryAfterMs) {
      const b = bucketFor(key)
      if (!b) return
      const now = clock.now()
      b.pausedUntil = Math.max(b.pausedUntil, now + Math.max(0, retryAfterMs))
      b.tokens = 0
      b.refilledAt = Math.max(now, b.pausedUntil)
      if (b.head < b.queue.length) pump(key, b)
    },
    stats(key) {
      const b = buckets.get(key)
      if (!b) return { granted: 0, waiting: 0, active: 0, usedToday: 0, pausedUntil: 0 }
      const error = quotas.get(key)?.error
      return {
        granted: b.granted,
        waiting: b.queue.length - b.head,
        active: b.limit.activeCount,
        usedToday: b.usedToday,
        pausedUntil: b.pausedUntil > clock.now() ? b.pausedUntil : 0,
        ...(error !== undefined ? { quotaStoreError: error } : {}),
      }
    },
    limits(key) {
      return configured.get(key) ?? defaults
    },
  }
}

function isStoredQuota(value: unknown): value is StoredQuota {
  const v = value as Partial<StoredQuota> | undefined
  return typeof v === 'object' && v !== null && Number.isFinite(v.resetAt) && Number.isFinite(v.used)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function grant(b: Bucket, now: number): void {
  b.tokens -= 1
  b.granted++
  b.usedToday++
  const w = b.window
  w.grants[w.next] = now
  w.next = (w.next + 1) % w.cap
}

/** Milliseconds until the window allows another grant (≤ 0: now). */
function windowWait(b: Bucket, now: number): number {
  const oldest = b.window.grants[b.window.next]
  return oldest === undefined ? 0 : oldest + b.window.ms - now
}

/**
 * Slack added to every window for the time between a grant and the request leaving the process (a busy event
 * loop): it keeps what the carrier *receives* within the rate, at a cost of about 2.5 % of the rate at 1 s windows.
 */
export const WINDOW_GUARD_MS = 25

/** At most `max(floor(rate), burst)` grants per window of 1 s (one per `1/rate` seconds below 1/s), plus the guard. */
function windowFor(rate: number, burst: number): Bucket['window'] {
  const ms = (rate >= 1 ? 1000 : 1000 / rate) + WINDOW_GUARD_MS
  const cap = Math.max(1, Math.floor(burst), rate >= 1 ? Math.floor(rate) : 1)
  return { cap, ms, grants: [], next: 0 }
}

function validate(key: string, o: RateLimitOptions): RateLimitOptions {
  const bad = (what: string) => new ConfigError(`Rate limit for "${key}": ${what}`)
  if (!(o.requestsPerSecond > 0) || !Number.isFinite(o.requestsPerSecond)) {
    throw bad('requestsPerSecond must be a positive number')
  }
  if (o.burst !== undefined && !(o.burst >= 1)) throw bad('burst must be at least 1')
  if (o.perDay !== undefined && !(Number.isInteger(o.perDay) && o.perDay > 0)) {
    throw bad('perDay must be a positive integer')
  }
  if (o.concurrency !== undefined && !(Number.isInteger(o.concurrency) && o.concurrency >= 1)) {
    throw bad('concurrency must be a positive integer')
  }
  if (
    o.dailyResetHour !== undefined &&
    !(Number.isInteger(o.dailyResetHour) && o.dailyResetHour >= 0 && o.dailyResetHour < 24)
  ) {
    throw bad('dailyResetHour must be an integer 0-23')
  }
  if (o.dailyResetZone !== undefined && !DateTime.now().setZone(o.dailyResetZone).isValid) {
    throw bad(`unknown dailyResetZone "${o.dailyResetZone}"`)
  }
  return o
}

/** The next instant after `now` at which the clock in `zone` shows `hour`:00. */
export function nextReset(now: number, hour: number, zone: string): number {
  const local = DateTime.fromMillis(now, { zone })
  let candidate = local.set({ hour, minute: 0, second: 0, millisecond: 0 })
  if (candidate.toMillis() <= now) candidate = candidate.plus({ days: 1 }).set({ hour })
  return candidate.toMillis()
}
