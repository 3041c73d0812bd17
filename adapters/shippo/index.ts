/**
 * `waybill/adapters/shippo`: Shippo Tracks (`https://api.goshippo.com/tracks/{carrier}/{number}`), one account for
 * the many carriers Shippo tracks. `normalize` maps Shippo's status and substatus to the canonical model and keys
 * the shipment on the underlying carrier (`usps`, `ups`, `fedex`, `dhl`, `royalmail`, `laposte`, `dpd`, `canadapost`,
 * `auspost`, else Shippo's token); `track` fetches with
 * `Authorization: ShippoToken <key>`. See README.md.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizeShippo, SHIPPO_ID } from './normalize.js'
import { trackShippo } from './track.js'

export { SHIPPO_CARRIERS, SHIPPO_STATUSES, SHIPPO_SUBSTATUSES } from './codes.js'
export { normalizeShippo, SHIPPO_ID, shippoCarrierId } from './normalize.js'
export { shippoTrackingStatusSchema, shippoTrackSchema } from './schema.js'
export { splitShippoNumber } from './track.js'

/** Shippo's API host (test and live keys use the same host). */
export const SHIPPO_PRODUCTION_URL = 'https://api.goshippo.com'

/**
 * Conservative defaults: one call a second. Shippo applies per-endpoint limits that differ for test and live
 * tokens; set `limits` to the ones on your account.
 */
export const SHIPPO_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1,
  burst: 1,
  maxBatch: 1,
})

export interface ShippoOptions extends CarrierClientSettings {
  /**
   * Shippo API token (`shippo_live_…` or `shippo_test_…`), sent as `Authorization: ShippoToken <token>`. Needed for
   * `track()` only. The CLI reads it from `WAYBILL_SHIPPO_API_KEY`.
   * @example shippo({ apiKey: process.env.WAYBILL_SHIPPO_API_KEY, carrier: 'usps' })
   */
  apiKey?: string
  /**
   * Shippo carrier token used for numbers given without one (`track(['9205…'])`); numbers may name their own
   * (`track(['ups:1Z…'])`).
   * @default undefined (each number must name its carrier)
   * @example shippo({ apiKey, carrier: 'usps' })
   */
  carrier?: string
  /** Where requests go; tests point it at a loopback server. @default 'https://api.goshippo.com' */
  baseUrl?: string
  /**
   * IANA zone for times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such a time is kept without a zone, with a warning)
   */
  defaultZone?: string
  /** Limits of your token. @default SHIPPO_DEFAULT_LIMITS (1 call/s) @example shippo({ apiKey, limits: { requestsPerSecond: 5 } }) */
  limits?: AdapterLimits
}

/**
 * Creates the Shippo Tracks adapter.
 * @example
 * const adapter = shippo({ apiKey: process.env.WAYBILL_SHIPPO_API_KEY })
 * const [payload] = await adapter.track!(['usps:9205590164917312751089'])
 * const { shipments } = adapter.normalize(payload) // shipments[0].carrier === 'usps'
 */
export function shippo(options: ShippoOptions = {}): Adapter {
  assertZone(options.defaultZone, 'shippo({ defaultZone })')
  const limits: AdapterLimits = { ...SHIPPO_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const client = createCarrierClient({
    carrier: SHIPPO_ID,
    baseUrl: options.baseUrl ?? SHIPPO_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('shippo: track() needs an apiKey (WAYBILL_SHIPPO_API_KEY for the CLI)')
      return { auth: { header: 'Authorization', value: `ShippoToken ${apiKey}` }, account: apiKey }
    },
  })
  return {
    id: SHIPPO_ID,
    name: 'Shippo Tracks',
    capabilities: { track: true, batch: 1 },
    limits,
    normalize: (payload: unknown, ctx?: NormalizeContext) =>
      normalizeShippo(payload, ctx, options.defaultZone),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackShippo(
        client.get(ctx.http),
        numbers,
        options.carrier,
        ctx,
        options.apiKey ? [options.apiKey] : [],
      ),
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const SHIPPO_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: '`Authorization: ShippoToken <token>`',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: ['Tracks answer shape', 'carrier tokens', 'rate limits'],
})
