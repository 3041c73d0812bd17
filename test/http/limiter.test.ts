import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AbortError, ConfigError, RateLimitError } from '../../src/errors/index.js'
import { createRateLimiter, manualClock } from '../../src/http/index.js'
import { nextReset, WINDOW_GUARD_MS } from '../../src/http/limiter.js'

describe('createRateLimiter (manual clock)', () => {
  it('grants burst at once, then one token per 1/rate, in FIFO order', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 3, clock })
    const granted: [number, number][] = []
    const all = Array.from({ length: 8 }, (_, i) =>
      limiter.acquire('k').then(() => granted.push([i, clock.now()])),
    )
    await clock.advance(1000)
    await Promise.all(all)
    expect(granted.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(granted.map(([, t]) => t)).toEqual([0, 0, 0, 100, 200, 300, 400, 500])
  })

  it('keys are independent', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 1, clock })
    await limiter.acquire('a')
    await limiter.acquire('b')
    expect(limiter.stats('a').granted).toBe(1)
    expect(limiter.stats('b').granted).toBe(1)
  })

  it('an aborted waiter leaves the queue and the next one moves up', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 1, clock })
    await limiter.acquire('k')
    const controller = new AbortController()
    const first = limiter.acquire('k', { signal: controller.signal })
    let secondAt = -1
    const second = limiter.acquire('k').then(() => {
      secondAt = clock.now()
    })
    controller.abort()
    await expect(first).rejects.toBeInstanceOf(AbortError)
    await clock.advance(1000 + WINDOW_GUARD_MS)
    await second
    expect(secondAt).toBe(1000 + WINDOW_GUARD_MS)
    expect(limiter.stats('k').waiting).toBe(0)
  })

  it('DHL default key: 250 a day, then ERR_QUOTA until midnight GMT, then fresh quota', async () => {
    const clock = manualClock(Date.UTC(2024, 5, 1, 23, 55, 0))
    const limiter = createRateLimiter({ requestsPerSecond: 1000, burst: 1000, perDay: 250, clock })
    for (let i = 0; i < 250; i++) await limiter.acquire('dhl')
    const err = await limiter.acquire('dhl').catch((e) => e)
    expect(err).toBeInstanceOf(RateLimitError)
    expect(err.code).toBe('ERR_QUOTA')
    expect(err.retryAfterMs).toBe(5 * 60_000)
    await clock.advance(5 * 60_000)
    await expect(limiter.acquire('dhl')).resolves.toBeUndefined()
    expect(limiter.stats('dhl').usedToday).toBe(1)
  })

  it('quota waiters are rejected when the quota runs out while they wait', async () => {
    const clock = manualClock(Date.UTC(2024, 5, 1, 12))
    const limiter = createRateLimiter({ requestsPerSecond: 1, perDay: 2, clock })
    const results = await Promise.allSettled([
      limiter.acquire('k'),
      limiter.acquire('k'),
      limiter.acquire('k'),
      clock.advance(3000),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
  })

  it('resets at the configured hour in the configured zone (DST aware)', () => {
    // 2024-03-31 is the EU DST switch: 04:00 Berlin = 02:00 UTC after it
    const now = Date.UTC(2024, 2, 31, 1, 0)
    expect(new Date(nextReset(now, 4, 'Europe/Berlin')).toISOString()).toBe('2024-03-31T02:00:00.000Z')
    expect(new Date(nextReset(Date.UTC(2024, 0, 1, 0, 0), 0, 'UTC')).toISOString()).toBe(
      '2024-01-02T00:00:00.000Z',
    )
  })

  it('penalize pauses the key until Retry-After passes and resumes without a burst', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 5, clock })
    limiter.penalize('k', 2000)
    const times: number[] = []
    const all = Array.from({ length: 3 }, () => limiter.acquire('k').then(() => times.push(clock.now())))
    await clock.advance(3000)
    await Promise.all(all)
    expect(times).toEqual([2100, 2200, 2300])
  })

  it('schedule caps concurrency per key', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1e6, burst: 1e6, concurrency: 2 })
    let active = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.schedule('k', async () => {
          active++
          peak = Math.max(peak, active)
          await new Promise((r) => setTimeout(r, 5))
          active--
        }),
      ),
    )
    expect(peak).toBe(2)
  })

  it('rejects impossible options with ConfigError', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(ConfigError)
    expect(() => createRateLimiter({ requestsPerSecond: 1, dailyResetZone: 'Mars/Base' })).toThrow(
      ConfigError,
    )
    expect(() => createRateLimiter({ requestsPerSecond: 1, burst: 0.5 })).toThrow(ConfigError)
  })

  it('property: grants stay within the bucket (burst + 1 catch-up token + rate * span) and the 1 s window cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }),
        async (rate, burst, gaps) => {
          const clock = manualClock(0)
          const limiter = createRateLimiter({ requestsPerSecond: rate, burst, clock })
          const grants: number[] = []
          const pending: Promise<unknown>[] = []
          for (const gap of gaps) {
            await clock.advance(gap)
            pending.push(limiter.acquire('k').then(() => grants.push(clock.now())))
          }
          await clock.advance(Math.ceil((gaps.length / rate) * 1000) + 1000)
          await Promise.all(pending)
          expect(grants).toHaveLength(gaps.length)
          const cap = Math.max(rate, burst)
          for (let i = 0; i < grants.length; i++) {
            for (let j = i; j < grants.length; j++) {
              const span = grants[j]! - grants[i]!
              expect(j - i + 1).toBeLessThanOrEqual(burst + 1 + (rate * span) / 1000 + 1e-9)
              if (span < 1000) expect(j - i + 1).toBeLessThanOrEqual(cap)
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('a late timer is caught up (one token of slack while callers wait), never beyond the 1 s window cap', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 1, clock })
    const grants: number[] = []
    const all = Array.from({ length: 25 }, () => limiter.acquire('k').then(() => grants.push(clock.now())))
    // advance in coarse, late steps: the timer for t=100 only runs at t=170, and so on
    for (let t = 0; t < 4000; t += 170) await clock.advance(170)
    await Promise.all(all)
    expect(grants).toHaveLength(25)
    // with a strict bucket each 170 ms step would grant one: 24 steps for 24 more grants; with catch-up the
    // 25 grants finish by about 2.5 s
    expect(grants.at(-1)).toBeLessThanOrEqual(2720)
    for (let i = 0; i + 10 < grants.length; i++)
      expect(grants[i + 10]! - grants[i]!).toBeGreaterThanOrEqual(1000)
  })

  it('one call per second stays one call per second (DHL) even with a late timer', async () => {
    const clock = manualClock(0)
    const limiter = createRateLimiter({ requestsPerSecond: 1, clock })
    const grants: number[] = []
    const all = Array.from({ length: 6 }, () => limiter.acquire('k').then(() => grants.push(clock.now())))
    for (let t = 0; t < 8000; t += 1300) await clock.advance(1300)
    await Promise.all(all)
    for (let i = 1; i < grants.length; i++) expect(grants[i]! - grants[i - 1]!).toBeGreaterThanOrEqual(1000)
  })
})
