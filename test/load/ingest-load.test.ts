import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/store/index.js'
import { pgliteStore } from '../../src/store/pglite.js'
import { postgresStore } from '../../src/store/postgres.js'
import { droppedAfterAll } from '../helpers/pg-tables.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { runInProcess, runMultiProcess } from './ingest-load.js'

const pgUrl = await postgresUrl()
const tables = droppedAfterAll(pgUrl)

const nothingLost = { lost: 0, duplicateEvents: 0, neverAnnounced: 0 }

describe('concurrent overlapping deliveries, two trackers on one store (regression: concurrent ingests kept one event)', () => {
  it('memory store, 16 callers: nothing lost, nothing announced twice', async () => {
    const counts = await runInProcess({ store: memoryStore(), shipments: 120, events: 4 })
    expect(counts).toMatchObject({ ...nothingLost, announcedTwice: 0 })
  })

  it('PGlite store, 16 callers: nothing lost, nothing announced twice', async () => {
    const store = await pgliteStore()
    const counts = await runInProcess({ store, shipments: 30, events: 3 })
    await store.close?.()
    expect(counts).toMatchObject({ ...nothingLost, announcedTwice: 0 })
  }, 120_000)

  it.skipIf(!pgUrl)(
    'PostgreSQL store, 16 callers: nothing lost, nothing announced twice',
    async () => {
      const table = uniqueName('load_inproc')
      tables.push(table)
      const store = await postgresStore({ connectionString: pgUrl!, table, max: 8 })
      const counts = await runInProcess({ store, shipments: 60, events: 3 })
      await store.close?.()
      expect(counts).toMatchObject({ ...nothingLost, announcedTwice: 0 })
    },
    120_000,
  )
})

describe.skipIf(!pgUrl)(
  '4 worker processes on one PostgreSQL database, killed with SIGKILL and restarted',
  () => {
    it('lose no event, store none twice, announce every change, and announce twice only what was in flight at a kill', async () => {
      const table = uniqueName('load_kill')
      tables.push(table)
      const counts = await runMultiProcess({
        pgUrl: pgUrl!,
        table,
        shipments: 120,
        events: 3,
        workers: 4,
        concurrency: 6,
        kills: 3,
        timeoutMs: 150_000,
      })
      expect(counts.kills).toBe(3)
      expect(counts).toMatchObject(nothingLost)
      expect(counts.announcedTwice).toBeLessThanOrEqual(counts.kills * 6) // at most the lanes in flight per kill
    }, 200_000)
  },
)
