/**
 * The limiter over state shared by many processes: each key's token bucket, per-second cap, daily quota and
 * pause live in a {@link LimiterBackend} (PostgreSQL or Redis), which decides every grant atomically on its own
 * clock. This process only queues its own callers (FIFO per key, one question to the backend in flight per key)
 * and enforces its own concurrency cap. When the backend cannot answer, nothing is granted: the waiters get a
 * {@link LimiterBackendError} (fail closed).
 */
import { type RateLimitError, StoreError, type WaybillErrorOptions } from '../errors/index.js'
import { ConcurrencyGate } from './concurrency-gate.js'
import type { RateLimiter, RateLimiterStats } from './limiter.js'
import {
  idleStats,
  messageOf,
  quotaSpentError,
  runScheduled,
  tokenAbortError,
  unwatchAbort,
  type Waiter,
  watchAbort,
  windowCap,
  windowLength,
} from './limiter-steps.js'
import type { Clock, RateLimitOptions } from './types.js'

/** The limits of one key as the backend applies them (resolved from {@link RateLimitOptions}). */
export interface SharedLimits {
  /** Tokens per second. */
  rate: number
  /** Bucket size after a quiet period. */
  burst: number
  /** Grants allowed within `windowMs` (the per-second cap). */
  cap: number
  /** The window of the per-second cap, guard included. */
  windowMs: number
  /** Daily quota (absent: none). */
  perDay?: number
  /** Hour (0-23) in `zone` at which the quota day starts. */
  resetHour: number
  /** IANA zone of the quota day. */
  zone: string
  /** The caller was refused before and is asking again (the bucket may then hold one catch-up token). */
  waiting: boolean
}

/** What the backend answered to one `take`. */
export type TakeResult =
  /** `receipt` names the grant (its quota day and time) for {@link LimiterBackend.refund}. */
  | { granted: true; usedToday: number; receipt: string }
  | { granted: false; waitMs: number; usedToday: number; quotaSpent: false }
  | { granted: false; waitMs: number; usedToday: number; quotaSpent: true; resetInMs: number }

/**
 * Shared limiter state: the PostgreSQL and Redis backends implement it. Every method decides on the backend's
 * own clock and is atomic there; a method that cannot reach the backend rejects.
 */
export interface LimiterBackend {
  /** Where the state lives, for error messages (never includes a password). */
  readonly description: string
  /** One token of `key` now, or how long to wait. */
  take(key: string, limits: SharedLimits): Promise<TakeResult>
  /** The carrier throttled `key`: no grant for anyone for `ms`, and no burst afterwards. */
  pause(key: string, ms: number): Promise<void>
  /**
   * A grant was not used: count it out of its day's quota (nothing when that day is over) and free its place
   * in the per-second window (no request was sent for it).
   */
  refund(key: string, receipt: string): Promise<void>
  /** Releases what the backend created (a pool or client it opened itself; never one passed in). */
  close(): Promise<void>
}

/**
 * The shared limiter's backend could not answer (unreachable, timed out, or failed): no token was granted.
 * `retryable` is true: the same call may succeed once the backend is back.
 */
export class LimiterBackendError extends StoreError {
  constructor(message: string, options: WaybillErrorOptions = {}) {
    super(message, { retryable: true, ...options })
    this.name = 'LimiterBackendError'
  }
}

/** Slack added to the per-second window of shared keys by default (a grant travels further than in-process). */
export const SHARED_WINDOW_GUARD_MS = 75

/** Wait at least this long before asking again after a refusal, so a burst of retries cannot hammer the backend. */
const MIN_RETRY_MS = 2

interface SharedKey {
  limits: SharedLimits
  concurrency: number
  queue: Waiter[]
  /** A `take` is in flight or a retry timer is set. */
  busy: boolean
  cancelTimer?: () => void
  /** Refused at least once since the last grant. */
  refused: boolean
  granted: number
  /** Grants that arrived too late to be used safely (given back). */
  late: number
  usedToday: number
  pausedUntil: number
  /** Quota spent: reject locally until this local time (the backend said when the day resets). */
  quotaUntil: number
  quotaError?: RateLimitError
  backendError?: string
  gate: ConcurrencyGate
}

/** What {@link createSharedLimiter} needs from `createRateLimiter`. */
export interface SharedLimiterParts {
  backend: LimiterBackend
  clock: Clock
  /** Limits of a key (validated), or undefined for a key without limits. */
  limitsOf(key: string): RateLimitOptions | undefined
  /** Remembers the limits of a key (validated by the caller). */
  setLimits(key: string, options: RateLimitOptions): void
  windowGuardMs: number
  /** A grant that took longer than this to arrive is not used (see `pump`). */
  staleAfterMs: number
  /** Jitter source for retries (spreads instances so none is always first). */
  random: () => number
}

/** Resolves a key's options into what the backend applies. */
export function sharedLimits(o: RateLimitOptions, windowGuardMs: number): SharedLimits {
  const rate = o.requestsPerSecond
  const burst = o.burst ?? 1
  return {
    rate,
    burst,
    cap: windowCap(rate, burst),
    windowMs: Math.round(windowLength(rate, windowGuardMs)),
    ...(o.perDay !== undefined ? { perDay: o.perDay } : {}),
    resetHour: o.dailyResetHour ?? 0,
    zone: o.dailyResetZone ?? 'UTC',
    waiting: false,
  }
}

/** The limiter API over a shared backend (see `CreateRateLimiterOptions.shared`). */
export function createSharedLimiter(parts: SharedLimiterParts): RateLimiter {
  const { backend, clock } = parts
  const keys = new Map<string, SharedKey>()

  const keyFor = (key: string): SharedKey | undefined => {
    let k = keys.get(key)
    if (k) return k
    const o = parts.limitsOf(key)
    if (!o) return undefined
    k = {
      limits: sharedLimits(o, parts.windowGuardMs),
      concurrency: o.concurrency ?? 8,
      queue: [],
      busy: false,
      refused: false,
      granted: 0,
      late: 0,
      usedToday: 0,
      pausedUntil: 0,
      quotaUntil: 0,
      gate: new ConcurrencyGate(o.concurrency ?? 8),
    }
    keys.set(key, k)
    return k
  }

  const unreachable = (cause: unknown) =>
    new LimiterBackendError(
      `Rate limiter backend (${backend.description}) did not answer; no token was granted: ${messageOf(cause)}`,
      { cause },
    )

  const rejectAll = (k: SharedKey, error: unknown) => {
    const waiters = k.queue.splice(0)
    for (const w of waiters) {
      unwatchAbort(w)
      w.reject(error)
    }
  }

  /** Asks the backend for the head waiter's token; repeats while callers wait. One in flight per key. */
  const pump = (key: string, k: SharedKey) => {
    if (k.busy || k.queue.length === 0) return
    if (clock.now() < k.quotaUntil && k.quotaError) {
      rejectAll(k, k.quotaError)
      return
    }
    k.busy = true
    const asked = performance.now()
    backend.take(key, { ...k.limits, waiting: k.refused }).then(
      (result) => {
        k.busy = false
        k.backendError = undefined
        k.usedToday = result.usedToday
        if (result.granted && performance.now() - asked > parts.staleAfterMs) {
          // The backend may have granted this long before now (a stalled process, a slow network): sent now, the
          // request could reach the carrier bunched with later grants. Give its quota count back and ask again.
          k.late++
          backend.refund(key, result.receipt).then(
            () => undefined,
            (error: unknown) => {
              k.backendError = messageOf(error)
            },
          )
          pump(key, k)
          return
        }
        if (result.granted) {
          k.refused = false
          k.granted++
          const w = k.queue.shift()
          if (w) {
            unwatchAbort(w)
            w.resolve()
          }
          // A waiter aborted while the take was in flight: the token is spent unused (never granted twice).
          pump(key, k)
          return
        }
        if (result.quotaSpent) {
          const error = quotaSpentError(key, k.limits.perDay, result.resetInMs)
          k.quotaError = error
          k.quotaUntil = clock.now() + Math.min(result.resetInMs, 60_000)
          rejectAll(k, error)
          return
        }
        k.refused = true
        if (k.queue.length === 0) return
        const spread = Math.min(5, result.waitMs * 0.1) * parts.random()
        k.busy = true
        k.cancelTimer = clock.setTimer(
          () => {
            k.busy = false
            k.cancelTimer = undefined
            pump(key, k)
          },
          Math.max(MIN_RETRY_MS, Math.ceil(result.waitMs + spread)),
        )
      },
      (error: unknown) => {
        k.busy = false
        k.backendError = messageOf(error)
        rejectAll(k, isConfigLike(error) ? error : unreachable(error))
      },
    )
  }

  const acquire: RateLimiter['acquire'] = (key, opts = {}) => {
    const k = keyFor(key)
    if (!k) return Promise.resolve()
    const { signal } = opts
    if (signal?.aborted) return Promise.reject(tokenAbortError())
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal }
      watchAbort(waiter, () => {
        const i = k.queue.indexOf(waiter)
        if (i >= 0) k.queue.splice(i, 1)
        reject(tokenAbortError({ cause: signal?.reason }))
      })
      k.queue.push(waiter)
      pump(key, k)
    })
  }

  return {
    acquire,
    schedule(key, fn, opts = {}) {
      const k = keyFor(key)
      if (!k) return fn()
      return runScheduled(k.gate, () => acquire(key, opts), fn, opts.signal)
    },
    configure(key, o) {
      parts.setLimits(key, o)
      const k = keys.get(key)
      if (!k) return
      k.limits = sharedLimits(o, parts.windowGuardMs)
      k.quotaUntil = 0
      if (o.concurrency !== undefined && o.concurrency !== k.concurrency) {
        k.concurrency = o.concurrency
        k.gate.concurrency = o.concurrency
      }
    },
    penalize(key, retryAfterMs) {
      const k = keyFor(key)
      if (!k) return
      const ms = Math.max(0, retryAfterMs)
      k.pausedUntil = Math.max(k.pausedUntil, clock.now() + ms)
      backend.pause(key, ms).then(
        () => {
          k.backendError = undefined
        },
        (error: unknown) => {
          k.backendError = messageOf(error)
        },
      )
    },
    stats(key): RateLimiterStats {
      const k = keys.get(key)
      if (!k) return idleStats()
      return {
        granted: k.granted,
        lateGrants: k.late,
        waiting: k.queue.length,
        active: k.gate.active,
        usedToday: k.usedToday,
        pausedUntil: k.pausedUntil > clock.now() ? k.pausedUntil : 0,
        ...(k.backendError !== undefined ? { backendError: k.backendError } : {}),
      }
    },
    limits(key) {
      return parts.limitsOf(key)
    },
  }
}

function isConfigLike(error: unknown): boolean {
  return error instanceof LimiterBackendError || (error as { code?: string } | null)?.code === 'ERR_CONFIG'
}

/** Rejects with a {@link LimiterBackendError} when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LimiterBackendError(`${what} did not answer within ${ms} ms`)), ms)
    timer.unref?.()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
