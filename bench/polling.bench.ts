/**
 * The poller at scale. Run: npx vitest bench --run bench/polling.bench.ts
 *
 * 1. 100,000 shipments against a loopback carrier allowing R requests/second (server-side token bucket):
 *    observed rate from the server's arrival log (max in any 1 s window / R, never above) and the share of R
 *    used while a backlog exists (goal ≥ 95 %).
 * 2. The scheduler's own CPU per shipment poll with an instant in-memory carrier (goal ≤ 50 µs), and the stored
 *    state per shipment (goal < 1 KB).
 * The figures are printed as a table; the `bench` rows time one steady-state polling round.
 */
import { bench, describe } from 'vitest'
import type { Adapter } from '../src/adapter/index.js'
import { createHttpClient } from '../src/http/index.js'
import { buildShipment, eventId, type Shipment, type TrackingEvent } from '../src/model/index.js'
import { createPoller, type PollIntervals } from '../src/polling/index.js'
import { memoryStore } from '../src/store/index.js'
import { maxInWindow, startCarrierServer } from '../test/helpers/carrier-server.js'
import { loopbackAdapter } from '../test/polling/loopback-adapter.js'

const N = Number(process.env.WAYBILL_BENCH_N ?? 100_000)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const numbers = Array.from({ length: N }, (_, i) => `WB${String(i).padStart(8, '0')}`)
const allStatuses = (ms: number): Partial<PollIntervals> =>
  Object.fromEntries(
    [
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'available_for_pickup',
      'delivery_attempted',
      'exception',
      'returned_to_sender',
      'unknown',
      'notFound',
    ].map((s) => [s, ms]),
  )

/** Part 1: the rate bar against a loopback server. */
async function rateRun(rate: number, maxBatch: number, seconds: number) {
  // The carrier allows R/s; its bucket tolerates the client's catch-up token and 200 ms of delivery jitter.
  const server = await startCarrierServer({
    rate: { perSecond: rate, burst: 2 + rate / 5 },
    maxBatch,
  })
  for (const n of numbers)
    server.publish(n, { eventId: `${n}-0`, code: 'PU', at: '2024-03-26T10:58:00-05:00' })
  const sentAt: number[] = []
  const http = createHttpClient({
    baseUrl: server.url,
    retry: { limit: 1 },
    limiter: { requestsPerSecond: rate, burst: 1, concurrency: 16 },
    onRequest: () => sentAt.push(performance.timeOrigin + performance.now()),
  })
  const adapter = loopbackAdapter({ http, maxBatch, requestsPerSecond: rate, burst: 1 })
  const poller = createPoller({ adapters: [adapter], intervals: allStatuses(3_600_000), concurrency: 16 })
  for (const n of numbers) await poller.add('loop', n)
  await poller.start()
  await sleep(seconds * 1000)
  await poller.stop({ abort: true })
  await http.close()
  await server.close()
  const track = server.arrivals.filter((a) => a.path === '/track')
  const times = track.map((a) => a.at)
  const first = Math.min(...times)
  // the backlog lasts the whole run (N / maxBatch requests would need N / maxBatch / rate seconds)
  const window = times.filter((t) => t >= first + 500 && t < first + 500 + (seconds - 1) * 1000)
  return {
    requests: track.length,
    throttled: track.filter((a) => a.outcome === 'rate_limited').length,
    maxPerSecond: maxInWindow(times, 1000),
    maxPerSecondSent: maxInWindow(sentAt, 1000),
    used: window.length / ((seconds - 1) * rate),
    shipmentsPolled: poller.stats().polls,
    longestGapsMs: window
      .slice(1)
      .map((t, i) => Math.round(t - (window[i] as number)))
      .sort((a, b) => b - a)
      .slice(0, 5),
  }
}

/** Part 2: scheduler CPU per poll and state size, with an instant in-memory carrier. */
function instantAdapter(): Adapter {
  const shipments = new Map<string, Shipment>()
  const build = (n: string): Shipment => {
    const events: TrackingEvent[] = ['LC', 'PU', 'AF', 'DF', 'AF'].map((code, i) => {
      const occurredAt = new Date(Date.UTC(2024, 2, 20 + i, 10)).toISOString()
      return {
        id: eventId({ carrier: 'mem', trackingNumber: n, occurredAt, rawCode: code }),
        carrier: 'mem',
        trackingNumber: n,
        status: i === 0 ? 'pre_transit' : 'in_transit',
        milestone: i === 0 ? 'label_created' : 'in_transit',
        occurredAt,
        zoneSource: 'carrier',
        precision: 'second',
        description: code,
        raw: { source: 'rest', code },
      }
    })
    return buildShipment({ carrier: 'mem', trackingNumber: n, events })
  }
  return {
    id: 'mem',
    name: 'In-memory',
    capabilities: { track: true, batch: 50 },
    limits: { requestsPerSecond: 1e9, burst: 1e9, maxBatch: 50 },
    async track(batch) {
      return [batch]
    },
    normalize(payload) {
      const batch = payload as string[]
      return {
        shipments: batch.map((n) => {
          const known = shipments.get(n)
          if (known) return known
          const built = build(n)
          shipments.set(n, built)
          return built
        }),
        notFound: [],
        warnings: [],
      }
    },
  }
}

async function cpuRun(rounds: number) {
  const store = memoryStore()
  const adapter = instantAdapter()
  adapter.normalize(numbers) // build the canned snapshots outside the measurement
  const poller = createPoller({
    adapters: [adapter],
    store,
    intervals: allStatuses(0),
    jitter: 0,
    concurrency: 64,
  })
  for (const n of numbers) await poller.add('mem', n)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await poller.start()
  while (poller.stats().polls < rounds * N) await sleep(20)
  await poller.stop()
  const cpu = process.cpuUsage(cpu0)
  const wall = performance.now() - t0
  const polls = poller.stats().polls
  let bytes = 0
  let max = 0
  for await (const key of store.keys('poller:')) {
    const size = JSON.stringify(await store.get(key)).length
    bytes += size
    max = Math.max(max, size)
  }
  return {
    polls,
    events: poller.stats().events,
    cpuMicrosPerPoll: (cpu.user + cpu.system) / polls,
    cpuMicrosPerTrackCall: (cpu.user + cpu.system) / poller.stats().requests,
    wallMicrosPerPoll: (wall * 1000) / polls,
    stateBytesMean: bytes / store.size,
    stateBytesMax: max,
  }
}

const R = Number(process.env.WAYBILL_BENCH_RATE ?? 20)
const rate = await rateRun(R, 50, 6)
const cpu = await cpuRun(3)
console.table({
  [`rate: max arrivals in any 1 s window / R (R=${R}/s)`]: {
    value: (rate.maxPerSecond / R).toFixed(3),
    goal: '≤ 1',
  },
  'rate: max sends in any 1 s window / R': { value: (rate.maxPerSecondSent / R).toFixed(3), goal: '≤ 1' },
  'rate: share of R used under backlog': { value: rate.used.toFixed(3), goal: '≥ 0.95' },
  'rate: 429s from the server': { value: rate.throttled, goal: '0' },
  'cpu: scheduler µs per shipment poll': { value: cpu.cpuMicrosPerPoll.toFixed(2), goal: '≤ 50' },
  'cpu: ratio to the 50 µs budget': { value: (cpu.cpuMicrosPerPoll / 50).toFixed(3), goal: '≤ 1' },
  'cpu: µs per track() call (50 numbers)': { value: cpu.cpuMicrosPerTrackCall.toFixed(1), goal: '-' },
  'state: mean bytes per shipment': { value: cpu.stateBytesMean.toFixed(0), goal: '< 1024' },
  'state: max bytes per shipment': { value: cpu.stateBytesMax, goal: '< 1024' },
})
console.log(JSON.stringify({ rate, cpu }))

// The canned carrier is built once, so the rows below time the scheduler, not the building of snapshots.
const roundAdapter = instantAdapter()
roundAdapter.normalize(numbers.slice(0, 10_000))

describe('poller: one round over 10,000 shipments (instant carrier, memoryStore)', () => {
  bench(
    'add + start + first poll of each (5 new events each) + stop',
    async () => {
      const poller = createPoller({
        adapters: [roundAdapter],
        intervals: allStatuses(3_600_000),
        concurrency: 64,
      })
      for (let i = 0; i < 10_000; i++) await poller.add('mem', numbers[i] as string)
      await poller.start()
      while (poller.stats().polls < 10_000) await sleep(5)
      await poller.stop()
    },
    { iterations: 3, time: 0 },
  )
})
