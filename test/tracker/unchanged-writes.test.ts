import { describe, expect, it } from 'vitest'
import { memoryStore, type Store } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { toy } from '../conformance/toy-adapter.js'

/** A memory store that counts the keys it writes or deletes, through every method. */
function countingStore(): { store: Store; written: string[] } {
  const inner = memoryStore()
  const written: string[] = []
  const store: Store = {
    ...inner,
    async set(key, value, options) {
      written.push(key)
      await inner.set(key, value, options)
    },
    async delete(key) {
      written.push(key)
      await inner.delete(key)
    },
    async setIfAbsent(key, value, options) {
      const set = await inner.setIfAbsent(key, value, options)
      if (set) written.push(key)
      return set
    },
    update(keys, fn) {
      return inner.update(keys, (tx) =>
        fn({
          get: (key) => tx.get(key),
          set(key, value, options) {
            written.push(key)
            tx.set(key, value, options)
          },
          delete(key) {
            written.push(key)
            tx.delete(key)
          },
        }),
      )
    },
  }
  return { store, written }
}

describe('steady-state writes (#26 item 4)', () => {
  it('writes nothing when a poll answers what is already stored (guards against rewriting unchanged records)', async () => {
    const { store, written } = countingStore()
    const tracker = createTracker({ adapters: [toy()], store, outbox: { drainEveryMs: 0 } })
    const payload = {
      number: 'TOY0000001',
      events: [
        { code: 'PU', at: '2024-03-01T10:00:00-05:00', text: 'picked up' },
        { code: 'PU', at: '2024-03-02T10:00:00-05:00', text: 'scan' },
      ],
    }
    await tracker.ingest({ source: 'toy', payload, context: { source: 'rest' } })
    expect(written.length).toBeGreaterThan(0)
    written.length = 0
    const again = await tracker.ingest({ source: 'toy', payload, context: { source: 'rest' } })
    expect(again.added).toBe(0)
    expect(written).toEqual([])
    await tracker.close()
  })
})

describe('steady-state writes on a jsonb store (#26 item 4)', () => {
  it('a poll answering what is stored enriches nothing after the record went through jsonb (guards against raw records compared by key order)', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const { pgliteStore } = await import('../../src/store/pglite.js')
    const { ups } = await import('../../adapters/ups/index.js')
    const { readFileSync } = await import('node:fs')
    const db = new PGlite()
    const store = await pgliteStore({ client: db as never })
    const tracker = createTracker({ adapters: [ups()], store, outbox: { drainEveryMs: 0 } })
    const updates: { added: number; enriched: number }[] = []
    tracker.on('update', (u) => updates.push({ added: u.added.length, enriched: u.enriched.length }))
    const payload = JSON.parse(readFileSync('fixtures/ups/in-transit-several-scans.json', 'utf8'))
    await tracker.ingest({ source: 'ups', payload, context: { source: 'rest' } })
    await tracker.drainOutbox()
    expect(updates).toHaveLength(1)
    const [before] = await tracker.get('ups', payload.trackResponse.shipment[0].package[0].trackingNumber)
    const again = await tracker.ingest({ source: 'ups', payload, context: { source: 'rest' } })
    await tracker.drainOutbox()
    expect(again.added).toBe(0)
    expect(updates).toHaveLength(1)
    const [after] = await tracker.get('ups', payload.trackResponse.shipment[0].package[0].trackingNumber)
    expect(after!.events.some((e) => e.alsoReportedBy?.length)).toBe(false)
    expect(after).toEqual(before)
    await tracker.close()
    await db.close()
  }, 60_000)
})
