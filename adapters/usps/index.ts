/**
 * `waybill/adapters/usps`: USPS Tracking API v3 (`apis.usps.com/tracking/v3`). `normalize` turns its DETAIL
 * responses into canonical shipments (Pub 199 event codes, GMT instants shown at the local offset, ETA windows,
 * booleans as strings and HTML in `mailClass` handled); `track` fetches them with an OAuth2 client-credentials
 * token (scope `tracking`).
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, uspsCarrier } from '../../src/identifiers/index.js'
import type { Store } from '../../src/store/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizeUsps, USPS_ID, uspsReadMemos } from './normalize.js'
import { trackUsps } from './track.js'

export { USPS_EVENT_CODES } from './codes.js'
export { normalizeUsps } from './normalize.js'
export { uspsErrorSchema, uspsEventSchema, uspsTrackingSchema } from './schema.js'
export { plainText, uspsLocation } from './text.js'

/** Production and test ("TEM") hosts, from the servers of USPS's OpenAPI for Tracking 3.x. */
export const USPS_URLS = Object.freeze({
  production: 'https://apis.usps.com',
  test: 'https://apis-tem.usps.com',
})

/**
 * Default limits: USPS's default API products get a quota of 60 calls per hour (a USPS staff answer in
 * USPS/api-examples#30), so a bucket of 60 that refills one call a minute. Raise them once USPS granted more.
 */
export const USPS_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1 / 60,
  burst: 60,
  maxBatch: 1,
})

export interface UspsOptions extends CarrierClientSettings {
  /**
   * The app's Consumer Key. Needed for `track()` only. The CLI reads it from `WAYBILL_USPS_CLIENT_ID`.
   * @example usps({ clientId: process.env.WAYBILL_USPS_CLIENT_ID, clientSecret: process.env.WAYBILL_USPS_CLIENT_SECRET })
   */
  clientId?: string
  /** The app's Consumer Secret (`WAYBILL_USPS_CLIENT_SECRET` for the CLI). Never logged. */
  clientSecret?: string
  /**
   * Which USPS environment to call.
   * @default 'production'
   */
  environment?: 'production' | 'test'
  /**
   * A custom base URL (tests point it at loopback); wins over `environment`.
   * @default USPS_URLS[environment]
   * @example usps({ clientId, clientSecret, baseUrl: 'http://127.0.0.1:8080' })
   */
  baseUrl?: string
  /**
   * The token endpoint.
   * @default `${baseUrl}/oauth2/v3/token`
   */
  tokenUrl?: string
  /**
   * IANA zone for local times at a place whose zone is unknown (marked `fallback`). USPS events usually carry GMT
   * fields, so this is rarely needed.
   * @default undefined (such a time is an error)
   */
  defaultZone?: string
  /**
   * Limits of your app.
   * @default USPS_DEFAULT_LIMITS (60 calls an hour, in a bucket of 60)
   * @example usps({ clientId, clientSecret, limits: { requestsPerSecond: 5, burst: 5 } })
   */
  limits?: AdapterLimits
  /**
   * Where the daily quota count is kept across restarts.
   * @default not kept (counted in memory)
   * @example
   * const store = await pgliteStore({ dataDir: './var/waybill' })
   * usps({ clientId, clientSecret, quotaStore: store })
   */
  quotaStore?: Store
}

const USPS_CARRIERS = [uspsCarrier]

/**
 * Confidence that a number is USPS's, from the shared USPS carrier descriptor: IMpb (22/26/30 digits, with or
 * without the `420` + ZIP routing prefix), legacy 20-digit labels, and S10 numbers ending in `US`.
 */
function detectUsps(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, USPS_CARRIERS)
}

/**
 * Creates the USPS adapter.
 * @example
 * const adapter = usps({ clientId: process.env.WAYBILL_USPS_CLIENT_ID, clientSecret: process.env.WAYBILL_USPS_CLIENT_SECRET })
 * const [payload] = await adapter.track!(['9400109104250532908587'])
 * const { shipments } = adapter.normalize(payload)
 */
export function usps(options: UspsOptions = {}): Adapter {
  assertZone(options.defaultZone, 'usps({ defaultZone })')
  const limits: AdapterLimits = { ...USPS_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  if (options.environment !== undefined && !Object.hasOwn(USPS_URLS, options.environment))
    throw new ConfigError(`usps({ environment }): "${options.environment}" is not "production" or "test"`)
  const baseUrl = (options.baseUrl ?? USPS_URLS[options.environment ?? 'production']).replace(/\/+$/, '')
  // Places and event texts this adapter has read, kept for its own later payloads.
  const memos = uspsReadMemos()
  const client = createCarrierClient({
    carrier: USPS_ID,
    baseUrl,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    quotaStore: options.quotaStore,
    credentials: () => {
      const clientId = options.clientId?.trim()
      const clientSecret = options.clientSecret?.trim()
      if (!clientId || !clientSecret)
        throw new ConfigError(
          'usps: track() needs a clientId and a clientSecret (WAYBILL_USPS_CLIENT_ID / WAYBILL_USPS_CLIENT_SECRET for the CLI)',
        )
      return {
        auth: {
          oauth2: {
            tokenUrl: options.tokenUrl ?? `${baseUrl}/oauth2/v3/token`,
            clientId,
            clientSecret,
            scope: 'tracking',
            authStyle: 'body',
            defaultExpiresInSeconds: 28_799,
          },
        },
        account: clientId,
      }
    },
  })
  return {
    id: USPS_ID,
    name: 'USPS Tracking v3',
    capabilities: { track: true, batch: 1 },
    limits,
    detect: detectUsps,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeUsps(payload, ctx, options.defaultZone ? { defaultZone: options.defaultZone } : {}, memos),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackUsps(
        client.get(ctx.http),
        numbers,
        ctx,
        [options.clientSecret, options.clientId].filter((s): s is string => !!s),
      ),
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const USPS_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'OAuth2 client credentials with scope `tracking`',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'Tracking v3 answer shape (apart from the error bodies in the corpus)',
    '60 calls/hour quota',
  ],
})
