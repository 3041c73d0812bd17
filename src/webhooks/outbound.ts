/**
 * `waybill/webhooks/outbound` — waybill's own outbound webhook format: canonical shipments (with their events) as JSON, signed with
 * Standard Webhooks (`webhook-id`/`webhook-timestamp`/`webhook-signature`, `v1` HMAC-SHA256, `whsec_` secret).
 *
 * Body: `{ "type": "waybill.shipments.updated", "timestamp": "<ISO 8601>", "data": { "shipments": [Shipment…] } }`
 * (the envelope Standard Webhooks recommends: `type`, `timestamp`, `data`). The message id is derived from the
 * event ids, so re-sending the same events gives the same `webhook-id` and receivers de-duplicate them.
 * `waybillWebhookSource()` is the matching source for `createWebhookHandler`, so one waybill can forward to
 * another.
 */
import { z } from 'zod'
import type { Adapter } from '../adapter/index.js'
import { ParseError, ValidationError } from '../errors/index.js'
import { type Alert, type NormalizeResult, type Shipment, shipmentSchema } from '../model/index.js'
import { encodeBytes, nodeCrypto, sha256Node, sha256Web, toBytes } from './crypto.js'
import { standardWebhooks } from './standard-webhooks.js'

/** The `type` of every waybill outbound message. */
export const WAYBILL_WEBHOOK_TYPE = 'waybill.shipments.updated'

/** The zod schema of a waybill outbound message body. */
export const waybillWebhookSchema = z.object({
  type: z.literal(WAYBILL_WEBHOOK_TYPE),
  timestamp: z.string(),
  data: z.object({ shipments: z.array(shipmentSchema) }),
})
export type WaybillWebhookMessage = z.infer<typeof waybillWebhookSchema>

/** Options of {@link createWaybillDelivery}. */
export interface WaybillDeliveryOptions {
  /** Standard Webhooks secret (`whsec_` + base64). */
  secret: string
  /** Message id. @default `msg_` + a digest of the event ids (stable across re-sends) */
  id?: string
  /** Attempt time (signed) and envelope timestamp. @default new Date() */
  now?: Date
}

/** A signed waybill delivery, ready to POST with `content-type: application/json`. */
export interface WaybillDelivery {
  body: string
  headers: Record<string, string>
}

const signer = standardWebhooks()

/**
 * Serializes and signs shipments for forwarding.
 * @example
 * const { body, headers } = await createWaybillDelivery(result.shipments, { secret: process.env.OUT_SECRET! })
 * await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } })
 */
export async function createWaybillDelivery(
  shipments: readonly Shipment[],
  options: WaybillDeliveryOptions,
): Promise<WaybillDelivery> {
  const now = options.now ?? new Date()
  const message: WaybillWebhookMessage = {
    type: WAYBILL_WEBHOOK_TYPE,
    timestamp: now.toISOString(),
    data: { shipments: [...shipments] },
  }
  const body = JSON.stringify(message)
  const id = options.id ?? (await messageId(shipments))
  const headers = await signer.sign({ rawBody: body, secret: options.secret, id, timestamp: now })
  return { body, headers }
}

async function messageId(shipments: readonly Shipment[]): Promise<string> {
  const key = toBytes(
    shipments.flatMap((s) => [s.carrier, s.trackingNumber, ...s.events.map((e) => e.id)]).join('\n'),
  )
  const digest = nodeCrypto ? sha256Node(key) : await sha256Web(key)
  return `msg_${encodeBytes(digest, 'hex').slice(0, 32)}`
}

/**
 * Reads a (verified) waybill delivery body; throws `ParseError` for non-JSON and `ValidationError` naming the
 * first wrong field otherwise.
 */
export function parseWaybillDelivery(rawBody: Uint8Array | string): WaybillWebhookMessage {
  let value: unknown
  try {
    value = JSON.parse(
      typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: true }).decode(rawBody),
    )
  } catch (cause) {
    throw new ParseError('waybill webhook body is not UTF-8 JSON', { offset: 0 }, { cause })
  }
  const parsed = waybillWebhookSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    throw new ValidationError(`$${path}`, issue?.message ?? 'invalid waybill webhook body', {
      cause: parsed.error,
    })
  }
  return parsed.data
}

/**
 * The source for receiving waybill's own deliveries in `createWebhookHandler` (scheme: Standard Webhooks).
 * @example createWebhookHandler({ sources: { upstream: waybillWebhookSource() }, secrets: ['whsec_…'], onEvents })
 */
export function waybillWebhookSource(): Pick<Adapter, 'id' | 'normalize' | 'webhook'> {
  return {
    id: 'waybill',
    webhook: { scheme: 'standard-webhooks', parse: parseWaybillDelivery },
    normalize(payload: unknown): NormalizeResult {
      const message = waybillWebhookSchema.safeParse(payload)
      if (!message.success) throw new ValidationError('$', 'not a waybill webhook message')
      return { shipments: message.data.data.shipments, notFound: [], warnings: [] }
    },
  }
}

/** The `type` of an alert routed to its owner, and of one escalated after nobody acknowledged it. */
export const WAYBILL_ALERT_TYPES = ['waybill.alert.routed', 'waybill.alert.escalated'] as const
export type WaybillAlertType = (typeof WAYBILL_ALERT_TYPES)[number]

/** What an alert delivery carries: the alert, who owns it now, and the rule that routed it. */
export interface WaybillAlertData {
  alert: Alert
  owner: string
  /** The name of the routing rule that matched. */
  rule: string
  /** For an escalation: when the alert was first routed. */
  routedAt?: string
}

/**
 * Serializes and signs an alert for an alert-routing webhook, in the same Standard Webhooks envelope as
 * shipment deliveries (`type`, `timestamp`, `data`). The message id is the caller's: give the same id to every
 * attempt of one delivery, so that the receiver de-duplicates retries.
 * @example
 * const { body, headers } = await createWaybillAlertDelivery('waybill.alert.routed', { alert, owner: 'ops', rule: 'late' },
 *   { secret: process.env.ALERT_SECRET!, id: 'msg_…' })
 */
export async function createWaybillAlertDelivery(
  type: WaybillAlertType,
  data: WaybillAlertData,
  options: Required<Pick<WaybillDeliveryOptions, 'secret' | 'id'>> & Pick<WaybillDeliveryOptions, 'now'>,
): Promise<WaybillDelivery> {
  const now = options.now ?? new Date()
  const body = JSON.stringify({ type, timestamp: now.toISOString(), data })
  const headers = await signer.sign({ rawBody: body, secret: options.secret, id: options.id, timestamp: now })
  return { body, headers }
}
