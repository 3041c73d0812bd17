/**
 * The tracker's ingest, end to end (a toy carrier payload in → stored timeline out), on each store, with 1,000,
 * 10,000 and 100,000 shipments already stored (#26: the cost of one ingest must not grow with what is stored; the
 * three within 1.5× of each other). Then ingests per second on PostgreSQL with 1 and 4 processes. Inputs vary (each
 * ingest brings a new event to a random stored shipment), so no cache always hits.
 *
 *   node --import tsx bench/ingest.ts [--ingests 500] [--repeat 5] [--stores memory,PGlite,PostgreSQL]
 *        [--throughput 0] [--baseline /path/to/older/checkout]
 *
 * Each (store, size) cell runs in its own process (a fresh heap and JIT: a 100,000-shipment heap left behind by one
 * cell would slow the next one's garbage collection), the cells alternating size by size, `--repeat` rounds; the
 * table gives each cell's median with the range. Each process also reports the garbage collection time inside its
 * timed window and its heap, so a growth can be told apart from a cost on the ingest path.
 *
 * `--baseline` adds memory-store cells with `createTracker` and `memoryStore` from another checkout of waybill
 * (for example the commit before a change), alternating with the others.
 */
import { execFileSync } from 'node:child_process'
import { PerformanceObserver } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Store, StoreValue } from '../src/store/index.js'
import { memoryStore } from '../src/store/index.js'
import { pgliteStore } from '../src/store/pglite.js'
import { postgresStore } from '../src/store/postgres.js'
import { createTracker } from '../src/tracker/index.js'
import { toy } from '../test/conformance/toy-adapter.js'
import { runMultiProcess } from '../test/load/ingest-load.js'
import { seeded } from '../test/load/ingest-plan.js'

const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1]! : fallback
}
/** Timed ingests per process: enough for a window of a second or more on each store (a shorter one is noise). */
const ingestsFor = (label: string) => Number(flag('ingests', label.startsWith('memory') ? '3000' : '500'))
const WARM_UP = 50
const SIZES = [1_000, 10_000, 100_000]
const pgUrl = process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const number = (i: number) => `TOY${String(i).padStart(7, '0')}`

/** What one cell's process reports. */
interface CellResult {
  /** Mean milliseconds per ingest over the timed ingests. */
  ms: number
  /** Milliseconds of garbage collection (all kinds) during the timed ingests. */
  gcMs: number
  /** Major (mark-compact) collections during the timed ingests. */
  majorGcs: number
  /** Heap used after the fill, in MB. */
  heapMb: number
  /**
   * Median milliseconds of `drainOutbox()` right after an ingest (it lists the outbox keys; the tracker runs it every
   * `outbox.drainEveryMs` while ingests go on).
   */
  drainMs: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A stored number record as the tracker writes it: one shipment with three events. */
async function storedRecord(): Promise<StoreValue> {
  const store = memoryStore()
  const tracker = createTracker({ adapters: [toy()], store, outbox: { drainEveryMs: 0 } })
  await tracker.ingest({
    source: 'toy',
    payload: {
      number: 'TEMPLATE',
      events: [0, 1, 2].map((k) => ({
        code: 'PU',
        at: `2024-03-0${k + 1}T10:00:00-05:00`,
        text: `scan ${k}`,
      })),
    },
  })
  return (await store.get('tracker:number:toy:TEMPLATE'))!
}

async function timeIngests(
  store: Store,
  size: number,
  ingests: number,
  make = createTracker,
): Promise<CellResult> {
  const tracker = make({ adapters: [toy()], store, outbox: { drainEveryMs: 0 } } as never)
  const random = seeded(size)
  const payloads = Array.from({ length: ingests + WARM_UP }, (_, i) => ({
    number: number(Math.floor(random() * size)),
    events: [
      {
        code: 'PU',
        at: new Date(Date.UTC(2024, 3, 1) + i * 60_000).toISOString().replace('.000Z', '+00:00'),
        text: `scan ${i}`,
      },
    ],
  }))
  for (const payload of payloads.slice(0, WARM_UP)) await tracker.ingest({ source: 'toy', payload })
  let gcMs = 0
  let majorGcs = 0
  let timing = false
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!timing) continue
      gcMs += entry.duration
      // NODE_PERFORMANCE_GC_MAJOR
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === 4) majorGcs++
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  const heapMb = process.memoryUsage().heapUsed / 1_048_576
  timing = true
  const started = performance.now()
  for (const payload of payloads.slice(WARM_UP)) await tracker.ingest({ source: 'toy', payload })
  const ms = (performance.now() - started) / (payloads.length - WARM_UP)
  // gc entries are delivered asynchronously: let them arrive before the window closes.
  await new Promise((resolve) => setTimeout(resolve, 50))
  timing = false
  observer.disconnect()
  const drains: number[] = []
  for (let i = 0; i < 11; i++) {
    const at = new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString().replace('.000Z', '+00:00')
    const payload = { number: payloads[i]!.number, events: [{ code: 'PU', at, text: `drain ${i}` }] }
    await tracker.ingest({ source: 'toy', payload })
    const started = performance.now()
    await tracker.drainOutbox()
    drains.push(performance.now() - started)
  }
  await (tracker as { close?: () => Promise<void> }).close?.()
  return { ms, gcMs, majorGcs, heapMb, drainMs: median(drains) }
}

async function fillSql(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  table: string,
  size: number,
  template: StoreValue,
) {
  const json = JSON.stringify(template)
  await query(
    `INSERT INTO ${table} (key, value) SELECT 'tracker:number:toy:' || n, replace($1, 'TEMPLATE', n)::jsonb
     FROM (SELECT 'TOY' || lpad(i::text, 7, '0') AS n FROM generate_series(0, $2::int - 1) AS i) AS s`,
    [json, size],
  )
  await query(`INSERT INTO ${table} (key, value) VALUES ('tracker:layout', '2')`, [])
}

/** One cell, in this process: fills the store with `size` shipments and times the ingests. */
async function runCell(label: string, size: number): Promise<CellResult> {
  const template = await storedRecord()
  // The first ingests of the process pay its JIT warm-up: a throwaway round on a small store first.
  await timeIngests(memoryStore(), 100, 200)
  if (label === 'memory' || label === 'memory (baseline)') {
    const baseline = label === 'memory (baseline)' ? flag('baseline', '') : ''
    const make = baseline
      ? ((await import(`${baseline}/src/tracker/index.ts`)).createTracker as typeof createTracker)
      : createTracker
    const makeStore = baseline
      ? ((await import(`${baseline}/src/store/index.ts`)).memoryStore as typeof memoryStore)
      : memoryStore
    const store = makeStore()
    const json = JSON.stringify(template)
    for (let i = 0; i < size; i++)
      await store.set(
        `tracker:number:toy:${number(i)}`,
        JSON.parse(json.replaceAll('TEMPLATE', number(i))) as StoreValue,
      )
    await store.set('tracker:layout', 2)
    return timeIngests(store, size, ingestsFor(label), make)
  }
  if (label === 'PGlite') {
    const db = await PGlite.create()
    const store = await pgliteStore({ client: db })
    await fillSql((sql, params) => db.query(sql, params), 'waybill_kv', size, template)
    await db.query('VACUUM ANALYZE waybill_kv')
    const result = await timeIngests(store, size, ingestsFor(label))
    await db.close()
    return result
  }
  if (label === 'PostgreSQL') {
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    const table = `waybill_bench_${process.pid}_${size}`
    const store = await postgresStore({ connectionString: pgUrl, table, max: 4 })
    try {
      await fillSql((sql, params) => client.query(sql, params), table, size, template)
      // The state autovacuum keeps a table in (hint bits and visibility map set), not that of a bulk load just made.
      await client.query(`VACUUM ANALYZE ${table}`)
      return await timeIngests(store, size, ingestsFor(label))
    } finally {
      await store.close?.()
      await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
      await client.end()
    }
  }
  throw new Error(`unknown store ${label}`)
}

const cell = flag('cell', '')
if (cell) {
  const [label, size] = cell.split('@') as [string, string]
  process.stdout.write(`${JSON.stringify(await runCell(label, Number(size)))}\n`)
  process.exit(0)
}

const REPEAT = Number(flag('repeat', '5'))
const labels = flag('stores', 'memory,PGlite,PostgreSQL').split(',')
if (flag('baseline', '')) labels.push('memory (baseline)')
const script = fileURLToPath(import.meta.url)
const results = new Map<string, CellResult[]>()
for (let round = 0; round < REPEAT; round++) {
  // Sizes alternate within each store, and the order of sizes turns each round, so no size always runs first.
  const sizes = SIZES.map((_, i) => SIZES[(i + round) % SIZES.length]!)
  for (const label of labels)
    for (const size of sizes) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', script, '--cell', `${label}@${size}`, ...process.argv.slice(2)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
      )
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as CellResult
      const key = `${label}@${size}`
      results.set(key, [...(results.get(key) ?? []), result])
      console.error(
        `round ${round + 1}: ${label} @ ${size}: ${result.ms.toFixed(3)} ms per ingest (gc ${result.gcMs.toFixed(0)} ms, ${result.majorGcs} major, heap ${result.heapMb.toFixed(0)} MB, drainOutbox ${result.drainMs.toFixed(2)} ms)`,
      )
    }
}

const cellText = (runs: CellResult[]) => {
  const ms = runs.map((r) => r.ms)
  return `${median(ms).toFixed(2)} ms (${Math.min(...ms).toFixed(2)}–${Math.max(...ms).toFixed(2)})`
}

console.log(
  `\nOne ingest (toy payload → stored timeline), mean of ${labels.map((l) => `${ingestsFor(l)} (${l})`).join(', ')} per process after ${WARM_UP} untimed, median of ${REPEAT} processes (range), by shipments already stored:\n`,
)
console.log(`| store | ${SIZES.map((s) => s.toLocaleString('en')).join(' | ')} | largest / smallest median |`)
console.log(`|---|${SIZES.map(() => '---').join('|')}|---|`)
for (const label of labels) {
  const runs = SIZES.map((s) => results.get(`${label}@${s}`) ?? [])
  const medians = runs.map((r) => median(r.map((x) => x.ms)))
  const spread = Math.max(...medians) / Math.min(...medians)
  console.log(`| ${label} | ${runs.map(cellText).join(' | ')} | ${spread.toFixed(2)}× |`)
}
console.log(
  `\nGarbage collection inside the timed window, median ms (major collections), heap after the fill, and drainOutbox() after an ingest (medians):\n`,
)
for (const label of labels)
  console.log(
    `${label}: ${SIZES.map((s) => {
      const runs = results.get(`${label}@${s}`) ?? []
      return `${s.toLocaleString('en')}: gc ${median(runs.map((r) => r.gcMs)).toFixed(0)} ms (${median(runs.map((r) => r.majorGcs))}), heap ${median(runs.map((r) => r.heapMb)).toFixed(0)} MB, drainOutbox ${median(runs.map((r) => r.drainMs)).toFixed(2)} ms`
    }).join('; ')}`,
  )

if (flag('throughput', '1') !== '0') {
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  const throughput: string[] = []
  for (const workers of [1, 4]) {
    const table = `waybill_bench_${process.pid}_w${workers}`
    const counts = await runMultiProcess({ pgUrl, table, shipments: 1000, events: 2, workers, kills: 0 })
    throughput.push(
      `${workers} process${workers > 1 ? 'es' : ''}: ${counts.ingestsPerSecond} ingests/s (lost ${counts.lost})`,
    )
    await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  }
  await client.end()
  console.log(
    `\nPostgreSQL, 2,000 deliveries of 1,000 shipments, 8 in flight per process: ${throughput.join('; ')}`,
  )
}
