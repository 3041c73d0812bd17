/**
 * `waybill/adapters/17track`: the 17TRACK Tracking API v2.2 (REST, polling) and its webhook pushes, one account
 * for the thousands of carriers 17TRACK tracks. `track` registers the numbers (idempotent) and reads them with
 * `gettrackinfo`, authenticated by the `17token` header; `webhook` verifies the `sign` header
 * (`sha256(body + "/" + key)`) and parses the push; `normalize` turns either into shipments keyed on the
 * underlying carrier (`usps`, `laposte`, …, else `17track`). See README.md for the facts and their sources.
 */
import {
  type Adapter,
  type AdapterLimits,
  type AdapterWebhook,
  type NormalizeContext,
  parseJsonBody,
  type TrackContext,
} from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { assertZone } from '../../src/time/index.js'
import { track17Scheme } from '../../src/webhooks/index.js'
import { normalizeTrack17, TRACK17_ID } from './normalize.js'
import { TRACK17_MAX_BATCH, trackTrack17 } from './track.js'

export {
  TRACK17_CARRIER_KEYS,
  TRACK17_CARRIERS,
  TRACK17_STATUSES,
  TRACK17_SUB_STATUSES,
} from './codes.js'
export {
  normalizeTrack17,
  normalizeTrack17Item,
  TRACK17_ALREADY_REGISTERED,
  TRACK17_ID,
  track17CarrierId,
} from './normalize.js'
export {
  track17AcceptedSchema,
  track17AnswerSchema,
  track17EventSchema,
  track17PushSchema,
} from './schema.js'
export {
  splitTrack17Number,
  TRACK17_GETTRACKINFO_PATH,
  TRACK17_MAX_BATCH,
  TRACK17_REGISTER_PATH,
  type Track17Item,
  track17RefusalStatus,
  trackTrack17,
} from './track.js'

/** 17TRACK's API host (v2.2 docs, "Request URL": `https://api.17track.net/track/v2.2/<method>`). */
export const TRACK17_PRODUCTION_URL = 'https://api.17track.net'

/**
 * Three calls a second, forty numbers a call (v2.2 docs, "Request limits": 3 requests per second per key, at most
 * 40 numbers per request). The yearly/monthly quota is counted by 17TRACK per registered number, not per call: a
 * re-registration of a known number is refused with -18019901 and costs nothing, so `track()` registering every
 * time spends quota only on new numbers. Set `limits` to what your plan allows.
 */
export const TRACK17_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 3,
  burst: 3,
  maxBatch: TRACK17_MAX_BATCH,
})

/**
 * What this adapter is and how far it was checked, read by scripts/carrier-matrix.ts for the README's Carriers
 * matrix.
 */
export const TRACK17_MATURITY = Object.freeze({
  transport: ['REST', 'webhook'],
  auth: '17token header (security key)',
  push: 'webhook, sign header = SHA-256 of body + "/" + key',
  sandbox: [] as string[],
  documentationOnly: [
    'register and gettrackinfo request and answer shapes',
    'status and sub-status vocabulary',
    'error codes',
    'numeric carrier keys',
    'push shape and signature',
    '3 calls/s, 40 numbers a call',
  ],
})

/** Options of {@link track17}. */
export interface Track17Options extends CarrierClientSettings {
  /**
   * 17TRACK security key, sent as the `17token` header; also the key pushes are signed with. Needed for `track()`
   * only; the CLI reads `WAYBILL_17TRACK_API_KEY`.
   * @default undefined (webhooks and `normalize` only)
   * @example track17({ apiKey: process.env.WAYBILL_17TRACK_API_KEY })
   */
  apiKey?: string
  /**
   * Register each number before reading it (17TRACK only answers for registered numbers; re-registering is free).
   * Turn off when numbers are registered elsewhere, to save one call per batch.
   * @default true
   * @example track17({ apiKey, register: false })
   */
  register?: boolean
  /** Where requests go; tests point it at a loopback server. @default TRACK17_PRODUCTION_URL */
  baseUrl?: string
  /**
   * Limits of your plan.
   * @default TRACK17_DEFAULT_LIMITS (3 calls/s, 40 numbers a call)
   * @example track17({ apiKey, limits: { requestsPerSecond: 1 } })
   */
  limits?: AdapterLimits
  /**
   * IANA zone for event times without an offset at a place whose zone is unknown (marked `fallback`).
   * @default undefined (such an event is kept with an unknown zone and a warning)
   * @example track17({ defaultZone: 'Asia/Shanghai' })
   */
  defaultZone?: string
}

/** Raw bytes of a verified push → the parsed JSON. */
export function parseTrack17Delivery(rawBody: Uint8Array): unknown {
  return parseJsonBody(rawBody, '17TRACK webhook')
}

/** 17TRACK's webhook: the keyed-digest scheme and the JSON push (17TRACK sends no delivery id). */
export const track17Webhook: AdapterWebhook = {
  scheme: track17Scheme(),
  parse: parseTrack17Delivery,
}

/**
 * Creates the 17TRACK adapter (Tracking API v2.2 and its pushes).
 * @example
 * const adapter = track17({ apiKey: process.env.WAYBILL_17TRACK_API_KEY })
 * const answers = await adapter.track!(['9400111899223817583745'])
 * answers.flatMap((a) => adapter.normalize(a).shipments)[0]?.carrier // 'usps'
 * @example
 * createWebhookHandler({ sources: { '17track': track17() }, secrets: [process.env.WAYBILL_17TRACK_API_KEY!], onEvents })
 */
export function track17(options: Track17Options = {}): Adapter {
  assertZone(options.defaultZone, 'track17({ defaultZone })')
  if (options.apiKey !== undefined && !options.apiKey.trim())
    throw new ConfigError('track17({ apiKey }): the key is empty')
  if (options.register !== undefined && typeof options.register !== 'boolean')
    throw new ConfigError('track17({ register }): must be true or false')
  const limits: AdapterLimits = {
    ...TRACK17_DEFAULT_LIMITS,
    ...options.limits,
    maxBatch: Math.min(options.limits?.maxBatch ?? TRACK17_MAX_BATCH, TRACK17_MAX_BATCH),
  }
  const secrets = options.apiKey ? [options.apiKey] : []
  const client = createCarrierClient({
    carrier: TRACK17_ID,
    baseUrl: options.baseUrl ?? TRACK17_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('17track: track() needs an apiKey (WAYBILL_17TRACK_API_KEY for the CLI)')
      return { auth: { header: '17token', value: apiKey }, account: apiKey }
    },
  })
  return {
    id: TRACK17_ID,
    name: '17TRACK',
    capabilities: { track: true, batch: limits.maxBatch ?? TRACK17_MAX_BATCH, webhooks: true },
    limits,
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeTrack17(payload, {
        ...ctx,
        ...((ctx.defaultZone ?? options.defaultZone)
          ? { defaultZone: ctx.defaultZone ?? options.defaultZone }
          : {}),
      }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackTrack17(client.get(ctx.http), numbers, ctx, {
        ...(options.register !== undefined ? { register: options.register } : {}),
        secrets,
      }),
    webhook: track17Webhook,
  }
}
