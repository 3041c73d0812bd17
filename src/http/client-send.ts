/**
 * One send of the HTTP client through its transport: the attempt's timeout joined with the caller's signal, the
 * `onRequest`/`onResponse` hooks (redacted), an OpenTelemetry client span and the request-duration metric.
 */
import { inSpan, record } from '../observe/telemetry.js'
import type { ClientSettings } from './client-request.js'
import { redactHeaders, scrubResponse } from './redact.js'
import { requestIdOf } from './response.js'
import { safeUrl } from './transport.js'
import type { HttpMethod, RequestInfo, TransportResponse } from './types.js'

/** What one send brought back. */
export interface Exchange {
  res: TransportResponse
  /** The bearer token the request carried. */
  token?: string
  durationMs: number
}

/** One attempt, everything resolved. */
export interface Attempt {
  url: URL
  method: HttpMethod
  /** The headers to send, the bearer token's `authorization` included. */
  headers: Record<string, string>
  body: string | Uint8Array | undefined
  token: string | undefined
  /** 1-based number of the attempt within its request. */
  attempt: number
  rateLimitKey: string
  signal: AbortSignal | undefined
  timeoutMs: number
}

const NO_BYTES = new Uint8Array(0)

/** Sends one attempt; the hooks see it redacted, and a failure reaches `onResponse` before it is thrown. */
export async function sendAttempt(settings: ClientSettings, a: Attempt): Promise<Exchange> {
  const { method, url, token } = a
  const info: RequestInfo = {
    method,
    url: safeUrl(url),
    headers: redactHeaders(a.headers),
    attempt: a.attempt,
    rateLimitKey: a.rateLimitKey,
  }
  hook(settings.onRequest, info)
  const timeout = AbortSignal.timeout(a.timeoutMs)
  const started = performance.now()
  const server = { 'server.address': url.hostname, 'server.port': Number(url.port) || undefined }
  return inSpan(
    method,
    {
      'http.request.method': method,
      'url.full': info.url,
      ...server,
      ...(a.attempt > 1 ? { 'http.request.resend_count': a.attempt - 1 } : {}),
    },
    async (span) => {
      let status: number | undefined
      let errorType: string | undefined
      try {
        const res = await settings.transport.send({
          method,
          url,
          headers: a.headers,
          body: a.body,
          signal: a.signal ? AbortSignal.any([a.signal, timeout]) : timeout,
          maxResponseBytes: settings.maxResponseBytes,
        })
        status = res.status
        if (res.status >= 400) errorType = String(res.status)
        span.setAttributes({ 'http.response.status_code': res.status, 'error.type': errorType })
        const durationMs = performance.now() - started
        if (settings.onResponse)
          hook(settings.onResponse, {
            ...info,
            status: res.status,
            responseHeaders: redactHeaders(
              scrubResponse({ body: NO_BYTES, headers: res.headers }, [token, ...settings.standingSecrets()])
                .headers,
            ),
            durationMs,
            requestId: requestIdOf(res.headers),
          })
        return { res, token, durationMs }
      } catch (error) {
        errorType = (error as { code?: string })?.code ?? (error as Error)?.name ?? 'Error'
        hook(settings.onResponse, { ...info, durationMs: performance.now() - started, error: error as Error })
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

/** Calls a logging hook; hooks never break a request. */
function hook<T>(fn: ((info: T) => void) | undefined, info: T): void {
  try {
    fn?.(info)
  } catch {
    /* hooks never break a request */
  }
}
