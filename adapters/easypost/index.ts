/**
 * `waybill/adapters/easypost`: the EasyPost Trackers API (REST, polling) and EasyPost tracker webhooks, one account
 * for the many carriers EasyPost tracks. `track` creates (or re-reads) a tracker with HTTP Basic auth; `webhook`
 * verifies `X-Hmac-Signature: hmac-sha256-hex=…` (secret NFKD-normalised) and parses the `Event`; `normalize`
 * turns an Event or a bare `Tracker` into one shipment keyed on the underlying carrier (`usps`, `ups`, `fedex`,
 * `dhl`, `canadapost`, `auspost`, `royalmail`, else `easypost`). See README.md for the facts and their sources.
 */
import {
  type Adapter,
  type AdapterLimits,
  type AdapterWebhook,
  type NormalizeContext,
  parseJsonBody,
  type TrackContext,
} from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { easypost as easypostScheme } from '../../src/webhooks/index.js'
import { EASYPOST_ID, normalizeEasypost } from './normalize.js'
import { trackEasypost } from './track.js'

export {
  EASYPOST_CARRIER_NAMES,
  EASYPOST_CARRIERS,
  EASYPOST_STATUS_DETAILS,
  EASYPOST_STATUSES,
} from './codes.js'
export { EASYPOST_ID, easypostCarrierId, normalizeEasypost, normalizeEasypostTracker } from './normalize.js'
export { easypostEventSchema, easypostTrackerSchema, easypostTrackingDetailSchema } from './schema.js'
export { EASYPOST_TRACKERS_PATH, type EasypostTrackRequest, splitEasypostNumber } from './track.js'

/** EasyPost's API host (test and production keys use the same host). */
export const EASYPOST_PRODUCTION_URL = 'https://api.easypost.com'

/**
 * Five calls a second: EasyPost's fixed limit on its index endpoints (Rate Limiting and Backoff Guide,
 * docs.easypost.com/guides/rate-limiting-guide); other endpoints are under a load-based limiter that answers 429
 * when busy (retried with backoff). Set `limits` to what your account was given.
 */
export const EASYPOST_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 5,
  burst: 5,
  maxBatch: 1,
})

/** Options of {@link easypost}. */
export interface EasypostOptions extends CarrierClientSettings {
  /**
   * EasyPost API key (test `EZTK…` or production `EZAK…`), sent as the HTTP Basic user with an empty password.
   * Needed for `track()` only. The CLI reads it from `WAYBILL_EASYPOST_API_KEY`.
   * @default undefined (webhooks and `normalize` only)
   * @example easypost({ apiKey: process.env.WAYBILL_EASYPOST_API_KEY })
   */
  apiKey?: string
  /**
   * EasyPost carrier (`USPS`, `FedEx`, or a waybill id such as `usps`) sent for codes given without one; numbers
   * may name their own (`track(['ups:1Z…'])`).
   * @default undefined (EasyPost detects the carrier from the code)
   * @example easypost({ apiKey, carrier: 'USPS' })
   */
  carrier?: string
  /** Where requests go; tests point it at a loopback server. @default 'https://api.easypost.com' */
  baseUrl?: string
  /**
   * Limits of your account.
   * @default EASYPOST_DEFAULT_LIMITS (5 calls/s)
   * @example easypost({ apiKey, limits: { requestsPerSecond: 2 } })
   */
  limits?: AdapterLimits
  /**
   * IANA zone for scan times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such an event is skipped with an `invalid_field` warning)
   * @example easypost({ defaultZone: 'America/New_York' })
   */
  defaultZone?: string
}

/** Raw bytes of a verified delivery → the parsed JSON Event. */
export function parseEasypostDelivery(rawBody: Uint8Array): unknown {
  return parseJsonBody(rawBody, 'EasyPost webhook')
}

/** EasyPost's webhook: HMAC scheme, JSON parse, and the Event id (`evt_…`) for de-duplication. */
export const easypostWebhook: AdapterWebhook = {
  scheme: easypostScheme(),
  parse: parseEasypostDelivery,
  deliveryId: (payload) => {
    const id = (payload as { id?: unknown } | null)?.id
    return typeof id === 'string' && id.startsWith('evt_') ? id : undefined
  },
}

/**
 * Creates the EasyPost adapter (Trackers API and tracker webhooks).
 * @example
 * const adapter = easypost({ apiKey: process.env.WAYBILL_EASYPOST_API_KEY })
 * const [tracker] = await adapter.track!(['USPS:9400111899223817583745'])
 * adapter.normalize(tracker).shipments[0]?.carrier // 'usps'
 * @example
 * createWebhookHandler({ sources: { easypost: easypost() }, secrets: [process.env.EASYPOST_WEBHOOK_SECRET!], onEvents })
 */
export function easypost(options: EasypostOptions = {}): Adapter {
  assertZone(options.defaultZone, 'easypost({ defaultZone })')
  if (options.carrier !== undefined && !/^[A-Za-z0-9_]+$/.test(options.carrier.trim()))
    throw new ConfigError(`easypost({ carrier }): "${options.carrier}" is not an EasyPost carrier name`)
  const limits: AdapterLimits = { ...EASYPOST_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const client = createCarrierClient({
    carrier: EASYPOST_ID,
    baseUrl: options.baseUrl ?? EASYPOST_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('easypost: track() needs an apiKey (WAYBILL_EASYPOST_API_KEY for the CLI)')
      return { auth: { basic: { user: apiKey, password: '' } }, account: apiKey }
    },
  })
  return {
    id: EASYPOST_ID,
    name: 'EasyPost Trackers',
    capabilities: { track: true, batch: 1, webhooks: true },
    limits,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeEasypost(payload, ctx, options.defaultZone),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackEasypost(
        client.get(ctx.http),
        numbers,
        options.carrier,
        ctx,
        options.apiKey ? [options.apiKey] : [],
      ),
    webhook: easypostWebhook,
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const EASYPOST_MATURITY = Object.freeze({
  transport: ['REST', 'webhook'],
  auth: 'HTTP Basic (API key, empty password)',
  push: 'tracker webhooks (HMAC-SHA256 signature)',
  sandbox: [] as string[],
  documentationOnly: [
    'Trackers API create and retrieve',
    'error object and codes',
    'rate limits',
    'carrier names',
  ],
})
