/**
 * Crash test of alert routing across processes on PostgreSQL: three child routers route the same alerts and are
 * SIGKILLed at random moments (and restarted) until one finishes. Counted at a real receiver: alerts whose routed
 * or escalated message never arrived (lost: must be 0), and messages that arrived more than once (each carries
 * the same message id, so a receiver can drop them; at most one send in flight per kill).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { receiver } from './receiver.js'

const pgUrl = await postgresUrl()
const table = uniqueName('alert_crash')
const ALERTS = 40
const KILLS = 8

afterAll(async () => {
  if (!pgUrl) return
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  await client.end()
})

function start(url: string): { child: ChildProcess; ready: Promise<void>; exit: Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/operator/router-child.ts', pgUrl!, table, url, String(ALERTS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  let markReady: () => void
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    if (out.includes('READY')) markReady()
  })
  const exit = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve(signal ?? `exit ${code} ${out.includes('DONE') ? 'DONE' : ''}`),
    ),
  )
  return { child, ready, exit }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!pgUrl)('alert routing, processes killed at random', () => {
  it(`loses no alert and sends each message at most once more per kill (${KILLS} kills)`, async () => {
    const desk = await receiver()
    try {
      let kills = 0
      // Three routers at a time; one of them is killed at a random moment after it is ready, and replaced.
      const running = [start(desk.url), start(desk.url), start(desk.url)]
      while (kills < KILLS) {
        const victim = running[kills % running.length]!
        await victim.ready
        await sleep(Math.floor(Math.random() * 250))
        if (victim.child.exitCode === null) {
          victim.child.kill('SIGKILL')
          kills++
        }
        await victim.exit
        running[running.indexOf(victim)] = start(desk.url)
        if (kills >= KILLS) break
      }
      const outcomes = await Promise.all(running.map((r) => r.exit))
      expect(outcomes.filter((o) => o.includes('DONE')).length).toBeGreaterThan(0)

      const expected = new Set<string>()
      for (let n = 0; n < ALERTS; n++)
        for (const type of ['routed', 'escalated'])
          expected.add(`acme:N${n}::late:2024-03-03/|waybill.alert.${type}`)
      const arrived = new Map<string, number>()
      const ids = new Map<string, string>()
      for (const r of desk.received) {
        const key = `${r.key}|${r.type}`
        arrived.set(key, (arrived.get(key) ?? 0) + 1)
        expect(ids.get(key) ?? r.id, 'one message id per alert and stage').toBe(r.id)
        ids.set(key, r.id)
      }
      const lost = [...expected].filter((k) => !arrived.has(k))
      const duplicates = [...arrived.values()].reduce((sum, n) => sum + n - 1, 0)
      console.log(
        `alert routing crash test: ${kills} kills, ${desk.received.length} messages received for ${expected.size} expected, lost ${lost.length}, duplicates ${duplicates}`,
      )
      expect(desk.received.every((r) => r.valid)).toBe(true)
      expect(lost).toEqual([])
      expect(duplicates).toBeLessThanOrEqual(kills)
    } finally {
      await desk.close()
    }
  }, 180_000)
})
