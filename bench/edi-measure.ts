/**
 * One EDI 214 measurement in its own process (peak RSS, profiling): `<mode> <file>` where mode is `full` (waybill:
 * bytes → canonical shipments, iterated one shipment at a time), `tokens` (readX12 only), `x12parser` (x12-parser
 * tokenizing), `load` (only load the code) or `places` (load the code, then read the postal and city tables that place
 * lookups use, as the first line needing a place does; the file is not read). Prints one JSON line: MB/s and peak RSS
 * (`process.resourceUsage().maxRSS`) plus `process.memoryUsage()` peaks sampled every 100 ms (at every 20 ms the
 * sampling took 2 % of the run). Read chunks: 64 KiB
 * (`EDI_CHUNK` to change). `bench/edi.bench.ts` and `bench/edi-report.ts` bundle it with esbuild (bench/bundled.ts)
 * and run it with plain `node` (what users run; tsx alone adds ~60 MB of RSS). By hand, from the repository root:
 *   npx esbuild bench/edi-measure.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/edi-measure.mjs
 *   node node_modules/.cache/edi-measure.mjs full "$(npx tsx bench/edi-generate-varied.ts 16)"
 * (inside the repository, so that its dependencies and the place data, data/places.bin, are found from the bundle).
 * For a CPU profile: `node --cpu-prof /tmp/edi-measure.mjs full <file>`.
 */
import { createReadStream, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { parse214Stream, readX12 } from '../src/edi/index.js'
import { loadCityTable, loadPostalTable } from '../src/time/place-data.js'

const [mode = 'full', file = ''] = process.argv.slice(2)
const HIGH_WATER = Number(process.env.EDI_CHUNK ?? 64 * 1024)
const peaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  for (const k of Object.keys(peaks) as (keyof typeof peaks)[]) peaks[k] = Math.max(peaks[k], m[k])
}, 100)
const started = performance.now()
let count = 0
if (mode === 'load') {
  // Nothing to do: the static imports above are the code being measured.
} else if (mode === 'places') {
  if (loadPostalTable()('60601')) count++
  count += loadCityTable().named('US', 'chicago')?.length ?? 0
} else if (mode === 'full') {
  for await (const shipment of parse214Stream(createReadStream(file, { highWaterMark: HIGH_WATER })))
    count += shipment.events.length
} else if (mode === 'tokens') {
  for await (const batch of readX12(createReadStream(file, { highWaterMark: HIGH_WATER })).batches())
    count += batch.length
} else {
  const { X12parser } = createRequire(path.join(process.cwd(), 'package.json'))('x12-parser') as {
    X12parser: new (encoding?: string) => NodeJS.ReadWriteStream
  }
  // As x12-parser's README uses it (`on('data')`; `for await` over the same stream is 25–35 % slower).
  await new Promise<void>((resolve, reject) => {
    createReadStream(file, { highWaterMark: HIGH_WATER })
      .on('error', reject)
      .pipe(new X12parser('latin1'))
      .on('data', (seg: { name?: string }) => {
        if (seg.name === 'AT7') count++
      })
      .on('end', resolve)
      .on('error', reject)
  })
}
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
const mb = mode === 'load' || mode === 'places' ? 0 : statSync(file).size / 1e6
console.log(
  JSON.stringify({
    mode,
    count,
    seconds: Number(seconds.toFixed(2)),
    mbPerSecond: Number((mb / seconds).toFixed(1)),
    peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    sampledPeaksMb: Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, Math.round(v / 1e5) / 10])),
  }),
)
