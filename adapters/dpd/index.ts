/**
 * `waybill/adapters/dpd`: DPD's Web Services (DPD Deutschland's public SOAP services, also used by other DPD
 * group countries on the same platform): `LoginService.getAuth` for a day-long token, then
 * `ParcelLifeCycleService.getTrackingData`, one parcel a call. `normalize` turns the XML answer into one `dpd`
 * shipment from the life-cycle steps DPD marks as reached. See README.md for facts and sources.
 */
import type { Adapter, AdapterLimits, NormalizeContext, TrackContext } from '../../src/adapter/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type CarrierClientSettings, createCarrierClient, type HttpClient } from '../../src/http/index.js'
import { carrierConfidence, dpdCarrier } from '../../src/identifiers/index.js'
import { assertZone } from '../../src/time/index.js'
import { DPD_HOME_ZONE, DPD_ID, normalizeDpd } from './normalize.js'
import { DpdSession, trackDpd } from './track.js'

export { DPD_STATUSES } from './codes.js'
export { DPD_HOME_ZONE, DPD_ID, dpdContent, dpdDate, dpdPlace, normalizeDpd } from './normalize.js'
export {
  DPD_LOGIN_PATH,
  DPD_TRACKING_PATH,
  DpdSession,
  dpdFault,
  dpdLoginEnvelope,
  dpdTrackingEnvelope,
  trackDpd,
} from './track.js'

/** Live host of DPD Web Services (esolutions.dpd.com, "Endpoints": public-ws.dpd.com). */
export const DPD_PRODUCTION_URL = 'https://public-ws.dpd.com'

/** Test host of DPD Web Services (esolutions.dpd.com, "Endpoints": public-ws-stage.dpd.com). */
export const DPD_SANDBOX_URL = 'https://public-ws-stage.dpd.com'

/**
 * DPD publishes no call rate for its Web Services; two calls a second keeps a poller polite and the token
 * shared. One parcel a call (`getTrackingData` takes one `parcelLabelNumber`). Set `limits` to what DPD agreed.
 */
export const DPD_DEFAULT_LIMITS: Readonly<AdapterLimits> = Object.freeze({
  requestsPerSecond: 2,
  burst: 2,
  maxBatch: 1,
})

/**
 * What this adapter is and how far it was checked, read by scripts/carrier-matrix.ts for the README's Carriers
 * matrix.
 */
export const DPD_MATURITY = Object.freeze({
  transport: ['SOAP'],
  auth: 'LoginService getAuth (delisId, password) → authToken in the SOAP header',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'getAuth and getTrackingData envelopes and answers',
    'StatusInfo.status enumeration',
    'authentication faults',
    'date texts per language',
  ],
})

/** Options of {@link dpd}. */
export interface DpdOptions extends CarrierClientSettings {
  /**
   * DPD Web Services user (DELIS id). Needed for `track()` only; the CLI reads `WAYBILL_DPD_DELIS_ID`.
   * @default undefined (normalize only)
   * @example dpd({ delisId: 'sandboxdpd', password: process.env.WAYBILL_DPD_PASSWORD })
   */
  delisId?: string
  /** DPD Web Services password; the CLI reads `WAYBILL_DPD_PASSWORD`. @default undefined */
  password?: string
  /**
   * Language of DPD's step texts and dates (`de_DE`, `en_US`, …); dates are read in both the dotted and the US
   * form. The CLI reads `WAYBILL_DPD_LANGUAGE`.
   * @default 'de_DE'
   * @example dpd({ delisId, password, messageLanguage: 'en_US' })
   */
  messageLanguage?: string
  /** `production` or `sandbox` (DPD's stage host); ignored when `baseUrl` is given. @default 'production' */
  environment?: 'production' | 'sandbox'
  /** Where requests go; tests point it at a loopback server. @default DPD_PRODUCTION_URL */
  baseUrl?: string
  /** Limits agreed with DPD. @default DPD_DEFAULT_LIMITS (2 calls/s, one parcel a call) @example { requestsPerSecond: 5 } */
  limits?: AdapterLimits
  /**
   * IANA zone for step dates whose place names no country (marked `fallback`).
   * @default DPD_HOME_ZONE ('Europe/Berlin', the zone of DPD Deutschland's services)
   * @example dpd({ homeZone: 'Europe/Warsaw' }) // DPD Polska
   */
  homeZone?: string
}

/**
 * Creates the DPD adapter.
 * @example
 * const adapter = dpd({ delisId: process.env.WAYBILL_DPD_DELIS_ID, password: process.env.WAYBILL_DPD_PASSWORD })
 * const [answer] = await adapter.track!(['01234567890123'])
 * adapter.normalize(answer).shipments[0]?.status
 */
export function dpd(options: DpdOptions = {}): Adapter {
  assertZone(options.homeZone, 'dpd({ homeZone })')
  if (options.environment !== undefined && !['production', 'sandbox'].includes(options.environment))
    throw new ConfigError(`dpd({ environment }): "${options.environment}" is not "production" or "sandbox"`)
  if (options.messageLanguage !== undefined && !/^[a-z]{2}_[A-Z]{2}$/.test(options.messageLanguage))
    throw new ConfigError(
      `dpd({ messageLanguage }): "${options.messageLanguage}" is not a language like de_DE`,
    )
  if ((options.delisId === undefined) !== (options.password === undefined))
    throw new ConfigError('dpd({ delisId, password }): give both or neither')
  if (options.delisId !== undefined && !options.delisId.trim())
    throw new ConfigError('dpd({ delisId }): empty')
  const homeZone = options.homeZone ?? DPD_HOME_ZONE
  const messageLanguage = options.messageLanguage ?? 'de_DE'
  const limits: AdapterLimits = { ...DPD_DEFAULT_LIMITS, ...options.limits, maxBatch: 1 }
  const secrets = options.password ? [options.password] : []
  const credentials = () => {
    const delisId = options.delisId?.trim()
    if (!delisId || !options.password)
      throw new ConfigError(
        'dpd: track() needs delisId and password (WAYBILL_DPD_DELIS_ID, WAYBILL_DPD_PASSWORD for the CLI)',
      )
    return { delisId, password: options.password }
  }
  // DPD's login token travels in the SOAP header of each body, so the client adds no HTTP auth of its own.
  const client = createCarrierClient({
    carrier: DPD_ID,
    baseUrl: options.baseUrl ?? (options.environment === 'sandbox' ? DPD_SANDBOX_URL : DPD_PRODUCTION_URL),
    limits,
    http: options.http,
    transport: options.transport,
    retry: options.retry,
    credentials: () => ({ auth: { none: true }, account: credentials().delisId }),
  })
  // One login per HTTP client this adapter talks through (its own, or one passed as ctx.http).
  const sessions = new WeakMap<HttpClient, DpdSession>()
  const sessionFor = (through: HttpClient) => {
    let session = sessions.get(through)
    if (!session) {
      session = new DpdSession({ http: through, ...credentials(), messageLanguage })
      sessions.set(through, session)
    }
    return session
  }
  return {
    id: DPD_ID,
    name: 'DPD',
    capabilities: { track: true, batch: 1 },
    limits,
    detect: (n: string) => carrierConfidence(n, [dpdCarrier]),
    normalize: (payload: unknown, ctx: NormalizeContext = {}) => normalizeDpd(payload, ctx, homeZone),
    track: async (numbers: string[], ctx: TrackContext = {}) => {
      const through = client.get(ctx.http)
      return trackDpd(
        through,
        sessionFor(through),
        numbers,
        { delisId: credentials().delisId, messageLanguage },
        ctx,
        secrets,
      )
    },
  }
}
