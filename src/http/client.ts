/**
 * `createHttpClient`: the one HTTP client every REST adapter uses. Adds base URL, query, JSON/form bodies,
 * auth (a static header or a bearer `TokenProvider` with one retry after a 401), rate limiting per credential,
 * retries, timeouts, a response-size cap and redacted logging hooks on top of a `Transport`.
 *
 * The token request of a `TokenProvider` runs through this client too (its transport, hooks and attempt
 * timeout, no retries of its own), and every credential the client knows (the static header, the bearer token,
 * the provider's client secret) is scrubbed from error responses before they reach errors or callers.
 *
 * This file holds the options and the client; one request runs as a `ClientRequest` (client-request.ts) and
 * each attempt's send is in client-send.ts.
 */
import type { Dispatcher } from 'undici'
import type { Store } from '../store/index.js'
import { ClientRequest, type ClientSettings, toUrl } from './client-request.js'
import { systemClock } from './clock.js'
import { createRateLimiter, type RateLimiter } from './limiter.js'
import { undiciTransport } from './transport.js'
import type {
  Clock,
  HttpClient,
  HttpRequest,
  HttpResponse,
  RateLimitOptions,
  RequestInfo,
  ResponseInfo,
  RetryOptions,
  TokenProvider,
  Transport,
} from './types.js'

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** @default undiciTransport({ dispatcher }) */
  transport?: Transport
  /** An undici `Dispatcher` (Agent, Pool, MockAgent) for the default transport. Ignored when `transport` is set. */
  dispatcher?: Dispatcher
  /** Base for relative request URLs, e.g. `https://api-eu.dhl.com`. */
  baseUrl?: string | URL
  /** Sent with every request (request headers win). */
  headers?: Record<string, string>
  /** @default DEFAULT_RETRY (2 retries of 408/429/5xx and network errors, safe methods only) */
  retry?: RetryOptions | false
  /** A shared limiter, or limits for a private one. @default no limit */
  limiter?: RateLimiter | RateLimitOptions
  /** The limiter key, one per credential. @default the origin of `baseUrl`, else 'default' */
  rateLimitKey?: string
  /**
   * Where the private limiter (built from `limiter` options) keeps its daily quota count across restarts; see
   * `CreateRateLimiterOptions.quotaStore`. Not used when `limiter` is a ready `RateLimiter`.
   * @default not kept (counted in memory)
   * @example createHttpClient({ limiter: { requestsPerSecond: 1, perDay: 250 }, quotaStore: store })
   */
  quotaStore?: Store
  /** A bearer `TokenProvider` (e.g. {@link oauth2ClientCredentials}) or a static header such as `DHL-API-Key`. */
  auth?: TokenProvider | { header: string; value: string }
  /** Called before each attempt; headers are redacted. Errors thrown here are ignored. */
  onRequest?: (info: RequestInfo) => void
  /** Called after each attempt (also failed ones, with `error`); headers are redacted. */
  onResponse?: (info: ResponseInfo) => void
  /** @default 'waybill' */
  userAgent?: string
  /** @default 10 MiB */
  maxResponseBytes?: number
  /**
   * Whole-attempt timeout: getting a bearer token (when one must be fetched) and the request share it, so a
   * hanging token endpoint fails the attempt after `timeoutMs` and the attempt is retried under `retry` like
   * any other timeout. Waiting for a rate-limit slot is not counted.
   * @default 30_000
   * @example createHttpClient({ auth, timeoutMs: 5_000, retry: { limit: 1 } }) // at most about 10 s
   */
  timeoutMs?: number
  /** Pause of the limiter key after a 429 without `Retry-After`. @default 1000 */
  defaultPenaltyMs?: number
  clock?: Clock
  /** Source of jitter. @default Math.random */
  random?: () => number
}

/**
 * Creates the client adapters use as `ctx.http`.
 * @example
 * const http = createHttpClient({
 *   baseUrl: 'https://api-eu.dhl.com',
 *   auth: { header: 'DHL-API-Key', value: process.env.DHL_KEY! },
 *   limiter: { requestsPerSecond: 1, perDay: 250 },
 *   rateLimitKey: 'dhl:default',
 * })
 * const res = await http.request<{ shipments: unknown[] }>({ url: '/track/shipments', query: { trackingNumber } })
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient & { close(): Promise<void> } {
  return new WaybillHttpClient(options)
}

/** The client: its options resolved once into {@link ClientSettings}; each request runs as a `ClientRequest`. */
class WaybillHttpClient implements HttpClient {
  private readonly settings: ClientSettings
  /** The transport was built here (not passed in), so `close` closes it. */
  private readonly ownsTransport: boolean

  constructor(options: HttpClientOptions) {
    this.ownsTransport = !options.transport
    const clock = options.clock ?? systemClock
    const limiter: RateLimiter | undefined =
      options.limiter && 'acquire' in options.limiter
        ? options.limiter
        : options.limiter
          ? createRateLimiter({ ...options.limiter, clock, quotaStore: options.quotaStore })
          : undefined
    const baseUrl = options.baseUrl === undefined ? undefined : toUrl(options.baseUrl, undefined)
    const auth = options.auth
    const tokens = auth && 'getToken' in auth ? auth : undefined
    const staticAuth = auth && !('getToken' in auth) ? auth : undefined
    const baseHeaders: Record<string, string> = { 'user-agent': options.userAgent ?? 'waybill' }
    for (const [k, v] of Object.entries(options.headers ?? {})) baseHeaders[k.toLowerCase()] = v
    if (staticAuth) baseHeaders[staticAuth.header.toLowerCase()] = staticAuth.value
    this.settings = {
      transport: options.transport ?? undiciTransport({ dispatcher: options.dispatcher }),
      clock,
      limiter,
      baseUrl,
      defaultKey: options.rateLimitKey ?? baseUrl?.origin ?? 'default',
      tokens,
      baseHeaders,
      maxResponseBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: options.retry,
      defaultPenaltyMs: options.defaultPenaltyMs ?? 1000,
      random: options.random,
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      standingSecrets: () => [staticAuth?.value, ...(tokens?.redactions?.() ?? [])],
      bare: { request: (req) => new ClientRequest(this.settings, req, true).run() },
    }
    // `request` was a plain function before this was a class: it stays one that can be passed around.
    this.request = this.request.bind(this)
    this.close = this.close.bind(this)
  }

  request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    return new ClientRequest(this.settings, req, false).run<T>()
  }

  async close(): Promise<void> {
    if (this.ownsTransport) await this.settings.transport.close?.()
  }
}
