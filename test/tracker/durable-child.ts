// Child process for the kill-and-restart test: ingests events one by one into a tracker on a durable store and
// prints what it emitted. Usage: node --import tsx durable-child.ts <dataDir> <count>
import { pgliteStore } from '../../src/store/pglite.js'
import { createTracker } from '../../src/tracker/index.js'
import { toy } from '../conformance/toy-adapter.js'

const [dataDir, count] = process.argv.slice(2)
const store = await pgliteStore({ dataDir: dataDir! })
const tracker = createTracker({ adapters: [toy()], store })
tracker.on('update', ({ added }) => {
  for (const event of added) process.stdout.write(`EMIT ${event.occurredAt}\n`)
})
process.stdout.write('READY\n')
for (let i = 0; i < Number(count); i++) {
  const minute = String(i).padStart(2, '0')
  await tracker.ingest({
    source: 'toy',
    payload: {
      number: 'TOY1',
      events: [{ code: 'PU', at: `2024-03-26T10:${minute}:00-05:00`, text: `scan ${i}` }],
    },
  })
  process.stdout.write(`DONE ${i}\n`)
}
await store.close?.()
