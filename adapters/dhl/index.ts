/**
 * `waybill/adapters/dhl`: DHL Shipment Tracking – Unified (`https://api-eu.dhl.com/track/shipments`), every DHL
 * division behind one API. `normalize` turns its responses into canonical shipments (five status codes refined by
 * the event text per division, times with and without offsets, `CITY - COUNTRY` localities, ETA windows, proof of
 * delivery); `track` fetches them with the `DHL-API-Key` header within DHL's published limits.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, dhlCarrier, dhlEcommerceCarrier } from '../../src/identifiers/index.js'
import type { Store } from '../../src/store/index.js'
import { assertZone } from '../../src/time/index.js'
import type { DhlService } from './codes.js'
import { DHL_ID, dhlReadMemos, normalizeDhl } from './normalize.js'
import { type DhlQuery, trackDhl } from './track.js'

export {
  classifyDhlEvent,
  DHL_SERVICES,
  DHL_STATUS_CODES,
  DHL_TEXT_RULES,
  type DhlService,
  type DhlTextRule,
} from './codes.js'
export { dhlLocation } from './location.js'
export { normalizeDhl } from './normalize.js'
export { dhlEventSchema, dhlProblemSchema, dhlResponseSchema, dhlShipmentSchema } from './schema.js'

/** DHL's production host. DHL offers no external test environment (DHL developer support knowledge base). */
export const DHL_PRODUCTION_URL = 'https://api-eu.dhl.com'

/**
 * The limits of a new ("Starter") key: 250 calls a day, at most 1 per second; the daily quota resets at 00:00 GMT.
 * Source: developer.dhl.com rate-limit table and support-developer.dhl.com knowledge base.
 */
export const DHL_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1,
  burst: 1,
  perDay: 250,
  dailyResetHour: 0,
  dailyResetZone: 'UTC',
  maxBatch: 1,
})

export interface DhlOptions extends CarrierClientSettings {
  /**
   * The app's API key ("Consumer Key" on developer.dhl.com), sent as the `DHL-API-Key` header. Needed for
   * `track()` only; `normalize()` works without it. The CLI reads it from `WAYBILL_DHL_API_KEY`.
   * @example dhl({ apiKey: process.env.WAYBILL_DHL_API_KEY })
   */
  apiKey?: string
  /**
   * Where requests go; tests point it at a loopback server.
   * @default 'https://api-eu.dhl.com'
   */
  baseUrl?: string
  /**
   * The DHL division that should resolve the numbers. Without it DHL picks one and may answer for a different
   * shipment with the same number (the result then carries a warning).
   * @default undefined (DHL decides)
   * @example dhl({ apiKey, service: 'parcel-de' })
   */
  service?: DhlService
  /**
   * Language of the event texts (ISO 639-1). The text rules know English and German (and some Dutch).
   * @default 'en'
   */
  language?: string
  /** Country (ISO 3166-1 alpha-2) of the person asking; DHL uses it to pick the division. @default undefined */
  requesterCountryCode?: string
  /** Origin country, to disambiguate a number. @default undefined */
  originCountryCode?: string
  /** Recipient postal code; unlocks more detail for `parcel-de`. @default undefined */
  recipientPostalCode?: string
  /**
   * IANA zone for times without an offset at a place whose zone is unknown (marked `fallback` with a warning).
   * @default undefined (such a time is an error)
   * @example dhl({ defaultZone: 'Europe/Berlin' })
   */
  defaultZone?: string
  /**
   * Limits of your key. Raise them after DHL granted an upgrade.
   * @default DHL_DEFAULT_LIMITS (1 call/s, 250/day, reset 00:00 UTC)
   * @example dhl({ apiKey, limits: { requestsPerSecond: 2, perDay: 1000 } })
   */
  limits?: AdapterLimits
  /**
   * Where the daily quota count is kept across restarts.
   * @default not kept (counted in memory)
   * @example
   * const store = await pgliteStore({ dataDir: './var/waybill' })
   * dhl({ apiKey, quotaStore: store })
   */
  quotaStore?: Store
}

/** DHL's unified tracking API serves Express, Parcel Germany and eCommerce numbers. */
const DHL_CARRIERS = [dhlCarrier, dhlEcommerceCarrier]

/**
 * Confidence that a number is DHL's, from the shared DHL and DHL eCommerce carrier descriptors (Express waybills
 * and piece ids, Parcel DE SSCC/JJD/Identcode, eCommerce GM/JVGL/numeric, S10 ending in `DE`).
 */
function detectDhl(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, DHL_CARRIERS)
}

/**
 * Creates the DHL adapter.
 * @example
 * const adapter = dhl({ apiKey: process.env.WAYBILL_DHL_API_KEY })
 * const [payload] = await adapter.track!(['00340434161094015902'])
 * const { shipments, notFound } = adapter.normalize(payload)
 */
export function dhl(options: DhlOptions = {}): Adapter {
  assertZone(options.defaultZone, 'dhl({ defaultZone })')
  const limits: AdapterLimits = { ...DHL_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const query: DhlQuery = {
    language: options.language ?? 'en',
    ...(options.service ? { service: options.service } : {}),
    ...(options.requesterCountryCode ? { requesterCountryCode: options.requesterCountryCode } : {}),
    ...(options.originCountryCode ? { originCountryCode: options.originCountryCode } : {}),
    ...(options.recipientPostalCode ? { recipientPostalCode: options.recipientPostalCode } : {}),
  }
  // Places and event texts this adapter has read, kept for its own later payloads.
  const memos = dhlReadMemos()
  const client = createCarrierClient({
    carrier: DHL_ID,
    baseUrl: options.baseUrl ?? DHL_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    quotaStore: options.quotaStore,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey) throw new ConfigError('dhl: track() needs an apiKey (WAYBILL_DHL_API_KEY for the CLI)')
      return { auth: { header: 'DHL-API-Key', value: apiKey }, account: apiKey }
    },
  })
  return {
    id: DHL_ID,
    name: 'DHL Shipment Tracking – Unified',
    capabilities: { track: true, batch: 1 },
    limits,
    detect: detectDhl,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeDhl(payload, ctx, options.defaultZone ? { defaultZone: options.defaultZone } : {}, memos),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackDhl(client.get(ctx.http), numbers, query, ctx, options.apiKey ? [options.apiKey] : []),
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const DHL_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: '`DHL-API-Key` header',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'service-specific answers other than the corpus samples',
    '250 calls/day at 1/s on a new key',
  ],
})
