import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src/http/index.js'
import { createSharedPoller, type PollerChange } from '../../src/polling/index.js'
import { postgresPollQueue } from '../../src/polling/postgres-queue.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { loopbackAdapter } from './loopback-adapter.js'

const pgUrl = await postgresUrl()

/**
 * A loopback carrier whose shipments gain one event per second from its start, logging every poll of every
 * number with the time and the polling worker (`x-worker`).
 */
async function growingCarrier(opts: { delayMs?: number } = {}) {
  const t0 = Date.now()
  const polls: { n: string; at: number; worker: string }[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const numbers = (url.searchParams.get('numbers') ?? '').split(',').filter(Boolean)
    const at = Date.now()
    const worker = String(req.headers['x-worker'] ?? '?')
    for (const n of numbers) polls.push({ n, at, worker })
    const visible = Math.floor((at - t0) / 1000) + 1
    const results = numbers.map((n) => ({
      trackingNumber: n,
      events: Array.from({ length: visible }, (_, k) => ({
        eventId: `${n}-${k}`,
        code: k === 0 ? 'PU' : 'AF',
        at: new Date(Date.UTC(2024, 0, 1, 8) + k * 60_000).toISOString(),
        text: `${n}-${k}`,
      })),
    }))
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ results }))
    }, opts.delayMs ?? 0)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    polls,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

describe.skipIf(!pgUrl)('shared poll schedule on PostgreSQL', () => {
  const url = pgUrl as string
  const tables: string[] = []
  const tableName = (prefix: string) => {
    const t = uniqueName(prefix)
    tables.push(t)
    return t
  }
  afterAll(async () => {
    const client = new pg.Client(url)
    await client.connect()
    for (const t of tables) {
      await client.query(`DROP TABLE IF EXISTS ${t}`)
      await client.query(`DROP FUNCTION IF EXISTS ${t}_take; DROP FUNCTION IF EXISTS ${t}_pause`)
    }
    await client.end()
  })

  it('a result whose lease ended is rejected (fencing): the second claimant decides, the first emits nothing', async () => {
    const queue = postgresPollQueue({ connectionString: url, table: tableName('pq') })
    const now = await queue.now()
    const state = {
      v: 1 as const,
      carrier: 'loop',
      trackingNumber: 'F1',
      addedAt: now,
      nextPollAt: now,
      lastChangeAt: now,
      seen: '',
      seenCount: 0,
      errors: 0,
    }
    expect(await queue.add(state)).toBe(true)
    const first = await queue.claim('loop', 'w1', 10, 150)
    expect(first.claims).toHaveLength(1)
    expect((await queue.claim('loop', 'w2', 10, 150)).claims).toHaveLength(0) // leased
    await new Promise((r) => setTimeout(r, 250))
    const second = await queue.claim('loop', 'w2', 10, 5_000)
    expect(second.claims).toHaveLength(1)
    expect(second.claims[0]?.fence).toBeGreaterThan(first.claims[0]?.fence as number)
    let decided = 0
    const late = await queue.finish('loop', 'w1', first.claims, async () => {
      decided++
      return []
    })
    expect(late.rejected).toEqual(['F1'])
    expect(decided).toBe(0)
    const current = await queue.finish('loop', 'w2', second.claims, async (accepted) => {
      decided++
      return accepted.map((c) => ({
        trackingNumber: c.trackingNumber,
        state: { ...c.state, nextPollAt: now + 60_000 },
      }))
    })
    expect(current.rejected).toEqual([])
    expect(decided).toBe(1)
    await queue.close()
  })

  it('a poller whose track() outlives its lease has its result rejected and emits nothing', async () => {
    const carrier = await growingCarrier({ delayMs: 700 })
    const table = tableName('pq')
    const changes: PollerChange[] = []
    const poller = createSharedPoller({
      adapters: [loopbackAdapter({ http: createHttpClient({ baseUrl: carrier.url, retry: false }) })],
      postgres: { connectionString: url, table },
      leaseMs: 300,
      idleMs: 50,
      concurrency: 1,
      limits: { loop: { requestsPerSecond: 100 } },
      onChange: (c) => {
        changes.push(c)
      },
    })
    await poller.add('loop', 'SLOW1')
    await poller.start()
    await new Promise((r) => setTimeout(r, 1_000))
    await poller.stop()
    expect(poller.stats().rejected).toBeGreaterThanOrEqual(1)
    expect(changes.filter((c) => c.type === 'events')).toEqual([])
    await carrier.close()
  })

  it('4 processes, N shipments: each due shipment polled once per interval, events emitted once, a SIGKILLed worker’s shipments resume', async () => {
    const N = 120
    const interval = 3_000
    const leaseMs = 2_000
    const rate = 40
    const table = tableName('pq')
    const limiterTable = tableName('pl')
    const carrier = await growingCarrier()
    const admin = createSharedPoller({
      adapters: [loopbackAdapter({ http: createHttpClient({}) })],
      postgres: { connectionString: url, table },
    })
    for (let i = 0; i < N; i++) await admin.add('loop', `S${String(i).padStart(4, '0')}`)
    await admin.stop()

    const emits: { worker: string; n: string; id: string }[] = []
    const stats: { polls: number; rejected: number; cpuMicros: number }[] = []
    const children: ChildProcess[] = []
    const exits: Promise<unknown>[] = []
    const ready: Promise<void>[] = []
    for (let w = 0; w < 4; w++) {
      const name = `w${w}`
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/polling/shared-poller-worker.ts',
          url,
          table,
          limiterTable,
          carrier.url,
          name,
          String(rate),
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      )
      children.push(child)
      exits.push(once(child, 'exit'))
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
      ready.push(
        new Promise((resolve) => {
          lines.on('line', (line) => {
            if (line === 'READY') resolve()
            const m = /^EMIT (\S+) (\S+)$/.exec(line)
            if (m) emits.push({ worker: name, n: m[1] as string, id: m[2] as string })
            if (line.startsWith('STATS ')) stats.push(JSON.parse(line.slice(6)))
          })
        }),
      )
    }
    try {
      await Promise.all(ready)
      await new Promise((r) => setTimeout(r, 4_000))
      const killedAt = Date.now()
      children[0]?.kill('SIGKILL')
      await new Promise((r) => setTimeout(r, 9_000))
      const endAt = Date.now()
      for (const child of children.slice(1)) child.stdin?.write('STOP\n')
      await Promise.all(exits)

      // Polls per shipment, in order; a gap shorter than the shortest jittered interval is a duplicate poll.
      const byNumber = new Map<string, { at: number; worker: string }[]>()
      for (const p of carrier.polls) byNumber.set(p.n, [...(byNumber.get(p.n) ?? []), p])
      const minGap = interval * 0.9 - 100
      let duplicates = 0
      let duplicatesAfterKill = 0
      const killedNumbers = new Set(carrier.polls.filter((p) => p.worker === 'w0').map((p) => p.n))
      let resumeLate = 0
      let worstResume = 0
      for (const [n, polls] of byNumber) {
        for (let i = 1; i < polls.length; i++) {
          const gap = (polls[i]?.at as number) - (polls[i - 1]?.at as number)
          if (gap >= minGap) continue
          // The killed worker's last in-flight batch is polled again once its lease ends: expected, and bounded.
          const prev = polls[i - 1] as { at: number; worker: string }
          if (prev.worker === 'w0' && prev.at >= killedAt - leaseMs) duplicatesAfterKill++
          else duplicates++
        }
        if (killedNumbers.has(n)) {
          const lastByKilled = Math.max(...polls.filter((p) => p.worker === 'w0').map((p) => p.at))
          const next = polls.find((p) => p.at > lastByKilled && p.worker !== 'w0')
          const deadline =
            Math.max(lastByKilled + interval * 1.1, killedAt + leaseMs) + interval * 1.1 + 1_000
          const resumedAt = next?.at ?? Number.POSITIVE_INFINITY
          if (resumedAt > deadline && deadline < endAt) resumeLate++
          worstResume = Math.max(worstResume, Math.min(resumedAt, endAt) - killedAt)
        }
      }
      // Emissions: each event of each shipment at most once, except what the killed worker emitted and never saved.
      const emitted = new Map<string, string[]>()
      for (const e of emits)
        emitted.set(`${e.n} ${e.id}`, [...(emitted.get(`${e.n} ${e.id}`) ?? []), e.worker])
      let emittedTwice = 0
      let emittedTwiceByKill = 0
      for (const workers of emitted.values()) {
        if (workers.length < 2) continue
        if (workers[0] === 'w0') emittedTwiceByKill++
        else emittedTwice++
      }
      const span = (endAt - (carrier.polls[0]?.at as number)) / 1000
      console.log(
        `shared poller: 4 processes, ${N} shipments, interval ${interval} ms ±10 %, lease ${leaseMs} ms, R=${rate}/s, ` +
          `${span.toFixed(1)} s: ${carrier.polls.length} shipment polls (${(carrier.polls.length / span / (N / (interval / 1000))).toFixed(2)} of one per interval), ` +
          `duplicate polls ${duplicates} (+${duplicatesAfterKill} of the killed worker's in-flight batch), ` +
          `events emitted ${emits.length}, twice ${emittedTwice} (+${emittedTwiceByKill} emitted by the killed worker before its save), ` +
          `killed worker's ${killedNumbers.size} shipments resumed late ${resumeLate}, all resumed within ${worstResume} ms of the kill; ` +
          `CPU per shipment poll in the 3 surviving processes (after start, idle lanes included) ` +
          `${Math.round(
            stats.reduce((s, x) => s + x.cpuMicros, 0) /
              Math.max(
                1,
                stats.reduce((s, x) => s + x.polls, 0),
              ),
          )} µs, ` +
          `results rejected ${stats.reduce((s, x) => s + x.rejected, 0)}`,
      )
      expect(duplicates).toBe(0)
      expect(duplicatesAfterKill).toBeLessThanOrEqual(2 * 10) // its lanes × maxBatch
      expect(emittedTwice).toBe(0)
      expect(emittedTwiceByKill).toBeLessThanOrEqual(2 * 10 * 20)
      expect(resumeLate).toBe(0)
      expect(killedNumbers.size).toBeGreaterThan(0)
      // every shipment polled, and at least ~once per interval after the first
      expect(byNumber.size).toBe(N)
      for (const polls of byNumber.values()) expect(polls.length).toBeGreaterThanOrEqual(3)
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await carrier.close()
    }
  }, 60_000)
})
