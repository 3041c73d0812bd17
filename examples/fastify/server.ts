/**
 * Fastify: carrier webhooks into a waybill tracker, and a customer tracking page per shipment.
 * POST /webhooks/easypost and /webhooks/aftership take signed deliveries; GET /track/:carrier/:number renders
 * the page. Start: EASYPOST_WEBHOOK_SECRET=… AFTERSHIP_WEBHOOK_SECRET=… npx tsx server.ts
 */
import Fastify from 'fastify'
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

const app = Fastify()

// The signature covers the bytes as sent: in this scope every body stays a Buffer, and waybill answers itself.
await app.register(async (scope) => {
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  scope.post('/webhooks/:source', async (request, reply) => {
    reply.hijack()
    await webhooks.node(Object.assign(request.raw, { rawBody: request.body }), reply.raw)
  })
})

app.get<{ Params: { carrier: string; number: string } }>(
  '/track/:carrier/:number',
  async (request, reply) => {
    const shipment = (await tracker.get(request.params.carrier, request.params.number)).at(-1)
    if (!shipment) return reply.code(404).type('text/plain').send('No such shipment yet.')
    return reply.type('text/html').send(renderTrackingPage(shipment))
  },
)

app.addHook('onClose', () => tracker.close())
const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
console.log(`listening on ${address}`)
process.once('SIGTERM', () => void app.close())
