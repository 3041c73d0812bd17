/**
 * Sending one delivery of a routed alert: a signed POST (Standard Webhooks, through the outbound webhook signer)
 * or email content from `renderNotification` handed to the user's sender. Throws on failure with the secrets
 * removed from the message; the router records it and retries later.
 */
import { HttpError, scrubSecrets } from '../errors/index.js'
import { undiciTransport } from '../http/transport.js'
import type { Transport } from '../http/types.js'
import { renderNotification } from '../ui/notification.js'
import { createWaybillAlertDelivery } from '../webhooks/outbound.js'
import type { AlertChannel, WebhookChannel } from './routing-rules.js'
import type { Delivery, RoutedAlert } from './routing-state.js'

/** What a channel needs to send one delivery. */
export interface Sender {
  send(routed: RoutedAlert, delivery: Delivery, now: Date): Promise<void>
  close(): Promise<void>
}

const MAX_RESPONSE_BYTES = 64 * 1024

function webhookSender(channel: WebhookChannel): Sender {
  const transport: Transport = undiciTransport(channel.dispatcher ? { dispatcher: channel.dispatcher } : {})
  const url = new URL(channel.url)
  return {
    async send(routed, delivery, now) {
      const type = delivery.stage === 'escalated' ? 'waybill.alert.escalated' : 'waybill.alert.routed'
      const { body, headers } = await createWaybillAlertDelivery(
        type,
        {
          alert: routed.alert,
          owner: delivery.owner,
          rule: routed.rule ?? '',
          ...(delivery.stage === 'escalated' ? { routedAt: routed.routedAt } : {}),
        },
        { secret: channel.secret, id: delivery.id, now },
      )
      try {
        const res = await transport.send({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(channel.timeoutMs ?? 10_000),
          maxResponseBytes: MAX_RESPONSE_BYTES,
        })
        if (res.status < 200 || res.status >= 300)
          throw new HttpError(`alert webhook answered ${res.status}`, { status: res.status })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new Error(scrubSecrets(message, [channel.secret, url.password, url.search.slice(1)]))
      }
    },
    close: async () => transport.close?.(),
  }
}

/** A sender per channel name. */
export function createSenders(channels: Readonly<Record<string, AlertChannel>>): Map<string, Sender> {
  const senders = new Map<string, Sender>()
  for (const [name, channel] of Object.entries(channels)) {
    if (channel.type === 'webhook') {
      senders.set(name, webhookSender(channel))
      continue
    }
    senders.set(name, {
      async send(routed, delivery) {
        const content = renderNotification(routed.alert, {
          channel: 'email',
          link: channel.link(routed.alert),
          ...(channel.locale ? { locale: channel.locale } : {}),
        })
        await channel.send({
          id: delivery.id,
          to: channel.to,
          subject: content.subject ?? '',
          text: content.text,
          html: content.html ?? '',
          alert: routed.alert,
          owner: delivery.owner,
          stage: delivery.stage,
        })
      },
      close: async () => undefined,
    })
  }
  return senders
}
