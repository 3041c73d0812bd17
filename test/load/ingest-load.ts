/**
 * The ingest load and fault test (issue #16): overlapping deliveries for many shipments ingested concurrently,
 * then counted: events lost, duplicate events in a timeline, changes never announced, changes announced twice.
 * - `runMultiProcess`: worker processes on one PostgreSQL database, killed with SIGKILL at random moments and
 *   restarted (the deliveries they had not acknowledged are delivered again, as a carrier would);
 * - `runInProcess`: concurrent callers in this process, through two trackers on one store (memory, PGlite, …).
 * Run from the command line for the full figures:
 *   node --import tsx test/load/ingest-load.ts [--shipments 1000] [--events 5] [--workers 4] [--kills 12]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Store } from '../../src/store/index.js'
import { postgresStore } from '../../src/store/postgres.js'
import { createTracker, type Tracker } from '../../src/tracker/index.js'
import { toy } from '../conformance/toy-adapter.js'
import { eventName, eventOf, numberOf, plan, seeded } from './ingest-plan.js'

export interface LoadCounts {
  deliveries: number
  distinctEvents: number
  kills: number
  /** Distinct events delivered but in no stored timeline. */
  lost: number
  /** Events stored twice in one timeline. */
  duplicateEvents: number
  /** Distinct events stored but never announced (`update` with the event in `added`). */
  neverAnnounced: number
  /** Events announced more than once. */
  announcedTwice: number
  elapsedMs: number
  ingestsPerSecond: number
}

async function count(
  tracker: Tracker,
  shipments: number,
  events: number,
  announcements: readonly string[],
): Promise<Pick<LoadCounts, 'lost' | 'duplicateEvents' | 'neverAnnounced' | 'announcedTwice'>> {
  const expected = new Set<string>()
  for (let s = 0; s < shipments; s++)
    for (let k = 0; k < events; k++) expected.add(eventName(numberOf(s), eventOf(s, k).at))
  const stored = new Set<string>()
  let duplicateEvents = 0
  for await (const shipment of tracker.shipments())
    for (const event of shipment.events) {
      const name = eventName(shipment.trackingNumber, event.occurredAt)
      if (stored.has(name)) duplicateEvents++
      stored.add(name)
    }
  const times = new Map<string, number>()
  for (const name of announcements) times.set(name, (times.get(name) ?? 0) + 1)
  let lost = 0
  let neverAnnounced = 0
  for (const name of expected) {
    if (!stored.has(name)) lost++
    if (!times.has(name)) neverAnnounced++
  }
  const announcedTwice = [...times.values()].filter((n) => n > 1).length
  return { lost, duplicateEvents, neverAnnounced, announcedTwice }
}

export interface MultiProcessOptions {
  pgUrl: string
  table: string
  shipments: number
  events: number
  copies?: number
  workers?: number
  concurrency?: number
  kills: number
  seed?: number
  /** Gives up (throws) after this long. @default 240_000 */
  timeoutMs?: number
  log?: (line: string) => void
}

export async function runMultiProcess(o: MultiProcessOptions): Promise<LoadCounts> {
  const workers = o.workers ?? 4
  const copies = o.copies ?? 2
  const random = seeded((o.seed ?? 7) + 1)
  const dir = mkdtempSync(join(tmpdir(), 'waybill-load-'))
  const deliveries = plan(o.shipments, o.events, copies, o.seed ?? 7)
  const planFile = join(dir, 'plan.json')
  writeFileSync(planFile, JSON.stringify(deliveries))
  const setup = await postgresStore({ connectionString: o.pgUrl, table: o.table, max: 2 })
  await setup.close?.()
  const workerScript = fileURLToPath(new URL('./ingest-worker.ts', import.meta.url))
  const deadline = Date.now() + (o.timeoutMs ?? 240_000)
  const running = new Map<number, ChildProcess>()
  const finished = new Set<number>()
  const ready = new Set<number>()
  /** Timing starts when every worker has started (tsx's start-up is not the store's cost). */
  let started = 0
  let kills = 0
  let failure: Error | undefined

  const start = (worker: number) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        workerScript,
        o.pgUrl,
        o.table,
        String(worker),
        String(workers),
        dir,
        planFile,
        String(o.concurrency ?? 8),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr!.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      if (text.includes('READY') && ready.size < workers) {
        ready.add(worker)
        if (ready.size === workers) started = Date.now()
      }
      if (text.includes('FINISHED')) finished.add(worker)
    })
    child.on('exit', (code, signal) => {
      if (running.get(worker) === child) running.delete(worker)
      if (signal !== 'SIGKILL' && code !== 0)
        failure ??= new Error(`worker ${worker} exited ${code}: ${stderr}`)
    })
    running.set(worker, child)
  }
  for (let w = 0; w < workers; w++) start(w)
  try {
    while (finished.size < workers) {
      if (failure) throw failure
      if (Date.now() > deadline)
        throw new Error(`load test did not finish in time (${finished.size}/${workers} workers)`)
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 900))
      if (kills >= o.kills) continue
      const candidates = [...running.keys()].filter((w) => !finished.has(w))
      const victim = candidates[Math.floor(random() * candidates.length)]
      if (victim === undefined) continue
      running.get(victim)!.kill('SIGKILL')
      running.delete(victim)
      kills++
      o.log?.(`killed worker ${victim} (${kills}/${o.kills})`)
      start(victim)
    }
    const elapsedMs = Date.now() - started
    while (running.size) await new Promise((resolve) => setTimeout(resolve, 50))

    // What a killed worker left in its outbox is announced by any live instance: here, one more, after the lease.
    const store = await postgresStore({ connectionString: o.pgUrl, table: o.table, max: 2 })
    const tracker = createTracker({ adapters: [toy()], store, outbox: { leaseMs: 1_500, drainEveryMs: 0 } })
    const announcements: string[] = []
    tracker.on('update', ({ shipment, added }) => {
      for (const e of added) announcements.push(eventName(shipment.trackingNumber, e.occurredAt))
    })
    await new Promise((resolve) => setTimeout(resolve, 1_600))
    await tracker.drainOutbox()
    for (const file of readdirSync(dir).filter((f) => f.startsWith('emit-')))
      announcements.push(...readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean))
    const counts = await count(tracker, o.shipments, o.events, announcements)
    await tracker.close()
    await store.close?.()
    return {
      deliveries: deliveries.length,
      distinctEvents: o.shipments * o.events,
      kills,
      ...counts,
      elapsedMs,
      ingestsPerSecond: Math.round((deliveries.length / elapsedMs) * 1000),
    }
  } finally {
    for (const child of running.values()) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface InProcessOptions {
  store: Store
  shipments: number
  events: number
  copies?: number
  /** Concurrent callers, spread over two trackers on the one store (two instances). @default 16 */
  callers?: number
  seed?: number
}

export async function runInProcess(o: InProcessOptions): Promise<LoadCounts> {
  const deliveries = plan(o.shipments, o.events, o.copies ?? 2, o.seed ?? 11)
  const announcements: string[] = []
  const trackers = [0, 1].map(() => {
    const tracker = createTracker({ adapters: [toy()], store: o.store, outbox: { drainEveryMs: 0 } })
    tracker.on('update', ({ shipment, added }) => {
      for (const e of added) announcements.push(eventName(shipment.trackingNumber, e.occurredAt))
    })
    return tracker
  })
  const queue = [...deliveries]
  const started = Date.now()
  await Promise.all(
    Array.from({ length: o.callers ?? 16 }, async (_, caller) => {
      const tracker = trackers[caller % 2]!
      for (let d = queue.shift(); d; d = queue.shift())
        await tracker.ingest({ source: 'toy', payload: { number: d.number, events: [d.event] } })
    }),
  )
  const elapsedMs = Date.now() - started
  const counts = await count(trackers[0]!, o.shipments, o.events, announcements)
  for (const tracker of trackers) await tracker.close()
  return {
    deliveries: deliveries.length,
    distinctEvents: o.shipments * o.events,
    kills: 0,
    ...counts,
    elapsedMs,
    ingestsPerSecond: Math.round((deliveries.length / elapsedMs) * 1000),
  }
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { memoryStore } = await import('../../src/store/index.js')
  const { pgliteStore } = await import('../../src/store/pglite.js')
  const pgUrl = process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const shipments = flag('shipments', 1000)
  const events = flag('events', 5)
  const show = (label: string, c: LoadCounts) =>
    console.log(
      `${label.padEnd(34)} ${c.deliveries} deliveries of ${c.distinctEvents} events, ${c.kills} kills, ${(c.elapsedMs / 1000).toFixed(1)} s (${c.ingestsPerSecond}/s): lost ${c.lost}, duplicate events ${c.duplicateEvents}, never announced ${c.neverAnnounced}, announced twice ${c.announcedTwice}`,
    )
  show('memory, 16 callers, 2 trackers', await runInProcess({ store: memoryStore(), shipments, events }))
  const pglite = await pgliteStore()
  show('PGlite, 16 callers, 2 trackers', await runInProcess({ store: pglite, shipments, events }))
  await pglite.close?.()
  const table = `waybill_load_${process.pid}`
  show(
    `PostgreSQL, ${flag('workers', 4)} processes, SIGKILL`,
    await runMultiProcess({
      pgUrl,
      table,
      shipments,
      events,
      workers: flag('workers', 4),
      kills: flag('kills', 12),
      log: (line) => console.error(line),
    }),
  )
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  await client.end()
}
