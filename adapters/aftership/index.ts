/**
 * `waybill/adapters/aftership`: the AfterShip Tracking API (REST, polling) and AfterShip Tracking webhooks, one
 * account for the many couriers AfterShip tracks. `track` looks a number up (registering it when AfterShip does
 * not track it yet) with the `as-api-key` header; `webhook` verifies `aftership-hmac-sha256: <base64 HMAC-SHA256 of
 * the body>` and parses the envelope; `normalize` turns a tracking into one shipment keyed on the underlying
 * carrier (`usps`, `ups`, `fedex`, `dhl`, `royalmail`, `laposte`, `postnl`, `gls`, `dpd`, `canadapost`, `auspost`,
 * else `aftership`). See README.md for facts and sources.
 */
import {
  type Adapter,
  type AdapterLimits,
  type AdapterWebhook,
  type NormalizeContext,
  parseJsonBody,
  parsePayload,
  type TrackContext,
} from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import type { NormalizeResult } from '../../src/model/index.js'
import { assertZone } from '../../src/time/index.js'
import { aftership as aftershipScheme } from '../../src/webhooks/index.js'
import { AFTERSHIP_ID, normalizeAftershipTracking } from './normalize.js'
import { aftershipWebhookSchema } from './schema.js'
import { trackAftership } from './track.js'

export { AFTERSHIP_SLUGS, AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from './codes.js'
export { AFTERSHIP_ID, aftershipCarrierId, normalizeAftershipTracking } from './normalize.js'
export { aftershipCheckpointSchema, aftershipTrackingSchema, aftershipWebhookSchema } from './schema.js'
export { AFTERSHIP_TRACKINGS_PATH, splitAftershipNumber } from './track.js'

/** The Tracking API version this adapter is written for (its base path and `as-api-version`). */
export const AFTERSHIP_API_VERSION = '2026-07'

/** AfterShip's Tracking API base URL of {@link AFTERSHIP_API_VERSION}. */
export const AFTERSHIP_PRODUCTION_URL = `https://api.aftership.com/tracking/${AFTERSHIP_API_VERSION}`

/**
 * Five calls a second: AfterShip's per-endpoint limits since 2024-07 are 5/s for `GET /trackings/:id`, 6/s for
 * `GET /trackings` and 20/s for `POST /trackings` (Tracking API "Rate limit" page); 5/s keeps every call under
 * its endpoint's limit. Set `limits` to what your organization was given.
 */
export const AFTERSHIP_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 5,
  burst: 5,
  maxBatch: 1,
})

/** Options of {@link aftership}. */
export interface AftershipOptions extends CarrierClientSettings {
  /**
   * AfterShip API key, sent as the `as-api-key` header. Needed for `track()` only. The CLI reads it from
   * `WAYBILL_AFTERSHIP_API_KEY`.
   * @default undefined (webhooks and `normalize` only)
   * @example aftership({ apiKey: process.env.WAYBILL_AFTERSHIP_API_KEY })
   */
  apiKey?: string
  /**
   * AfterShip courier slug (`usps`, `fedex`, …) used for numbers given without one; numbers may name their own
   * (`track(['ups:1Z…'])`).
   * @default undefined (AfterShip detects the courier)
   * @example aftership({ apiKey, slug: 'usps' })
   */
  slug?: string
  /**
   * Where requests go, with the version path; tests point it at a loopback server.
   * @default 'https://api.aftership.com/tracking/2026-07'
   */
  baseUrl?: string
  /**
   * Limits of your organization.
   * @default AFTERSHIP_DEFAULT_LIMITS (5 calls/s)
   * @example aftership({ apiKey, limits: { requestsPerSecond: 2 } })
   */
  limits?: AdapterLimits
  /**
   * IANA zone for checkpoint times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such a checkpoint is skipped with an `invalid_field` warning)
   */
  defaultZone?: string
}

/** Raw bytes of a verified delivery → parsed JSON. */
export function parseAftershipDelivery(rawBody: Uint8Array): unknown {
  return parseJsonBody(rawBody, 'AfterShip webhook')
}

/** AfterShip's webhook: HMAC (base64) scheme, JSON parse, and a delivery id for de-duplication. */
export const aftershipWebhook: AdapterWebhook = {
  scheme: aftershipScheme(),
  parse: parseAftershipDelivery,
  deliveryId: (payload) => {
    const p = payload as { event_id?: unknown; ts?: unknown; msg?: { id?: unknown } } | null
    if (typeof p?.event_id === 'string' && p.event_id) return p.event_id
    if (typeof p?.msg?.id === 'string' && typeof p.ts === 'number') return `${p.msg.id}:${p.ts}`
    return undefined
  },
}

/** A webhook envelope (or a bare tracking, as `track()` returns it) → the canonical result. Throws ValidationError naming the wrong field. */
export function normalizeAftership(
  payload: unknown,
  ctx: NormalizeContext = {},
  defaultZone?: string,
): NormalizeResult {
  if (payload !== null && typeof payload === 'object' && 'msg' in payload) {
    const envelope = parsePayload(aftershipWebhookSchema, payload, '')
    const origin = ctx.origin ?? aftershipWebhook.deliveryId?.(payload, {})
    return normalizeAftershipTracking(envelope.msg, { ...ctx, ...(origin ? { origin } : {}) }, defaultZone)
  }
  // A bare tracking is what the Tracking API answers (`data` of its response): a REST read unless said otherwise.
  return normalizeAftershipTracking(payload, { ...ctx, source: ctx.source ?? 'rest' }, defaultZone, '')
}

/**
 * Creates the AfterShip adapter (Tracking API and Tracking webhooks).
 * @example
 * const adapter = aftership({ apiKey: process.env.WAYBILL_AFTERSHIP_API_KEY })
 * const [tracking] = await adapter.track!(['usps:9400111899223817583745'])
 * adapter.normalize(tracking).shipments[0]?.carrier // 'usps'
 * @example
 * createWebhookHandler({ sources: { aftership: aftership() }, secrets: [process.env.AFTERSHIP_WEBHOOK_SECRET!], onEvents })
 */
export function aftership(options: AftershipOptions = {}): Adapter {
  assertZone(options.defaultZone, 'aftership({ defaultZone })')
  if (options.slug !== undefined && !/^[a-z0-9-]+$/.test(options.slug.trim().toLowerCase()))
    throw new ConfigError(`aftership({ slug }): "${options.slug}" is not an AfterShip courier slug`)
  const limits: AdapterLimits = { ...AFTERSHIP_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const client = createCarrierClient({
    carrier: AFTERSHIP_ID,
    baseUrl: options.baseUrl ?? AFTERSHIP_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('aftership: track() needs an apiKey (WAYBILL_AFTERSHIP_API_KEY for the CLI)')
      return { auth: { header: 'as-api-key', value: apiKey }, account: apiKey }
    },
  })
  return {
    id: AFTERSHIP_ID,
    name: 'AfterShip Tracking',
    capabilities: { track: true, batch: 1, webhooks: true },
    limits,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeAftership(payload, ctx, options.defaultZone),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackAftership(
        client.get(ctx.http),
        numbers,
        options.slug,
        ctx,
        options.apiKey ? [options.apiKey] : [],
      ),
    webhook: aftershipWebhook,
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const AFTERSHIP_MATURITY = Object.freeze({
  transport: ['REST', 'webhook'],
  auth: '`as-api-key` header',
  push: 'tracking_update webhooks (HMAC-SHA256 signature)',
  sandbox: [] as string[],
  documentationOnly: [
    'Tracking API 2026-07 look-up and registration',
    'meta codes',
    'rate limits',
    'courier slugs',
  ],
})
