/**
 * `createCarrierClient`: the one set-up of a REST adapter's own HTTP client. Every carrier adapter needs the same
 * thing: a base URL, its limits as a rate limiter keyed per credential, an auth header or an OAuth2 token, the
 * caller's transport, retry policy and quota store, and a client built only when `track()` first needs it (so
 * `normalize` works without credentials). The adapter says what differs (its id, its URL, how its credentials
 * become auth); this builds the client once and hands it out.
 */
import { createHash } from 'node:crypto'
import type { Dispatcher } from 'undici'
import { ConfigError } from '../errors/index.js'
import type { Store } from '../store/index.js'
import { createHttpClient } from './client.js'
import { type OAuth2ClientCredentialsOptions, oauth2ClientCredentials } from './oauth.js'
import type {
  HttpClient,
  RateLimitOptions,
  RequestInfo,
  ResponseInfo,
  RetryOptions,
  TokenProvider,
  Transport,
} from './types.js'

/**
 * How a credential is sent: a static header (`DHL-API-Key`, `as-api-key`), HTTP Basic, an OAuth2
 * client-credentials token (sent as `Authorization: Bearer …`, fetched through the adapter's client), or
 * `{ none: true }`: no HTTP auth, because the adapter carries its credential inside each request itself (DPD's
 * SOAP login token goes in the SOAP header of the body). The account still keys the limiter.
 */
export type CarrierAuth =
  | { header: string; value: string }
  | { basic: { user: string; password: string } }
  | { oauth2: Omit<OAuth2ClientCredentialsOptions, 'transport' | 'http' | 'clock'> }
  | { none: true }

/** What {@link CarrierClientOptions.credentials} returns once the credentials are known to be there. */
export interface CarrierCredentials {
  auth: CarrierAuth
  /**
   * What identifies the credential (an API key, a client id, a user name). Only its SHA-256 goes into the
   * limiter key, so two credentials get two budgets and the key never names the credential.
   */
  account: string
  /**
   * The limiter key (it also names the daily quota count in a `quotaStore`).
   * @default `${carrier}:${first 12 hex digits of sha256(account)}`
   * @example `ups:${clientId}` (the key UPS's stored quota counts were written under)
   */
  rateLimitKey?: string
}

/** The limits the client enforces; an adapter's `AdapterLimits` fits as it is. */
export type CarrierRateLimits = Partial<
  Pick<RateLimitOptions, 'requestsPerSecond' | 'burst' | 'perDay' | 'dailyResetHour' | 'dailyResetZone'>
>

/** Options of {@link createCarrierClient}. */
export interface CarrierClientOptions {
  /** The adapter id (`dhl`): the first part of the limiter key. */
  carrier: string
  /** Where requests go, e.g. `https://api-eu.dhl.com`; track paths are relative to it. */
  baseUrl: string | URL
  /**
   * Reads the adapter's credentials when the client is first needed; throws a `ConfigError` that names the
   * missing option (and its environment variable) when they are absent. Not called when `http` is given.
   * @example () => { if (!apiKey) throw new ConfigError('dhl: track() needs an apiKey'); return { auth: { header: 'DHL-API-Key', value: apiKey }, account: apiKey } }
   */
  credentials: () => CarrierCredentials
  /**
   * Limits of the credential; no limiter when `requestsPerSecond` is missing or 0.
   * @default no limiter
   * @example { requestsPerSecond: 1, burst: 1, perDay: 250, dailyResetHour: 0, dailyResetZone: 'UTC' }
   */
  limits?: CarrierRateLimits
  /**
   * Headers sent with every request of the built client besides the auth one (which wins on a clash).
   * @default none
   * @example { accept: 'application/json', 'x-accept-rmg-terms': 'yes' }
   */
  headers?: Readonly<Record<string, string>>
  /**
   * A ready client (with its own auth and limits), handed out as it is.
   * @default one built from these options on first use
   */
  http?: HttpClient
  /**
   * Transport of the built client and of its token requests.
   * @default undiciTransport({ dispatcher })
   */
  transport?: Transport
  /**
   * An undici `Dispatcher` (Agent, Pool, MockAgent) for the default transport; ignored when `transport` is set.
   * @default undici's global dispatcher
   */
  dispatcher?: Dispatcher
  /**
   * Retry policy of the built client.
   * @default DEFAULT_RETRY
   */
  retry?: RetryOptions | false
  /**
   * Where the daily quota count is kept across restarts.
   * @default not kept (counted in memory)
   */
  quotaStore?: Store
  /**
   * The `user-agent` header.
   * @default 'waybill'
   */
  userAgent?: string
  /**
   * Called before each attempt, headers redacted.
   * @default none
   */
  onRequest?: (info: RequestInfo) => void
  /**
   * Called after each attempt, headers redacted.
   * @default none
   */
  onResponse?: (info: ResponseInfo) => void
}

/**
 * The client options every REST adapter takes beside its own (its options interface extends this), passed on to
 * {@link createCarrierClient} as they are.
 * @example export interface AcmeOptions extends CarrierClientSettings { apiKey?: string }
 */
export interface CarrierClientSettings {
  /**
   * A ready HTTP client, used as it is with its own auth and limits: the adapter builds none.
   * @default one built from the adapter's options on the first `track()`
   */
  http?: HttpClient
  /**
   * Transport of the built client and of its token requests (an undici `MockAgent` in tests, `fetchTransport()`
   * where undici does not run).
   * @default undiciTransport()
   */
  transport?: Transport
  /**
   * Retry policy of the built client (a POST is retried only where the policy allows it).
   * @default DEFAULT_RETRY of waybill/http
   */
  retry?: RetryOptions | false
}

/** An adapter's client, built on first use. */
export interface CarrierClient {
  /**
   * The client to send with: `override` (a caller's `ctx.http`) when given, else the ready `http` option, else
   * the adapter's own client, built on the first call. Throws what `credentials` throws.
   */
  get(override?: HttpClient): HttpClient
}

/**
 * Sets up a REST adapter's own HTTP client (auth, limiter per credential, transport, retry, quota store), built
 * lazily so that an adapter without credentials still normalizes.
 * @example
 * const client = createCarrierClient({
 *   carrier: 'dhl',
 *   baseUrl: options.baseUrl ?? 'https://api-eu.dhl.com',
 *   limits: { requestsPerSecond: 1, burst: 1, perDay: 250 },
 *   transport: options.transport,
 *   credentials: () => {
 *     const apiKey = options.apiKey?.trim()
 *     if (!apiKey) throw new ConfigError('dhl: track() needs an apiKey (WAYBILL_DHL_API_KEY for the CLI)')
 *     return { auth: { header: 'DHL-API-Key', value: apiKey }, account: apiKey }
 *   },
 * })
 * // in track(numbers, ctx): const http = client.get(ctx.http)
 */
export function createCarrierClient(options: CarrierClientOptions): CarrierClient {
  checkCarrierClientOptions(options)
  let built: HttpClient | undefined = options.http
  return {
    get(override) {
      if (override) return override
      built ??= buildCarrierClient(options)
      return built
    },
  }
}

/** The options that do not depend on credentials, checked when the adapter is created rather than at its first call. */
function checkCarrierClientOptions(options: CarrierClientOptions): void {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(options.carrier))
    throw new ConfigError(
      `createCarrierClient({ carrier }): "${options.carrier}" is not an adapter id like "dhl"`,
    )
  if (options.http) return
  let url: URL
  try {
    url = new URL(options.baseUrl)
  } catch (cause) {
    throw new ConfigError(
      `${options.carrier}({ baseUrl }): "${String(options.baseUrl).slice(0, 200)}" is not a URL`,
      {
        cause,
      },
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`${options.carrier}({ baseUrl }): "${url.protocol}" is not http: or https:`)
}

function buildCarrierClient(options: CarrierClientOptions): HttpClient {
  const { auth, account, rateLimitKey } = options.credentials()
  const limiter = limiterOptions(options.limits)
  const httpAuth = authOf(auth, options.transport)
  return createHttpClient({
    baseUrl: options.baseUrl,
    ...(httpAuth ? { auth: httpAuth } : {}),
    ...(options.headers ? { headers: { ...options.headers } } : {}),
    rateLimitKey: rateLimitKey ?? `${options.carrier}:${accountDigest(account)}`,
    ...(limiter ? { limiter } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.quotaStore ? { quotaStore: options.quotaStore } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  })
}

/** The first 12 hex digits of the account's SHA-256: a stable key part that does not reveal the credential. */
function accountDigest(account: string): string {
  return createHash('sha256').update(account).digest('hex').slice(0, 12)
}

/** Limiter options from an adapter's limits; none without a positive rate. */
function limiterOptions(limits: CarrierRateLimits | undefined): RateLimitOptions | undefined {
  if (!limits?.requestsPerSecond) return undefined
  return {
    requestsPerSecond: limits.requestsPerSecond,
    burst: limits.burst ?? 1,
    ...(limits.perDay ? { perDay: limits.perDay } : {}),
    ...(limits.dailyResetHour !== undefined ? { dailyResetHour: limits.dailyResetHour } : {}),
    ...(limits.dailyResetZone ? { dailyResetZone: limits.dailyResetZone } : {}),
  }
}

function authOf(
  auth: CarrierAuth,
  transport: Transport | undefined,
): TokenProvider | { header: string; value: string } | undefined {
  if ('none' in auth) return undefined
  if ('header' in auth) return auth
  if ('basic' in auth) {
    const { user, password } = auth.basic
    return {
      header: 'authorization',
      value: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    }
  }
  return oauth2ClientCredentials({ ...auth.oauth2, ...(transport ? { transport } : {}) })
}
