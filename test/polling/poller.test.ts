import { describe, expect, it } from 'vitest'
import { ConfigError, NetworkError, RateLimitError, ValidationError } from '../../src/errors/index.js'
import { createRateLimiter, type HttpClient, type HttpRequest, manualClock } from '../../src/http/index.js'
import { createPoller, type PollerChange, type PollerOptions } from '../../src/polling/index.js'
import { memoryStore, type Store } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import type { CarrierEvent } from '../helpers/carrier-server.js'
import { loopbackAdapter } from './loopback-adapter.js'

const MIN = 60_000
const HOUR = 60 * MIN

/** An in-memory carrier behind a fake HttpClient: records calls, can fail on demand. */
function fakeCarrier() {
  const published = new Map<string, CarrierEvent[]>()
  const calls: string[][] = []
  let failNext = 0
  let failMessage = 'GET /track: ECONNRESET'
  let throttleNext: number | undefined
  let seq = 0
  const http: HttpClient = {
    async request<T>(req: HttpRequest) {
      const numbers = String(req.query?.numbers ?? '').split(',')
      calls.push(numbers)
      if (throttleNext !== undefined) {
        const retryAfterMs = throttleNext
        throttleNext = undefined
        throw new RateLimitError('GET /track was throttled (429)', { status: 429, retryAfterMs })
      }
      if (failNext > 0) {
        failNext--
        throw new NetworkError(failMessage)
      }
      const results = numbers.map((n) => {
        const events = published.get(n)
        return events ? { trackingNumber: n, events: [...events] } : { trackingNumber: n, notFound: true }
      })
      return { status: 200, headers: {}, body: { results } as T, url: 'mem://track', durationMs: 0 }
    },
  }
  return {
    http,
    calls,
    published,
    throttleNext: (retryAfterMs: number) => {
      throttleNext = retryAfterMs
    },
    failNext: (n: number, message = 'GET /track: ECONNRESET') => {
      failNext = n
      failMessage = message
    },
    publish(n: string, code: string, at = new Date(Date.UTC(2024, 0, 1) + ++seq * MIN).toISOString()) {
      const list = published.get(n) ?? []
      list.push({ eventId: `e${++seq}`, code, at })
      published.set(n, list)
    },
  }
}

function setup(over: Partial<PollerOptions> = {}, maxBatch = 10) {
  const clock = manualClock(Date.UTC(2024, 5, 1))
  const carrier = fakeCarrier()
  const store: Store = over.store ?? memoryStore()
  const changes: PollerChange[] = []
  const make = () =>
    createPoller({
      adapters: [loopbackAdapter({ http: carrier.http, maxBatch, requestsPerSecond: 100, burst: 10 })],
      store,
      clock,
      random: () => 0.5,
      onChange: (c) => {
        changes.push(c)
      },
      ...over,
    })
  return { clock, carrier, store, changes, make, poller: make() }
}

const eventsOf = (changes: PollerChange[]) =>
  changes.flatMap((c) =>
    c.type === 'events' ? c.events.map((e) => `${c.trackingNumber}:${e.raw.code}`) : [],
  )

describe('createPoller (manual clock, in-memory carrier)', () => {
  it('emits only new events, diffed by id, across polls', async () => {
    const { clock, carrier, poller, changes } = setup()
    carrier.publish('A', 'LC')
    await poller.add('loop', 'A')
    await poller.start()
    await clock.advance(10)
    expect(eventsOf(changes)).toEqual(['A:LC'])
    carrier.publish('A', 'PU')
    carrier.publish('A', 'AF')
    await clock.advance(6 * HOUR + 10)
    expect(eventsOf(changes)).toEqual(['A:LC', 'A:PU', 'A:AF'])
    await clock.advance(3 * HOUR)
    expect(eventsOf(changes)).toEqual(['A:LC', 'A:PU', 'A:AF'])
    expect(carrier.calls.length).toBe(3)
    await poller.stop()
  })

  it('a restarted poller with the same store re-emits nothing it already emitted', async () => {
    const first = setup()
    first.carrier.publish('A', 'LC')
    first.carrier.publish('A', 'PU')
    await first.poller.add('loop', 'A')
    await first.poller.start()
    await first.clock.advance(10)
    await first.poller.stop()
    expect(eventsOf(first.changes)).toEqual(['A:LC', 'A:PU'])
    first.changes.length = 0
    first.carrier.publish('A', 'OFD')
    const second = first.make()
    await second.start()
    await first.clock.advance(3 * HOUR)
    expect(eventsOf(first.changes)).toEqual(['A:OFD'])
    await second.stop()
  })

  it('chooses the next poll by status: sooner when out for delivery, rarer when pre-transit', async () => {
    const { clock, carrier, poller } = setup()
    carrier.publish('P', 'LC')
    carrier.publish('O', 'LC')
    carrier.publish('O', 'OFD')
    await poller.add('loop', 'P')
    await poller.add('loop', 'O')
    await poller.start()
    await clock.advance(10)
    const p = (await poller.state('loop', 'P'))!
    const o = (await poller.state('loop', 'O'))!
    expect(p.nextPollAt - p.lastPolledAt!).toBe(6 * HOUR)
    expect(o.nextPollAt - o.lastPolledAt!).toBe(20 * MIN)
    await poller.stop()
  })

  it('jitter spreads polls within ±jitter of the interval', async () => {
    let r = 0
    const { clock, carrier, poller } = setup({ random: () => (r = (r + 0.37) % 1), jitter: 0.2 })
    for (let i = 0; i < 20; i++) {
      carrier.publish(`N${i}`, 'PU')
      await poller.add('loop', `N${i}`)
    }
    await poller.start()
    await clock.advance(10)
    const gaps = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const s = (await poller.state('loop', `N${i}`))!
      const gap = s.nextPollAt - s.lastPolledAt!
      expect(gap).toBeGreaterThanOrEqual(0.8 * 2 * HOUR)
      expect(gap).toBeLessThanOrEqual(1.2 * 2 * HOUR)
      gaps.add(gap)
    }
    expect(gaps.size).toBeGreaterThan(5)
    await poller.stop()
  })

  it('stops polling after a terminal status is confirmed, and emits completed once', async () => {
    const { clock, carrier, poller, changes } = setup()
    carrier.publish('D', 'PU')
    carrier.publish('D', 'DL')
    await poller.add('loop', 'D')
    await poller.start()
    await clock.advance(10)
    expect((await poller.state('loop', 'D'))!.done).toBeUndefined()
    await clock.advance(HOUR + 10)
    expect((await poller.state('loop', 'D'))!.done).toBe(true)
    const calls = carrier.calls.length
    await clock.advance(48 * HOUR)
    expect(carrier.calls.length).toBe(calls)
    expect(changes.filter((c) => c.type === 'completed')).toHaveLength(1)
    expect(poller.stats().tracked).toBe(0)
    await poller.stop()
  })

  it('batches due shipments up to maxBatch per track() call', async () => {
    const { clock, carrier, poller } = setup({}, 4)
    for (let i = 0; i < 10; i++) {
      carrier.publish(`B${i}`, 'PU')
      await poller.add('loop', `B${i}`)
    }
    await poller.start()
    await clock.advance(1000)
    expect(carrier.calls.map((c) => c.length)).toEqual([4, 4, 2])
    await poller.stop()
  })

  it('backs off per shipment on errors, keeps the error on the state, and recovers', async () => {
    const { clock, carrier, poller, changes } = setup({ errorBackoff: { baseMs: MIN, capMs: HOUR } })
    carrier.publish('E', 'PU')
    carrier.failNext(3)
    await poller.add('loop', 'E')
    await poller.start()
    await clock.advance(10)
    let s = (await poller.state('loop', 'E'))!
    expect(s.errors).toBe(1)
    expect(s.error?.code).toBe('ERR_NETWORK')
    expect(s.nextPollAt - s.lastPolledAt!).toBe(MIN)
    await clock.advance(MIN)
    s = (await poller.state('loop', 'E'))!
    expect(s.nextPollAt - s.lastPolledAt!).toBe(2 * MIN)
    await clock.advance(2 * MIN)
    s = (await poller.state('loop', 'E'))!
    expect(s.errors).toBe(3)
    expect(s.nextPollAt - s.lastPolledAt!).toBe(4 * MIN)
    await clock.advance(4 * MIN)
    s = (await poller.state('loop', 'E'))!
    expect(s.errors).toBe(0)
    expect(s.error).toBeUndefined()
    expect(changes.filter((c) => c.type === 'error')).toHaveLength(3)
    expect(eventsOf(changes)).toEqual(['E:PU'])
    await poller.stop()
  })

  it('signals a stalled shipment once when nothing new arrives for stalledAfterMs', async () => {
    const { clock, carrier, poller, changes } = setup({ stalledAfterMs: 5 * HOUR })
    carrier.publish('S', 'PU')
    await poller.add('loop', 'S')
    await poller.start()
    await clock.advance(12 * HOUR)
    expect(changes.filter((c) => c.type === 'stalled')).toHaveLength(1)
    carrier.publish('S', 'AF')
    await clock.advance(3 * HOUR)
    expect((await poller.state('loop', 'S'))!.stalled).toBeUndefined()
    await poller.stop()
  })

  it('reports not found once and keeps polling at the notFound interval', async () => {
    const { clock, poller, changes, carrier } = setup()
    await poller.add('loop', 'X')
    await poller.start()
    await clock.advance(7 * HOUR)
    expect(changes.filter((c) => c.type === 'not_found')).toHaveLength(1)
    expect(carrier.calls.length).toBe(3)
    await poller.stop()
  })

  it('remove stops polling a shipment and forgets its state', async () => {
    const { clock, carrier, poller } = setup()
    carrier.publish('R', 'PU')
    await poller.add('loop', 'R')
    await poller.start()
    await clock.advance(10)
    expect(await poller.remove('loop', 'R')).toBe(true)
    await clock.advance(10 * HOUR)
    expect(carrier.calls.length).toBe(1)
    expect(await poller.state('loop', 'R')).toBeUndefined()
    await poller.stop()
  })

  it('the async iterator yields changes and ends on stop', async () => {
    const { clock, carrier, poller } = setup({ onChange: undefined })
    carrier.publish('I', 'PU')
    await poller.add('loop', 'I')
    const it = poller.changes()
    await poller.start()
    await clock.advance(10)
    await poller.stop()
    const seen: string[] = []
    for await (const c of it) seen.push(c.type)
    expect(seen).toEqual(['events'])
  })

  it('stop() drains in-flight work: a track() still running completes and its events are emitted', async () => {
    const clock = manualClock(0)
    let release: () => void = () => {}
    const changes: PollerChange[] = []
    const slow: HttpClient = {
      async request<T>() {
        await new Promise<void>((r) => {
          release = r
        })
        const events = [{ eventId: 'x', code: 'PU', at: '2024-01-01T10:00:00Z' }]
        return {
          status: 200,
          headers: {},
          body: { results: [{ trackingNumber: 'Z', events }] } as T,
          url: '',
          durationMs: 0,
        }
      },
    }
    const poller = createPoller({
      adapters: [loopbackAdapter({ http: slow })],
      clock,
      onChange: (c) => void changes.push(c),
    })
    await poller.add('loop', 'Z')
    await poller.start()
    await clock.advance(10)
    const stopped = poller.stop()
    release()
    await stopped
    expect(eventsOf(changes)).toEqual(['Z:PU'])
    expect((await poller.state('loop', 'Z'))!.seenCount).toBe(1)
  })

  it('a throwing onEvents callback loses nothing: the events are offered again on the next poll', async () => {
    let fail = true
    const got: string[] = []
    const { clock, carrier, poller } = setup({
      onEvents: (c) => {
        if (fail) throw new Error('consumer down')
        got.push(...c.events.map((e) => e.raw.code ?? ''))
      },
    })
    carrier.publish('C', 'PU')
    await poller.add('loop', 'C')
    await poller.start()
    await clock.advance(10)
    expect(got).toEqual([])
    fail = false
    await clock.advance(HOUR)
    expect(got).toEqual(['PU'])
    await poller.stop()
  })

  it('keeps the per-shipment state under 1 KB with 300 events and a long error', async () => {
    const { clock, carrier, poller, store } = setup()
    const n = '1Z999AA10123456784EXTRALONGREFERENCE'
    for (let i = 0; i < 300; i++) carrier.publish(n, i % 2 ? 'AF' : 'PU')
    await poller.add('loop', n)
    await poller.start()
    await clock.advance(10)
    carrier.failNext(1, `upstream said: ${'x'.repeat(5000)}`)
    await clock.advance(2 * HOUR + 10)
    const raw = await store.get(`poller:loop:${n}`)
    const state = raw as { seenCount: number; error?: unknown }
    expect(state.seenCount).toBe(300)
    expect(state.error).toBeDefined()
    expect(JSON.stringify(raw).length).toBeLessThan(1024)
    await poller.stop()
  })

  it('a 429 with a long Retry-After reschedules the batch without counting shipment errors', async () => {
    const { clock, carrier, poller, changes } = setup()
    carrier.publish('T', 'PU')
    carrier.throttleNext(2 * HOUR)
    await poller.add('loop', 'T')
    await poller.start()
    await clock.advance(10)
    const s = (await poller.state('loop', 'T'))!
    expect(s.errors).toBe(0)
    expect(changes.filter((c) => c.type === 'error')).toHaveLength(0)
    await clock.advance(2 * HOUR - 1000)
    expect(carrier.calls).toHaveLength(1)
    await clock.advance(2000)
    expect(carrier.calls).toHaveLength(2)
    expect(eventsOf(changes)).toEqual(['T:PU'])
    await poller.stop()
  })

  it('a spent daily quota pauses the carrier until the reset instead of failing shipments', async () => {
    const clock = manualClock(Date.UTC(2024, 5, 1, 23, 0))
    const carrier = fakeCarrier()
    const limiter = createRateLimiter({ clock })
    limiter.configure('poller:loop', { requestsPerSecond: 100, perDay: 2 })
    const poller = createPoller({
      adapters: [loopbackAdapter({ http: carrier.http, maxBatch: 1 })],
      limiter,
      clock,
      intervals: { in_transit: 60_000 },
    })
    for (const n of ['Q1', 'Q2', 'Q3']) {
      carrier.publish(n, 'PU')
      await poller.add('loop', n)
    }
    await poller.start()
    await clock.advance(30 * MIN)
    expect(carrier.calls).toHaveLength(2)
    expect(poller.stats().errors).toBe(0)
    await clock.advance(31 * MIN)
    expect(carrier.calls.length).toBeGreaterThanOrEqual(3)
    expect(carrier.calls.flat()).toContain('Q3')
    await poller.stop()
  })

  it('rejects unknown carriers and empty numbers with typed errors', async () => {
    const { poller } = setup()
    await expect(poller.add('nope', 'A')).rejects.toBeInstanceOf(ConfigError)
    await expect(poller.add('loop', '  ')).rejects.toBeInstanceOf(ValidationError)
  })
})

describe('a tracker as the sink (#25: a source wired in one line)', () => {
  it('hands each shipment with new events to the tracker, before onEvents, and offers them again when it fails', async () => {
    const tracker = createTracker({ adapters: [], store: memoryStore(), outbox: { drainEveryMs: 0 } })
    let failing = true
    const order: string[] = []
    const sink = {
      async ingestResult(result: Parameters<typeof tracker.ingestResult>[0]) {
        order.push(`sink:${result.shipments.length}:${result.notFound.length}`)
        if (failing && result.shipments.length) throw new Error('store down')
        return tracker.ingestResult(result)
      },
    }
    const { clock, carrier, poller } = setup({ sink, onEvents: () => void order.push('onEvents') })
    carrier.publish('A', 'LC')
    await poller.add('loop', 'A')
    await poller.add('loop', 'NOPE')
    await poller.start()
    await clock.advance(10)
    expect(order).toEqual(expect.arrayContaining(['sink:1:0', 'sink:0:1']))
    expect(order).not.toContain('onEvents')
    failing = false
    await clock.advance(2 * HOUR + 10)
    expect(order.at(-1)).toBe('onEvents')
    const numbers: string[] = []
    for await (const shipment of tracker.shipments()) numbers.push(shipment.trackingNumber)
    expect(numbers).toEqual(['A'])
    await poller.stop()
    await tracker.close()
    expect(() => setup({ sink: {} as never })).toThrow(ConfigError)
  })
})
