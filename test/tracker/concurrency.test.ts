import { describe, expect, it } from 'vitest'
import { memoryStore, type Store } from '../../src/store/index.js'
import { pgliteStore } from '../../src/store/pglite.js'
import { postgresStore } from '../../src/store/postgres.js'
import { createTracker } from '../../src/tracker/index.js'
import { droppedAfterAll } from '../helpers/pg-tables.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { ev, result, ship } from './build.js'

const pgUrl = await postgresUrl()
const tables = droppedAfterAll(pgUrl)

const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => memoryStore()],
  ['PGlite', () => pgliteStore()],
]
if (pgUrl)
  stores.push([
    'PostgreSQL',
    () => {
      const table = uniqueName('tracker_conc')
      tables.push(table)
      return postgresStore({ connectionString: pgUrl, table, max: 6 })
    },
  ])

const at = (i: number) => new Date(Date.UTC(2024, 2, 1, 8, i * 10)).toISOString()

describe.each(stores)('%s store: one shipment, concurrent deliveries', (_name, open) => {
  it('4 concurrent loops of 25 distinct events each store all 100 (regression: 25 of 100 were kept)', async () => {
    const store = await open()
    const tracker = createTracker({ adapters: [], store, outbox: { drainEveryMs: 0 } })
    const announced: string[] = []
    tracker.on('update', ({ added }) => announced.push(...added.map((e) => e.id)))
    await Promise.all(
      [0, 1, 2, 3].map(async (loop) => {
        for (let i = 0; i < 25; i++)
          await tracker.ingestResult(result(ship([ev('in_transit', at(loop * 25 + i))])))
      }),
    )
    const [shipment] = await tracker.get('acme', 'A1')
    expect(shipment?.events).toHaveLength(100)
    expect(new Set(announced).size).toBe(100)
    expect(announced).toHaveLength(100)
    await store.close?.()
  }, 120_000)

  it('the same answer from 8 callers on two trackers at once, raw keys in any order, is announced once and gathers no copies (regression: a stored shipment or raw record read back from jsonb compared as changed)', async () => {
    const store = await open()
    const trackers = [0, 1].map(() => createTracker({ adapters: [], store, outbox: { drainEveryMs: 0 } }))
    const announced: number[] = []
    for (const t of trackers)
      t.on('update', ({ added, enriched }) => announced.push(added.length + enriched.length))
    // Each caller's copy of the answer lists the raw record's keys in its own order, as two polls parsed from
    // differently ordered JSON (or one read back from jsonb) do.
    const answer = (caller: number) => {
      const detail =
        caller % 2
          ? { hub: 'MEM', lane: 7, scan: { by: 'ops', n: 2 } }
          : { scan: { n: 2, by: 'ops' }, lane: 7, hub: 'MEM' }
      return result(
        ship([
          ev('label_created', at(0)),
          ev('in_transit', at(3), { raw: { source: 'rest', code: 'IT', record: detail } }),
        ]),
      )
    }
    const round = async () => {
      await Promise.all(
        [0, 1, 2, 3, 4, 5, 6, 7].map((caller) => trackers[caller % 2]!.ingestResult(answer(caller))),
      )
      for (const t of trackers) await t.drainOutbox()
    }
    await round()
    expect(announced).toEqual([2])
    await round() // now every caller compares against the record the store gave back
    expect(announced).toEqual([2])
    const [shipment] = await trackers[0]!.get('acme', 'A1')
    expect(shipment?.events).toHaveLength(2)
    expect(shipment!.events.some((e) => e.alsoReportedBy?.length)).toBe(false)
    for (const t of trackers) await t.close()
    await store.close?.()
  }, 120_000)

  it('two trackers (two instances) raise a transition alert once when both ingest the delivery at once', async () => {
    const store = await open()
    const alerts: string[] = []
    const trackers = [0, 1].map(() => {
      const t = createTracker({ adapters: [], store, outbox: { drainEveryMs: 0 } })
      t.on('alert', (a) => alerts.push(a.kind))
      return t
    })
    const delivered = result(ship([ev('label_created', at(0)), ev('delivered', at(5))]))
    await Promise.all([...trackers, ...trackers].map((t) => t.ingestResult(delivered)))
    expect(alerts).toEqual(['delivered'])
    await store.close?.()
  }, 120_000)
})
