/**
 * Public types of `waybill/http`: the request/response shapes, the low-level `Transport`, and the options of the
 * retry policy, the rate limiter and token providers. These are stable: adapters and the poller code against them.
 */

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD'

/** One request through an {@link HttpClient}. */
export interface HttpRequest {
  /** @default 'GET' (or 'POST' when `json`, `form` or `body` is given) */
  method?: HttpMethod
  /** Absolute, or relative to the client's `baseUrl`. */
  url: string | URL
  /** Appended to the URL's search params; `undefined` values are skipped. */
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  /** Serialized with `JSON.stringify`; sets `content-type: application/json`. */
  json?: unknown
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>
  body?: string | Uint8Array
  /**
   * How the body is decoded. An empty body decodes to `undefined` with `json`; a body that is not valid JSON
   * throws an `HttpError` naming the URL.
   * @default 'json'
   */
  responseType?: 'json' | 'text' | 'bytes'
  signal?: AbortSignal
  /** Whole-attempt timeout (connect + headers + body) in milliseconds. @default the client's `timeoutMs` */
  timeoutMs?: number
  /** false = return non-2xx responses instead of throwing. @default true */
  throwHttpErrors?: boolean
  /** Per-request retry policy; `false` disables retries. @default the client's `retry` */
  retry?: RetryOptions | false
  /** The limiter key (one per carrier credential). @default the client's `rateLimitKey` */
  rateLimitKey?: string
}

/** A decoded response. Headers are lower-cased; `url` is the final URL. */
export interface HttpResponse<T = unknown> {
  status: number
  headers: Record<string, string>
  body: T
  url: string
  /** Wall time of the attempt that produced this response (not counting earlier retries). */
  durationMs: number
  /** From `x-request-id`, `x-correlation-id`, `transactionid` or similar response headers, when present. */
  requestId?: string
}

/** The high-level client adapters use (`ctx.http`). */
export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>
}

/** What a {@link Transport} is asked to send: everything already resolved and encoded. */
export interface TransportRequest {
  method: HttpMethod
  url: URL
  /** Lower-case names. */
  headers: Record<string, string>
  body?: string | Uint8Array
  /** Always present: the caller's signal combined with the attempt timeout. */
  signal: AbortSignal
  /** Stop reading and fail when the body grows past this many bytes. */
  maxResponseBytes: number
}

/** A raw response: status, lower-cased headers and the whole body as bytes. */
export interface TransportResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array
  url: string
}

/**
 * The low-level interface between the client and the network. Implementations: `undiciTransport()` (default on
 * Node) and `fetchTransport()` (any `fetch`). A transport throws `NetworkError` (code `ERR_NETWORK`, or
 * `ERR_TIMEOUT` when a timeout fired), `AbortError` when the caller's signal aborted, and `HttpError` when the body
 * exceeds `maxResponseBytes`. It never throws for an HTTP status.
 */
export interface Transport {
  readonly name: string
  send(req: TransportRequest): Promise<TransportResponse>
  /** Close pooled connections (only those the transport created itself). */
  close?(): Promise<void>
}

/** Timeouts shared by both transports. */
export interface TransportTimeouts {
  /** TCP + TLS connect timeout. @default 10_000 */
  connectTimeoutMs?: number
  /** Time until the response headers arrive. @default 30_000 */
  headersTimeoutMs?: number
  /** Longest idle gap between two body chunks. @default 30_000 */
  bodyTimeoutMs?: number
}

/** The retry policy (built on p-retry). */
export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  limit?: number
  /** Statuses that are retried. @default [408, 429, 500, 502, 503, 504] */
  statuses?: number[]
  /** Methods that are safe to retry. @default ['GET', 'HEAD', 'PUT', 'DELETE'] */
  methods?: HttpMethod[]
  /** Retry network errors (resets, timeouts). @default true */
  networkErrors?: boolean
  /** First backoff delay. @default 300 */
  backoffBaseMs?: number
  /** Largest backoff delay. @default 10_000 */
  backoffCapMs?: number
  /**
   * `full`: a random delay in [0, backoff]; `equal`: half fixed, half random; `none`: exactly the backoff.
   * Never applied when the server sent `Retry-After`.
   * @default 'full'
   */
  jitter?: 'full' | 'equal' | 'none'
  /**
   * Longest `Retry-After` honoured by waiting. A longer one is not waited out: the `RateLimitError` is thrown
   * with its `retryAfterMs` so the caller (or the poller) can come back later.
   * @default 60_000
   */
  maxRetryAfterMs?: number
}

/**
 * Limits for one key (one carrier credential). The limiter guarantees: never more than
 * `max(floor(requestsPerSecond), burst)` requests in any one-second window (one per `1/requestsPerSecond` s
 * below 1/s), and in any span of `t` seconds at most `burst + 1 + requestsPerSecond × t` (the `+ 1` is one token
 * of catch-up for a timer that fired late while callers were waiting).
 */
export interface RateLimitOptions {
  /** Sustained rate. */
  requestsPerSecond: number
  /** Bucket size: requests that may start back to back after a quiet period. @default 1 */
  burst?: number
  /** Daily quota; `acquire` throws `RateLimitError` (code `ERR_QUOTA`) once spent. */
  perDay?: number
  /** Hour (0–23) at which the daily quota resets. @default 0 */
  dailyResetHour?: number
  /** IANA zone of `dailyResetHour`. @default 'UTC' */
  dailyResetZone?: string
  /** Requests in flight at once for this key. @default 8 */
  concurrency?: number
}

/** What a client passes to {@link TokenProvider.getToken}, so the token request runs inside its budget. */
export interface GetTokenOptions {
  /** The caller's signal: waiting for the token stops when it aborts. */
  signal?: AbortSignal
  /**
   * The calling attempt's timeout: the token request (and waiting for one already in flight) fails with a
   * timeout `NetworkError` after this long.
   * @default the provider's own (30_000)
   */
  timeoutMs?: number
  /**
   * The calling client without its auth and limiter: the token request goes through its transport and its
   * `onRequest`/`onResponse` hooks, is not retried on its own (the caller's retry policy is the one budget) and
   * has every known credential scrubbed from its error responses.
   * @default the provider's own client
   */
  http?: HttpClient
}

/** Supplies bearer tokens and forgets a token the server refused. */
export interface TokenProvider {
  getToken(opts?: GetTokenOptions): Promise<string>
  /**
   * The credentials behind the tokens (client secret, Basic credential), so a client can scrub them from error
   * responses too. Optional for custom providers.
   */
  redactions?(): readonly string[]
  /** Drop the cached token (only if it is still `token`, when given), so the next `getToken` fetches a new one. */
  invalidate(token?: string): void
}

/** A clock the limiter and the poller read; tests pass a manual one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void
}

/** Facts passed to `onRequest`; headers are redacted. */
export interface RequestInfo {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  /** 1 for the first attempt. */
  attempt: number
  rateLimitKey: string
}

/** Facts passed to `onResponse` (also for failed attempts, with `error`); headers are redacted. */
export interface ResponseInfo extends RequestInfo {
  status?: number
  responseHeaders?: Record<string, string>
  durationMs: number
  requestId?: string
  error?: Error
}
