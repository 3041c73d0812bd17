/**
 * L11 references: duplicates are removed with a keyed set (linear time, not a scan per reference), and a set keeps
 * at most MAX_REFERENCES_PER_SET with a warning naming how many were left out.
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

  it('time grows linearly: four times the L11 segments take about four times the time, not sixteen', () => {
    // 4x apart: linear growth gives about 4x, the quadratic check it guards against 16x. The bound sits between
    // them with room for GC, and the best of five runs of each keeps one slow run from deciding. The time is this
    // process's CPU time, not the wall clock: on a loaded machine the wall clock read 10.9x (Node 24 in CI) and
    // 12x (two cores shared with other work) for the same linear code.
    const small = manyL11(20_000)
    const large = manyL11(80_000)
    timed(small) // warm-up
    const cpuMs = (text: string) => {
      const start = process.cpuUsage()
      parse214(text, { defaultZone: 'America/Chicago' })
      const used = process.cpuUsage(start)
      return (used.user + used.system) / 1000
    }
    const best = (text: string) => Math.min(...[0, 1, 2, 3, 4].map(() => cpuMs(text)))
    const ratio = best(large) / best(small)
    expect(ratio).toBeLessThan(12)
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
})
