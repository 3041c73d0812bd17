// Child process of the reprocess kill test: `fill <dir> <count>` ingests shipments with the wrong mapping (v1);
// `run <dir>` reprocesses with the fixed one (v2) under the checkpoint 'fix', printing `AT <scanned>` as it goes.
import { pgliteStore } from '../../src/store/pglite.js'
import { createTracker } from '../../src/tracker/index.js'
import { carrier, payload, v1, v2 } from './reprocess-adapter.js'

const [mode, dataDir, count] = process.argv.slice(2)
const store = await pgliteStore({ dataDir: dataDir! })
if (mode === 'fill') {
  const tracker = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
  for (let i = 0; i < Number(count); i++)
    await tracker.ingest({ source: 'acme', payload: payload(`N${String(i).padStart(4, '0')}`, ['PU', 'DL']) })
} else {
  const tracker = createTracker({ adapters: [carrier(v2)], store, outbox: { drainEveryMs: 0 } })
  const report = await tracker.reprocess({
    checkpoint: 'fix',
    onProgress: (r) => process.stdout.write(`AT ${r.scanned}\n`),
  })
  process.stdout.write(`DONE ${JSON.stringify(report)}\n`)
}
await store.close?.()
