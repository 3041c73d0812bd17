/**
 * OAuth2 client-credentials token cache: one in-flight token request per credential shared by concurrent
 * callers, refresh before expiry with a margin, token-endpoint errors as `AuthError` with the server's `error`
 * code and never the secret.
 */
import { AbortError, AuthError, ConfigError, isWaybillError } from '../errors/index.js'
import { createHttpClient } from './client.js'
import { systemClock } from './clock.js'
import { redactBody } from './redact.js'
import { safeUrl } from './transport.js'
import type { Clock, HttpClient, TokenProvider, Transport } from './types.js'

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
  /** Client used for the token request. @default createHttpClient({ transport }) */
  http?: HttpClient
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
  const http = options.http ?? createHttpClient({ transport: options.transport })
  const marginMs = (options.marginSeconds ?? 60) * 1000
  const style = options.authStyle ?? 'basic'
  const scope = Array.isArray(options.scope) ? options.scope.join(' ') : options.scope
  const secrets = [
    options.clientSecret,
    Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64'),
  ]
  let cached: Cached | undefined
  let inflight: Promise<Cached> | undefined

  const fetchToken = async (): Promise<Cached> => {
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
    const where = safeUrl(tokenUrl)
    let res: Awaited<ReturnType<HttpClient['request']>>
    try {
      res = await http.request({
        method: 'POST',
        url: tokenUrl,
        form,
        headers,
        throwHttpErrors: false,
        retry: { methods: ['POST'], statuses: [408, 429, 500, 502, 503, 504] },
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
      const code = typeof body.error === 'string' ? body.error : undefined
      const description =
        typeof body.error_description === 'string'
          ? redactBody(body.error_description, secrets).slice(0, 200)
          : ''
      throw new AuthError(
        `Token request to ${where} was refused with ${res.status}${code ? ` (${code})` : ''}${description ? `: ${description}` : ''}`,
        { method: 'POST', url: where, status: res.status, carrierCode: code, requestId: res.requestId },
        { retryable: res.status >= 500 },
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
      const { signal } = opts
      if (signal?.aborted) throw new AbortError('Aborted before getting a token', { cause: signal.reason })
      if (cached && clock.now() < cached.refreshAt) return cached.token
      if (!inflight) {
        inflight = fetchToken()
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
      const result = signal
        ? await new Promise<Cached>((resolve, reject) => {
            const onAbort = () =>
              reject(new AbortError('Aborted while waiting for a token', { cause: signal.reason }))
            signal.addEventListener('abort', onAbort, { once: true })
            shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
          })
        : await shared
      return result.token
    },
    invalidate(token) {
      if (token === undefined || cached?.token === token) cached = undefined
    },
  }
}
