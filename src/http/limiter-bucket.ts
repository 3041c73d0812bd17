/**
 * The token bucket of one key of the in-process limiter: its resolved limits, tokens, per-second window,
 * daily count and FIFO queue, with the pure steps on it (refill, grant, the wait the window imposes) and the
 * quota day's reset instant.
 */

import { ConcurrencyGate } from './concurrency-gate.js'
import { type Waiter, windowCap, windowLength } from './limiter-steps.js'
import { dateTime } from './luxon.js'
import type { RateLimitOptions } from './types.js'

/**
 * Slack added to every window for the time between a grant and the request leaving the process (a busy event
 * loop): it keeps what the carrier *receives* within the rate, at a cost of about 2.5 % of the rate at 1 s windows.
 */
export const WINDOW_GUARD_MS = 25

/** The limits of a key with every default filled in. */
export type BucketLimits = Required<Omit<RateLimitOptions, 'perDay'>> & { perDay?: number }

/** Times of the last `cap` grants (a ring), for the per-window cap. */
export interface GrantWindow {
  cap: number
  ms: number
  grants: number[]
  next: number
}

export interface Bucket {
  opts: BucketLimits
  tokens: number
  refilledAt: number
  window: GrantWindow
  /** Waiters from `head` on are waiting (the ones before it were settled and are compacted away lazily). */
  queue: Waiter[]
  head: number
  cancelTimer?: () => void
  pausedUntil: number
  granted: number
  usedToday: number
  resetAt: number
  gate: ConcurrencyGate
}

/** A full bucket for the limits `o`, at `now`. */
export function newBucket(o: RateLimitOptions, now: number): Bucket {
  const opts: BucketLimits = {
    requestsPerSecond: o.requestsPerSecond,
    burst: o.burst ?? 1,
    perDay: o.perDay,
    dailyResetHour: o.dailyResetHour ?? 0,
    dailyResetZone: o.dailyResetZone ?? 'UTC',
    concurrency: o.concurrency ?? 8,
  }
  return {
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
    gate: new ConcurrencyGate(opts.concurrency),
  }
}

/** Callers are waiting in the bucket's queue. */
export function hasWaiters(b: Bucket): boolean {
  return b.head < b.queue.length
}

/**
 * Adds the tokens earned since the last refill and starts a new quota day when one began. While callers wait,
 * the bucket may hold one token more than `burst`: what a late timer would otherwise lose. The window cap keeps
 * every one-second window at or under the rate all the same.
 */
export function refill(b: Bucket, now: number): void {
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

/** The daily quota is spent (until `resetAt`). */
export function quotaSpent(b: Bucket): boolean {
  return b.opts.perDay !== undefined && b.usedToday >= b.opts.perDay
}

/** Nothing but the quota keeps a token from being granted at `now`: no pause, a whole token, room in the window. */
export function tokenFree(b: Bucket, now: number): boolean {
  return now >= b.pausedUntil && b.tokens >= 1 && windowWait(b, now) <= 0
}

/** Takes one token and records the grant in the window. */
export function grant(b: Bucket, now: number): void {
  b.tokens -= 1
  b.granted++
  b.usedToday++
  const w = b.window
  w.grants[w.next] = now
  w.next = (w.next + 1) % w.cap
}

/** Milliseconds until the window allows another grant (≤ 0: now). */
export function windowWait(b: Bucket, now: number): number {
  const oldest = b.window.grants[b.window.next]
  return oldest === undefined ? 0 : oldest + b.window.ms - now
}

/** Milliseconds until the head waiter may be granted: a whole token, the end of a pause, room in the window. */
export function nextGrantIn(b: Bucket, now: number): number {
  const tokenWait = b.tokens >= 1 ? 0 : ((1 - b.tokens) * 1000) / b.opts.requestsPerSecond
  return Math.max(tokenWait, b.pausedUntil - now, windowWait(b, now))
}

/** Drops the settled head of a long queue once it is most of the array. */
export function compactQueue(b: Bucket): void {
  if (b.head > 1024 && b.head * 2 > b.queue.length) {
    b.queue = b.queue.slice(b.head)
    b.head = 0
  }
}

/** At most `max(floor(rate), burst)` grants per window of 1 s (one per `1/rate` seconds below 1/s), plus the guard. */
function windowFor(rate: number, burst: number): GrantWindow {
  return { cap: windowCap(rate, burst), ms: windowLength(rate, WINDOW_GUARD_MS), grants: [], next: 0 }
}

/** The next instant after `now` at which the clock in `zone` shows `hour`:00. */
export function nextReset(now: number, hour: number, zone: string): number {
  const local = dateTime().fromMillis(now, { zone })
  let candidate = local.set({ hour, minute: 0, second: 0, millisecond: 0 })
  if (candidate.toMillis() <= now) candidate = candidate.plus({ days: 1 }).set({ hour })
  return candidate.toMillis()
}
