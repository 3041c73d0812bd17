/**
 * What users feel, end to end, on the memory store, side by side in one run (#24):
 * - REST poll: response bytes → `JSON.parse` → `tracker.ingest` (normalize + merge + store write), for UPS and
 *   FedEx. Shipments are polled again and again, each poll bringing one more scan, as a poller sees them;
 * - webhook: an EasyPost delivery POSTed to a real node:http server on 127.0.0.1 → verified, normalized, handed to
 *   `tracker.ingestResult` → 200. Every delivery has its own id, shipment and signature;
 * - EDI: a generated 214 file (bench/edi-generate.ts: few places, many shipments) and a varied one
 *   (bench/edi-generate-varied.ts: 44,000 places, twelve senders) streamed through `edi214().parseStream` into
 *   `tracker.ingestResult`, batch by batch.
 *
 *   node --import tsx bench/end-to-end.ts [--polls 4000] [--deliveries 2000] [--edi-mb 4] [--edi-varied-mb 2] [--runs 3]
 *
 * Each figure is the median of `--runs` runs (fresh tracker and store each run), with the range. The script uses
 * the package's public entry points only, so the same file runs against an older checkout for a before/after
 * comparison (copy it into that checkout's bench/).
 */
import { createReadStream, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, request } from 'undici'
import { easypost } from '../adapters/easypost/index.js'
import { edi214 } from '../adapters/edi214/index.js'
import { fedex } from '../adapters/fedex/index.js'
import { ups } from '../adapters/ups/index.js'
import { memoryStore } from '../src/store/index.js'
import { createTracker } from '../src/tracker/index.js'
import { createWebhookHandler, sign } from '../src/webhooks/index.js'
import { generate214 } from './edi-generate.js'
import { generateVaried214 } from './edi-generate-varied.js'
import { fedexPayload, upsPayload } from './payloads.js'

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const POLLS = flag('polls', 4000)
const DELIVERIES = flag('deliveries', 2000)
const EDI_MB = flag('edi-mb', 4)
const EDI_VARIED_MB = flag('edi-varied-mb', 2)
const RUNS = flag('runs', 3)
const SHIPMENTS = 500

const newTracker = (adapters: Parameters<typeof createTracker>[0]['adapters']) =>
  createTracker({ adapters, store: memoryStore(), outbox: { drainEveryMs: 0 } })

/** Poll `i` of a run: shipment `i % SHIPMENTS`, with one more scan each time it comes round. */
function pollBytes(carrier: 'ups' | 'fedex', i: number): Buffer {
  const shipment = i % SHIPMENTS
  const scans = 3 + Math.floor(i / SHIPMENTS)
  const text =
    carrier === 'ups'
      ? upsPayload(1, scans).replaceAll('1ZA1B2C30345123400', `1ZA1B2C30345${String(100000 + shipment)}`)
      : fedexPayload(1, scans).replaceAll('771234560000', String(771234560000 + shipment * 7))
  return Buffer.from(text)
}

async function restRun(carrier: 'ups' | 'fedex'): Promise<number> {
  const tracker = newTracker([carrier === 'ups' ? ups() : fedex()])
  const inputs = Array.from({ length: POLLS }, (_, i) => pollBytes(carrier, i))
  const started = performance.now()
  for (const bytes of inputs) await tracker.ingest({ source: carrier, payload: JSON.parse(bytes.toString()) })
  const ms = performance.now() - started
  await (tracker as { close?: () => Promise<void> }).close?.()
  return ms / POLLS
}

const easypostTemplate = readFileSync('fixtures/easypost/tracker-updated-in-transit.json', 'utf8')
const SECRET = 'bench-secret'

async function webhookRun(): Promise<number> {
  const tracker = newTracker([easypost()])
  const handler = createWebhookHandler({
    sources: { easypost: easypost() },
    secrets: { easypost: [SECRET] },
    store: memoryStore(),
    onEvents: async (batch) => {
      await tracker.ingestResult(batch.result)
    },
  })
  const server = createServer(handler.node)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/easypost`
  const dispatcher = new Agent({ connections: 8 })
  const deliveries = await Promise.all(
    Array.from({ length: DELIVERIES }, async (_, i) => {
      const body = easypostTemplate
        .replace('evt_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f', `evt_bench${String(i).padStart(8, '0')}`)
        .replaceAll('9400111206213245678901', `94001112062132${String(10000000 + (i % SHIPMENTS))}`)
      return { body, headers: await sign('easypost', { rawBody: body, secret: SECRET }) }
    }),
  )
  const started = performance.now()
  // Eight senders at once, as a carrier's delivery workers would.
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < deliveries.length) {
        const { body, headers } = deliveries[next++]!
        const response = await request(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...headers },
          dispatcher,
        })
        await response.body.text()
        if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`)
      }
    }),
  )
  const ms = performance.now() - started
  await dispatcher.close()
  await new Promise((resolve) => server.close(resolve))
  await (tracker as { close?: () => Promise<void> }).close?.()
  return ms / DELIVERIES
}

async function ediRun(file: string): Promise<{ msPerShipment: number; mbPerSecond: number }> {
  const tracker = newTracker([edi214()])
  const adapter = edi214()
  const started = performance.now()
  let shipments = 0
  let batch: Parameters<typeof tracker.ingestResult>[0]['shipments'] = []
  for await (const shipment of adapter.parseStream(createReadStream(file))) {
    batch.push(shipment)
    if (batch.length === 100) {
      await tracker.ingestResult({ shipments: batch, notFound: [], warnings: [] })
      shipments += batch.length
      batch = []
    }
  }
  if (batch.length) await tracker.ingestResult({ shipments: batch, notFound: [], warnings: [] })
  shipments += batch.length
  const ms = performance.now() - started
  await (tracker as { close?: () => Promise<void> }).close?.()
  return { msPerShipment: ms / shipments, mbPerSecond: readFileSync(file).length / 1e6 / (ms / 1000) }
}

function summary(values: number[], digits = 3): string {
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return `${median.toFixed(digits)} (${sorted[0]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)})`
}

const ediFile = await generate214(EDI_MB)
const variedFile = await generateVaried214(EDI_VARIED_MB)
const rows: [string, string][] = []
for (const carrier of ['ups', 'fedex'] as const) {
  const runs: number[] = []
  for (let r = 0; r < RUNS; r++) runs.push(await restRun(carrier))
  rows.push([`REST poll ${carrier} → stored timeline, ms per poll`, summary(runs)])
}
const hooks: number[] = []
for (let r = 0; r < RUNS; r++) hooks.push(await webhookRun())
rows.push(['webhook EasyPost → 200, ms per delivery (8 senders)', summary(hooks)])
const edi: { msPerShipment: number; mbPerSecond: number }[] = []
for (let r = 0; r < RUNS; r++) edi.push(await ediRun(ediFile))
rows.push([
  `EDI ${EDI_MB} MB file → stored shipments, ms per shipment`,
  summary(edi.map((e) => e.msPerShipment)),
])
rows.push([
  `EDI ${EDI_MB} MB file → stored shipments, MB/s`,
  summary(
    edi.map((e) => e.mbPerSecond),
    2,
  ),
])
const varied: { msPerShipment: number; mbPerSecond: number }[] = []
for (let r = 0; r < RUNS; r++) varied.push(await ediRun(variedFile))
rows.push([
  `EDI ${EDI_VARIED_MB} MB varied file → stored shipments, MB/s`,
  summary(
    varied.map((e) => e.mbPerSecond),
    2,
  ),
])

console.log(
  `end to end on the memory store, Node ${process.version}, median of ${RUNS} (range); ${POLLS} polls over ${SHIPMENTS} shipments, ${DELIVERIES} deliveries\n`,
)
for (const [name, value] of rows) console.log(`${name.padEnd(60)} ${value}`)
