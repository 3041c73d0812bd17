/**
 * EDI 214 benchmark: waybill's full path (bytes → canonical shipments and events) against x12-parser and node-x12
 * just tokenizing the same varied generated files (~16 MB and ~166 MB naming 40 places, every X12 time code and
 * dates over a year: `bench/edi-generate-varied.ts`; written to os.tmpdir()), side by side in one run. The figures
 * the docs quote come from `bench/edi-report.ts` (each contender in its own process, alternating).
 * Also prints, before the timings:
 * - peak RSS of the full path on the 166 MB file, measured in a child process (`process.resourceUsage().maxRSS`)
 *   running plain `node` on an esbuild bundle of `bench/edi-measure.ts`, next to x12-parser in the same setting and
 *   to a child that only loads the code;
 * - which real corpus files (../shared/corpus/edi214, when present) each peer reads, with ST/AT7 counts.
 *
 * Run: `npx vitest bench --run bench/edi.bench.ts`
 */
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import type * as Edi from '../src/edi/index.js'
import { bundle, bundled } from './bundled.js'
import { generateVaried214 } from './edi-generate-varied.js'

// Timed as users run it (bundled ESM), not through vitest's module runner (see bundled.ts); the peers are
// plain CommonJS packages loaded from node_modules either way.
const { parse214Stream, readX12 } = await bundled<typeof Edi>('src/edi/index.ts')

const require = createRequire(import.meta.url)
const { X12parser } = require('x12-parser') as {
  X12parser: new (encoding?: string) => NodeJS.ReadWriteStream
}
const { X12Parser } = require('node-x12') as {
  X12Parser: new (strict?: boolean) => { parse(text: string): unknown }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const small = await generateVaried214(16, 40)
const large = await generateVaried214(166, 40)
/** Read chunk size: 64 KiB (parse214Stream parses each chunk in 4 KiB slices, so batches stay small). */
const HIGH_WATER = 64 * 1024

async function waybillFull(file: string): Promise<number> {
  let events = 0
  for await (const batch of parse214Stream(createReadStream(file, { highWaterMark: HIGH_WATER })).batches()) {
    for (const shipment of batch) events += shipment.events.length
  }
  return events
}

async function waybillTokens(file: string): Promise<number> {
  let n = 0
  for await (const batch of readX12(createReadStream(file, { highWaterMark: HIGH_WATER })).batches())
    n += batch.length
  return n
}

/**
 * x12-parser the way its README uses it: `.pipe(parser).on('data', ...)`. (Reading the same stream with
 * `for await` costs a promise per segment and made x12-parser 25–35 % slower, which flattered waybill.)
 */
function x12parserTokens(input: Readable | NodeJS.ReadableStream): Promise<{ st: number; at7: number }> {
  return new Promise((resolve, reject) => {
    let st = 0
    let at7 = 0
    input.on('error', reject)
    input
      .pipe(new X12parser('latin1'))
      .on('data', (seg: { name?: string; '1'?: string }) => {
        if (seg.name === 'ST') st++
        if (seg.name === 'AT7' && seg['1']) at7++
      })
      .on('end', () => resolve({ st, at7 }))
      .on('error', reject)
  })
}

interface NodeX12Tree {
  interchanges?: NodeX12Tree[]
  functionalGroups?: { transactions: { segments: { tag: string; valueOf(n: number): string | null }[] }[] }[]
}

function nodeX12Tokens(text: string): { st: number; at7: number } {
  const tree = new X12Parser(false).parse(text) as NodeX12Tree
  let st = 0
  let at7 = 0
  for (const ic of tree.interchanges ?? [tree]) {
    for (const group of ic.functionalGroups ?? []) {
      for (const t of group.transactions) {
        st++
        for (const seg of t.segments) if (seg.tag === 'AT7' && seg.valueOf(1)) at7++
      }
    }
  }
  return { st, at7 }
}

/**
 * Peak RSS of `mode` on `file` in a child process running plain `node` on an esbuild bundle of edi-measure.ts
 * (what users run: the published package is compiled JavaScript; under tsx a child holds ~60 MB more just for tsx).
 */
// Bundled beside the other bench bundles (bench/bundled.ts: dependencies resolved from node_modules, as in an
// installed package; the place data, data/places.bin, found by walking up from the bundle).
const measureBundle = await bundle('bench/edi-measure.ts')
function childRss(mode: string, file = ''): { peakRssMb: number; mbPerSecond: number } {
  const out = execFileSync(process.execPath, [measureBundle, mode, file], { cwd: repoRoot, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1)!) as { peakRssMb: number; mbPerSecond: number }
}

const baseline = childRss('load')
const peak = childRss('full', large)
const peerPeak = childRss('x12parser', large)
console.log(
  `\nEDI 214 peak RSS on ${large} (166 MB), child processes (node on a bundle, 64 KiB reads):\n` +
    `  waybill full path: ${peak.peakRssMb.toFixed(1)} MB (${peak.mbPerSecond} MB/s)\n` +
    `  x12-parser tokenizing: ${peerPeak.peakRssMb.toFixed(1)} MB (${peerPeak.mbPerSecond} MB/s)\n` +
    `  a child that only loads waybill's code: ${baseline.peakRssMb.toFixed(1)} MB\n`,
)

// Which files each reader handles (correctness next to speed): the real corpus files, when present, and the
// project's own fixtures (one per variation: BOM, unpadded ISA, line-feed and multi-byte terminators...).
async function readTable(dir: string): Promise<string[]> {
  const rows: string[] = []
  for (const file of readdirSync(dir)
    .filter((f) => /\.edi$/i.test(f))
    .sort()) {
    const bytes = readFileSync(path.join(dir, file))
    let ours: string
    try {
      const stream = parse214Stream(bytes)
      for await (const _ of stream) {
        /* drain */
      }
      const s = stream.summary()
      ours = `ST ${s.sets}, AT7 ${s.statusLines}`
    } catch (error) {
      ours = `FAILED: ${(error as Error).message.slice(0, 50)}`
    }
    const peer = await x12parserTokens(Readable.from([bytes])).then(
      (r) => `ST ${r.st}, AT7 ${r.at7}`,
      (error: Error) => `FAILED: ${error.message.slice(0, 50)}`,
    )
    let nodeX12: string
    try {
      const r = nodeX12Tokens(bytes.toString('latin1'))
      nodeX12 = `ST ${r.st}, AT7 ${r.at7}`
    } catch (error) {
      nodeX12 = `FAILED: ${(error as Error).message.slice(0, 50)}`
    }
    rows.push(`| ${file} | ${ours} | ${peer} | ${nodeX12} |`)
  }
  return rows
}

const corpus = path.resolve(repoRoot, '../shared/corpus/edi214')
const header = ['| file | waybill | x12-parser | node-x12 |', '|---|---|---|---|']
if (existsSync(corpus))
  console.log(['Real corpus files:', ...header, ...(await readTable(corpus))].join('\n'), '\n')
console.log(
  ['Project fixtures:', ...header, ...(await readTable(path.join(repoRoot, 'fixtures/edi214')))].join('\n'),
  '\n',
)

describe('EDI 214, ~16 MB varied file (40 places)', () => {
  const options = { iterations: 3, warmupIterations: 1, time: 0 }
  bench(
    'waybill: bytes → canonical shipments and events',
    async () => {
      await waybillFull(small)
    },
    options,
  )
  bench(
    'waybill: tokenize only (readX12)',
    async () => {
      await waybillTokens(small)
    },
    options,
  )
  bench(
    'x12-parser: tokenize only',
    async () => {
      await x12parserTokens(createReadStream(small, { highWaterMark: HIGH_WATER }))
    },
    options,
  )
  bench(
    'node-x12: tokenize only (whole-file parse)',
    () => {
      nodeX12Tokens(readFileSync(small, 'latin1'))
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  )
})

describe('EDI 214, ~166 MB varied file (40 places)', () => {
  const options = { iterations: 1, warmupIterations: 0, time: 0 }
  bench(
    'waybill: bytes → canonical shipments and events',
    async () => {
      await waybillFull(large)
    },
    options,
  )
  bench(
    'x12-parser: tokenize only',
    async () => {
      await x12parserTokens(createReadStream(large, { highWaterMark: HIGH_WATER }))
    },
    options,
  )
})
