/** Turning a raw transport response into a decoded body or a typed error (status, carrier code, request id). */
import { AuthError, HttpError, type HttpErrorContext, RateLimitError } from '../errors/index.js'
import { redactHeaders } from './redact.js'
import { parseRetryAfter } from './retry.js'
import { safeUrl } from './transport.js'
import type { Clock, HttpMethod, TransportResponse } from './types.js'

const REQUEST_ID_HEADERS = [
  'x-request-id',
  'x-correlation-id',
  'request-id',
  'x-amzn-requestid',
  'transactionid',
  'x-transaction-id',
]

export function statusError(
  res: TransportResponse,
  context: HttpErrorContext,
  retryStatuses: number[],
  clock: Clock,
): HttpError {
  const where = `${context.method} ${context.url}`
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], clock.now())
  if (res.status === 429) {
    return new RateLimitError(`${where} was throttled (429)`, { ...context, retryAfterMs })
  }
  if (res.status === 401 || res.status === 403) {
    const code = context.carrierCode ? ` (${context.carrierCode})` : ''
    return new AuthError(`${where} was refused with ${res.status}${code}`, context)
  }
  const error = new HttpError(`${where} failed with ${res.status}`, context, {
    retryable: retryStatuses.includes(res.status),
    details: retryAfterMs === undefined ? {} : { retryAfterMs },
  })
  if (retryAfterMs !== undefined) Object.defineProperty(error, 'retryAfterMs', { value: retryAfterMs })
  return error
}

export function decode(
  res: TransportResponse,
  type: 'json' | 'text' | 'bytes',
  method: HttpMethod,
  url: URL,
): unknown {
  if (type === 'bytes') return res.body
  const text = new TextDecoder().decode(res.body)
  if (type === 'text') return text
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new HttpError(
      `${method} ${safeUrl(url)} answered ${res.status} with a body that is not JSON`,
      { method, url: safeUrl(url), status: res.status, headers: redactHeaders(res.headers) },
      { cause },
    )
  }
}

export function tryDecodeError(res: TransportResponse, type: 'json' | 'text'): unknown {
  const text = new TextDecoder().decode(res.body)
  if (type === 'text') return text
  try {
    return text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    return text
  }
}

/** The carrier's own error code from common error shapes (OAuth, RFC 7807, UPS, FedEx, USPS). */
export function carrierCodeOf(body: Uint8Array): string | undefined {
  if (body.byteLength === 0 || body.byteLength > 65_536) return undefined
  let data: any
  try {
    data = JSON.parse(new TextDecoder().decode(body))
  } catch {
    return undefined
  }
  const candidates = [
    data?.error,
    data?.error?.code,
    data?.code,
    data?.errors?.[0]?.code,
    data?.response?.errors?.[0]?.code,
    data?.title,
  ]
  for (const c of candidates)
    if (typeof c === 'string' || typeof c === 'number') return String(c).slice(0, 100)
  return undefined
}

export function requestIdOf(headers: Record<string, string>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) if (headers[name]) return headers[name]
  return undefined
}
