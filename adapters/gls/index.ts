/**
 * `waybill/adapters/gls`: the GLS Group Track And Trace V1 API (REST, polling). `track` asks
 * `GET /track-and-trace-v1/tracking/simple/trackids/{a,b,…}` for up to 10 parcel numbers a call with an OAuth 2
 * client-credentials token (`POST /oauth2/v1/token`); `normalize` turns the answer into one `gls` shipment per
 * parcel, an unknown number into a not-found entry. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, glsCarrier } from '../../src/identifiers/index.js'
import { assertZone } from '../../src/time/index.js'
import { GLS_ID, normalizeGls } from './normalize.js'
import { GLS_MAX_BATCH, trackGls } from './track.js'

export { GLS_EVENT_CODES, GLS_EVENT_GROUPS, GLS_PARCEL_STATUSES } from './codes.js'
export { GLS_ID, glsEventMeaning, normalizeGls } from './normalize.js'
export { glsAnswerSchema, glsEventSchema, glsParcelSchema } from './schema.js'
export { GLS_MAX_BATCH, GLS_TRACK_PREFIX, glsTrackPath, trackGls } from './track.js'

/** Production gateway (Track And Trace V1 OpenAPI `servers`; its token URL is `/oauth2/v1/token` on the same host). */
export const GLS_PRODUCTION_URL = 'https://api.gls-group.net'

/** Sandbox gateway (same `servers` list: "uses test data"; GLS says production and sandbox are identical). */
export const GLS_SANDBOX_URL = 'https://api-sandbox.gls-group.net'

/**
 * 500 calls a day, 10 numbers a call: "By default, clients are limited to 500 requests per day" (Track And Trace V1
 * description, "Production Access"); one call every 3 seconds keeps a poller from spending the day's quota in a
 * burst. Set `limits` to what GLS granted you.
 */
export const GLS_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1 / 3,
  burst: 1,
  perDay: 500,
  dailyResetZone: 'UTC',
  maxBatch: GLS_MAX_BATCH,
})

/** What this adapter is and how far it was checked (read by scripts/carrier-matrix.ts). */
export const GLS_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'OAuth 2 client credentials (POST /oauth2/v1/token, client id and secret in the form)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'Track And Trace V1 request and answer shapes',
    'parcel statuses and event codes',
    'E_404_01 per-parcel not found',
    '500 calls/day quota',
    'token request style',
  ],
})

/** Options of {@link gls}. */
export interface GlsOptions extends CarrierClientSettings {
  /**
   * Client id (API key) of your dev-portal.gls-group.net app. Needed for `track()` only; the CLI reads
   * `WAYBILL_GLS_CLIENT_ID`.
   * @default undefined (normalize only)
   * @example gls({ clientId: process.env.WAYBILL_GLS_CLIENT_ID, clientSecret: process.env.WAYBILL_GLS_CLIENT_SECRET })
   */
  clientId?: string
  /** Client secret of that app; the CLI reads `WAYBILL_GLS_CLIENT_SECRET`. @default undefined */
  clientSecret?: string
  /** `production` or `sandbox`; ignored when `baseUrl` is given. @default 'production' */
  environment?: 'production' | 'sandbox'
  /** Gateway host for the API and the token; tests point it at a loopback server. @default GLS_PRODUCTION_URL */
  baseUrl?: string
  /**
   * Language of event descriptions (`Accept-Language`); codes, and so statuses, do not change.
   * @default 'EN'
   * @example gls({ clientId, clientSecret, language: 'DE' })
   */
  language?: 'EN' | 'DE'
  /** Limits of your app. @default GLS_DEFAULT_LIMITS (500 calls a day, 10 numbers a call) @example { perDay: 5000 } */
  limits?: AdapterLimits
  /**
   * IANA zone for event times without an offset at a place without a country (marked `fallback`).
   * @default undefined (such an event is kept with an unknown zone and a warning)
   * @example gls({ defaultZone: 'Europe/Berlin' })
   */
  defaultZone?: string
}

/** How well a number looks like a GLS parcel number or Track ID (0–1), from the carrier descriptor. */
export function detectGls(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, [glsCarrier])
}

/**
 * Creates the GLS adapter.
 * @example
 * const adapter = gls({ clientId, clientSecret })
 * const [answer] = await adapter.track!(['93835368025'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function gls(options: GlsOptions = {}): Adapter {
  assertZone(options.defaultZone, 'gls({ defaultZone })')
  if (options.environment !== undefined && !['production', 'sandbox'].includes(options.environment))
    throw new ConfigError(`gls({ environment }): "${options.environment}" is not "production" or "sandbox"`)
  if (options.language !== undefined && !['EN', 'DE'].includes(options.language))
    throw new ConfigError(`gls({ language }): "${options.language}" is not "EN" or "DE"`)
  if (options.clientId !== undefined && !options.clientId.trim())
    throw new ConfigError('gls({ clientId }): the client id is empty')
  if (options.clientSecret !== undefined && !options.clientSecret.trim())
    throw new ConfigError('gls({ clientSecret }): the client secret is empty')
  const limits: AdapterLimits = {
    ...GLS_DEFAULT_LIMITS,
    ...options.limits,
    maxBatch: Math.min(options.limits?.maxBatch ?? GLS_MAX_BATCH, GLS_MAX_BATCH),
  }
  const secrets = [options.clientSecret].filter((s): s is string => Boolean(s))
  const baseUrl =
    options.baseUrl ?? (options.environment === 'sandbox' ? GLS_SANDBOX_URL : GLS_PRODUCTION_URL)
  const client = createCarrierClient({
    carrier: GLS_ID,
    baseUrl,
    limits,
    headers: { accept: 'application/json' },
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const clientId = options.clientId?.trim()
      const clientSecret = options.clientSecret?.trim()
      if (!clientId || !clientSecret)
        throw new ConfigError(
          'gls: track() needs clientId and clientSecret (WAYBILL_GLS_CLIENT_ID, WAYBILL_GLS_CLIENT_SECRET for the CLI)',
        )
      return {
        auth: {
          oauth2: {
            tokenUrl: new URL('/oauth2/v1/token', baseUrl),
            clientId,
            clientSecret,
            authStyle: 'body',
          },
        },
        account: clientId,
      }
    },
  })
  const language = options.language ?? 'EN'
  return {
    id: GLS_ID,
    name: 'GLS',
    capabilities: { track: true, batch: GLS_MAX_BATCH },
    limits,
    detect: detectGls,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeGls(payload, {
        ...ctx,
        ...((ctx.defaultZone ?? options.defaultZone)
          ? { defaultZone: ctx.defaultZone ?? options.defaultZone }
          : {}),
      }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackGls(client.get(ctx.http), numbers, language, ctx, secrets),
  }
}
