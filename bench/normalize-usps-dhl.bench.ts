/**
 * Carrier JSON → canonical, USPS and DHL: `normalize` of a large real-shaped payload against `JSON.parse` of the
 * same bytes (goal: normalize ≤ 3× the parse, docs/performance.md). The first DHL group and the USPS group repeat the
 * project's own fixtures with shifted times so ids vary; the second DHL group is generated in the shape of DHL's
 * spec example (every field a real Express event carries), with our own values. Run:
 *   npx vitest bench --run bench/normalize-usps-dhl.bench.ts
 * Before vitest's wall-clock table, it prints (on stderr) `normalize / JSON.parse` in CPU time (process.cpuUsage,
 * interleaved, best of several rounds; steadier on a shared machine, where wall time counts other processes): the
 * median of five plain node processes (the figure the goal is judged on), then each group's figure in this worker.
 */
import { bench, describe } from 'vitest'
import type * as DhlModule from '../adapters/dhl/index.js'
import type * as UspsModule from '../adapters/usps/index.js'
import { bundled } from './bundled.js'
import { printChildRatios } from './child-ratios.js'
import { printCpuRatio } from './cpu-ratio.js'
import { dhlPayload, dhlRealShapedPayload, uspsPayloads } from './payloads.js'

// Timed through an esbuild bundle, as users run it (see bundled.ts: vitest's module runner adds a cost per import).
const { dhl } = await bundled<typeof DhlModule>('adapters/dhl/index.ts')
const { usps } = await bundled<typeof UspsModule>('adapters/usps/index.ts')

// The ratio each case is judged on: the median of several plain node processes (see printChildRatios).
await printChildRatios(['DHL', 'DHL spec-shape', 'USPS'])

const dhlAdapter = dhl()
const uspsAdapter = usps()
const dhlBytes = dhlPayload()
const uspsBytes = uspsPayloads()
const dhlParsed = JSON.parse(dhlBytes)
const dhlRealBytes = dhlRealShapedPayload()
const dhlRealParsed = JSON.parse(dhlRealBytes)
const uspsParsed = JSON.parse(uspsBytes) as unknown[]

const normalizeAllUsps = () => {
  for (const payload of uspsParsed) uspsAdapter.normalize(payload)
}

describe(`DHL: ${(dhlBytes.length / 1024).toFixed(0)} KiB, 1000 events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(dhlBytes)
  })
  bench('normalize (already parsed)', () => {
    dhlAdapter.normalize(dhlParsed)
  })
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('DHL', [dhlBytes], (parsed) => dhlAdapter.normalize(parsed))
})

describe(`DHL, spec-example shape: ${(dhlRealBytes.length / 1024).toFixed(0)} KiB, 1000 events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(dhlRealBytes)
  })
  bench('normalize (already parsed)', () => {
    dhlAdapter.normalize(dhlRealParsed)
  })
  printCpuRatio('DHL spec-shape', [dhlRealBytes], (parsed) => dhlAdapter.normalize(parsed))
})

describe(`USPS: ${(uspsBytes.length / 1024).toFixed(0)} KiB, ${60 * 99} events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(uspsBytes)
  })
  bench('normalize (already parsed)', normalizeAllUsps)
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('USPS', [uspsBytes], (parsed) => {
    for (const payload of parsed as unknown[]) uspsAdapter.normalize(payload)
  })
})
