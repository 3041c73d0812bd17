/**
 * The UPS adapter: Track API v1 (REST, OAuth2 client credentials) and Track Alert webhooks.
 *
 * `normalize` is pure and needs no credentials (use `ups()` to read saved payloads); `track` needs
 * `clientId`/`clientSecret`. See README.md for auth, limits, quirks and where each fact comes from.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import type { HttpClient, Transport } from '../../src/http/index.js'
import { createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, upsCarrier } from '../../src/identifiers/index.js'
import type { Store } from '../../src/store/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizeUps } from './normalize.js'
import { upsPlaces } from './parts.js'
import { trackUps } from './track.js'
import { upsWebhook } from './webhook.js'

export { UPS_ACTIVITY_TYPES, UPS_STATUS_CODES } from './codes.js'
export { upsTrackAlertSchema, upsTrackResponseSchema } from './schema.js'
export { UPS_TRACK_ALERT_HEADER, upsTrackAlertScheme } from './webhook.js'

/** Production and Customer Integration Environment hosts (UPS-API/api-documentation Tracking.yaml `servers`). */
export const UPS_BASE_URLS = {
  production: 'https://onlinetools.ups.com',
  sandbox: 'https://wwwcie.ups.com',
} as const

/**
 * UPS publishes no rate limit for the Track API (issues #8, #123): these are waybill's conservative defaults.
 * One inquiry number per call (the number is a path parameter).
 */
export const UPS_DEFAULT_LIMITS: AdapterLimits = { requestsPerSecond: 10, burst: 10, maxBatch: 1 }

/** Options of {@link ups}. */
export interface UpsOptions {
  /** OAuth client id of your UPS app (env `WAYBILL_UPS_CLIENT_ID` in the CLI). Needed by `track` only. */
  clientId?: string
  /** OAuth client secret (env `WAYBILL_UPS_CLIENT_SECRET`). Never logged. */
  clientSecret?: string
  /**
   * Which UPS host to call.
   * @default 'production'
   */
  environment?: 'production' | 'sandbox'
  /**
   * Any other base URL (a proxy, or a loopback server in tests); wins over `environment`. Paths
   * `/security/v1/oauth/token` and `/api/track/v1/details/…` are appended.
   * @example 'http://127.0.0.1:8080'
   */
  baseUrl?: string
  /**
   * The `transactionSrc` header: names your application to UPS.
   * @default 'waybill'
   */
  transactionSrc?: string
  /**
   * The `locale` query parameter; UPS translates descriptions into it.
   * @default 'en_US'
   */
  locale?: string
  /** Optional `x-merchant-id` header for the token request (UPS OAuth `xMerchantId`). */
  merchantId?: string
  /**
   * IANA zone for times with neither an offset nor a known place (marked `fallback`).
   * @default undefined (such times are left out with a warning)
   * @example 'America/New_York'
   */
  defaultZone?: string
  /**
   * Limits used by the adapter's own client and advertised to the poller.
   * @default UPS_DEFAULT_LIMITS
   */
  limits?: AdapterLimits
  /**
   * Where the daily quota count is kept across restarts.
   * @default not kept (counted in memory)
   * @example
   * const store = await pgliteStore({ dataDir: './var/waybill' })
   * ups({ clientId, clientSecret, quotaStore: store })
   */
  quotaStore?: Store
  /** A transport for the adapter's own client and its token requests (tests, custom runtimes). */
  transport?: Transport
  /** A ready client (with its own auth) to use instead of building one. */
  http?: HttpClient
}

const UPS_CARRIERS = [upsCarrier]

/**
 * Confidence that a number is a UPS number, from the shared UPS carrier descriptor (`1Z`, waybill, Mail
 * Innovations): 0.97 for a `1Z` whose check digit verifies, at most 0.1 when it fails, 0 for other formats.
 * @example ups().detect?.('1Z5R89390357567127') // 0.97
 */
export function detectUps(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, UPS_CARRIERS)
}

/**
 * Builds the UPS adapter.
 * @example
 * const adapter = ups({ clientId: process.env.WAYBILL_UPS_CLIENT_ID, clientSecret: process.env.WAYBILL_UPS_CLIENT_SECRET })
 * const [payload] = await adapter.track!(['1Z5R89390357567127'])
 * const { shipments, notFound } = adapter.normalize(payload)
 */
export function ups(options: UpsOptions = {}): Adapter {
  assertZone(options.defaultZone, 'ups({ defaultZone })')
  const baseUrl = options.baseUrl ?? UPS_BASE_URLS[options.environment ?? 'production']
  const limits = options.limits ?? UPS_DEFAULT_LIMITS
  // Places this adapter has read, kept for its own later payloads.
  const places = upsPlaces()
  const client = createCarrierClient({
    carrier: 'ups',
    baseUrl,
    limits,
    http: options.http,
    transport: options.transport,
    quotaStore: options.quotaStore,
    credentials: () => {
      if (!options.clientId || !options.clientSecret)
        throw new ConfigError(
          'ups: track() needs clientId and clientSecret (WAYBILL_UPS_CLIENT_ID / WAYBILL_UPS_CLIENT_SECRET)',
        )
      return {
        auth: {
          oauth2: {
            tokenUrl: new URL('/security/v1/oauth/token', baseUrl),
            clientId: options.clientId,
            clientSecret: options.clientSecret,
            authStyle: 'basic',
            ...(options.merchantId ? { headers: { 'x-merchant-id': options.merchantId } } : {}),
          },
        },
        account: options.clientId,
        // The key daily quota counts kept in a quotaStore were written under before this helper existed.
        rateLimitKey: `ups:${options.clientId}`,
      }
    },
  })
  return {
    id: 'ups',
    name: 'UPS',
    scac: 'UPSN',
    capabilities: { track: true, batch: 1, webhooks: true },
    detect: detectUps,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeUps(payload, ctx, options.defaultZone ? { defaultZone: options.defaultZone } : {}, places),
    track: (numbers: string[], ctx: TrackContext = {}) =>
      trackUps(numbers, ctx, {
        client: () => client.get(),
        transactionSrc: options.transactionSrc ?? 'waybill',
        locale: options.locale ?? 'en_US',
        secrets: [options.clientSecret, options.clientId].filter((s): s is string => !!s),
      }),
    webhook: upsWebhook,
    limits,
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const UPS_MATURITY = Object.freeze({
  transport: ['REST', 'webhook'],
  auth: 'OAuth2 client credentials (client id and secret as HTTP Basic on the token call)',
  push: 'Track Alert webhooks (shared `credential` header, compared in constant time)',
  sandbox: [] as string[],
  documentationOnly: ['OAuth token call and expiry', 'Track Alert delivery shape', 'rate limits'],
})
