/**
 * Two served instances on one PostgreSQL store share the poll work: every number is polled by one of them, once
 * per interval (never by both), both take part; one webhook delivery sent to both at once is stored once.
 * Guards against each instance running its own private schedule (every number polled twice, twice the quota).
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createHttpClient } from '../../src/http/index.js'
import { createServer, type WaybillServer } from '../../src/serve/index.js'
import { sign } from '../../src/webhooks/index.js'
import { startCarrierServer } from '../helpers/carrier-server.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { loopbackAdapter } from '../polling/loopback-adapter.js'

const pgUrl = await postgresUrl()
const WEBHOOK_SECRET = 'serve-shared-webhook-secret'

describe.skipIf(!pgUrl)('two instances on PostgreSQL', () => {
  const url = pgUrl as string
  const kv = uniqueName('serve_kv')
  const poll = uniqueName('serve_poll')
  afterAll(async () => {
    const client = new pg.Client(url)
    await client.connect()
    await client.query(`DROP TABLE IF EXISTS ${kv}`)
    await client.query(`DROP TABLE IF EXISTS ${poll}`)
    await client.query(`DROP FUNCTION IF EXISTS ${poll}_take; DROP FUNCTION IF EXISTS ${poll}_pause`)
    await client.end()
  })

  it('polls each number once between them, and stores a delivery sent to both at once once', async () => {
    const carrier = await startCarrierServer({ latencyMs: 40 })
    const numbers = Array.from({ length: 24 }, (_, i) => `SHARE${i}`)
    for (const n of numbers) carrier.publish(n, { eventId: `${n}-0`, code: 'PU', at: '2026-12-01T09:00:00Z' })
    const instance = () =>
      createServer({
        store: { postgres: { connectionString: url, table: kv, pollTable: poll, max: 4 } },
        adapters: [
          loopbackAdapter({
            http: createHttpClient({ baseUrl: carrier.url }),
            requestsPerSecond: 200,
            burst: 10,
          }),
          easypost(),
        ],
        webhooks: [{ name: 'easypost', adapter: 'easypost', secret: WEBHOOK_SECRET }],
        // Both instances are given every number: the schedule keeps one row per number.
        poll: { jobs: [{ adapter: 'loop', numbers, limits: { maxBatch: 1 } }], concurrency: 2 },
        timers: false,
      })
    const servers: WaybillServer[] = [await instance(), await instance()]
    try {
      await Promise.all(servers.map((s) => s.listen({ port: 0 })))
      const polls = () => servers.reduce((n, s) => n + (s.sources()?.poll.polls ?? 0), 0)
      const until = Date.now() + 15_000
      while (polls() < numbers.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      // Time for a second poll of anything, had the work not been shared.
      await new Promise((r) => setTimeout(r, 500))

      const perNumber = new Map<string, number>()
      for (const a of carrier.arrivals.filter((x) => x.path === '/track' && x.status === 200))
        for (const n of a.numbers ?? []) perNumber.set(n, (perNumber.get(n) ?? 0) + 1)
      expect([...perNumber.keys()].sort()).toEqual([...numbers].sort())
      expect(Math.max(...perNumber.values())).toBe(1)
      const [a, b] = servers.map((s) => s.sources()!.poll.polls)
      expect(a! + b!).toBe(numbers.length)
      expect(a).toBeGreaterThan(0)
      expect(b).toBeGreaterThan(0)
      for (const n of numbers) expect(await servers[1]!.tracker.get('loop', n)).toHaveLength(1)

      // A carrier retry that reaches the other instance while the first attempt runs: stored once.
      const body = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
      const headers = await sign('easypost', { rawBody: body, secret: WEBHOOK_SECRET })
      const statuses = await Promise.all(
        servers.map(async (s) => {
          const res = await fetch(`${s.url}/webhooks/easypost`, { method: 'POST', body, headers })
          return { status: res.status, body: (await res.json()) as Record<string, unknown> }
        }),
      )
      expect(statuses.filter((a) => a.status === 200 && a.body.duplicate !== true)).toHaveLength(1)
      expect(statuses.every((a) => a.status === 200 || a.status === 409)).toBe(true)
      const [stored] = await servers[0]!.tracker.get('usps', '9400111206213245678901')
      const ids = stored!.events.map((e) => e.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(await servers[1]!.tracker.get('usps', '9400111206213245678901')).toEqual([stored])
    } finally {
      await Promise.all(servers.map((s) => s.close()))
      await carrier.close()
    }
  })
})
