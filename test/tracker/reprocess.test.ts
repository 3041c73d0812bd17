import { describe, expect, it } from 'vitest'
import { memoryStore, type Store } from '../../src/store/index.js'
import { createTracker, type TrackerEventMap } from '../../src/tracker/index.js'
import { carrier, type Payload, payload, v1, v2 } from './reprocess-adapter.js'

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

describe('reprocess killed with SIGKILL (regression guard: a stopped run must resume, not restart or corrupt)', () => {
  it('resumes from its checkpoint and ends as an uninterrupted run does', async () => {
    const { spawn } = await import('node:child_process')
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { pgliteStore } = await import('../../src/store/pglite.js')
    const dir = mkdtempSync(join(tmpdir(), 'waybill-reprocess-'))
    const child = (args: string[], killAt?: number) =>
      new Promise<string[]>((resolve, reject) => {
        const proc = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/tracker/reprocess-child.ts', ...args],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        )
        const lines: string[] = []
        let err = ''
        proc.stderr.on('data', (c) => (err += c))
        proc.stdout.on('data', (c: Buffer) => {
          for (const line of c.toString().split('\n').filter(Boolean)) {
            lines.push(line)
            if (killAt !== undefined && line === `AT ${killAt}`) proc.kill('SIGKILL')
          }
        })
        proc.on('exit', (code, signal) =>
          code === 0 || signal === 'SIGKILL'
            ? resolve(lines)
            : reject(new Error(`child exited ${code}: ${err}`)),
        )
      })
    try {
      await child(['fill', join(dir, 'killed'), '320'])
      await child(['fill', join(dir, 'whole'), '320'])
      const killed = await child(['run', join(dir, 'killed')], 230)
      expect(killed.some((l) => l.startsWith('DONE'))).toBe(false)
      const resumed = await child(['run', join(dir, 'killed')])
      const report = JSON.parse(resumed.at(-1)!.slice('DONE '.length))
      expect(report.resumedAfter).toBe('tracker:number:acme:N0199') // the last checkpoint before the kill
      await child(['run', join(dir, 'whole')])
      const statuses = async (name: string) => {
        const store = await pgliteStore({ dataDir: join(dir, name) })
        const out: string[] = []
        for await (const s of createTracker({ adapters: [], store, outbox: { drainEveryMs: 0 } }).shipments())
          out.push(`${s.trackingNumber}:${s.status}:${s.events.map((e) => e.milestone).join('/')}`)
        await store.close?.()
        return out
      }
      const after = await statuses('killed')
      expect(after).toEqual(await statuses('whole'))
      expect(after).toHaveLength(320)
      expect(after.every((s) => s.endsWith(':delivered:picked_up/delivered'))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 240_000)
})

describe('prunePayloads (retention by age)', () => {
  it('deletes payloads received before the cutoff; reprocess then says they are gone', async () => {
    const store = memoryStore()
    const clock = { now: new Date('2024-03-01T00:00:00Z') }
    const tracker = createTracker({
      adapters: [carrier(v1)],
      store,
      now: () => clock.now,
      outbox: { drainEveryMs: 0 },
    })
    await tracker.ingest({ source: 'acme', payload: payload('R1', ['PU']) })
    clock.now = new Date('2024-06-01T00:00:00Z')
    await tracker.ingest({ source: 'acme', payload: payload('R2', ['PU']) })
    expect(await tracker.prunePayloads({ olderThan: new Date('2024-05-01T00:00:00Z') })).toBe(1)
    expect(await stored(store, 'tracker:payload:')).toHaveLength(1)
    const report = await tracker.reprocess()
    expect(report.skipped.payloadGone).toBe(1)
  })
})

describe('ingestResult with the payload it came from', () => {
  it('keeps the payload, so reprocess can rebuild a shipment that came already normalized', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [carrier(v2)], store, outbox: { drainEveryMs: 0 } })
    const body = payload('W1', ['DL'])
    await tracker.ingestResult(carrier(v1).normalize(body), { payload: { adapter: 'acme', payload: body } })
    expect(await tracker.reprocess()).toMatchObject({ changed: 1, corrected: 1 })
    expect((await tracker.get('acme', 'W1'))[0]?.status).toBe('delivered')
    await expect(
      tracker.ingestResult(carrier(v1).normalize(body), { payload: { adapter: 'nope', payload: body } }),
    ).rejects.toThrow(/not one of this tracker's adapters/)
  })
})

describe('a payload too large to keep (regression: it was left out silently)', () => {
  it('is not kept, and the ingest result says reprocess cannot read it again', async () => {
    const tracker = createTracker({
      adapters: [carrier(v1)],
      store: memoryStore(),
      keepPayloads: { maxBytes: 100 },
      outbox: { drainEveryMs: 0 },
    })
    const small = await tracker.ingest({ source: 'acme', payload: payload('S1', ['PU']) })
    expect(small.warnings).toEqual([])
    const big = await tracker.ingest({ source: 'acme', payload: payload('B1', ['PU', 'DL', 'PU']) })
    expect(big.warnings).toEqual([
      expect.objectContaining({
        code: 'other',
        message: expect.stringMatching(/over keepPayloads\.maxBytes \(100 bytes\)/),
      }),
    ])
    expect(big.shipments.map((s) => s.trackingNumber)).toEqual(['B1'])
    await tracker.close()
  })
})

describe('REST answers superseded by a newer one (steady-state storage)', () => {
  const rest = { source: 'rest' as const }
  const sourcesOf = async (store: Store, number: string) => {
    const record = (await store.get(`tracker:number:acme:${number}`)) as unknown as {
      shipments: Record<string, { sources?: { hash: string }[] }>
    }
    return Object.values(record.shipments).flatMap((t) => t.sources ?? [])
  }

  it('keeps only the newest answer that holds every event, and prunes the others once unreferenced', async () => {
    let clock = Date.parse('2024-03-10T12:00:00Z')
    const store = memoryStore()
    const tracker = createTracker({
      adapters: [carrier(v1)],
      store,
      now: () => new Date(clock),
      outbox: { drainEveryMs: 0 },
    })
    for (const codes of [['PU'], ['PU', 'DL'], ['PU', 'DL', 'PU']])
      await tracker.ingest({ source: 'acme', payload: payload('R1', codes), context: rest })
    expect(await sourcesOf(store, 'R1')).toHaveLength(1)
    // Too recent to prune: an ingest in flight may be about to refer to a payload.
    expect(await tracker.prunePayloads({ unreferenced: true })).toBe(0)
    clock += 11 * 60_000
    expect(await tracker.prunePayloads({ unreferenced: true })).toBe(2)
    const report = await tracker.reprocess()
    expect(report).toMatchObject({ scanned: 1, skipped: { noSources: 0 } })
    expect((await tracker.get('acme', 'R1'))[0]!.events).toHaveLength(3)
    await expect(tracker.prunePayloads({})).rejects.toThrow(/olderThan.*unreferenced/)
    await tracker.close()
  })

  it('keeps every answer when the newer one lacks an event an older one gave (a carrier that trims history)', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
    await tracker.ingest({ source: 'acme', payload: payload('R2', ['PU', 'DL']), context: rest })
    const trimmed = payload('R2', ['PU', 'DL', 'PU'])
    trimmed.shipments[0]!.events.shift()
    await tracker.ingest({ source: 'acme', payload: trimmed, context: rest })
    expect(await sourcesOf(store, 'R2')).toHaveLength(2)
    await tracker.close()
  })
})

describe('inline raw payloads (shipment.raw) when payloads are kept by hash', () => {
  const ingestThree = async (options: Parameters<typeof createTracker>[0]) => {
    const tracker = createTracker({ ...options, outbox: { drainEveryMs: 0 } })
    for (const codes of [['PU'], ['PU', 'DL'], ['PU', 'DL', 'PU']])
      await tracker.ingest({ source: 'acme', payload: payload('I1', codes) })
    const [shipment] = await tracker.get('acme', 'I1')
    const kept = await tracker.payloads('acme', 'I1')
    await tracker.close()
    return { inline: shipment!.raw, kept }
  }

  it('stores a payload kept by hash once, not inline too (guards against the same bytes stored twice per shipment)', async () => {
    const { inline, kept } = await ingestThree({ adapters: [carrier(v1)] })
    expect(inline).toEqual([])
    // The latest answer is read back from the kept payloads.
    expect(kept.map((k) => k.payload)).toEqual([
      payload('I1', ['PU']),
      payload('I1', ['PU', 'DL']),
      payload('I1', ['PU', 'DL', 'PU']),
    ])
    expect(kept[0]).toMatchObject({ adapter: 'acme' })
  })

  it('keeps the latest answer inline when it was not kept, every answer with keepPayloads: false, n with keepRawPayloads', async () => {
    const small = await ingestThree({ adapters: [carrier(v1)], keepPayloads: { maxBytes: 10 } })
    expect(small.inline).toEqual([payload('I1', ['PU', 'DL', 'PU']).shipments[0]])
    expect(small.kept).toEqual([])
    expect((await ingestThree({ adapters: [carrier(v1)], keepPayloads: false })).inline).toHaveLength(3)
    expect((await ingestThree({ adapters: [carrier(v1)], keepRawPayloads: 1 })).inline).toHaveLength(1)
    expect((await ingestThree({ adapters: [carrier(v1)], keepRawPayloads: 0 })).inline).toHaveLength(0)
    expect(() => createTracker({ adapters: [], keepRawPayloads: -1 })).toThrow(/keepRawPayloads/)
  })

  it('does not rewrite a stored record only to drop its inline copy (no update announced for it)', async () => {
    const store = memoryStore()
    const first = createTracker({
      adapters: [carrier(v1)],
      store,
      keepRawPayloads: 1,
      outbox: { drainEveryMs: 0 },
    })
    await first.ingest({ source: 'acme', payload: payload('I2', ['PU', 'DL']) })
    await first.close()
    const [before] = await first.get('acme', 'I2')
    expect(before!.raw).toHaveLength(1)
    const second = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
    const updates: unknown[] = []
    second.on('update', (u) => updates.push(u))
    await second.ingest({ source: 'acme', payload: payload('I2', ['PU', 'DL']) })
    await second.drainOutbox()
    expect(updates).toEqual([])
    expect(await second.get('acme', 'I2')).toEqual([before])
    await second.ingest({ source: 'acme', payload: payload('I2', ['PU', 'DL', 'PU']) })
    await second.drainOutbox()
    expect(updates).toHaveLength(1)
    const [after] = await second.get('acme', 'I2')
    expect(after!.raw).toEqual([])
    await second.close()
  })
})
