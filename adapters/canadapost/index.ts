/**
 * `waybill/adapters/canadapost`: Canada Post "Get Tracking Details" (REST, XML, polling). `track` reads
 * `/vis/track/pin/{pin}/detail` with Basic auth (API key user:password) and the track-v2 XML media type;
 * `normalize` turns the XML answer into one shipment (times with EST/EDT/PST/NST abbreviations). See README.md.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { CANADAPOST_ID, normalizeCanadaPost } from './normalize.js'
import { trackCanadaPost } from './track.js'

export { CANADAPOST_EVENTS, CANADAPOST_NO_PIN_HISTORY } from './codes.js'
export { CANADAPOST_ID, normalizeCanadaPost } from './normalize.js'
export { CANADAPOST_ACCEPT, canadaPostDetailPath, trackCanadaPost } from './track.js'

/** Canada Post's production web services gateway. */
export const CANADAPOST_PRODUCTION_URL = 'https://soa-gw.canadapost.ca'
/** Canada Post's development (sandbox) gateway, used with development keys. */
export const CANADAPOST_SANDBOX_URL = 'https://ct.soa-gw.canadapost.ca'

/**
 * Canada Post throttles per API key ("Rejected by SLM Monitor": "You have exceeded the throttle limit for your
 * API key. You will be blocked from making additional calls for up to a minute", Developer Program "Messages and
 * Code Tables", canadapost.ca/info/mc/business/productsservices/developers/messagescodetables.jsf); the limit
 * itself is shown per key in the Developer Program. Two calls a second is a conservative default: set `limits`.
 */
export const CANADAPOST_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 2,
  burst: 2,
  maxBatch: 1,
})

/** Options of {@link canadapost}. */
export interface CanadaPostOptions extends CarrierClientSettings {
  /**
   * API key user name (the part before the colon). Needed for `track()` only; the CLI reads
   * `WAYBILL_CANADAPOST_USERNAME`.
   * @default undefined (`normalize` only)
   * @example canadapost({ username: process.env.WAYBILL_CANADAPOST_USERNAME, password: process.env.WAYBILL_CANADAPOST_PASSWORD })
   */
  username?: string
  /** API key password (after the colon); the CLI reads `WAYBILL_CANADAPOST_PASSWORD`. @default undefined */
  password?: string
  /**
   * Use the development gateway (development keys only work there, error AA002 otherwise).
   * @default false
   * @example canadapost({ username, password, sandbox: true })
   */
  sandbox?: boolean
  /** Where requests go; tests point it at a loopback server. @default CANADAPOST_PRODUCTION_URL (or SANDBOX) */
  baseUrl?: string
  /** Limits of your key. @default CANADAPOST_DEFAULT_LIMITS (2 calls/s) @example canadapost({ limits: { requestsPerSecond: 1 } }) */
  limits?: AdapterLimits
  /**
   * IANA zone for an event with neither a zone abbreviation nor a place whose zone is known (marked `fallback`).
   * @default undefined (kept with zoneSource 'unknown')
   * @example canadapost({ defaultZone: 'America/Toronto' })
   */
  defaultZone?: string
}

/**
 * Creates the Canada Post adapter.
 * @example
 * const adapter = canadapost({ username: process.env.WAYBILL_CANADAPOST_USERNAME, password: process.env.WAYBILL_CANADAPOST_PASSWORD })
 * const [answer] = await adapter.track!(['1371134583769923'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function canadapost(options: CanadaPostOptions = {}): Adapter {
  assertZone(options.defaultZone, 'canadapost({ defaultZone })')
  if ((options.username === undefined) !== (options.password === undefined))
    throw new ConfigError('canadapost: give both username and password (the two halves of the API key)')
  if (options.username?.includes(':'))
    throw new ConfigError(
      'canadapost({ username }): the user name is the part of the API key before the colon',
    )
  const limits: AdapterLimits = { ...CANADAPOST_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const secrets = [options.password, options.username].filter((s): s is string => Boolean(s))
  const client = createCarrierClient({
    carrier: CANADAPOST_ID,
    baseUrl: options.baseUrl ?? (options.sandbox ? CANADAPOST_SANDBOX_URL : CANADAPOST_PRODUCTION_URL),
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const username = options.username?.trim()
      const password = options.password?.trim()
      if (!username || !password)
        throw new ConfigError(
          'canadapost: track() needs username and password (WAYBILL_CANADAPOST_USERNAME / WAYBILL_CANADAPOST_PASSWORD for the CLI)',
        )
      // The Basic credential as sent, so a caller's own client that echoes it cannot leak it either.
      secrets.push(Buffer.from(`${username}:${password}`).toString('base64'))
      return { auth: { basic: { user: username, password } }, account: username }
    },
  })
  return {
    id: CANADAPOST_ID,
    name: 'Canada Post',
    capabilities: { track: true, batch: 1 },
    limits,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeCanadaPost(payload, ctx, options.defaultZone),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackCanadaPost(client.get(ctx.http), numbers, ctx, secrets),
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const CANADAPOST_MATURITY = Object.freeze({
  transport: ['REST (XML)'],
  auth: 'HTTP Basic (API key user name and password)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'event identifiers beyond the four in the table',
    'error messages and codes',
    'throttle limit',
  ],
})
