/**
 * L11 references: duplicates are removed with a keyed set (linear time, not a scan per reference), and a set keeps
 * at most MAX_REFERENCES_PER_SET with a warning naming how many were left out.
 *
 * The quadratic check is guarded by absolute bounds far from both sides: 100,000 segments take about 0.3 s here and
 * took about 33 s with the scan, against a bound of 5 s. A growth-ratio test (20,000 against 80,000 segments, CPU
 * time) was removed: on linear code it read 10.9x, 12x and 14.2x in CI against a quadratic 16x, because a Set of
 * 80,000 keys costs more per key than one of 20,000 (cache misses, old-generation GC), so no bound separated them.
 */
import { describe, expect, it } from 'vitest'
import { MAX_REFERENCES_PER_SET } from '../../src/edi/event214.js'
import { parse214 } from '../../src/edi/index.js'
import { type Body, interchange, SIMPLE_BODY } from './build.js'

/** One 214 set with `count` L11 segments (`distinct` different values, repeated round-robin). */
function manyL11(count: number, distinct = count): string {
  const l11s: Body = []
  for (let i = 0; i < count; i++) l11s.push(['L11', `REF${i % distinct}`, 'PO'])
  return interchange([{ body: [SIMPLE_BODY[0]!, ...l11s, ...SIMPLE_BODY.slice(1)] }])
}

/** One L11 segment whose L11-01 repeats `count` times (00402+ repetition separator `^`). */
function repeatedL11(count: number): string {
  const values = Array.from({ length: count }, (_, i) => `R${i}`).join('^')
  return interchange([{ body: [SIMPLE_BODY[0]!, ['L11', values, 'PO'], ...SIMPLE_BODY.slice(1)] }], {
    isaVersion: '00501',
    isa11: '^',
    version: '005010',
  })
}

function timed(text: string): { ms: number; result: ReturnType<typeof parse214> } {
  const start = performance.now()
  const result = parse214(text, { defaultZone: 'America/Chicago' })
  return { ms: performance.now() - start, result }
}

describe('L11 references (quadratic duplicate check, unbounded growth)', () => {
  it('100,000 L11 segments parse in a fraction of the time the old per-reference scan took (~33 s)', () => {
    const text = manyL11(100_000)
    expect(text.length).toBeGreaterThan(1_500_000)
    const { ms, result } = timed(text)
    expect(ms).toBeLessThan(5000) // ~0.3 s here; the quadratic code took ~33 s
    expect(result.shipments).toHaveLength(1)
  })

  it('50,000 repetitions in one L11 segment parse in a fraction of the time they took (~5-10 s)', () => {
    const { ms, result } = timed(repeatedL11(50_000))
    expect(ms).toBeLessThan(3000) // ~0.3 s here; the quadratic code took 5-33 s
    expect(result.shipments[0]!.identifiers.references.length).toBe(MAX_REFERENCES_PER_SET)
  })

  it('keeps at most MAX_REFERENCES_PER_SET and warns with how many were left out (never silently dropped)', () => {
    const { result } = timed(manyL11(MAX_REFERENCES_PER_SET + 250))
    const refs = result.shipments[0]!.identifiers.references
    // B10-02 shipment_id comes first, then the L11 values in order, up to the cap.
    expect(refs).toHaveLength(MAX_REFERENCES_PER_SET)
    expect(refs[1]).toEqual({ type: 'purchase_order', value: 'REF0', qualifier: 'PO' })
    const warning = result.summary.warnings.find((w) => /references/.test(w.message))
    expect(warning?.message).toMatch(/251 more distinct references than the 1000 kept per set were left out/)
  })

  it('duplicates are still removed and do not count against the cap', () => {
    const { result } = timed(manyL11(5000, 10))
    expect(result.shipments[0]!.identifiers.references).toHaveLength(11)
    expect(JSON.stringify(result)).not.toMatch(/left out/)
  })

  it('duplicates are removed on both sides of the switch from comparing references to keying them (16 distinct)', () => {
    for (const distinct of [14, 15, 16, 17, 40]) {
      // Each value seen 5 times, round-robin: repeats of the first values come after the switch.
      const { result } = timed(manyL11(distinct * 5, distinct))
      const refs = result.shipments[0]!.identifiers.references
      expect(refs).toHaveLength(distinct + 1)
      expect(refs.slice(1).map((r) => r.value)).toEqual(Array.from({ length: distinct }, (_, i) => `REF${i}`))
    }
  })

  it('the same value under another qualifier is another reference, before and after the switch', () => {
    for (const before of [2, 30]) {
      const l11s: Body = []
      for (let i = 0; i < before; i++) l11s.push(['L11', `REF${i}`, 'PO'])
      l11s.push(['L11', 'REF0', 'BM'], ['L11', 'REF0', 'PO'], ['L11', 'REF0', 'BM'])
      const text = interchange([{ body: [SIMPLE_BODY[0]!, ...l11s, ...SIMPLE_BODY.slice(1)] }])
      const refs = timed(text).result.shipments[0]!.identifiers.references
      expect(refs).toHaveLength(before + 2)
      expect(refs.at(-1)).toEqual({ type: 'bill_of_lading', value: 'REF0', qualifier: 'BM' })
    }
  })

  it('a distinct reference left out past the cap is counted once however often it repeats', () => {
    const { result } = timed(manyL11((MAX_REFERENCES_PER_SET + 250) * 2, MAX_REFERENCES_PER_SET + 250))
    expect(result.shipments[0]!.identifiers.references).toHaveLength(MAX_REFERENCES_PER_SET)
    const warning = result.summary.warnings.find((w) => /references/.test(w.message))
    expect(warning?.message).toMatch(/251 more distinct references than the 1000 kept per set were left out/)
  })
})
