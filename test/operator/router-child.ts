// Child process for the alert-routing crash test: routes every alert in a random order on a PostgreSQL store,
// then ticks until each alert is delivered and escalated, printing READY and DONE. The parent SIGKILLs it at random.
// Usage: node --import tsx router-child.ts <pgUrl> <table> <receiverUrl> <alerts>
import { createAlertRouter } from '../../src/operator/index.js'
import { postgresStore } from '../../src/store/postgres.js'
import { alert } from './alerts.js'
import { SECRET } from './receiver.js'

const [pgUrl, table, url, count] = process.argv.slice(2)
const store = await postgresStore({ connectionString: pgUrl!, table: table!, max: 2 })
const router = createAlertRouter({
  store,
  tickEveryMs: 0,
  leaseMs: 1_500,
  retryAfterMs: 50,
  escalateAfter: 1,
  onWarning: () => undefined,
  channels: { desk: { type: 'webhook', url: url!, secret: SECRET, allowHttp: true, timeoutMs: 2_000 } },
  rules: [
    { name: 'all', owner: 'ops', channels: ['desk'], escalateTo: { owner: 'lead', channels: ['desk'] } },
  ],
})
const alerts = Array.from({ length: Number(count) }, (_, n) => alert({ n }))
process.stdout.write('READY\n')
for (const a of [...alerts].sort(() => Math.random() - 0.5)) await router.route(a)
for (;;) {
  await router.tick()
  let done = 0
  for (const a of alerts) {
    const routed = await router.get(a.dedupeKey)
    if (routed?.escalatedAt && routed.deliveries.every((d) => d.state === 'delivered')) done++
  }
  if (done === alerts.length) break
  await new Promise((resolve) => setTimeout(resolve, 50))
}
process.stdout.write('DONE\n')
await router.close()
await store.close?.()
