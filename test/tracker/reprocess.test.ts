import { describe, expect, it } from 'vitest'
import { type Adapter, type CodeTable, createEvent, mapCode } from '../../src/adapter/index.js'
import { buildShipment } from '../../src/model/index.js'
import { memoryStore, type Store } from '../../src/store/index.js'
import { createTracker, type TrackerEventMap } from '../../src/tracker/index.js'

type Payload = { shipments: { number: string; events: { code: string; at: string }[] }[] }

/** A carrier adapter whose codes table can be wrong (v1: `DL` read as in transit) or fixed (v2). */
function carrier(codes: CodeTable): Adapter {
  return {
    id: 'acme',
    name: 'Acme',
    capabilities: { track: false, batch: 1 },
    normalize(payload: unknown) {
      const p = payload as Payload
      return {
        shipments: p.shipments.map((s) =>
          buildShipment({
            carrier: 'acme',
            trackingNumber: s.number,
            raw: [s],
            events: s.events.map((e) => {
              const mapped = mapCode(codes, e.code)
              return createEvent({
                carrier: 'acme',
                trackingNumber: s.number,
                ...mapped,
                occurredAt: e.at,
                zoneSource: 'carrier',
                precision: 'second',
                description: e.code,
                raw: { source: 'webhook', code: e.code, record: e },
              })
            }),
          }),
        ),
        notFound: [],
        warnings: [],
      }
    },
  } as unknown as Adapter
}

const v1: CodeTable = {
  PU: { status: 'in_transit', milestone: 'picked_up' },
  DL: { status: 'in_transit', milestone: 'in_transit' }, // the bug the fix corrects
}
const v2: CodeTable = { ...v1, DL: { status: 'delivered', milestone: 'delivered' } }

const payload = (number: string, codes: string[]): Payload => ({
  shipments: [{ number, events: codes.map((code, i) => ({ code, at: `2024-03-0${i + 1}T10:00:00-05:00` })) }],
})

async function stored(store: Store, prefix: string) {
  const keys: string[] = []
  for await (const key of store.keys(prefix)) keys.push(key)
  return keys
}

describe('reprocess: a mapping fix corrects stored timelines from the kept payloads', () => {
  it('corrects the events, derives the status again, announces corrections and the alert the new meaning calls for', async () => {
    const store = memoryStore()
    const before = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
    await before.ingest({ source: 'acme', payload: payload('A1', ['PU', 'DL']) })
    await before.ingest({ source: 'acme', payload: payload('A2', ['PU']) })
    expect((await before.get('acme', 'A1'))[0]?.status).toBe('in_transit')

    const after = createTracker({ adapters: [carrier(v2)], store, outbox: { drainEveryMs: 0 } })
    const updates: TrackerEventMap['update'][] = []
    const alerts: string[] = []
    after.on('update', (u) => updates.push(u))
    after.on('alert', (a) => alerts.push(a.kind))
    const report = await after.reprocess()
    expect(report).toMatchObject({ scanned: 2, changed: 1, corrected: 1, added: 0 })
    const [a1] = await after.get('acme', 'A1')
    expect(a1?.status).toBe('delivered')
    expect(a1?.events.map((e) => e.milestone)).toEqual(['picked_up', 'delivered'])
    expect(updates).toHaveLength(1)
    expect(updates[0]?.kind).toBe('correction')
    expect(updates[0]?.corrections?.[0]?.fields).toEqual(['status', 'milestone'])
    expect(updates[0]?.corrections?.[0]?.event.id).toBe(a1?.events[1]?.id) // ids do not change
    expect(alerts).toEqual(['delivered'])

    const again = await after.reprocess()
    expect(again).toMatchObject({ changed: 0, corrected: 0 })
    expect(updates).toHaveLength(1)
  })

  it('keeps each payload once by content, shared by the shipments it changed', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
    const both: Payload = {
      shipments: [...payload('B1', ['PU']).shipments, ...payload('B2', ['PU']).shipments],
    }
    await tracker.ingest({ source: 'acme', payload: both })
    await tracker.ingest({ source: 'acme', payload: JSON.parse(JSON.stringify(both)) }) // re-sent
    expect(await stored(store, 'tracker:payload:')).toHaveLength(1)
    const records = []
    for await (const record of tracker.records()) records.push(record)
    expect(records.map((r) => r.sources?.map((s) => s.hash))).toEqual([
      [expect.any(String)],
      [records[0]!.sources![0]!.hash],
    ])
  })

  it('leaves shipments it cannot rebuild as they are, and says why', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [carrier(v2)], store, outbox: { drainEveryMs: 0 } })
    const normalized = carrier(v1).normalize(payload('C1', ['DL']))
    await tracker.ingestResult(normalized) // no payload to keep
    const report = await tracker.reprocess()
    expect(report.skipped.noSources).toBe(1)
    expect((await tracker.get('acme', 'C1'))[0]?.status).toBe('in_transit')
  })

  it('a run stopped part-way resumes from its checkpoint and ends as an uninterrupted run does', async () => {
    const numbers = Array.from({ length: 250 }, (_, i) => `N${String(i).padStart(3, '0')}`)
    const fill = async (store: Store) => {
      const t = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
      for (const n of numbers) await t.ingest({ source: 'acme', payload: payload(n, ['PU', 'DL']) })
    }
    const whole = memoryStore()
    const parts = memoryStore()
    await fill(whole)
    await fill(parts)
    await createTracker({ adapters: [carrier(v2)], store: whole, outbox: { drainEveryMs: 0 } }).reprocess()

    const stop = new AbortController()
    const first = createTracker({ adapters: [carrier(v2)], store: parts, outbox: { drainEveryMs: 0 } })
    const partial = await first.reprocess({
      checkpoint: 'fix',
      signal: stop.signal,
      onProgress: (r) => {
        if (r.scanned === 120) stop.abort()
      },
    })
    expect(partial.scanned).toBe(120)
    const resumed = await createTracker({
      adapters: [carrier(v2)],
      store: parts,
      outbox: { drainEveryMs: 0 },
    }).reprocess({
      checkpoint: 'fix',
    })
    expect(resumed.resumedAfter).toBe('tracker:number:acme:N119')
    expect(resumed.scanned).toBe(130)
    const statuses = async (store: Store) => {
      const out: string[] = []
      for await (const s of createTracker({ adapters: [], store }).shipments())
        out.push(`${s.trackingNumber}:${s.status}`)
      return out
    }
    expect(await statuses(parts)).toEqual(await statuses(whole))
    expect((await statuses(parts)).every((s) => s.endsWith(':delivered'))).toBe(true)
    expect(await stored(parts, 'tracker:reprocess:')).toEqual([])
  })
})
