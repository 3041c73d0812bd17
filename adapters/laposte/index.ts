/**
 * `waybill/adapters/laposte`: La Poste's Suivi v2 tracking API (REST, polling) for Courrier, Colissimo and
 * Chronopost items. `track` asks `GET /suivi/v2/idships/{ids}` for up to 10 numbers a call with the `X-Okapi-Key`
 * header and the answer language `lang`; `normalize` turns the answer (or the 207 array) into `laposte` shipments
 * and La Poste's per-number return codes into not-found entries. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient } from '../../src/http/index.js'
import { carrierConfidence, laPosteCarrier } from '../../src/identifiers/index.js'
import { assertZone } from '../../src/time/index.js'
import { LAPOSTE_ID, normalizeLaposte } from './normalize.js'
import { LAPOSTE_MAX_BATCH, trackLaposte } from './track.js'

export { LAPOSTE_EVENT_CODES } from './codes.js'
export { LAPOSTE_HOLDERS, LAPOSTE_ID, normalizeLaposte } from './normalize.js'
export { laposteAnswerSchema, laposteEventSchema, laposteShipmentSchema } from './schema.js'
export { LAPOSTE_MAX_BATCH, LAPOSTE_TRACK_PATH, trackLaposte } from './track.js'

/** Production host (Suivi v2 OpenAPI, `servers`: `https://api.laposte.fr/suivi/v2`). */
export const LAPOSTE_PRODUCTION_URL = 'https://api.laposte.fr'

/** Answer languages the API offers (Suivi v2 OpenAPI, `lang` query parameter). */
export const LAPOSTE_LANGS = ['fr_FR', 'en_GB', 'de_DE', 'es_ES', 'it_IT', 'nl_NL'] as const

export type LaposteLang = (typeof LAPOSTE_LANGS)[number]

/**
 * Ten calls a second, ten numbers a call: the rate La Poste's developer portal publishes for the Suivi plan
 * (developer.laposte.fr, catalogue Suivi v2) and the `idship` limit of the OpenAPI. Set `limits` to what your
 * subscription was given.
 */
export const LAPOSTE_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 10,
  burst: 10,
  maxBatch: LAPOSTE_MAX_BATCH,
})

/**
 * What this adapter is and how far it was checked, read by scripts/carrier-matrix.ts for the README's Carriers
 * matrix.
 */
export const LAPOSTE_MATURITY = Object.freeze({
  transport: ['REST'],
  auth: 'X-Okapi-Key header',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'idships request and answer shapes (200, 207, 404)',
    'returnCode values',
    'event codes',
    '10 calls/s, 10 numbers a call',
  ],
})

/** Options of {@link laposte}. */
export interface LaposteOptions extends CarrierClientSettings {
  /**
   * Okapi key of the application subscribed to Suivi v2, sent as `X-Okapi-Key`. Needed for `track()` only; the CLI
   * reads `WAYBILL_LAPOSTE_API_KEY`.
   * @default undefined (normalize only)
   * @example laposte({ apiKey: process.env.WAYBILL_LAPOSTE_API_KEY })
   */
  apiKey?: string
  /**
   * Language of the event labels La Poste answers with; the CLI reads `WAYBILL_LAPOSTE_LANG`.
   * @default 'fr_FR'
   * @example laposte({ apiKey, lang: 'en_GB' })
   */
  lang?: LaposteLang
  /** Where requests go; tests point it at a loopback server. @default LAPOSTE_PRODUCTION_URL */
  baseUrl?: string
  /**
   * Limits of your subscription.
   * @default LAPOSTE_DEFAULT_LIMITS (10 calls/s, 10 numbers a call)
   * @example laposte({ apiKey, limits: { requestsPerSecond: 2 } })
   */
  limits?: AdapterLimits
  /**
   * IANA zone for event dates without an offset on an international item (marked `fallback`).
   * @default undefined (such an event is kept with an unknown zone and a warning)
   * @example laposte({ defaultZone: 'Europe/Paris' })
   */
  defaultZone?: string
}

/**
 * Creates the La Poste adapter.
 * @example
 * const adapter = laposte({ apiKey: process.env.WAYBILL_LAPOSTE_API_KEY, lang: 'en_GB' })
 * const [answer] = await adapter.track!(['6A12345678905'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function laposte(options: LaposteOptions = {}): Adapter {
  assertZone(options.defaultZone, 'laposte({ defaultZone })')
  if (options.apiKey !== undefined && !options.apiKey.trim())
    throw new ConfigError('laposte({ apiKey }): the key is empty')
  if (options.lang !== undefined && !(LAPOSTE_LANGS as readonly string[]).includes(options.lang))
    throw new ConfigError(`laposte({ lang }): "${options.lang}" is not one of ${LAPOSTE_LANGS.join(', ')}`)
  const lang = options.lang ?? 'fr_FR'
  const limits: AdapterLimits = {
    ...LAPOSTE_DEFAULT_LIMITS,
    ...options.limits,
    maxBatch: Math.min(options.limits?.maxBatch ?? LAPOSTE_MAX_BATCH, LAPOSTE_MAX_BATCH),
  }
  const secrets = options.apiKey ? [options.apiKey] : []
  const client = createCarrierClient({
    carrier: LAPOSTE_ID,
    baseUrl: options.baseUrl ?? LAPOSTE_PRODUCTION_URL,
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => {
      const apiKey = options.apiKey?.trim()
      if (!apiKey)
        throw new ConfigError('laposte: track() needs an apiKey (WAYBILL_LAPOSTE_API_KEY for the CLI)')
      return { auth: { header: 'X-Okapi-Key', value: apiKey }, account: apiKey }
    },
  })
  return {
    id: LAPOSTE_ID,
    name: 'La Poste / Colissimo',
    capabilities: { track: true, batch: limits.maxBatch ?? LAPOSTE_MAX_BATCH },
    limits,
    detect: (n: string) => carrierConfidence(n, [laPosteCarrier]),
    normalize: (payload: unknown, ctx: NormalizeContext = {}) =>
      normalizeLaposte(payload, {
        ...ctx,
        ...((ctx.defaultZone ?? options.defaultZone)
          ? { defaultZone: ctx.defaultZone ?? options.defaultZone }
          : {}),
      }),
    track: async (numbers: string[], ctx: TrackContext = {}) =>
      trackLaposte(client.get(ctx.http), numbers, lang, ctx, secrets),
  }
}
