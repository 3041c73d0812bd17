import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { MAX_RAW_DEPTH, TRUNCATED_MARKER } from '../../src/tracker/raw-depth.js'
import { ev, result, ship } from './build.js'

function nested(depth: number): unknown {
  let value: unknown = { bottom: true }
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { child: value }
  return value
}

function depthOf(value: unknown): number {
  let depth = 0
  let current = value
  while (current && typeof current === 'object') {
    depth++
    current = Array.isArray(current) ? current[0] : ((current as { child?: unknown }).child ?? undefined)
  }
  return depth
}

describe('raw records nested beyond the limit (regression: ingest crashed with a RangeError)', () => {
  it('a raw payload and an event raw record 20,000 levels deep are stored, cut with a marker', async () => {
    const tracker = createTracker({ adapters: [], store: memoryStore(), outbox: { drainEveryMs: 0 } })
    const deep = nested(20_000)
    const event = ev('picked_up', '2024-03-01T10:00:00Z', { raw: { source: 'rest', record: deep } as never })
    const outcome = await tracker.ingestResult(result(ship([event], { raw: [deep] })))
    expect(outcome.added).toBe(1)
    const [stored] = await tracker.get('acme', 'A1')
    expect(depthOf(stored!.raw[0])).toBeLessThanOrEqual(MAX_RAW_DEPTH + 1)
    expect(JSON.stringify(stored!.raw)).toContain(TRUNCATED_MARKER.truncated)
    expect(JSON.stringify(stored!.events[0]!.raw)).toContain(TRUNCATED_MARKER.truncated)
  })

  it('raw records within the limit are kept as they are, the same objects', async () => {
    const tracker = createTracker({ adapters: [], store: memoryStore(), outbox: { drainEveryMs: 0 } })
    const shallow = nested(10)
    const outcome = await tracker.ingestResult(
      result(ship([ev('picked_up', '2024-03-01T10:00:00Z')], { raw: [shallow] })),
    )
    expect(outcome.shipments[0]!.raw[0]).toEqual(shallow)
  })
})
