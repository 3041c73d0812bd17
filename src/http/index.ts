/**
 * `waybill/http`: the transport every REST adapter uses. undici by default (a `fetch` wrapper for other
 * runtimes), retries of what is safe, a token-bucket rate limiter per credential with daily quotas, an OAuth2
 * client-credentials token cache, and redacted logging hooks.
 */

export {
  type CarrierAuth,
  type CarrierClient,
  type CarrierClientOptions,
  type CarrierClientSettings,
  type CarrierCredentials,
  type CarrierRateLimits,
  createCarrierClient,
} from './carrier-client.js'
export { type CarrierErrorOptions, type CarrierSaid, carrierHttpError } from './carrier-error.js'
export { createHttpClient, type HttpClientOptions } from './client.js'
export { type ManualClock, manualClock, systemClock } from './clock.js'
export {
  type CreateRateLimiterOptions,
  createRateLimiter,
  type RateLimiter,
  type RateLimiterStats,
} from './limiter.js'
export {
  type PgQueryable,
  type PostgresLimiterBackendOptions,
  postgresLimiterBackend,
} from './limiter-postgres.js'
export {
  type RedisLimiterBackendOptions,
  type RedisScriptClient,
  redisLimiterBackend,
} from './limiter-redis.js'
export {
  type LimiterBackend,
  LimiterBackendError,
  SHARED_WINDOW_GUARD_MS,
  type SharedLimits,
  type TakeResult,
} from './limiter-shared.js'
export { type OAuth2ClientCredentialsOptions, oauth2ClientCredentials } from './oauth.js'
export { basicCredentialForms, redactBody, redactHeaders } from './redact.js'
export { DEFAULT_RETRY, parseRetryAfter } from './retry.js'
export {
  type FetchTransportOptions,
  fetchTransport,
  type UndiciTransportOptions,
  undiciTransport,
} from './transport.js'
export type {
  Clock,
  GetTokenOptions,
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
  TransportRequest,
  TransportResponse,
  TransportTimeouts,
} from './types.js'
