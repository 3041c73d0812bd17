import { describe, expect, it } from 'vitest'
import { RateLimitError } from '../../src/errors/index.js'
import { createRateLimiter, type HttpClient, manualClock } from '../../src/http/index.js'
import { nextReset } from '../../src/http/limiter.js'
import { createPoller } from '../../src/polling/index.js'
import { memoryStore, type Store } from '../../src/store/index.js'
import { loopbackAdapter } from '../polling/loopback-adapter.js'

const NOON = Date.UTC(2024, 5, 1, 12)
const KEY = 'waybill:quota:dhl'

/** A limiter with room for every call but the daily quota (5), on `store`. */
function limiterOn(store: Store, clock: ReturnType<typeof manualClock>) {
  return createRateLimiter({ requestsPerSecond: 100, burst: 10, perDay: 5, clock, quotaStore: store })
}

const quotaCode = (p: Promise<unknown>) =>
  p.then(
    () => 'granted',
    (e: RateLimitError) => e.code,
  )

describe('createRateLimiter quotaStore (manual clock)', () => {
  it('a restart does not start the daily count at 0 again: the new limiter grants only the rest', async () => {
    const clock = manualClock(NOON)
    const store = memoryStore()
    const first = limiterOn(store, clock)
    for (let i = 0; i < 3; i++) await first.acquire('dhl')
    await clock.advance(0) // lets the write behind finish
    expect(await store.get(KEY)).toEqual({ resetAt: Date.UTC(2024, 5, 2), used: 3 })

    const restarted = limiterOn(store, clock)
    await restarted.acquire('dhl')
    await restarted.acquire('dhl')
    const err = await restarted.acquire('dhl').catch((e) => e)
    expect(err).toBeInstanceOf(RateLimitError)
    expect(err.code).toBe('ERR_QUOTA')
    expect(restarted.stats('dhl').usedToday).toBe(5)
  })

  it("a count stored on an earlier quota day does not block the new day's quota", async () => {
    const clock = manualClock(Date.UTC(2024, 5, 1, 23, 58))
    const store = memoryStore()
    const first = limiterOn(store, clock)
    for (let i = 0; i < 5; i++) await first.acquire('dhl')
    await clock.advance(4 * 60_000) // past the reset at 00:00 UTC

    const restarted = limiterOn(store, clock)
    for (let i = 0; i < 5; i++) await restarted.acquire('dhl')
    expect(restarted.stats('dhl').usedToday).toBe(5)
    await clock.advance(0)
    expect(await store.get(KEY)).toEqual({ resetAt: Date.UTC(2024, 5, 3), used: 5 })
  })

  it('concurrent first acquires share one load and are not granted beyond the stored rest', async () => {
    const clock = manualClock(NOON)
    const inner = memoryStore()
    await inner.set(KEY, { resetAt: nextReset(NOON, 0, 'UTC'), used: 3 })
    let gets = 0
    let release = () => {}
    const gate = new Promise<void>((r) => {
      release = r
    })
    const store: Store = {
      ...inner,
      async get(key) {
        gets++
        await gate
        return inner.get(key)
      },
    }
    const limiter = limiterOn(store, clock)
    const results = Array.from({ length: 4 }, () => quotaCode(limiter.acquire('dhl')))
    await clock.advance(0)
    expect(limiter.stats('dhl')).toMatchObject({ granted: 0, waiting: 4 }) // nothing before the load settled
    release()
    await clock.advance(1000)
    expect(await Promise.all(results)).toEqual(['granted', 'granted', 'ERR_QUOTA', 'ERR_QUOTA'])
    expect(gets).toBe(1)
  })

  it('a failing quota store never fails a request, and stats(key).quotaStoreError says why', async () => {
    const clock = manualClock(NOON)
    const store: Store = {
      ...memoryStore(),
      get: () => Promise.reject(new Error('quota store offline (get)')),
      set: () => Promise.reject(new Error('quota store offline (set)')),
    }
    const limiter = limiterOn(store, clock)
    await limiter.acquire('dhl')
    await clock.advance(0)
    expect(limiter.stats('dhl').quotaStoreError).toBe('quota store offline (set)')
    for (let i = 0; i < 4; i++) await limiter.acquire('dhl')
    expect(await quotaCode(limiter.acquire('dhl'))).toBe('ERR_QUOTA') // the in-memory count still holds
    expect(limiter.stats('dhl').usedToday).toBe(5)
  })

  it("a poller with a store keeps its own limiter's daily count in that store", async () => {
    const clock = manualClock(NOON)
    const store = memoryStore()
    const http: HttpClient = {
      async request<T>() {
        const body = { results: [{ trackingNumber: 'A', notFound: true }] }
        return { status: 200, headers: {}, body: body as T, url: 'mem://track', durationMs: 0 }
      },
    }
    const poller = createPoller({
      adapters: [loopbackAdapter({ http })],
      store,
      clock,
      limits: { loop: { perDay: 5 } },
    })
    await poller.add('loop', 'A')
    await poller.start()
    await clock.advance(10)
    await poller.stop()
    expect(await store.get('waybill:quota:poller:loop')).toEqual({ resetAt: Date.UTC(2024, 5, 2), used: 1 })
  })
})
