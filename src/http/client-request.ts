/**
 * One request of `createHttpClient`, from the caller's `HttpRequest` to a decoded response or an error: the
 * request is resolved once (URL, method, headers, body, limiter key, retry policy, timeout), then each attempt
 * gets a bearer token, waits for the limiter, sends (client-send.ts), and turns a non-2xx answer into a scrubbed
 * error. Like ky's `Ky`, an instance lives for one request.
 */
import { ConfigError, type HttpErrorContext, RateLimitError } from '../errors/index.js'
import { type Exchange, sendAttempt } from './client-send.js'
import type { RateLimiter } from './limiter.js'
import { bodyExcerpt, redactHeaders, scrubResponse } from './redact.js'
import { carrierCodeOf, decode, requestIdOf, statusError, tryDecodeError } from './response.js'
import { resolveRetry, withRetry } from './retry.js'
import { safeUrl } from './transport.js'
import type {
  Clock,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  RequestInfo,
  ResponseInfo,
  RetryOptions,
  TokenProvider,
  Transport,
} from './types.js'

/** The client's options, resolved once when the client is created. */
export interface ClientSettings {
  transport: Transport
  clock: Clock
  limiter: RateLimiter | undefined
  baseUrl: URL | undefined
  defaultKey: string
  /** A bearer token provider (a static auth header is in `baseHeaders`). */
  tokens: TokenProvider | undefined
  /** Lower-case names: user agent, the client's headers and a static auth header. */
  baseHeaders: Record<string, string>
  maxResponseBytes: number
  timeoutMs: number
  retry: RetryOptions | false | undefined
  defaultPenaltyMs: number
  random: (() => number) | undefined
  onRequest: ((info: RequestInfo) => void) | undefined
  onResponse: ((info: ResponseInfo) => void) | undefined
  /** Credentials to scrub from error responses besides the bearer token of the attempt. */
  standingSecrets(): (string | undefined)[]
  /** The client without auth and limiter, for the token provider's own request. */
  bare: HttpClient
}

export class ClientRequest {
  private readonly settings: ClientSettings
  private readonly req: HttpRequest
  /** The token provider's own request: no bearer token, no limiter, no 401 retry, no penalty. */
  private readonly isTokenRequest: boolean
  private readonly url: URL
  private readonly method: HttpMethod
  private readonly responseType: 'json' | 'text' | 'bytes'
  private readonly headers: Record<string, string>
  private readonly body: string | Uint8Array | undefined
  private readonly key: string
  private readonly policy: ReturnType<typeof resolveRetry> | false
  private readonly timeoutMs: number
  /** Attempts sent so far (token requests and 401 resends included). */
  private attempts = 0
  /** The last non-2xx answer and the error it became, for `throwHttpErrors: false`. */
  private failed?: { error: unknown; response: HttpResponse<unknown> }

  constructor(settings: ClientSettings, req: HttpRequest, isTokenRequest: boolean) {
    this.settings = settings
    this.req = req
    this.isTokenRequest = isTokenRequest
    const url = toUrl(req.url, settings.baseUrl)
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.append(k, String(v))
    this.url = url
    const hasBody = req.json !== undefined || req.form !== undefined || req.body !== undefined
    this.method = req.method ?? (hasBody ? 'POST' : 'GET')
    this.responseType = req.responseType ?? 'json'
    const headers: Record<string, string> = { ...settings.baseHeaders }
    if (this.responseType === 'json') headers.accept = 'application/json'
    let body: string | Uint8Array | undefined = req.body
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['content-type'] = 'application/json'
    } else if (req.form !== undefined) {
      body = new URLSearchParams(req.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v
    this.headers = headers
    this.body = body
    this.key = req.rateLimitKey ?? settings.defaultKey
    this.policy =
      req.retry === false || settings.retry === false
        ? false
        : resolveRetry(settings.retry || undefined, req.retry)
    this.timeoutMs = req.timeoutMs ?? settings.timeoutMs
  }

  /** Runs the attempts under the retry policy; with `throwHttpErrors: false`, a status error is returned. */
  async run<T>(): Promise<HttpResponse<T>> {
    const { method, req } = this
    try {
      return await withRetry(() => this.attempt<T>(), this.policy, {
        method,
        signal: req.signal,
        clock: this.settings.clock,
        random: this.settings.random,
      })
    } catch (error) {
      const failed = this.failed
      if (req.throwHttpErrors === false && failed && failed.error === error) {
        return failed.response as HttpResponse<T>
      }
      throw error
    }
  }

  /** One attempt: exchange (once more with a fresh token after a 401), then decode or fail. */
  private async attempt<T>(): Promise<HttpResponse<T>> {
    let { res, token, durationMs } = await this.exchange()
    const tokens = this.settings.tokens
    if (res.status === 401 && tokens && !this.isTokenRequest) {
      tokens.invalidate(token)
      ;({ res, token, durationMs } = await this.exchange())
    }
    const response: HttpResponse<T> = {
      status: res.status,
      headers: res.headers,
      body: undefined as T,
      url: res.url,
      durationMs,
      requestId: requestIdOf(res.headers),
    }
    if (res.status >= 200 && res.status < 300) {
      response.body = decode(res, this.responseType, this.method, this.url) as T
      return response
    }
    throw this.statusFailure({ res, token, durationMs }, response)
  }

  /**
   * Gets the bearer token, waits for a rate-limit slot and sends. The token is fetched before waiting for the
   * slot, so that the send follows the grant at once; the token and the request share the attempt's timeout.
   */
  private async exchange(): Promise<Exchange> {
    const { limiter, tokens, bare } = this.settings
    const { key, timeoutMs, isTokenRequest } = this
    const signal = this.req.signal
    if (isTokenRequest || !tokens) {
      return limiter && !isTokenRequest
        ? limiter.schedule(key, () => this.send(undefined, timeoutMs), { signal })
        : this.send(undefined, timeoutMs)
    }
    const started = performance.now()
    const token = await tokens.getToken({ ...(signal ? { signal } : {}), timeoutMs, http: bare })
    const left = Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)))
    return limiter ? limiter.schedule(key, () => this.send(token, left), { signal }) : this.send(token, left)
  }

  private send(token: string | undefined, attemptTimeoutMs: number): Promise<Exchange> {
    const { settings, url, method } = this
    return sendAttempt(settings, {
      url,
      method,
      headers: token ? { ...this.headers, authorization: `Bearer ${token}` } : this.headers,
      body: this.body,
      token,
      attempt: ++this.attempts,
      rateLimitKey: this.key,
      signal: this.req.signal,
      timeoutMs: attemptTimeoutMs,
    })
  }

  /**
   * The error of a non-2xx answer (a 429 also pauses the limiter key). Everything in it reaches errors or the
   * caller's error handling: no credential may survive in it.
   */
  private statusFailure(exchange: Exchange, response: HttpResponse<unknown>): unknown {
    const { settings, policy } = this
    const known = [exchange.token, ...settings.standingSecrets()]
    const res = scrubResponse(exchange.res, known)
    response.headers = res.headers
    response.requestId = requestIdOf(res.headers)
    const context: HttpErrorContext = {
      method: this.method,
      url: safeUrl(this.url),
      status: res.status,
      requestId: response.requestId,
      headers: redactHeaders(res.headers),
      body: bodyExcerpt(res.body, known),
      durationMs: exchange.durationMs,
      carrierCode: carrierCodeOf(res.body),
    }
    response.body = this.responseType === 'bytes' ? res.body : tryDecodeError(res, this.responseType)
    const error = statusError(res, context, policy === false ? [] : policy.statuses, settings.clock)
    if (error instanceof RateLimitError && settings.limiter && !this.isTokenRequest) {
      settings.limiter.penalize(this.key, error.retryAfterMs ?? settings.defaultPenaltyMs)
    }
    this.failed = { error, response }
    return error
  }
}

/** A request URL: absolute, or relative to `base` (a leading `/` does not drop the base's path). */
export function toUrl(input: string | URL, base: URL | undefined): URL {
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
