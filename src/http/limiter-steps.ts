/**
 * Steps both limiters take the same way (the in-process one in limiter-local.ts and the shared one in
 * limiter-shared.ts): a waiter's abort wiring, `schedule` within a concurrency cap, the per-second window's
 * size, the quota-spent error and the counters of a key without limits.
 */
import { AbortError, RateLimitError } from '../errors/index.js'
import type { ConcurrencyGate } from './concurrency-gate.js'
import type { RateLimiterStats } from './limiter.js'

/** A caller waiting for a token of one key. */
export interface Waiter {
  resolve(): void
  reject(error: unknown): void
  signal?: AbortSignal
  onAbort?: () => void
}

/** The error of a caller whose signal aborted (or was aborted already) while waiting for a token. */
export function tokenAbortError(options?: { cause: unknown }): AbortError {
  return new AbortError('Aborted while waiting for a rate-limit token', options)
}

/** Calls `onAbort` when the waiter's signal aborts (nothing without a signal). */
export function watchAbort(waiter: Waiter, onAbort: () => void): void {
  if (!waiter.signal) return
  waiter.onAbort = onAbort
  waiter.signal.addEventListener('abort', onAbort, { once: true })
}

/** The waiter leaves the queue: its abort no longer concerns the limiter. */
export function unwatchAbort(waiter: Waiter): void {
  if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
}

/** `RateLimiter.schedule`: within the key's concurrency cap, take a token, then run `fn`. */
export function runScheduled<T>(
  gate: ConcurrencyGate,
  acquire: () => Promise<void>,
  fn: () => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  const run = gate.run(async () => {
    if (signal?.aborted) throw new AbortError('Aborted while waiting for a concurrency slot')
    await acquire()
    return fn()
  })
  if (!signal) return run
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AbortError('Aborted while waiting to run', { cause: signal.reason }))
    signal.addEventListener('abort', onAbort, { once: true })
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Grants allowed per window: `max(floor(rate), burst)` per second (one per window below 1/s). */
export function windowCap(rate: number, burst: number): number {
  return Math.max(1, Math.floor(burst), rate >= 1 ? Math.floor(rate) : 1)
}

/** The length of the per-second window: 1 s (`1/rate` s below 1/s) plus `guardMs`. */
export function windowLength(rate: number, guardMs: number): number {
  return (rate >= 1 ? 1000 : 1000 / rate) + guardMs
}

/** The daily quota of `key` is spent until `resetInMs` from now (not retryable before then). */
export function quotaSpentError(key: string, perDay: number | undefined, resetInMs: number): RateLimitError {
  return new RateLimitError(
    `Daily quota of ${perDay} requests for "${key}" is spent; it resets in ${Math.ceil(resetInMs / 1000)} s`,
    { retryAfterMs: resetInMs },
    { quota: true, retryable: false },
  )
}

/** The counters of a key that has no limits (or has not been used yet). */
export function idleStats(): RateLimiterStats {
  return { granted: 0, waiting: 0, active: 0, usedToday: 0, pausedUntil: 0 }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
