/**
 * The tracker's ingest, end to end (a toy carrier payload in → stored timeline out), on each store, with 100,
 * 10,000 and 100,000 shipments already stored: the cost of one ingest must not grow with what is stored. Then
 * ingests per second on PostgreSQL with 1 and 4 processes. Inputs vary (each ingest brings a new event to a
 * random stored shipment), so no cache always hits.
 *
 *   node --import tsx bench/ingest.ts [--ingests 1000] [--baseline /path/to/older/checkout [--baseline-max 10000]]
 *
 * `--baseline` runs the memory-store rows again with `createTracker` and `memoryStore` from another checkout of
 * waybill (for example the commit before a change), side by side.
 */
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
const INGESTS = Number(flag('ingests', '1000'))
const SIZES = [100, 10_000, 100_000]
const pgUrl = process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const number = (i: number) => `TOY${String(i).padStart(7, '0')}`

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

function recordFor(template: StoreValue, i: number): StoreValue {
  return JSON.parse(JSON.stringify(template).replaceAll('TEMPLATE', number(i))) as StoreValue
}

async function timeIngests(store: Store, size: number, make = createTracker): Promise<number> {
  const tracker = make({ adapters: [toy()], store, outbox: { drainEveryMs: 0 } } as never)
  const random = seeded(size)
  const payloads = Array.from({ length: INGESTS }, (_, i) => ({
    number: number(Math.floor(random() * size)),
    events: [
      {
        code: 'PU',
        at: new Date(Date.UTC(2024, 3, 1) + i * 60_000).toISOString().replace('.000Z', '+00:00'),
        text: `scan ${i}`,
      },
    ],
  }))
  for (const payload of payloads.slice(0, 50)) await tracker.ingest({ source: 'toy', payload }) // warm-up
  const started = performance.now()
  for (const payload of payloads.slice(50)) await tracker.ingest({ source: 'toy', payload })
  const ms = (performance.now() - started) / (payloads.length - 50)
  await (tracker as { close?: () => Promise<void> }).close?.()
  return ms
}

const template = await storedRecord()
const rows: Record<string, Record<number, string>> = {}
const put = (label: string, size: number, ms: number) => {
  rows[label] ??= {}
  rows[label][size] = `${ms.toFixed(3)} ms`
  console.error(`${label} @ ${size}: ${ms.toFixed(3)} ms per ingest`)
}

// One throwaway round first: the first size measured would otherwise also pay the process's JIT warm-up.
await timeIngests(memoryStore(), 100)
for (const size of SIZES) {
  const store = memoryStore()
  for (let i = 0; i < size; i++) await store.set(`tracker:number:toy:${number(i)}`, recordFor(template, i))
  await store.set('tracker:layout', 2)
  put('memory', size, await timeIngests(store, size))
}

const baseline = flag('baseline', '')
if (baseline) {
  const old = await import(`${baseline}/src/tracker/index.ts`)
  const oldStore = await import(`${baseline}/src/store/index.ts`)
  // Filling the older layout goes through its own ingest, which is what grew with the count: capped by default.
  for (const size of SIZES.filter((s) => s <= Number(flag('baseline-max', '10000')))) {
    const store = oldStore.memoryStore()
    const tracker = old.createTracker({ adapters: [toy()], store })
    for (let i = 0; i < size; i++)
      await tracker.ingest({
        source: 'toy',
        payload: {
          number: number(i),
          events: [{ code: 'PU', at: '2024-03-01T10:00:00-05:00', text: 'scan' }],
        },
      })
    put('memory (baseline)', size, await timeIngests(store, size, old.createTracker))
  }
}

async function fillSql(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  table: string,
  size: number,
) {
  const json = JSON.stringify(template)
  await query(
    `INSERT INTO ${table} (key, value) SELECT 'tracker:number:toy:' || n, replace($1, 'TEMPLATE', n)::jsonb
     FROM (SELECT 'TOY' || lpad(i::text, 7, '0') AS n FROM generate_series(0, $2::int - 1) AS i) AS s`,
    [json, size],
  )
  await query(`INSERT INTO ${table} (key, value) VALUES ('tracker:layout', '2')`, [])
}

for (const size of SIZES) {
  const db = await PGlite.create()
  const store = await pgliteStore({ client: db })
  await fillSql((sql, params) => db.query(sql, params), 'waybill_kv', size)
  put('PGlite', size, await timeIngests(store, size))
  await db.close()
}

const client = new pg.Client({ connectionString: pgUrl })
await client.connect()
for (const size of SIZES) {
  const table = `waybill_bench_${process.pid}_${size}`
  const store = await postgresStore({ connectionString: pgUrl, table, max: 4 })
  await fillSql((sql, params) => client.query(sql, params), table, size)
  put('PostgreSQL', size, await timeIngests(store, size))
  await store.close?.()
  await client.query(`DROP TABLE ${table}, ${table}_schema`)
}

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
  `\nOne ingest (toy payload → stored timeline), mean of ${INGESTS - 50}, by shipments already stored:\n`,
)
console.log(`| store | ${SIZES.map((s) => s.toLocaleString('en')).join(' | ')} |`)
console.log(`|---|${SIZES.map(() => '---').join('|')}|`)
for (const [label, bySize] of Object.entries(rows))
  console.log(`| ${label} | ${SIZES.map((s) => bySize[s] ?? '').join(' | ')} |`)
console.log(
  `\nPostgreSQL, 2,000 deliveries of 1,000 shipments, 8 in flight per process: ${throughput.join('; ')}`,
)
