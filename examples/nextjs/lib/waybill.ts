/**
 * The app's one tracker and webhook handler, shared by the route handlers. A memory store keeps the example
 * self-contained; use postgresStore() from 'waybill' so that every instance and restart sees the same shipments.
 */
import { aftership } from 'waybill/adapters/aftership'
import { easypost } from 'waybill/adapters/easypost'
import { memoryStore } from 'waybill/store'
import { createTracker } from 'waybill/tracker'
import { createWebhookHandler } from 'waybill/webhooks'

const required = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`set ${name}`)
  return value
}

const adapters = [easypost(), aftership()]

export const tracker = createTracker({ adapters, store: memoryStore() })

export const webhooks = createWebhookHandler({
  sources: { easypost: adapters[0]!, aftership: adapters[1]! },
  secrets: {
    easypost: [required('EASYPOST_WEBHOOK_SECRET')],
    aftership: [required('AFTERSHIP_WEBHOOK_SECRET')],
  },
  sink: tracker,
})
