/**
 * UPS and FedEx normalization vs `JSON.parse` of the same bytes (goal: normalize ≤ 3× the parse alone).
 * Payloads are generated in the documented shapes: a FedEx batch of 30 numbers × 40 scans, and a UPS multi-piece
 * shipment of 20 packages × 40 activities, with the formats' real quirks (offsets, gmt fields, midnight dates).
 * Run: npx vitest bench --run bench/normalize-ups-fedex.bench.ts
 * Before vitest's wall-clock table, it prints (on stderr) `normalize / JSON.parse` in CPU time (process.cpuUsage,
 * interleaved, best of several rounds; steadier on a shared machine, where wall time counts other processes): the
 * median of five plain node processes (the figure the goal is judged on), then each group's figure in this worker.
 */
import { bench, describe } from 'vitest'
import type * as FedexModule from '../adapters/fedex/index.js'
import type * as UpsModule from '../adapters/ups/index.js'
import { bundled } from './bundled.js'
import { printChildRatios } from './child-ratios.js'
import { printCpuRatio } from './cpu-ratio.js'
import { fedexPayload, upsPayload } from './payloads.js'

const { fedex } = await bundled<typeof FedexModule>('adapters/fedex/index.ts')
const { ups } = await bundled<typeof UpsModule>('adapters/ups/index.ts')

// The ratio each case is judged on: the median of several plain node processes (see printChildRatios).
await printChildRatios(['FedEx', 'UPS'])

const fedexText = fedexPayload(30, 40)
const upsText = upsPayload(20, 40)
const fedexAdapter = fedex()
const upsAdapter = ups()
/** Enough warm-up and samples for a function that takes milliseconds (the default stops after ~10 runs). */
const SLOW = { warmupIterations: 10, iterations: 50, time: 3000 }
const fedexParsed = JSON.parse(fedexText)
const upsParsed = JSON.parse(upsText)

describe(`FedEx: 30 numbers × 40 scans (${Math.round(fedexText.length / 1024)} KiB)`, () => {
  bench('JSON.parse', () => {
    JSON.parse(fedexText)
  })
  bench(
    'normalize (parsed payload)',
    () => {
      fedexAdapter.normalize(fedexParsed)
    },
    SLOW,
  )
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('FedEx', [fedexText], (parsed) => fedexAdapter.normalize(parsed))
})

describe(`UPS: 20 packages × 40 activities (${Math.round(upsText.length / 1024)} KiB)`, () => {
  bench('JSON.parse', () => {
    JSON.parse(upsText)
  })
  bench(
    'normalize (parsed payload)',
    () => {
      upsAdapter.normalize(upsParsed)
    },
    SLOW,
  )
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('UPS', [upsText], (parsed) => upsAdapter.normalize(parsed))
})
