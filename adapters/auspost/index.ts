/**
 * `waybill/adapters/auspost`: the Australia Post Shipping & Tracking API's Track Items (REST, polling).
 * `track` asks `GET /shipping/v1/track?tracking_ids=…` for up to 10 numbers a call with HTTP Basic auth (API key
 * and password) and the `account-number` header; `normalize` turns the answer into one `auspost` shipment per
 * number, an unknown number into a not-found entry. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { AUSPOST_ID, normalizeAuspost } from './normalize.js'
import { AUSPOST_MAX_BATCH, trackAuspost } from './track.js'

export { AUSPOST_EVENT_RULES, AUSPOST_STATUSES, auspostEventRule } from './codes.js'
export { AUSPOST_ID, auspostPlace, normalizeAuspost } from './normalize.js'
export { auspostEventSchema, auspostResultSchema, auspostTrackSchema } from './schema.js'
export { AUSPOST_MAX_BATCH, AUSPOST_TRACK_PATH, trackAuspost } from './track.js'

/** Production base URL (developers.auspost.com.au, Shipping & Tracking API "Environments"). */
export const AUSPOST_PRODUCTION_URL = 'https://digitalapi.auspost.com.au'

/** Testbed base URL (developers.auspost.com.au, Shipping & Tracking API "Environments": the `/test` prefix). */
export const AUSPOST_SANDBOX_URL = 'https://digitalapi.auspost.com.au/test'

/**
 * Ten Track Items calls a minute, ten ids a call: the Track Items reference states the limit of 10 requests per
 * minute per account and up to 10 tracking ids per request. Set `limits` to what your account was given.
 */
export const AUSPOST_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 10 / 60,
  burst: 1,
  maxBatch: AUSPOST_MAX_BATCH,
})

/**
 * What this adapter is and how far it was checked, read by scripts/carrier-matrix.ts for the README's Carriers
 * matrix.
 */
export const AUSPOST_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'HTTP Basic (API key, password) + account-number header',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'Track Items request and answer shapes',
    'ESB error codes',
    '10 calls/min limit',
    'event texts',
  ],
})

/** Options of {@link auspost}. */
export interface AuspostOptions extends CarrierClientSettings {
  /**
   * API key (the HTTP Basic user). Needed for `track()` only; the CLI reads `WAYBILL_AUSPOST_API_KEY`.
   * @default undefined (normalize only)
   * @example auspost({ apiKey, password, accountNumber: '1234567890' })
   */
  apiKey?: string
  /** API password (the HTTP Basic password); the CLI reads `WAYBILL_AUSPOST_PASSWORD`. @default undefined */
  password?: string
  /**
   * Australia Post account number (10 digits, `account-number` header); the CLI reads
   * `WAYBILL_AUSPOST_ACCOUNT_NUMBER`.
   * @default undefined
   * @example auspost({ apiKey, password, accountNumber: '0001234567' })
   */
  accountNumber?: string
  /**
   * `production` or `sandbox` (the testbed); ignored when `baseUrl` is given.
   * @default 'production'
   */
  environment?: 'production' | 'sandbox'
  /** Where requests go; tests point it at a loopback server. @default AUSPOST_PRODUCTION_URL */
  baseUrl?: string
  /** Limits of your account. @default AUSPOST_DEFAULT_LIMITS (10 calls/min, 10 ids a call) @example { requestsPerSecond: 1 } */
  limits?: AdapterLimits
  /**
   * IANA zone for event times without an offset at a place without an Australian state code (marked `fallback`).
   * @default undefined (such an event is kept with an unknown zone and a warning)
   */
  defaultZone?: string
}

/**
 * Creates the Australia Post adapter.
 * @example
 * const adapter = auspost({ apiKey, password, accountNumber: '0001234567' })
 * const answers = await adapter.track!(['33XGE123456701000935005'])
 * adapter.normalize(answers[0]).shipments[0]?.status
 */
export function auspost(options: AuspostOptions = {}): Adapter {
  assertZone(options.defaultZone, 'auspost({ defaultZone })')
  if (options.environment !== undefined && !['production', 'sandbox'].includes(options.environment))
    throw new ConfigError(
      `auspost({ environment }): "${options.environment}" is not "production" or "sandbox"`,
    )
  if (options.accountNumber !== undefined && !/^\d{8,10}$/.test(options.accountNumber.trim()))
    throw new ConfigError('auspost({ accountNumber }): an Australia Post account number is 8 to 10 digits')
  const limits: AdapterLimits = {
    ...AUSPOST_DEFAULT_LIMITS,
    ...options.limits,
    maxBatch: Math.min(options.limits?.maxBatch ?? AUSPOST_MAX_BATCH, AUSPOST_MAX_BATCH),
  }
  const secrets = [options.apiKey, options.password].filter((s): s is string => Boolean(s))
  const credentials = () => {
    const apiKey = options.apiKey?.trim()
    const password = options.password?.trim()
    const accountNumber = options.accountNumber?.trim()
    if (!apiKey || !password || !accountNumber)
      throw new ConfigError(
        'auspost: track() needs apiKey, password and accountNumber (WAYBILL_AUSPOST_API_KEY, WAYBILL_AUSPOST_PASSWORD, WAYBILL_AUSPOST_ACCOUNT_NUMBER for the CLI)',
      )
    return { apiKey, password, accountNumber }
  }
  const client = createCarrierClient({
    carrier: AUSPOST_ID,
    baseUrl:
      options.baseUrl ?? (options.environment === 'sandbox' ? AUSPOST_SANDBOX_URL : AUSPOST_PRODUCTION_URL),
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const { apiKey, password } = credentials()
      return { auth: { basic: { user: apiKey, password } }, account: apiKey }
    },
  })
  return {
    id: AUSPOST_ID,
    name: 'Australia Post',
    capabilities: { track: true, batch: AUSPOST_MAX_BATCH },
    limits,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeAuspost(payload, {
        ...ctx,
        ...((ctx.defaultZone ?? options.defaultZone)
          ? { defaultZone: ctx.defaultZone ?? options.defaultZone }
          : {}),
      }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackAuspost(client.get(ctx.http), numbers, credentials().accountNumber, ctx, secrets),
  }
}
