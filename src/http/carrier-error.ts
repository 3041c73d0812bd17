/**
 * One way for every adapter to turn a carrier's refusal into the library's typed errors. Each carrier words its
 * error bodies its own way, so the adapter reads what the carrier said (`CarrierSaid`); this decides what it
 * means by status: 401/403 → `AuthError`, 429 → `RateLimitError` with the carrier's `Retry-After`, 408 and 5xx →
 * a retryable `CarrierError`, anything else → `CarrierError`. The carrier's text is scrubbed of the credentials
 * named in `secrets` (in every encoding the library sends them) before it reaches a message.
 */
import { AuthError, CarrierError, type HttpErrorContext, RateLimitError } from '../errors/index.js'
import { redactBody } from './redact.js'
import { parseRetryAfter } from './retry.js'
import type { HttpResponse } from './types.js'

/** What the carrier said in its error body, as the adapter reads it. */
export interface CarrierSaid {
  /** The carrier's own error code (`TW0001`, `TRACKING.TRACKINGNUMBER.NOTFOUND`). */
  code?: string | undefined
  /** The carrier's own text. */
  message?: string | undefined
  /** A request or transaction id from the body, when the headers had none. */
  requestId?: string | undefined
}

export interface CarrierErrorOptions {
  /** The adapter id (`ups`), named in the error and its messages. */
  carrier: string
  /** What was being done, for the message: `tracking 1Z999AA10123456784`. */
  action: string
  /** @default 'GET' */
  method?: string
  /** @default the response's URL */
  url?: string
  /** Credentials to scrub from the carrier's text. @default [] */
  secrets?: readonly string[]
  /** A sentence added to a 401's message (what usually causes it with this carrier). */
  authHint?: string
}

/**
 * The typed error a non-2xx carrier response stands for.
 * @example throw carrierHttpError(res, { code: body.code, message: body.title }, { carrier: 'dhl', action: `tracking ${n}` })
 */
export function carrierHttpError(
  res: HttpResponse<unknown>,
  said: CarrierSaid,
  options: CarrierErrorOptions,
): AuthError | RateLimitError | CarrierError {
  const message =
    said.message === undefined ? undefined : redactBody(said.message, options.secrets ?? []).slice(0, 300)
  const code =
    said.code === undefined ? undefined : redactBody(said.code, options.secrets ?? []).slice(0, 100)
  const requestId = res.requestId ?? said.requestId
  const context: HttpErrorContext = {
    method: options.method ?? 'GET',
    url: options.url ?? res.url,
    status: res.status,
    ...(requestId ? { requestId } : {}),
    ...(code ? { carrierCode: code } : {}),
  }
  const detail = `${res.status}${code ? ` (${code})` : ''}${message ? `: ${message}` : ''}${requestId ? ` [request ${requestId}]` : ''}`
  const { carrier, action } = options
  if (res.status === 401 || res.status === 403)
    return new AuthError(
      `${carrier}: ${action} refused with ${detail}${res.status === 401 && options.authHint ? `. ${options.authHint}` : ''}`,
      context,
    )
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'])
    return new RateLimitError(`${carrier}: ${action} throttled with ${detail}`, {
      ...context,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    })
  }
  return new CarrierError(carrier, `${action} failed with ${detail}`, context, {
    retryable: res.status >= 500 || res.status === 408,
  })
}
