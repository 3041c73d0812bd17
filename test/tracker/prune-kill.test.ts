/**
 * Payload retention under SIGKILL, in several processes on one PostgreSQL database: 3 ingest processes and 1
 * pruning process (`prune-kill-child.ts`), killed at random moments and restarted, with a clock that makes the
 * ten-minute grace pass in seconds. An ingest killed after keeping its payload and before storing its shipment
 * delivers again after the grace (a carrier retrying later), while the pruner deletes superseded answers. Then:
 * no stored shipment refers to a deleted payload, and no event is lost. Regression: the retried delivery's payload
 * was deleted by a prune that had read the references before the retry stored its shipment.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresStore } from '../../src/store/postgres.js'
import { droppedAfterAll } from '../helpers/pg-tables.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'

const pgUrl = await postgresUrl()
const tables = droppedAfterAll(pgUrl)
const dir = mkdtempSync(join(tmpdir(), 'waybill-prune-kill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const child = fileURLToPath(new URL('./prune-kill-child.ts', import.meta.url))
const INGESTERS = 3
const KILLS = 6
/** The children's clock runs this many times faster: the ten-minute grace is 5 s. */
const SPEED = 120

describe.skipIf(!pgUrl)('prunePayloads beside ingests, processes killed with SIGKILL and restarted', () => {
  it('no shipment refers to a deleted payload, and no event is lost', async () => {
    const table = uniqueName('prune_kill')
    tables.push(table)
    const setup = await postgresStore({ connectionString: pgUrl!, table, max: 2 })
    await setup.close?.()
    const t0 = Date.now()
    let seed = 11
    const random = () => {
      seed = (seed * 48271) % 2147483647
      return seed / 2147483647
    }
    const running = new Map<string, ChildProcess>()
    const finished = new Set<string>()
    let pruned = 0
    let failure: Error | undefined
    const start = (name: string, args: string[]) => {
      const proc = spawn(
        process.execPath,
        ['--import', 'tsx', child, args[0]!, pgUrl!, table, String(t0), String(SPEED), dir, ...args.slice(1)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stderr = ''
      proc.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)))
      proc.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString()
        for (const m of text.matchAll(/PRUNED (\d+)/g)) pruned += Number(m[1])
        if (text.includes('FINISHED')) finished.add(name)
      })
      proc.on('exit', (code, signal) => {
        if (running.get(name) === proc) running.delete(name)
        if (signal !== 'SIGKILL' && code !== 0) failure ??= new Error(`${name} exited ${code}: ${stderr}`)
      })
      running.set(name, proc)
    }
    const roles = new Map<string, string[]>([['pruner', ['prune']]])
    for (let w = 0; w < INGESTERS; w++) roles.set(`ingest ${w}`, ['ingest', String(w)])
    for (const [name, args] of roles) start(name, args)
    let kills = 0
    const deadline = Date.now() + 150_000
    while ([...roles.keys()].filter((n) => n !== 'pruner').some((n) => !finished.has(n))) {
      if (failure) throw failure
      if (Date.now() > deadline) throw new Error(`not finished in time: ${[...finished].join(', ')}`)
      await new Promise((resolve) => setTimeout(resolve, 400 + random() * 800))
      if (kills >= KILLS) continue
      // Mostly ingest processes (their kills leave kept payloads behind), the pruner now and then.
      const ingesters = [...running.keys()].filter((n) => n !== 'pruner' && !finished.has(n))
      const victim = kills % 3 === 2 ? 'pruner' : ingesters[kills % Math.max(1, ingesters.length)]
      if (victim === undefined || !running.has(victim)) continue
      running.get(victim)!.kill('SIGKILL')
      running.delete(victim)
      kills++
      start(victim, roles.get(victim)!)
    }
    running.get('pruner')?.kill('SIGKILL')
    while (running.size) await new Promise((resolve) => setTimeout(resolve, 50))

    const store = await postgresStore({ connectionString: pgUrl!, table, max: 2 })
    const dangling: string[] = []
    const events: Record<string, number> = {}
    for await (const key of store.keys('tracker:number:')) {
      const record = (await store.get(key)) as unknown as {
        shipments: Record<string, { shipment: { events: unknown[] }; sources?: { hash: string }[] }>
      }
      for (const tracked of Object.values(record.shipments)) {
        events[key] = (events[key] ?? 0) + tracked.shipment.events.length
        for (const { hash } of tracked.sources ?? [])
          if ((await store.get(`tracker:payload:${hash}`)) === undefined) dangling.push(`${key} → ${hash}`)
      }
    }
    await store.close?.()
    expect(kills).toBeGreaterThanOrEqual(4) // the work may end before all six
    expect(dangling).toEqual([])
    expect(Object.keys(events)).toHaveLength(INGESTERS * 12)
    expect(Object.values(events).every((n) => n === 7)).toBe(true) // every answer's events, none lost
    expect(pruned).toBeGreaterThan(0) // superseded answers were deleted meanwhile
  }, 200_000)
})
