/**
 * The FedEx adapter: Track API v1 (REST, OAuth2 client credentials, up to 30 numbers per call).
 *
 * `normalize` is pure and needs no credentials (use `fedex()` to read saved payloads); `track` needs
 * `clientId`/`clientSecret` of a project with the Track API. See README.md for auth, limits, quirks and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import type { HttpClient, Transport } from '../../src/http/index.js'
import { createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, fedexCarrier } from '../../src/identifiers/index.js'
import type { Store } from '../../src/store/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizeFedex } from './normalize.js'
import { fedexPlaces } from './place.js'
import { FEDEX_MAX_BATCH, trackFedex } from './track.js'

export { FEDEX_EVENT_TYPES } from './codes.js'
export { fedexErrorResponseSchema, fedexTrackResponseSchema } from './schema.js'

/** Production and sandbox hosts (Track API OpenAPI `servers`). The sandbox returns canned data only. */
export const FEDEX_BASE_URLS = {
  production: 'https://apis.fedex.com',
  sandbox: 'https://apis-sandbox.fedex.com',
} as const

/**
 * FedEx's published limits (developer.fedex.com "Quotas & rate limits"): 1,400 transactions per 10 seconds per
 * project, and a default Track quota of 100,000 requests a day per project, reset at 00:00 GMT. The rate is set to
 * 126/s with a burst of 140 so that no 10-second window can exceed 1,400 (140 + 10 × 126).
 */
export const FEDEX_DEFAULT_LIMITS: AdapterLimits = {
  requestsPerSecond: 126,
  burst: 140,
  perDay: 100_000,
  dailyResetHour: 0,
  dailyResetZone: 'UTC',
  maxBatch: FEDEX_MAX_BATCH,
}

/** Options of {@link fedex}. */
export interface FedexOptions {
  /** API key of a FedEx project with the Track API (env `WAYBILL_FEDEX_CLIENT_ID` in the CLI). Needed by `track`. */
  clientId?: string
  /** Secret key of that project (env `WAYBILL_FEDEX_CLIENT_SECRET`). Never logged. */
  clientSecret?: string
  /**
   * Which FedEx host to call.
   * @default 'production'
   */
  environment?: 'production' | 'sandbox'
  /**
   * Any other base URL (a proxy, or a loopback server in tests); wins over `environment`. Paths `/oauth/token`
   * and `/track/v1/trackingnumbers` are appended.
   * @example 'http://127.0.0.1:8080'
   */
  baseUrl?: string
  /**
   * The `x-locale` header.
   * @default 'en_US'
   */
  locale?: string
  /**
   * Ask for every scan, not only the latest status.
   * @default true
   */
  includeDetailedScans?: boolean
  /**
   * IANA zone for times with neither an offset nor a known place (marked `fallback`).
   * @default undefined (such times are left out with a warning)
   * @example 'America/Chicago'
   */
  defaultZone?: string
  /**
   * Limits used by the adapter's own client and advertised to the poller.
   * @default FEDEX_DEFAULT_LIMITS
   */
  limits?: AdapterLimits
  /**
   * Where the daily quota count is kept across restarts.
   * @default not kept (counted in memory)
   * @example
   * const store = await pgliteStore({ dataDir: './var/waybill' })
   * fedex({ clientId, clientSecret, quotaStore: store })
   */
  quotaStore?: Store
  /** A transport for the adapter's own client and its token requests (tests, custom runtimes). */
  transport?: Transport
  /** A ready client (with its own auth) to use instead of building one. */
  http?: HttpClient
}

const FEDEX_CARRIERS = [fedexCarrier]

/**
 * Confidence that a number is FedEx's, from the shared FedEx carrier descriptor (Express 12, Ground 15, Ground 96,
 * the 34-digit barcodes, ASTRA, SSCC-18, Ground Economy): the format's specificity when the check digit verifies
 * (0.8 for Express 12), at most 0.1 when it fails, 0 when no FedEx format matches.
 * @example fedex().detect?.('986578788855') // 0.8
 */
export function detectFedex(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, FEDEX_CARRIERS)
}

/**
 * Builds the FedEx adapter.
 * @example
 * const adapter = fedex({ clientId: process.env.WAYBILL_FEDEX_CLIENT_ID, clientSecret: process.env.WAYBILL_FEDEX_CLIENT_SECRET })
 * const payloads = await adapter.track!(['123456789012', '449044304137821'])
 * const results = payloads.map((p) => adapter.normalize(p))
 */
export function fedex(options: FedexOptions = {}): Adapter {
  assertZone(options.defaultZone, 'fedex({ defaultZone })')
  const baseUrl = options.baseUrl ?? FEDEX_BASE_URLS[options.environment ?? 'production']
  const limits = options.limits ?? FEDEX_DEFAULT_LIMITS
  // Places this adapter has read, kept for its own later payloads.
  const places = fedexPlaces()
  const client = createCarrierClient({
    carrier: 'fedex',
    baseUrl,
    limits,
    http: options.http,
    transport: options.transport,
    quotaStore: options.quotaStore,
    credentials: () => {
      if (!options.clientId || !options.clientSecret)
        throw new ConfigError(
          'fedex: track() needs clientId and clientSecret (WAYBILL_FEDEX_CLIENT_ID / WAYBILL_FEDEX_CLIENT_SECRET)',
        )
      return {
        auth: {
          oauth2: {
            tokenUrl: new URL('/oauth/token', baseUrl),
            clientId: options.clientId,
            clientSecret: options.clientSecret,
            authStyle: 'body',
          },
        },
        account: options.clientId,
        // The key daily quota counts kept in a quotaStore were written under before this helper existed.
        rateLimitKey: `fedex:${options.clientId}`,
      }
    },
  })
  return {
    id: 'fedex',
    name: 'FedEx',
    scac: 'FDXE',
    capabilities: { track: true, batch: FEDEX_MAX_BATCH },
    detect: detectFedex,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeFedex(payload, ctx, options.defaultZone ? { defaultZone: options.defaultZone } : {}, places),
    track: (numbers: string[], ctx: TrackContext = {}) =>
      trackFedex(numbers, ctx, {
        client: () => client.get(),
        locale: options.locale ?? 'en_US',
        secrets: [options.clientSecret, options.clientId].filter((s): s is string => !!s),
        includeDetailedScans: options.includeDetailedScans ?? true,
      }),
    limits,
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const FEDEX_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'OAuth2 client credentials (form body)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: ['OAuth token call and expiry', 'batches of 30 numbers', 'quotas and rate limits'],
})
