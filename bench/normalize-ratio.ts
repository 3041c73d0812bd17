/**
 * One process's CPU-time ratios, normalize / JSON.parse of the same bytes (`cpuRatio`), for the named payload
 * cases (all when none are named): one JSON line per case. `printChildRatios` runs it as plain `node` on an esbuild
 * bundle several times and prints the median. By hand, from the repository root:
 *   npx esbuild bench/normalize-ratio.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/waybill-bench/ratio.mjs && node node_modules/.cache/waybill-bench/ratio.mjs DHL
 */
import { dhl } from '../adapters/dhl/index.js'
import { fedex } from '../adapters/fedex/index.js'
import { ups } from '../adapters/ups/index.js'
import { usps } from '../adapters/usps/index.js'
import { cpuRatio } from './cpu-ratio.js'
import { dhlPayload, dhlRealShapedPayload, fedexPayload, upsPayload, uspsPayloads } from './payloads.js'

/** Each case: the payload's text and a normalize call on it, parsed once beforehand. */
const cases: Record<string, () => { text: string; normalize: () => void }> = {
  FedEx: () => single(fedexPayload(30, 40), fedex()),
  UPS: () => single(upsPayload(20, 40), ups()),
  DHL: () => single(dhlPayload(), dhl()),
  'DHL spec-shape': () => single(dhlRealShapedPayload(), dhl()),
  USPS: () => {
    // USPS answers one number per response: the payload is an array of responses, each normalized.
    const text = uspsPayloads()
    const parsed = JSON.parse(text) as unknown[]
    const adapter = usps()
    return {
      text,
      normalize: () => {
        for (const payload of parsed) adapter.normalize(payload)
      },
    }
  },
}

function single(text: string, adapter: { normalize(payload: unknown): unknown }) {
  const parsed = JSON.parse(text)
  return { text, normalize: () => void adapter.normalize(parsed) }
}

const wanted = process.argv.slice(2)
for (const label of wanted.length ? wanted : Object.keys(cases)) {
  const make = cases[label]
  if (!make) throw new Error(`no case ${label}; cases: ${Object.keys(cases).join(', ')}`)
  const { text, normalize } = make()
  console.log(JSON.stringify({ label, ratio: Number(cpuRatio(text, normalize).toFixed(3)) }))
}
