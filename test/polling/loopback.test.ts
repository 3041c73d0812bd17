import { afterEach, describe, expect, it } from 'vitest'
import { createHttpClient, oauth2ClientCredentials } from '../../src/http/index.js'
import { createPoller, type EventsChange, type Poller } from '../../src/polling/index.js'
import { bucketExcess, type CarrierServer, startCarrierServer } from '../helpers/carrier-server.js'
import { loopbackAdapter } from './loopback-adapter.js'

const SECRET = 'loop-secret-0001'
/** Delivery delay tolerated between a send and its arrival in the server log (a loaded 2-core CI machine). */
const JITTER_MS = 100
/** Delay tolerated between a limiter grant and the `onRequest` hook of that send (microtasks of other work). */
const SEND_SLACK_MS = 50
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function rig(opts: { rate: number; shipments: number; maxBatch: number }) {
  const sentAt: number[] = []
  const server: CarrierServer = await startCarrierServer({
    auth: 'oauth',
    clients: { loop: SECRET },
    tokenTtlSeconds: 3,
    // The server's own limit allows a little loopback jitter; the assertions below use the client's rate.
    rate: { perSecond: opts.rate, burst: 3, retryAfterSeconds: 1 },
    maxBatch: opts.maxBatch,
  })
  cleanups.push(() => server.close())
  const http = createHttpClient({
    baseUrl: server.url,
    auth: oauth2ClientCredentials({
      tokenUrl: `${server.url}/oauth/token`,
      clientId: 'loop',
      clientSecret: SECRET,
      authStyle: 'basic',
    }),
    // The carrier's limiter on the client too, so retries and 401 replays count against the rate.
    limiter: { requestsPerSecond: opts.rate, burst: 1 },
    rateLimitKey: 'loop',
    retry: { backoffBaseMs: 20, backoffCapMs: 100, limit: 3 },
    onRequest: (info) => {
      if (info.url.endsWith('/track')) sentAt.push(performance.timeOrigin + performance.now())
    },
  })
  cleanups.push(() => http.close())
  const adapter = loopbackAdapter({ http, maxBatch: opts.maxBatch, requestsPerSecond: opts.rate, burst: 1 })
  const numbers = Array.from({ length: opts.shipments }, (_, i) => `LP${String(i).padStart(4, '0')}`)
  return { server, http, adapter, numbers, sentAt }
}

const fastIntervals = {
  pre_transit: 250,
  in_transit: 250,
  out_for_delivery: 150,
  delivered: 150,
  notFound: 250,
  unknown: 250,
  exception: 250,
}

describe('poller against a loopback carrier with faults', () => {
  it('emits every published event exactly once, never exceeds the rate, respects Retry-After, survives 503/reset/expired tokens', async () => {
    const rate = 20
    const { server, adapter, numbers, sentAt } = await rig({ rate, shipments: 30, maxBatch: 5 })
    const emitted: string[] = []
    const poller: Poller = createPoller({
      adapters: [adapter],
      intervals: fastIntervals,
      jitter: 0.2,
      errorBackoff: { baseMs: 100, capMs: 400 },
      concurrency: 3,
      onEvents: (c: EventsChange) => {
        for (const e of c.events)
          emitted.push(`${c.trackingNumber}|${e.raw.code}|${Date.parse(e.occurredAt)}`)
      },
    })
    cleanups.push(() => poller.stop({ abort: true }))
    const codes = ['LC', 'PU', 'AF', 'OFD', 'DL']
    let t = Date.UTC(2024, 0, 1)
    const publishNext = (n: string) => {
      const list = server.published.get(n) ?? []
      const code = codes[list.length]
      if (!code) return
      t += 60_000
      server.publish(n, { eventId: `${n}-${list.length}`, code, at: new Date(t).toISOString() })
    }
    const publishRound = (round: number) => {
      for (const [i, n] of numbers.entries()) if (round === 0 || (i + round) % 2 === 0) publishNext(n)
    }
    publishRound(0)
    for (const n of numbers) await poller.add('loop', n)
    await poller.start()

    const faultsAt = new Map<number, () => void>([
      [1, () => server.inject({ kind: 'status', status: 503 }, 3, '/track')],
      [2, () => server.inject({ kind: 'reset' }, 2, '/track')],
      [3, () => server.inject({ kind: 'status', status: 429, retryAfter: '1' }, 1, '/track')],
      [4, () => server.expireTokens()],
    ])
    for (let round = 1; round < codes.length; round++) {
      await sleep(600)
      faultsAt.get(round)?.()
      publishRound(round)
    }
    for (const n of numbers) for (let k = 0; k < codes.length; k++) publishNext(n)
    const expected = [...server.published].flatMap(([n, list]) =>
      list.map((e) => `${n}|${e.code}|${Date.parse(e.at)}`),
    )
    for (let i = 0; i < 100 && (emitted.length < expected.length || poller.stats().tracked > 0); i++)
      await sleep(100)
    await poller.stop()

    // exactly once
    expect(new Set(emitted).size).toBe(emitted.length)
    expect([...emitted].sort()).toEqual([...expected].sort())
    expect(poller.stats().tracked).toBe(0)

    // rate, from the server's own log
    const track = server.arrivals.filter((a) => a.path === '/track')
    const times = track.map((a) => a.at)
    // sends and arrivals obey the bucket (burst 1 + 1 catch-up token) within the stated tolerances
    expect(sentAt.length).toBe(times.length)
    expect(bucketExcess(sentAt, { rate, burst: 2, jitterMs: SEND_SLACK_MS })).toBeLessThanOrEqual(0)
    expect(bucketExcess(times, { rate, burst: 2, jitterMs: JITTER_MS })).toBeLessThanOrEqual(0)

    // Retry-After: after the injected 429 nothing arrives until it has passed (in-flight requests excepted)
    const throttled = track.find((a) => a.outcome === 'fault' && a.status === 429)
    expect(throttled).toBeDefined()
    const during = track.filter((a) => a.at > throttled!.at + 100 && a.at < throttled!.at + 990)
    expect(during).toHaveLength(0)

    // the faults really happened
    expect(track.filter((a) => a.outcome === 'fault').length).toBe(6)
    expect(track.filter((a) => a.outcome === 'unauthorized').length).toBeGreaterThanOrEqual(1)
  })

  it('aborting stops all work: nothing is sent after the abort, nothing arrives after stop() resolved', async () => {
    const { server, adapter, numbers, sentAt } = await rig({ rate: 50, shipments: 200, maxBatch: 2 })
    for (const n of numbers) server.publish(n, { eventId: `${n}-0`, code: 'PU', at: '2024-01-01T10:00:00Z' })
    const controller = new AbortController()
    const poller = createPoller({ adapters: [adapter], intervals: fastIntervals, signal: controller.signal })
    for (const n of numbers) await poller.add('loop', n)
    await poller.start()
    for (let i = 0; i < 50 && sentAt.length < 3; i++) await sleep(20)
    const now = () => performance.timeOrigin + performance.now()
    const abortedAt = now()
    controller.abort()
    await poller.stop()
    const stoppedAt = now()
    expect(sentAt.length).toBeGreaterThanOrEqual(1)
    expect(poller.stats().inFlight).toBe(0)
    await sleep(400)
    // requests already on the wire may still be logged (with their earlier arrival time); nothing new is sent
    expect(sentAt.filter((t) => t > abortedAt)).toEqual([])
    expect(server.arrivals.filter((a) => a.at > stoppedAt + JITTER_MS)).toEqual([])
    expect(poller.stats().polls).toBeLessThan(numbers.length)
  })
})
