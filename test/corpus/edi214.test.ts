/**
 * Corpus check: the real X12 files in ../shared/corpus/edi214 (not shipped with the package) read with the counts
 * of the corpus README's reference facts table. Skips cleanly when the folder is absent (fresh clone).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { edi214 } from '../../adapters/edi214/index.js'
import { parse214, readX12Sync } from '../../src/edi/index.js'
import { normalizeResultSchema } from '../../src/model/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(repoRoot, '../shared/corpus/edi214')

/** The reference facts (corpus README): ST sets, 214 sets, status lines, first status line. */
const FACTS = [
  [
    'jf-tech__omniparser__1_canadapost_edi_214.input.txt.edi',
    19,
    19,
    19,
    ['XB', 'NS', '20191103', '1534', ''],
  ],
  ['apimeister__x12-types__test_214.rs__parse_214_1.edi', 1, 1, 12, ['X3', 'NS', '20111217', '0930', 'PS']],
  ['indice-co__EDI.Net__214-MGCTLYST-SAMPLE.EDI.edi', 1, 1, 1, ['D1', 'NS', '20160726', '1230', 'LT']],
  ['jf-tech__omniparser__2_ups_edi_210.input.txt.non214.edi', 5, 0, 0, undefined],
  ['apimeister__x12-types__test_204.rs__test_2.non214.edi', 1, 0, 0, undefined],
] as const

describe.skipIf(!existsSync(dir))('EDI 214 corpus', () => {
  it.each(FACTS)('%s: %i sets, %i 214 sets, %i status lines', (file, sets, sets214, statusLines, first) => {
    const bytes = readFileSync(path.join(dir, file))
    const { segments, summary: x12 } = readX12Sync(bytes)
    const lines = segments.filter((s) => s.id === 'AT7' && s.element(1) !== '')
    expect(x12.sets).toBe(sets)
    expect(x12.setsById['214'] ?? 0).toBe(sets214)
    expect(lines).toHaveLength(statusLines)
    if (first) expect([1, 2, 5, 6, 7].map((n) => lines[0]!.element(n))).toEqual(first)

    const { shipments, summary } = parse214(bytes)
    expect(summary).toMatchObject({ sets, sets214, statusLines, shipments: sets214 })
    if (sets214 === 0) expect(summary.warnings.some((w) => w.code === 'skipped')).toBe(true)
    const result = edi214().normalize(bytes)
    expect(normalizeResultSchema.safeParse(result).success).toBe(true)
    expect(result.shipments).toEqual(shipments)
  })

  it('reports the known envelope mistakes as warnings, not errors', () => {
    const ups = parse214(
      readFileSync(path.join(dir, 'jf-tech__omniparser__2_ups_edi_210.input.txt.non214.edi')),
    )
    expect(ups.summary.warnings.map((w) => w.message).join()).toMatch(/se-count-mismatch/)
    const apimeister = parse214(
      readFileSync(path.join(dir, 'apimeister__x12-types__test_214.rs__parse_214_1.edi')),
    )
    expect(apimeister.summary.warnings.map((w) => w.message).join()).toMatch(/iea-control-mismatch/)
  })

  it('maps every Canada Post status line to an event with a resolved zone', () => {
    const { shipments, summary } = parse214(
      readFileSync(path.join(dir, 'jf-tech__omniparser__1_canadapost_edi_214.input.txt.edi')),
    )
    expect(summary.events).toBe(19)
    expect(summary.warnings).toEqual([])
    const first = shipments[0]!.events[0]!
    // AT707 empty: the zone comes from MS1 (WRENCH, ON, CA) → America/Toronto.
    expect(first).toMatchObject({
      occurredAt: '2019-11-03T15:34:00-05:00',
      zoneSource: 'location',
      status: 'pre_transit',
    })
  })
})
