/**
 * Steady-state disk per tracked shipment (#26): `--shipments` UPS shipments, each polled `--polls` times through
 * `tracker.ingest`, each poll answering the shipment's whole history so far (as UPS's Track API does): by default
 * varied journeys (`bench/ups-journeys.ts`: each shipment its own route, the polls spread from label to delivery,
 * so some answer nothing new); `--history cycled` gives the generic generator's history instead (five places and
 * one description repeated, one scan more per poll). Then `prunePayloads({ unreferenced: true })` as a nightly
 * retention run would, then the store's
 * table measured after VACUUM: `pg_total_relation_size` (heap, TOAST and the
 * key index) on PGlite and on PostgreSQL, divided by the number of shipments. Also the split by kind of key.
 *
 *   node --import tsx bench/disk.ts [--shipments 500] [--polls 10] [--stores PGlite,PostgreSQL] [--history cycled]
 *   (KEEP_RAW=n sets keepRawPayloads)
 *
 * Goal: under 10 KB per shipment after 10 polls.
 */
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { ups } from '../adapters/ups/index.js'
import type { Store } from '../src/store/index.js'
import { pgliteStore } from '../src/store/pglite.js'
import { postgresStore } from '../src/store/postgres.js'
import { createTracker } from '../src/tracker/index.js'
import { upsPayload } from './payloads.js'
import { upsAnswer, upsJourney } from './ups-journeys.js'

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const SHIPMENTS = flag('shipments', 500)
const POLLS = flag('polls', 10)
/** `varied` (each shipment its own route, see ups-journeys.ts) or `cycled` (the generic generator of payloads.ts). */
const HISTORY = process.argv.includes('--history')
  ? process.argv[process.argv.indexOf('--history') + 1]
  : 'varied'
const pgUrl = process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

interface Sql {
  query<T>(text: string): Promise<{ rows: T[] }>
}

interface UpsActivity {
  status: { type: string; code: string; description: string; statusCode: string }
}

/**
 * A poll as a parcel's life reads: in transit until the last poll, which ends with the delivery (the generated
 * payloads cycle through every status, delivery included, which would raise anomalies no real parcel has).
 */
function realisticPoll(text: string, delivered: boolean): string {
  const payload = JSON.parse(text) as {
    trackResponse: { shipment: { package: { activity: UpsActivity[] }[] }[] }
  }
  const activities = payload.trackResponse.shipment[0]!.package[0]!.activity
  activities.forEach((activity, i) => {
    const last = i === activities.length - 1
    if (activity.status.type === 'D' && !(delivered && last))
      activity.status = { type: 'I', code: 'AR', description: 'Arrived at Facility', statusCode: '005' }
  })
  return JSON.stringify(payload)
}

async function fill(store: Store): Promise<number> {
  // Each poll happens when its answer is current (a poll of 2024 does not find the shipment two years late).
  let clock = Date.now()
  const tracker = createTracker({
    adapters: [ups()],
    store,
    now: () => new Date(clock),
    outbox: { drainEveryMs: 0 },
    ...(process.env.KEEP_RAW ? { keepRawPayloads: Number(process.env.KEEP_RAW) } : {}),
  })
  let bytes = 0
  const journeys = Array.from({ length: SHIPMENTS }, (_, s) => upsJourney(s))
  for (let poll = 0; poll < POLLS; poll++) {
    for (let s = 0; s < SHIPMENTS; s++) {
      const journey = journeys[s]!
      const first = journey.scans[0]!.at
      if (HISTORY !== 'cycled') clock = first + ((journey.scans.at(-1)!.at - first) * (poll + 1)) / POLLS
      const text =
        HISTORY === 'cycled'
          ? realisticPoll(
              upsPayload(1, 3 + poll).replaceAll('1ZA1B2C30345123400', `1ZA1B2C30345${String(100000 + s)}`),
              poll === POLLS - 1,
            )
          : upsAnswer(journey, clock)
      bytes += Buffer.byteLength(text)
      await tracker.ingest({ source: 'ups', payload: JSON.parse(text), context: { source: 'rest' } })
    }
  }
  await tracker.drainOutbox()
  await tracker.close()
  // The nightly retention run: payloads superseded by a newer REST answer, past the grace period.
  const later = createTracker({
    adapters: [ups()],
    store,
    now: () => new Date(Date.now() + 3_600_000),
    outbox: { drainEveryMs: 0 },
  }) as { prunePayloads?: (o: { unreferenced: boolean }) => Promise<number>; close(): Promise<void> }
  await later.prunePayloads?.({ unreferenced: true }).catch(() => 0)
  await later.close()
  return bytes / (SHIPMENTS * POLLS)
}

async function measure(sql: Sql, table: string): Promise<string> {
  await sql.query(`VACUUM FULL ${table}`)
  const total = (await sql.query<{ n: string }>(`SELECT pg_total_relation_size('${table}') AS n`)).rows[0]!.n
  const kinds = await sql.query<{ kind: string; keys: string; bytes: string }>(
    `SELECT split_part(key, ':', 2) AS kind, count(*) AS keys, sum(pg_column_size(value)) AS bytes FROM ${table} GROUP BY 1 ORDER BY 3 DESC`,
  )
  const split = kinds.rows
    .map((r) => `${r.kind} ${r.keys} keys ${(Number(r.bytes) / SHIPMENTS / 1024).toFixed(1)} KB`)
    .join(', ')
  const parts = await sql.query<{ part: string; bytes: string }>(
    `SELECT 'heap' AS part, pg_relation_size(c.oid) AS bytes FROM pg_class c WHERE c.relname = '${table}'
     UNION ALL SELECT 'TOAST', pg_relation_size(c.reltoastrelid) FROM pg_class c WHERE c.relname = '${table}' AND c.reltoastrelid <> 0
     UNION ALL SELECT 'TOAST index', pg_indexes_size(c.reltoastrelid) FROM pg_class c WHERE c.relname = '${table}' AND c.reltoastrelid <> 0
     UNION ALL SELECT 'indexes', pg_indexes_size('${table}')`,
  )
  const where = parts.rows
    .map((r) => `${r.part} ${(Number(r.bytes) / SHIPMENTS / 1024).toFixed(2)}`)
    .join(', ')
  return `${(Number(total) / SHIPMENTS / 1024).toFixed(2)} KB per shipment (${where} KB; values per shipment: ${split})`
}

const table = 'waybill_disk_bench'
const stores = (process.argv[process.argv.indexOf('--stores') + 1] ?? '').split(',')
const wanted = (name: string) => !process.argv.includes('--stores') || stores.includes(name)
if (wanted('PGlite')) {
  const db = new PGlite()
  const store = await pgliteStore({ client: db as never, table })
  const payload = await fill(store)
  console.log(
    `poll payloads: ${(payload / 1024).toFixed(1)} KB on average; ${SHIPMENTS} shipments × ${POLLS} polls`,
  )
  console.log(`PGlite      ${await measure(db as unknown as Sql, table)}`)
  await db.close()
}
if (wanted('PostgreSQL')) {
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  const store = await postgresStore({ connectionString: pgUrl, table })
  await fill(store)
  console.log(`PostgreSQL  ${await measure(client, table)}`)
  await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  await client.end()
  await (store as { close?: () => Promise<void> }).close?.()
}
