/**
 * `waybill/adapters/postnl`: the PostNL Shippingstatus API (REST, polling). `track` asks
 * `GET /shipment/v2/status/barcode/{barcode}?detail=true` for one barcode a call with the `apikey` header;
 * `normalize` turns the answer into one `postnl` shipment per parcel, an unknown barcode into a not-found entry.
 * PostNL's times have no offset and are read in Europe/Amsterdam. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, postnlCarrier } from '../../src/identifiers/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizePostnl, POSTNL_HOME_ZONE, POSTNL_ID } from './normalize.js'
import { trackPostnl } from './track.js'

export { POSTNL_EVENT_CODES, POSTNL_STATUS_CODES } from './codes.js'
export { normalizePostnl, POSTNL_HOME_ZONE, POSTNL_ID, postnlDateTime } from './normalize.js'
export { postnlAnswerSchema, postnlEventSchema, postnlShipmentSchema } from './schema.js'
export { postnlStatusPath, trackPostnl } from './track.js'

/** Production base URL (developer.postnl.nl, Shippingstatus API). */
export const POSTNL_PRODUCTION_URL = 'https://api.postnl.nl'

/** Sandbox base URL (developer.postnl.nl, Shippingstatus API request examples). */
export const POSTNL_SANDBOX_URL = 'https://api-sandbox.postnl.nl'

/**
 * Five calls a second, one barcode a call. PostNL answers 429 "Too many requests" when a key goes over its limit
 * (Shippingstatus reference, errors) but does not state the figure on the pages read: this default is waybill's
 * conservative choice, and a 429 backs off with PostNL's Retry-After. Set `limits` to what PostNL gave your key.
 */
export const POSTNL_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 5,
  burst: 5,
  maxBatch: 1,
})

/** What this adapter is and how far it was checked (read by scripts/carrier-matrix.ts). */
export const POSTNL_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'API key (apikey header)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'Shippingstatus request and answer shapes',
    'status and event code tables',
    'unknown barcode as Warnings',
    'error bodies',
    'rate limit',
  ],
})

/** Options of {@link postnl}. */
export interface PostnlOptions extends CarrierClientSettings {
  /**
   * API key of your developer.postnl.nl application, sent as `apikey`. Needed for `track()` only; the CLI reads
   * `WAYBILL_POSTNL_API_KEY`.
   * @default undefined (normalize only)
   * @example postnl({ apiKey: process.env.WAYBILL_POSTNL_API_KEY })
   */
  apiKey?: string
  /** `production` or `sandbox`; ignored when `baseUrl` is given. @default 'production' */
  environment?: 'production' | 'sandbox'
  /** Where requests go; tests point it at a loopback server. @default POSTNL_PRODUCTION_URL */
  baseUrl?: string
  /**
   * Language of PostNL's descriptions (`language` query parameter); the codes, and so the statuses, do not change.
   * @default 'EN'
   * @example postnl({ apiKey, language: 'NL' })
   */
  language?: 'NL' | 'EN'
  /** Limits of your key. @default POSTNL_DEFAULT_LIMITS @example { requestsPerSecond: 2 } */
  limits?: AdapterLimits
  /**
   * IANA zone PostNL's offset-less times are read in.
   * @default POSTNL_HOME_ZONE ('Europe/Amsterdam')
   * @example postnl({ homeZone: 'Europe/Amsterdam' })
   */
  homeZone?: string
}

/** How well a number looks like a PostNL barcode (0–1), from the carrier descriptor. */
export function detectPostnl(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, [postnlCarrier])
}

/**
 * Creates the PostNL adapter.
 * @example
 * const adapter = postnl({ apiKey: process.env.WAYBILL_POSTNL_API_KEY })
 * const [answer] = await adapter.track!(['3SDEVC288882229'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function postnl(options: PostnlOptions = {}): Adapter {
  assertZone(options.homeZone, 'postnl({ homeZone })')
  if (options.environment !== undefined && !['production', 'sandbox'].includes(options.environment))
    throw new ConfigError(
      `postnl({ environment }): "${options.environment}" is not "production" or "sandbox"`,
    )
  if (options.language !== undefined && !['NL', 'EN'].includes(options.language))
    throw new ConfigError(`postnl({ language }): "${options.language}" is not "NL" or "EN"`)
  if (options.apiKey !== undefined && !options.apiKey.trim())
    throw new ConfigError('postnl({ apiKey }): the key is empty')
  const limits: AdapterLimits = { ...POSTNL_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const secrets = options.apiKey ? [options.apiKey] : []
  const client = createCarrierClient({
    carrier: POSTNL_ID,
    baseUrl:
      options.baseUrl ?? (options.environment === 'sandbox' ? POSTNL_SANDBOX_URL : POSTNL_PRODUCTION_URL),
    limits,
    headers: { accept: 'application/json' },
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('postnl: track() needs an apiKey (WAYBILL_POSTNL_API_KEY for the CLI)')
      return { auth: { header: 'apikey', value: apiKey }, account: apiKey }
    },
  })
  const homeZone = options.homeZone ?? POSTNL_HOME_ZONE
  const language = options.language ?? 'EN'
  return {
    id: POSTNL_ID,
    name: 'PostNL',
    capabilities: { track: true, batch: 1 },
    limits,
    detect: detectPostnl,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) => normalizePostnl(payload, ctx, { homeZone }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackPostnl(client.get(ctx.http), numbers, language, ctx, secrets),
  }
}
