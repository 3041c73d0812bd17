/** The real clock and a manual clock for tests (timers fire only when the test advances time). */
import type { Clock } from './types.js'

/** `Date.now()` and `setTimeout`; timers are unref'd so they never keep a process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms))
    return () => clearTimeout(handle)
  },
}

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order (awaiting microtasks between them). */
  advance(ms: number): Promise<void>
  /** Timers not yet fired. */
  readonly pending: number
}

/**
 * A manual clock for deterministic tests of the limiter and the poller.
 * @example
 * const clock = manualClock(Date.UTC(2024, 0, 1))
 * await clock.advance(1000)
 */
export function manualClock(start = 0): ManualClock {
  let now = start
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r))
  }
  return {
    now: () => now,
    get pending() {
      return timers.size
    },
    setTimer(fn, ms) {
      const id = ++seq
      timers.set(id, { at: now + Math.max(0, ms), fn })
      return () => timers.delete(id)
    },
    async advance(ms) {
      const target = now + ms
      await flush()
      for (;;) {
        let nextId = -1
        let next: { at: number; fn: () => void } | undefined
        for (const [id, t] of timers) {
          if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && id < nextId))) {
            next = t
            nextId = id
          }
        }
        if (!next) break
        timers.delete(nextId)
        now = Math.max(now, next.at)
        next.fn()
        await flush()
      }
      now = target
      await flush()
    },
  }
}

/** Resolves after `ms` on `clock`, or rejects with the signal's reason when it aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      cancel()
      reject(signal?.reason)
    }
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
