/**
 * `createHttpClient`: the one HTTP client every REST adapter uses. Adds base URL, query, JSON/form bodies,
 * auth (a static header or a bearer `TokenProvider` with one retry after a 401), rate limiting per credential,
 * retries, timeouts, a response-size cap and redacted logging hooks on top of a `Transport`.
 *
 * The token request of a `TokenProvider` runs through this client too (its transport, hooks and attempt
 * timeout, no retries of its own), and every credential the client knows (the static header, the bearer token,
 * the provider's client secret) is scrubbed from error responses before they reach errors or callers.
 */
import type { Dispatcher } from 'undici'
import { ConfigError, type HttpErrorContext, RateLimitError } from '../errors/index.js'
import { inSpan, record } from '../observe/telemetry.js'
import type { Store } from '../store/index.js'
import { systemClock } from './clock.js'
import { createRateLimiter, type RateLimiter } from './limiter.js'
import { bodyExcerpt, redactHeaders, scrubResponse } from './redact.js'
import { carrierCodeOf, decode, requestIdOf, statusError, tryDecodeError } from './response.js'
import { resolveRetry, withRetry } from './retry.js'
import { safeUrl, undiciTransport } from './transport.js'
import type {
  Clock,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  RateLimitOptions,
  RequestInfo,
  ResponseInfo,
  RetryOptions,
  TokenProvider,
  Transport,
  TransportResponse,
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

const NO_BYTES = new Uint8Array(0)

/** Remembers the response behind an error, for `throwHttpErrors: false`. */
const responseOf = new WeakMap<object, HttpResponse<unknown>>()

interface Exchange {
  res: TransportResponse
  token?: string
  durationMs: number
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
  const ownsTransport = !options.transport
  const transport = options.transport ?? undiciTransport({ dispatcher: options.dispatcher })
  const clock = options.clock ?? systemClock
  const limiter: RateLimiter | undefined =
    options.limiter && 'acquire' in options.limiter
      ? options.limiter
      : options.limiter
        ? createRateLimiter({ ...options.limiter, clock, quotaStore: options.quotaStore })
        : undefined
  const baseUrl = options.baseUrl === undefined ? undefined : toUrl(options.baseUrl, undefined)
  const defaultKey = options.rateLimitKey ?? baseUrl?.origin ?? 'default'
  const auth = options.auth
  const tokens = auth && 'getToken' in auth ? auth : undefined
  const staticAuth = auth && !('getToken' in auth) ? auth : undefined
  const maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024
  const baseHeaders: Record<string, string> = { 'user-agent': options.userAgent ?? 'waybill' }
  for (const [k, v] of Object.entries(options.headers ?? {})) baseHeaders[k.toLowerCase()] = v
  if (staticAuth) baseHeaders[staticAuth.header.toLowerCase()] = staticAuth.value

  /** Credentials to scrub from error responses besides the bearer token of the attempt. */
  const standingSecrets = (): (string | undefined)[] => [staticAuth?.value, ...(tokens?.redactions?.() ?? [])]
  /** This client without auth and limiter, for the token provider's own request. */
  const bare: HttpClient = { request: (req) => request(req, true) }

  const hook = <T>(fn: ((info: T) => void) | undefined, info: T) => {
    try {
      fn?.(info)
    } catch {
      /* hooks never break a request */
    }
  }

  async function request<T>(req: HttpRequest, isTokenRequest = false): Promise<HttpResponse<T>> {
    const url = toUrl(req.url, baseUrl)
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.append(k, String(v))
    const hasBody = req.json !== undefined || req.form !== undefined || req.body !== undefined
    const method: HttpMethod = req.method ?? (hasBody ? 'POST' : 'GET')
    const responseType = req.responseType ?? 'json'
    const headers: Record<string, string> = { ...baseHeaders }
    if (responseType === 'json') headers.accept = 'application/json'
    let body: string | Uint8Array | undefined = req.body
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['content-type'] = 'application/json'
    } else if (req.form !== undefined) {
      body = new URLSearchParams(req.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v
    const key = req.rateLimitKey ?? defaultKey
    const policy =
      req.retry === false || options.retry === false
        ? false
        : resolveRetry(options.retry || undefined, req.retry)
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 30_000
    const signal = req.signal
    let attemptNo = 0

    // The token is fetched before waiting for a rate-limit slot, so that the send follows the grant at once.
    const send = async (token: string | undefined, attemptTimeoutMs: number): Promise<Exchange> => {
      attemptNo++
      const sendHeaders = token ? { ...headers, authorization: `Bearer ${token}` } : headers
      const info: RequestInfo = {
        method,
        url: safeUrl(url),
        headers: redactHeaders(sendHeaders),
        attempt: attemptNo,
        rateLimitKey: key,
      }
      hook(options.onRequest, info)
      const timeout = AbortSignal.timeout(attemptTimeoutMs)
      const started = performance.now()
      const server = { 'server.address': url.hostname, 'server.port': Number(url.port) || undefined }
      return inSpan(
        method,
        {
          'http.request.method': method,
          'url.full': info.url,
          ...server,
          ...(attemptNo > 1 ? { 'http.request.resend_count': attemptNo - 1 } : {}),
        },
        async (span) => {
          let status: number | undefined
          let errorType: string | undefined
          try {
            const res = await transport.send({
              method,
              url,
              headers: sendHeaders,
              body,
              signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
              maxResponseBytes,
            })
            status = res.status
            if (res.status >= 400) errorType = String(res.status)
            span.setAttributes({ 'http.response.status_code': res.status, 'error.type': errorType })
            const durationMs = performance.now() - started
            if (options.onResponse)
              hook(options.onResponse, {
                ...info,
                status: res.status,
                responseHeaders: redactHeaders(
                  scrubResponse({ body: NO_BYTES, headers: res.headers }, [token, ...standingSecrets()])
                    .headers,
                ),
                durationMs,
                requestId: requestIdOf(res.headers),
              })
            return { res, token, durationMs }
          } catch (error) {
            errorType = (error as { code?: string })?.code ?? (error as Error)?.name ?? 'Error'
            hook(options.onResponse, {
              ...info,
              durationMs: performance.now() - started,
              error: error as Error,
            })
            throw error
          } finally {
            record(
              'http.client.request.duration',
              (performance.now() - started) / 1000,
              {
                'http.request.method': method,
                ...server,
                'http.response.status_code': status,
                'error.type': errorType,
              },
              'Duration of HTTP client requests (each attempt) to carrier APIs.',
              's',
            )
          }
        },
        'client',
      )
    }
    const limited = async (): Promise<Exchange> => {
      if (isTokenRequest || !tokens) {
        return limiter && !isTokenRequest
          ? limiter.schedule(key, () => send(undefined, timeoutMs), { signal })
          : send(undefined, timeoutMs)
      }
      const started = performance.now()
      const token = await tokens.getToken({ ...(signal ? { signal } : {}), timeoutMs, http: bare })
      // The token and the request share the attempt's timeout.
      const left = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)))
      return limiter ? limiter.schedule(key, () => send(token, left), { signal }) : send(token, left)
    }

    const attempt = async (): Promise<HttpResponse<T>> => {
      let { res, token, durationMs } = await limited()
      if (res.status === 401 && tokens && !isTokenRequest) {
        tokens.invalidate(token)
        ;({ res, token, durationMs } = await limited())
      }
      const known = [token, ...standingSecrets()]
      const response: HttpResponse<T> = {
        status: res.status,
        headers: res.headers,
        body: undefined as T,
        url: res.url,
        durationMs,
        requestId: requestIdOf(res.headers),
      }
      if (res.status >= 200 && res.status < 300) {
        response.body = decode(res, responseType, method, url) as T
        return response
      }
      // Everything below reaches errors or the caller's error handling: no credential may survive in it.
      res = scrubResponse(res, known)
      response.headers = res.headers
      response.requestId = requestIdOf(res.headers)
      const context: HttpErrorContext = {
        method,
        url: safeUrl(url),
        status: res.status,
        requestId: response.requestId,
        headers: redactHeaders(res.headers),
        body: bodyExcerpt(res.body, known),
        durationMs,
        carrierCode: carrierCodeOf(res.body),
      }
      response.body = (responseType === 'bytes' ? res.body : tryDecodeError(res, responseType)) as T
      const error = statusError(res, context, policy === false ? [] : policy.statuses, clock)
      if (error instanceof RateLimitError && limiter && !isTokenRequest) {
        limiter.penalize(key, error.retryAfterMs ?? options.defaultPenaltyMs ?? 1000)
      }
      responseOf.set(error, response)
      throw error
    }

    try {
      return await withRetry(attempt, policy, { method, signal, clock, random: options.random })
    } catch (error) {
      const response = typeof error === 'object' && error !== null ? responseOf.get(error) : undefined
      if (req.throwHttpErrors === false && response) return response as HttpResponse<T>
      throw error
    }
  }

  return {
    request,
    async close() {
      if (ownsTransport) await transport.close?.()
    },
  }
}

function toUrl(input: string | URL, base: URL | undefined): URL {
  try {
    if (input instanceof URL) return new URL(input.href)
    if (base && !/^[a-z][a-z0-9+.-]*:/i.test(input)) {
      const prefix = base.href.endsWith('/') ? base.href : `${base.href}/`
      return new URL(input.replace(/^\//, ''), prefix)
    }
    return new URL(input)
  } catch (cause) {
    throw new ConfigError(`Invalid request URL "${String(input).slice(0, 200)}"`, { cause })
  }
}
