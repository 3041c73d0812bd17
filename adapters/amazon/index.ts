/**
 * `waybill/adapters/amazon`: Amazon Shipping API v2 tracking (REST, polling). `track` calls `getTracking`
 * (`GET /shipping/v2/tracking?trackingId=…&carrierId=AMZN_US`) with a Login with Amazon access token in
 * `x-amz-access-token`; `normalize` turns the answer into one `amazon` shipment. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { AMAZON_ID, normalizeAmazon } from './normalize.js'
import { trackAmazon } from './track.js'

export { AMAZON_EVENT_CODES } from './codes.js'
export { AMAZON_ID, normalizeAmazon } from './normalize.js'
export { amazonEventSchema, amazonTrackingSchema } from './schema.js'
export { AMAZON_TRACKING_PATH, trackAmazon } from './track.js'

/** Production base URL, North America (Amazon Shipping API v2 reference, "Endpoints"). */
export const AMAZON_PRODUCTION_URL = 'https://sellingpartnerapi-na.amazon.com'

/** Sandbox base URL, North America (Amazon Shipping API v2 reference, "Sandbox"). */
export const AMAZON_SANDBOX_URL = 'https://sandbox.sellingpartnerapi-na.amazon.com'

/**
 * `getTracking` usage plan: 80 requests a second, burst 100 (Amazon Shipping API v2 reference, getTracking "Usage
 * plan"). Set `limits` to what your account was given.
 */
export const AMAZON_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 80,
  burst: 100,
  maxBatch: 1,
})

/** What this adapter is and how far it was checked (read by scripts/carrier-matrix.ts). */
export const AMAZON_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'LWA access token (x-amz-access-token) + x-amzn-shipping-business-id',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'getTracking request and answer shapes',
    'EventCode enum',
    '404 as not found',
    'usage plan',
  ],
})

/** Options of {@link amazon}. */
export interface AmazonOptions extends CarrierClientSettings {
  /**
   * Login with Amazon access token (`Atza|…`), sent as `x-amz-access-token`; the caller refreshes it (it lives an
   * hour). Needed for `track()` only; the CLI reads `WAYBILL_AMAZON_ACCESS_TOKEN`.
   * @default undefined (normalize only)
   * @example amazon({ accessToken: process.env.WAYBILL_AMAZON_ACCESS_TOKEN })
   */
  accessToken?: string
  /**
   * `carrierId` of the tracked shipments.
   * @default 'AMZN_US'
   * @example amazon({ accessToken, carrierId: 'AMZN_UK' })
   */
  carrierId?: string
  /**
   * `x-amzn-shipping-business-id`.
   * @default 'AmazonShipping_US'
   * @example amazon({ accessToken, businessId: 'AmazonShipping_UK' })
   */
  businessId?:
    | 'AmazonShipping_US'
    | 'AmazonShipping_IN'
    | 'AmazonShipping_UK'
    | 'AmazonShipping_UAE'
    | 'AmazonShipping_SA'
    | 'AmazonShipping_EG'
    | 'AmazonShipping_IT'
    | 'AmazonShipping_ES'
    | 'AmazonShipping_FR'
    | 'AmazonShipping_JP'
  /** `production` or `sandbox`; ignored when `baseUrl` is given. @default 'production' */
  environment?: 'production' | 'sandbox'
  /** Where requests go (another region's endpoint, or a loopback server in tests). @default AMAZON_PRODUCTION_URL */
  baseUrl?: string
  /** Limits of your account. @default AMAZON_DEFAULT_LIMITS @example { requestsPerSecond: 5 } */
  limits?: AdapterLimits
  /** IANA zone for event times without an offset at an unknown place (marked `fallback`). @default undefined */
  defaultZone?: string
}

/**
 * Creates the Amazon Shipping adapter.
 * @example
 * const adapter = amazon({ accessToken: process.env.WAYBILL_AMAZON_ACCESS_TOKEN })
 * const [answer] = await adapter.track!(['TBA123456789012'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function amazon(options: AmazonOptions = {}): Adapter {
  assertZone(options.defaultZone, 'amazon({ defaultZone })')
  if (options.environment !== undefined && !['production', 'sandbox'].includes(options.environment))
    throw new ConfigError(
      `amazon({ environment }): "${options.environment}" is not "production" or "sandbox"`,
    )
  const carrierId = options.carrierId?.trim() ?? 'AMZN_US'
  if (!/^[A-Z0-9_]+$/.test(carrierId))
    throw new ConfigError(`amazon({ carrierId }): "${carrierId}" is not a carrier id like AMZN_US`)
  const businessId = options.businessId ?? 'AmazonShipping_US'
  if (!/^AmazonShipping_[A-Z]+$/.test(businessId))
    throw new ConfigError(`amazon({ businessId }): "${businessId}" is not an AmazonShipping_<COUNTRY> id`)
  const limits: AdapterLimits = { ...AMAZON_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const client = createCarrierClient({
    carrier: AMAZON_ID,
    baseUrl:
      options.baseUrl ?? (options.environment === 'sandbox' ? AMAZON_SANDBOX_URL : AMAZON_PRODUCTION_URL),
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const token = options.accessToken?.trim()
      if (!token)
        throw new ConfigError(
          'amazon: track() needs an accessToken (WAYBILL_AMAZON_ACCESS_TOKEN for the CLI)',
        )
      return { auth: { header: 'x-amz-access-token', value: token }, account: token }
    },
  })
  return {
    id: AMAZON_ID,
    name: 'Amazon Shipping',
    capabilities: { track: true, batch: 1 },
    limits,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeAmazon(payload, {
        ...ctx,
        ...((ctx.defaultZone ?? options.defaultZone)
          ? { defaultZone: ctx.defaultZone ?? options.defaultZone }
          : {}),
      }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackAmazon(
        client.get(ctx.http),
        numbers,
        carrierId,
        businessId,
        ctx,
        options.accessToken ? [options.accessToken] : [],
      ),
  }
}
