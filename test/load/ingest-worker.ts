// One worker of the ingest load test: ingests its share of the plan into a tracker on a PostgreSQL store, with
// `concurrency` deliveries in flight, and appends (synchronously, before it goes on) what it announced and which
// deliveries are done, so that a SIGKILL loses nothing of what it reported.
// Usage: node --import tsx ingest-worker.ts <pgUrl> <table> <worker> <workers> <outDir> <planJson> <concurrency>
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { postgresStore } from '../../src/store/postgres.js'
import { createTracker } from '../../src/tracker/index.js'
import { toy } from '../conformance/toy-adapter.js'
import { type Delivery, eventName } from './ingest-plan.js'

const [pgUrl, table, workerArg, workersArg, outDir, planFile, concurrencyArg] = process.argv.slice(2)
const worker = Number(workerArg)
const workers = Number(workersArg)
const deliveries = (JSON.parse(readFileSync(planFile!, 'utf8')) as Delivery[]).filter(
  (d) => d.index % workers === worker,
)
const doneFile = join(outDir!, `done-${worker}.txt`)
const emitFile = join(outDir!, `emit-${worker}-${process.pid}.txt`)
const done = new Set(
  existsSync(doneFile) ? readFileSync(doneFile, 'utf8').split('\n').filter(Boolean).map(Number) : [],
)

const store = await postgresStore({ connectionString: pgUrl!, table: table!, max: 6 })
const tracker = createTracker({
  adapters: [toy()],
  store,
  outbox: { leaseMs: 1_500, drainEveryMs: 500 },
  onError: () => undefined,
})
tracker.on('update', ({ shipment, added }) => {
  if (added.length)
    appendFileSync(
      emitFile,
      added.map((e) => `${eventName(shipment.trackingNumber, e.occurredAt)}\n`).join(''),
    )
})

const queue = deliveries.filter((d) => !done.has(d.index))
process.stdout.write(`READY ${queue.length}\n`)
async function lane(): Promise<void> {
  for (let d = queue.shift(); d; d = queue.shift()) {
    for (;;) {
      try {
        await tracker.ingest({ source: 'toy', payload: { number: d.number, events: [d.event] } })
        break
      } catch (error) {
        // A failed delivery is retried, as a carrier retries a webhook that was not acknowledged.
        process.stderr.write(`retry ${d.index}: ${(error as Error).message}\n`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    appendFileSync(doneFile, `${d.index}\n`)
  }
}
await Promise.all(Array.from({ length: Number(concurrencyArg) }, lane))
process.stdout.write('FINISHED\n')
await tracker.close()
await store.close?.()
