/**
 * Reprocessing many stored shipments after a mapping fix: numbers per second and peak heap, on the memory store
 * (the store's own cost aside). Each shipment has its own kept payload (varied numbers and times).
 *
 *   node --expose-gc --import tsx bench/reprocess.ts [--shipments 100000]
 */
import { memoryStore } from '../src/store/index.js'
import { createTracker } from '../src/tracker/index.js'
import { carrier, payload, v1, v2 } from '../test/tracker/reprocess-adapter.js'

const at = process.argv.indexOf('--shipments')
const N = at > 0 ? Number(process.argv[at + 1]) : 100_000
const number = (i: number) => `N${String(i).padStart(7, '0')}`

// The shipments are stored through the tracker with the wrong mapping (v1), each with its own kept payload.
const store = memoryStore()
const before = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
for (let i = 0; i < N; i++) {
  const p = payload(number(i), ['PU', 'DL'])
  for (const e of p.shipments[0]!.events)
    e.at = e.at.replace(':00:00-05:00', `:${String(i % 60).padStart(2, '0')}:00-05:00`)
  await before.ingest({ source: 'acme', payload: p })
}
global.gc?.()
const baseHeap = process.memoryUsage().heapUsed
let peakHeap = baseHeap
const tracker = createTracker({ adapters: [carrier(v2)], store, outbox: { drainEveryMs: 0 } })
const started = performance.now()
const report = await tracker.reprocess({
  onProgress: (r) => {
    if (r.scanned % 10_000 !== 0) return
    global.gc?.() // live data only (run with --expose-gc)
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  },
})
const seconds = (performance.now() - started) / 1000
console.log(
  `reprocess of ${N.toLocaleString('en')} stored shipments (memory store): ${seconds.toFixed(1)} s, ${Math.round(N / seconds).toLocaleString('en')} shipments/s; ${report.corrected.toLocaleString('en')} events corrected; heap above the stored data: peak ${((peakHeap - baseHeap) / 2 ** 20).toFixed(0)} MB (stored data ${(baseHeap / 2 ** 20).toFixed(0)} MB)`,
)
