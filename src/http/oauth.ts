/**
 * OAuth2 client-credentials token cache: one in-flight token request per credential shared by concurrent
 * callers, refresh before expiry with a margin, token-endpoint errors as `AuthError` with the server's `error`
 * code and never the secret (in any encoding it was sent in).
 *
 * Called by `createHttpClient`, the token request runs inside the caller's budget: through the caller's
 * transport and hooks, with the caller's attempt timeout, and without retries of its own (the caller's retry
 * policy retries the whole attempt). Called directly, it uses its own client and retries 408/429/5xx.
 */
import { AbortError, AuthError, ConfigError, isWaybillError, NetworkError } from '../errors/index.js'
import { createHttpClient } from './client.js'
import { systemClock } from './clock.js'
import { basicCredentialForms, redactBody } from './redact.js'
import { safeUrl } from './transport.js'
import type { Clock, GetTokenOptions, HttpClient, TokenProvider, Transport } from './types.js'

/** Options of {@link oauth2ClientCredentials}. */
export interface OAuth2ClientCredentialsOptions {
  /** The token endpoint, e.g. `https://onlinetools.ups.com/security/v1/oauth/token`. */
  tokenUrl: string | URL
  clientId: string
  clientSecret: string
  /** Space-separated string or a list (USPS needs `tracking`). */
  scope?: string | string[]
  /**
   * `basic`: credentials in an `Authorization: Basic` header (UPS, `client_secret_basic`);
   * `body`: `client_id` and `client_secret` form fields (FedEx, USPS, `client_secret_post`).
   * @default 'basic'
   */
  authStyle?: 'basic' | 'body'
  /** Refresh this many seconds before the token expires. @default 60 */
  marginSeconds?: number
  /** Lifetime assumed when the server sends no `expires_in`. @default 3600 */
  defaultExpiresInSeconds?: number
  /** Extra form fields (e.g. `audience`). */
  extraParams?: Record<string, string>
  /** Extra headers for the token request (e.g. a merchant id). */
  headers?: Record<string, string>
  /**
   * Client used for the token request.
   * @default the calling client (when `createHttpClient` asks for the token), else createHttpClient({ transport })
   */
  http?: HttpClient
  /** Transport of the provider's own client (used when `getToken` is called without a client). */
  transport?: Transport
  clock?: Clock
}

interface Cached {
  token: string
  refreshAt: number
}

/**
 * A `TokenProvider` for the OAuth2 client-credentials grant. Share one per credential: concurrent callers wait
 * for the same token request.
 * @example
 * const auth = oauth2ClientCredentials({
 *   tokenUrl: 'https://apis.usps.com/oauth2/v3/token',
 *   clientId: process.env.USPS_ID!, clientSecret: process.env.USPS_SECRET!,
 *   scope: 'tracking', authStyle: 'body',
 * })
 * const http = createHttpClient({ baseUrl: 'https://apis.usps.com', auth })
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): TokenProvider {
  if (!options.clientId || !options.clientSecret) {
    throw new ConfigError('oauth2ClientCredentials needs a clientId and a clientSecret')
  }
  let tokenUrl: URL
  try {
    tokenUrl = new URL(options.tokenUrl)
  } catch (cause) {
    throw new ConfigError('oauth2ClientCredentials: tokenUrl is not a valid URL', { cause })
  }
  const clock = options.clock ?? systemClock
  let ownClient: HttpClient | undefined
  const standalone = (): HttpClient => {
    ownClient ??= createHttpClient({ transport: options.transport })
    return ownClient
  }
  const marginMs = (options.marginSeconds ?? 60) * 1000
  const style = options.authStyle ?? 'basic'
  const scope = Array.isArray(options.scope) ? options.scope.join(' ') : options.scope
  const secrets = [options.clientSecret, ...basicCredentialForms(options.clientId, options.clientSecret)]
  const where = safeUrl(tokenUrl)
  let cached: Cached | undefined
  let inflight: Promise<Cached> | undefined

  const fetchToken = async (via: GetTokenOptions): Promise<Cached> => {
    const form: Record<string, string> = { grant_type: 'client_credentials', ...options.extraParams }
    if (scope) form.scope = scope
    const headers: Record<string, string> = { ...options.headers }
    if (style === 'body') {
      form.client_id = options.clientId
      form.client_secret = options.clientSecret
    } else {
      const basic = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`
    }
    const http = options.http ?? via.http ?? standalone()
    let res: Awaited<ReturnType<HttpClient['request']>>
    try {
      res = await http.request({
        method: 'POST',
        url: tokenUrl,
        form,
        headers,
        throwHttpErrors: false,
        // Inside a client's attempt the client's retry policy is the one budget.
        retry: via.http ? false : { methods: ['POST'], statuses: [...RETRY_STATUSES] },
        ...(via.timeoutMs !== undefined ? { timeoutMs: via.timeoutMs } : {}),
      })
    } catch (error) {
      if (isWaybillError(error)) throw error
      throw new AuthError(
        `Token request to ${where} failed`,
        { url: where },
        { cause: error, retryable: true },
      )
    }
    const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<
      string,
      unknown
    >
    if (res.status < 200 || res.status >= 300) {
      const code = typeof body.error === 'string' ? redactBody(body.error, secrets).slice(0, 100) : undefined
      const description =
        typeof body.error_description === 'string'
          ? redactBody(body.error_description, secrets).slice(0, 200)
          : ''
      const requestId = res.requestId === undefined ? undefined : redactBody(res.requestId, secrets)
      throw new AuthError(
        `Token request to ${where} was refused with ${res.status}${code ? ` (${code})` : ''}${description ? `: ${description}` : ''}`,
        { method: 'POST', url: where, status: res.status, carrierCode: code, requestId },
        { retryable: RETRY_STATUSES.has(res.status) },
      )
    }
    const token = body.access_token
    if (typeof token !== 'string' || token === '') {
      throw new AuthError(`Token response from ${where} has no access_token`, {
        url: where,
        status: res.status,
      })
    }
    const expiresIn = Number(body.expires_in ?? options.defaultExpiresInSeconds ?? 3600)
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3600_000
    const margin = Math.min(marginMs, lifetimeMs / 2)
    return { token, refreshAt: clock.now() + lifetimeMs - margin }
  }

  return {
    async getToken(opts = {}) {
      const { signal, timeoutMs } = opts
      if (signal?.aborted) throw new AbortError('Aborted before getting a token', { cause: signal.reason })
      if (cached && clock.now() < cached.refreshAt) return cached.token
      if (!inflight) {
        inflight = fetchToken(opts)
        inflight.then(
          (value) => {
            cached = value
            inflight = undefined
          },
          () => {
            inflight = undefined
          },
        )
      }
      const shared = inflight
      // Waiting (also for a request another caller started) is bounded by this caller's signal and timeout.
      const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)
      const stop = signal && deadline ? AbortSignal.any([signal, deadline]) : (signal ?? deadline)
      const result = stop
        ? await new Promise<Cached>((resolve, reject) => {
            const onAbort = () =>
              reject(
                deadline?.aborted && !signal?.aborted
                  ? new NetworkError(`Token request to ${where} timed out after ${timeoutMs} ms`, {
                      timeout: true,
                    })
                  : new AbortError('Aborted while waiting for a token', { cause: signal?.reason }),
              )
            if (stop.aborted) onAbort()
            stop.addEventListener('abort', onAbort, { once: true })
            shared.then(resolve, reject).finally(() => stop.removeEventListener('abort', onAbort))
          })
        : await shared
      return result.token
    },
    invalidate(token) {
      if (token === undefined || cached?.token === token) cached = undefined
    },
    redactions() {
      return secrets
    },
  }
}

/** Token endpoint statuses worth another try. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504])
