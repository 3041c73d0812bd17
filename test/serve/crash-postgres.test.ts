/**
 * A served instance killed (SIGKILL) while its carrier call is in flight: another instance on the same PostgreSQL
 * store polls the number once the dead one's claim has run out, and the event is stored once. Guards against a
 * number claimed by a dead process never being polled again.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../src/http/index.js'
import { createServer, type ServeConfig } from '../../src/serve/index.js'
import { startCarrierServer } from '../helpers/carrier-server.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { loopbackAdapter } from '../polling/loopback-adapter.js'

const pgUrl = await postgresUrl()

describe.skipIf(!pgUrl)('an instance killed mid-poll', () => {
  const url = pgUrl as string
  const kv = uniqueName('serve_crash_kv')
  const poll = uniqueName('serve_crash_poll')
  const dir = mkdtempSync(join(tmpdir(), 'waybill-serve-crash-'))
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    const client = new pg.Client(url)
    await client.connect()
    await client.query(`DROP TABLE IF EXISTS ${kv}`)
    await client.query(`DROP TABLE IF EXISTS ${poll}`)
    await client.query(`DROP FUNCTION IF EXISTS ${poll}_take; DROP FUNCTION IF EXISTS ${poll}_pause`)
    await client.end()
  })

  it('leaves its number to the next instance once its claim runs out', async () => {
    const carrier = await startCarrierServer()
    carrier.publish('CRASH1', { eventId: 'CRASH1-0', code: 'PU', at: '2026-12-01T09:00:00Z' })
    // The first call never answers: the instance that made it is killed while it waits.
    carrier.inject({ kind: 'hang' }, 1, '/track')
    const shared = {
      store: { postgres: { connectionString: url, table: kv, pollTable: poll, max: 2 } },
      poll: { jobs: [{ adapter: 'loop', numbers: ['CRASH1'] }], leaseMs: 1_500 },
      timers: false as const,
    }
    const file = join(dir, 'waybill.config.mjs')
    const here = (path: string) => JSON.stringify(new URL(path, import.meta.url).href)
    writeFileSync(
      file,
      [
        `import { createHttpClient } from ${here('../../src/http/index.ts')}`,
        `import { loopbackAdapter } from ${here('../polling/loopback-adapter.ts')}`,
        `const shared = ${JSON.stringify(shared)}`,
        'export default { ...shared, adapters: [loopbackAdapter({ http: createHttpClient({ baseUrl: process.env.CARRIER_URL }) })] }',
      ].join('\n'),
    )
    let child: ChildProcess | undefined
    try {
      child = spawn(
        process.execPath,
        ['--import', 'tsx', 'cli/index.ts', 'serve', '--config', file, '--port', '0'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, CARRIER_URL: carrier.url },
        },
      )
      const until = Date.now() + 30_000
      while (carrier.arrivals.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      expect(carrier.arrivals[0]?.outcome).toBe('fault')
      child.kill('SIGKILL')
      await new Promise((resolve) => child!.once('exit', resolve))

      const config: ServeConfig = {
        ...shared,
        adapters: [loopbackAdapter({ http: createHttpClient({ baseUrl: carrier.url }) })],
      }
      const survivor = await createServer(config)
      try {
        await survivor.listen({ port: 0 })
        const end = Date.now() + 15_000
        while ((await survivor.tracker.get('loop', 'CRASH1')).length === 0 && Date.now() < end)
          await new Promise((r) => setTimeout(r, 100))
        const [stored] = await survivor.tracker.get('loop', 'CRASH1')
        expect(stored?.events.map((e) => e.raw.code)).toEqual(['PU'])
        const served = carrier.arrivals.filter((a) => a.outcome === 'ok')
        expect(served.map((a) => a.numbers)).toEqual([['CRASH1']])
      } finally {
        await survivor.close()
      }
    } finally {
      child?.kill('SIGKILL')
      await carrier.close()
    }
  }, 60_000)
})
