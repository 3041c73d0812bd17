/**
 * Hono on Node: carrier webhooks into a waybill tracker, and a customer tracking page per shipment.
 * POST /webhooks/easypost and /webhooks/aftership take signed deliveries; GET /track/:carrier/:number renders
 * the page. Start: EASYPOST_WEBHOOK_SECRET=… AFTERSHIP_WEBHOOK_SECRET=… npx tsx server.ts
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { aftership } from 'waybill/adapters/aftership'
import { easypost } from 'waybill/adapters/easypost'
import { memoryStore } from 'waybill/store'
import { createTracker } from 'waybill/tracker'
import { renderTrackingPage } from 'waybill/ui'
import { createWebhookHandler } from 'waybill/webhooks'

const required = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`set ${name}`)
  return value
}

// A memory store keeps the example self-contained; use postgresStore() from 'waybill' in production.
const adapters = [easypost(), aftership()]
const tracker = createTracker({ adapters, store: memoryStore() })
const webhooks = createWebhookHandler({
  sources: { easypost: adapters[0]!, aftership: adapters[1]! },
  secrets: {
    easypost: [required('EASYPOST_WEBHOOK_SECRET')],
    aftership: [required('AFTERSHIP_WEBHOOK_SECRET')],
  },
  sink: tracker,
})

const app = new Hono()
// The handler reads the untouched request: Hono parses nothing before it.
app.post('/webhooks/:source', (c) => webhooks.fetch(c.req.raw))
app.get('/track/:carrier/:number', async (c) => {
  const shipment = (await tracker.get(c.req.param('carrier'), c.req.param('number'))).at(-1)
  if (!shipment) return c.text('No such shipment yet.', 404)
  return c.html(renderTrackingPage(shipment))
})

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' },
  (info) => console.log(`listening on http://127.0.0.1:${info.port}`),
)
process.once('SIGTERM', () => server.close(() => void tracker.close()))
