/**
 * One process's CPU-time ratios, normalize / JSON.parse of the same bytes (`cpuRatio` in cpu-ratio.ts: every
 * normalize call gets a freshly parsed payload, median of rounds with range), for the named payload cases (all when
 * none are named): one JSON line per case. `printChildRatios` runs it as plain `node` on an esbuild bundle several
 * times and prints the median; `total` is the ratio of summed CPU times over all rounds, the steadier figure. Cases named `corpus …` read the real carrier responses in ../shared/corpus/carriers
 * (see its README); they are small, so each round parses and normalizes many fresh copies. By hand, from the root:
 *   npx esbuild bench/normalize-ratio.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/waybill-bench/ratio.mjs && node node_modules/.cache/waybill-bench/ratio.mjs DHL
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { dhl } from '../adapters/dhl/index.js'
import { fedex } from '../adapters/fedex/index.js'
import { ups } from '../adapters/ups/index.js'
import { usps } from '../adapters/usps/index.js'
import { cpuRatio } from './cpu-ratio.js'
import { dhlPayload, dhlRealShapedPayload, fedexPayload, upsPayload, uspsPayloads } from './payloads.js'

interface Case {
  texts: string[]
  normalize: (parsed: unknown) => void
  calls: number
}

const corpusDir = path.resolve(process.cwd(), '../shared/corpus/carriers')
const corpus = (file: string) => readFileSync(path.join(corpusDir, file), 'utf8')

/**
 * Payloads drawn with seeds 1–4 (payloads.ts): calls take them in turn, so consecutive calls read different
 * parcels, places and times, as an adapter does on real traffic.
 */
const seeds = (make: (seed: number) => string) => [1, 2, 3, 4].map(make)

const cases: Record<string, () => Case> = {
  FedEx: () => ({ texts: seeds((s) => fedexPayload(30, 40, s)), normalize: one(fedex()), calls: 5 }),
  UPS: () => ({ texts: seeds((s) => upsPayload(20, 40, s)), normalize: one(ups()), calls: 5 }),
  DHL: () => ({ texts: seeds(dhlPayload), normalize: one(dhl()), calls: 5 }),
  'DHL spec-shape': () => ({ texts: seeds(dhlRealShapedPayload), normalize: one(dhl()), calls: 5 }),
  USPS: () => {
    // USPS answers one number per response: the payload is an array of responses, each normalized.
    const adapter = usps()
    return {
      texts: seeds(uspsPayloads),
      normalize: (parsed) => {
        for (const payload of parsed as unknown[]) adapter.normalize(payload)
      },
      calls: 5,
    }
  },
  'corpus FedEx': () => ({
    texts: [corpus('fedex__karrioapi__karrio__delivered-ground-full-scan-history.json')],
    normalize: one(fedex()),
    calls: 200,
  }),
  'corpus UPS': () => ({
    texts: [corpus('ups__karrioapi__karrio__track-response-spec-example.json')],
    normalize: one(ups()),
    calls: 500,
  }),
  'corpus DHL': () => ({
    texts: [corpus('dhl__karrioapi__karrio__unified-track-response.json')],
    normalize: one(dhl()),
    calls: 500,
  }),
  'corpus USPS': () => ({
    texts: [corpus('usps__karrioapi__karrio__v3-error.json')],
    normalize: one(usps()),
    calls: 2000,
  }),
}

/** Normalizes one parsed payload; an adapter that throws on an error envelope counts as having normalized it. */
function one(adapter: { normalize(payload: unknown): unknown }): (parsed: unknown) => void {
  return (parsed) => {
    try {
      adapter.normalize(parsed)
    } catch {
      // error envelopes (the USPS corpus file) are rejected by design; the work done to reject them is what is timed
    }
  }
}

const wanted = process.argv.slice(2)
for (const label of wanted.length ? wanted : Object.keys(cases)) {
  const make = cases[label]
  if (!make) throw new Error(`no case ${label}; cases: ${Object.keys(cases).join(', ')}`)
  const { texts, normalize, calls } = make()
  const { median, min, max, total } = cpuRatio(texts, normalize, calls)
  const r = (x: number) => Number(x.toFixed(3))
  console.log(JSON.stringify({ label, ratio: r(median), min: r(min), max: r(max), total: r(total) }))
}
