/**
 * Express: carrier webhooks into a waybill tracker, and a customer tracking page per shipment.
 * POST /webhooks/easypost and /webhooks/aftership take signed deliveries; GET /track/:carrier/:number renders
 * the page. Start: EASYPOST_WEBHOOK_SECRET=… AFTERSHIP_WEBHOOK_SECRET=… npx tsx server.ts
 */
import express from 'express'
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

const app = express()
// The signature covers the bytes as sent: keep them raw on this route (no express.json() before it).
app.post('/webhooks/:source', express.raw({ type: '*/*' }), (req, res) => {
  void webhooks.node(req, res)
})
app.get('/track/:carrier/:number', async (req, res) => {
  const shipment = (await tracker.get(req.params.carrier, req.params.number)).at(-1)
  if (!shipment) {
    res.status(404).type('text/plain').send('No such shipment yet.')
    return
  }
  res.type('html').send(renderTrackingPage(shipment))
})

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`)
})
process.once('SIGTERM', () => server.close(() => void tracker.close()))
