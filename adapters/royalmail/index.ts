/**
 * `waybill/adapters/royalmail`: the Royal Mail Tracking API v2 (REST, polling). `track` asks
 * `GET /mailpieces/v2/{mailPieceId}/events` for one number a call with the IBM API Connect client id and secret
 * (`X-IBM-Client-Id`, `X-IBM-Client-Secret`) and `X-Accept-RMG-Terms: yes`; `normalize` turns the answer into one
 * `royalmail` shipment, an unknown number into a not-found entry. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, royalMailCarrier } from '../../src/identifiers/index.js'
import { assertZone } from '../../src/time/index.js'
import { normalizeRoyalmail, ROYALMAIL_HOME_ZONE, ROYALMAIL_ID } from './normalize.js'
import { trackRoyalmail } from './track.js'

export { ROYALMAIL_EVENT_CODES } from './codes.js'
export { normalizeRoyalmail, ROYALMAIL_HOME_ZONE, ROYALMAIL_ID, statesOffset } from './normalize.js'
export { royalmailEventSchema, royalmailEventsAnswerSchema, royalmailNotFoundSchema } from './schema.js'
export { royalmailEventsPath, trackRoyalmail } from './track.js'

/** Production gateway (developer.royalmail.net, Tracking API v2: `https://api.royalmail.net/mailpieces/v2/...`). */
export const ROYALMAIL_PRODUCTION_URL = 'https://api.royalmail.net'

/**
 * One call a second, one number a call. Royal Mail sells Tracking API v2 in plans whose quotas come with the
 * subscription (the Assessment plan allows 50 calls a day: developer.royalmail.net, "Royal Mail Tracking for
 * Server-side App (Operational) V2"); set `limits` to your plan's.
 */
export const ROYALMAIL_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1,
  burst: 1,
  maxBatch: 1,
})

/** The Assessment plan's quota (50 calls a day), for accounts still on it: `royalmail({ limits: ROYALMAIL_ASSESSMENT_LIMITS })`. */
export const ROYALMAIL_ASSESSMENT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 1,
  burst: 1,
  perDay: 50,
  maxBatch: 1,
})

/** What this adapter is and how far it was checked (read by scripts/carrier-matrix.ts). */
export const ROYALMAIL_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'IBM API Connect client id + secret (X-IBM-Client-Id, X-IBM-Client-Secret) + X-Accept-RMG-Terms',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'events request and answer shapes',
    'event code list',
    'E1142 not found (404)',
    'plan quotas',
    'x-global-transaction-id as request id',
  ],
})

/** Options of {@link royalmail}. */
export interface RoyalmailOptions extends CarrierClientSettings {
  /**
   * Client id of your developer.royalmail.net app (`X-IBM-Client-Id`). Needed for `track()` only; the CLI reads
   * `WAYBILL_ROYALMAIL_CLIENT_ID`.
   * @default undefined (normalize only)
   * @example royalmail({ clientId: process.env.WAYBILL_ROYALMAIL_CLIENT_ID, clientSecret: process.env.WAYBILL_ROYALMAIL_CLIENT_SECRET })
   */
  clientId?: string
  /** Client secret of that app (`X-IBM-Client-Secret`); the CLI reads `WAYBILL_ROYALMAIL_CLIENT_SECRET`. @default undefined */
  clientSecret?: string
  /** Where requests go; tests point it at a loopback server. @default ROYALMAIL_PRODUCTION_URL */
  baseUrl?: string
  /** Limits of your plan. @default ROYALMAIL_DEFAULT_LIMITS @example { requestsPerSecond: 5, burst: 5 } */
  limits?: AdapterLimits
  /**
   * IANA zone of event times Royal Mail writes without an offset.
   * @default ROYALMAIL_HOME_ZONE ('Europe/London')
   * @example royalmail({ homeZone: 'Europe/London' })
   */
  homeZone?: string
}

/** How well a number looks like a Royal Mail or Parcelforce number (0–1), from the carrier descriptor. */
export function detectRoyalmail(trackingNumber: string): number {
  return carrierConfidence(trackingNumber, [royalMailCarrier])
}

/**
 * Creates the Royal Mail adapter.
 * @example
 * const adapter = royalmail({ clientId, clientSecret })
 * const [answer] = await adapter.track!(['FQ087430672GB'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function royalmail(options: RoyalmailOptions = {}): Adapter {
  assertZone(options.homeZone, 'royalmail({ homeZone })')
  if (options.clientId !== undefined && !options.clientId.trim())
    throw new ConfigError('royalmail({ clientId }): the client id is empty')
  if (options.clientSecret !== undefined && !options.clientSecret.trim())
    throw new ConfigError('royalmail({ clientSecret }): the client secret is empty')
  const limits: AdapterLimits = { ...ROYALMAIL_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const secrets = [options.clientSecret].filter((s): s is string => Boolean(s))
  const clientId = options.clientId?.trim()
  const client = createCarrierClient({
    carrier: ROYALMAIL_ID,
    baseUrl: options.baseUrl ?? ROYALMAIL_PRODUCTION_URL,
    limits,
    headers: {
      ...(clientId ? { 'x-ibm-client-id': clientId } : {}),
      'x-accept-rmg-terms': 'yes',
      accept: 'application/json',
    },
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const clientSecret = options.clientSecret?.trim()
      if (!clientId || !clientSecret)
        throw new ConfigError(
          'royalmail: track() needs clientId and clientSecret (WAYBILL_ROYALMAIL_CLIENT_ID, WAYBILL_ROYALMAIL_CLIENT_SECRET for the CLI)',
        )
      return { auth: { header: 'x-ibm-client-secret', value: clientSecret }, account: clientId }
    },
  })
  const homeZone = options.homeZone ?? ROYALMAIL_HOME_ZONE
  return {
    id: ROYALMAIL_ID,
    name: 'Royal Mail',
    capabilities: { track: true, batch: 1 },
    limits,
    detect: detectRoyalmail,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeRoyalmail(payload, ctx, { homeZone }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackRoyalmail(client.get(ctx.http), numbers, ctx, secrets),
  }
}
