// Child process of the distributed-poller proof: one poller process of a fleet sharing a PostgreSQL schedule
// (and a PostgreSQL rate limiter) against the loopback carrier. Polls from the start, prints READY, prints a
// "EMIT <number> <eventId>" line per emitted event, and on STOP stops and prints its stats as JSON.
// Usage: node --import tsx shared-poller-worker.ts <pgUrl> <table> <limiterTable> <carrierUrl> <name> <rate>
import { createInterface } from 'node:readline'
import { createHttpClient, createRateLimiter, postgresLimiterBackend } from '../../src/http/index.js'
import { createSharedPoller } from '../../src/polling/index.js'
import { loopbackAdapter } from './loopback-adapter.js'

const [pgUrl, table, limiterTable, carrierUrl, name, rate] = process.argv.slice(2) as string[]
const http = createHttpClient({ baseUrl: carrierUrl, headers: { 'x-worker': name as string }, retry: false })
const shared = postgresLimiterBackend({ connectionString: pgUrl, table: limiterTable })
const limiter = createRateLimiter({ shared })
const interval = 3_000
const poller = createSharedPoller({
  adapters: [loopbackAdapter({ http, maxBatch: 10 })],
  postgres: { connectionString: pgUrl, table },
  limiter,
  limits: { loop: { requestsPerSecond: Number(rate), maxBatch: 10 } },
  intervals: { pre_transit: interval, in_transit: interval, notFound: interval, unknown: interval },
  jitter: 0.1,
  leaseMs: 2_000,
  idleMs: 100,
  concurrency: 2,
  workerId: name,
  onEvents(change) {
    for (const e of change.events) process.stdout.write(`EMIT ${change.trackingNumber} ${e.description}\n`)
  },
})
await poller.start()
const cpuAtStart = process.cpuUsage()
process.stdout.write('READY\n')
const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line === 'STOP') break
}
await poller.stop()
await shared.close()
const cpu = process.cpuUsage(cpuAtStart)
process.stdout.write(`STATS ${JSON.stringify({ ...poller.stats(), cpuMicros: cpu.user + cpu.system })}\n`)
process.exit(0)
