/**
 * UPS Track API v1 I/O: `GET /api/track/v1/details/{inquiryNumber}` with the required `transId` and
 * `transactionSrc` headers, one number per call, through `ctx.http` or the adapter's own client (OAuth2 client
 * credentials, HTTP Basic to `/security/v1/oauth/token`). Returns raw bodies; `normalize` does the rest.
 *
 * Status handling: 2xx → body. 404 with UPS's not-found code (`TW0001`) → passed through (normalize turns it into
 * not found); a 404 with any other code is an error like any other status. 401/403 → AuthError (the client already retried a 401 once with a fresh token). 429 → RateLimitError
 * with the wait when UPS gave one. Anything else → CarrierError with UPS's code and the request id.
 */
import { randomUUID } from 'node:crypto'
import type { TrackContext } from '../../src/adapter/index.js'
import type { HttpClient } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import { UPS_NOT_FOUND_CODES } from './codes.js'

export interface UpsTrackSettings {
  /** Gives the client (the caller's `ctx.http` wins). */
  client: () => HttpClient
  /**
   * Credentials to scrub from the carrier's error text, besides what the HTTP client already scrubs (a
   * caller's own `ctx.http` may not).
   */
  secrets?: readonly string[]
  transactionSrc: string
  locale: string
}

/** The carrier's own error code and text from a UPS error body. */
export function upsErrorOf(body: unknown): { code?: string; message?: string } {
  const errors = (body as { response?: { errors?: unknown } } | undefined)?.response?.errors
  const first = Array.isArray(errors)
    ? (errors[0] as { code?: unknown; message?: unknown } | undefined)
    : undefined
  const code =
    typeof first?.code === 'string' || typeof first?.code === 'number' ? String(first.code) : undefined
  const message = typeof first?.message === 'string' ? first.message.slice(0, 200) : undefined
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) }
}

/** A 404 body whose UPS code says the number is unknown (rather than the request wrong). */
function isNotFound(body: unknown): boolean {
  const code = upsErrorOf(body).code
  return code !== undefined && UPS_NOT_FOUND_CODES.has(code.trim().toUpperCase())
}

/** Fetches one raw Track API body per number, in order. */
export async function trackUps(
  numbers: string[],
  ctx: TrackContext,
  settings: UpsTrackSettings,
): Promise<unknown[]> {
  const http = ctx.http ?? settings.client()
  const out: unknown[] = []
  for (const number of numbers) {
    const path = `/api/track/v1/details/${encodeURIComponent(number.trim())}`
    const res = await http.request<unknown>({
      method: 'GET',
      url: path,
      query: {
        locale: settings.locale,
        returnSignature: 'false',
        returnMilestones: 'false',
        returnPOD: 'false',
      },
      headers: {
        transId: randomUUID().replace(/-/g, '').slice(0, 32),
        transactionSrc: settings.transactionSrc,
      },
      throwHttpErrors: false,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    })
    if (res.status >= 200 && res.status < 300) out.push(res.body)
    else if (res.status === 404 && isNotFound(res.body)) out.push(res.body)
    else
      throw carrierHttpError(res, upsErrorOf(res.body), {
        carrier: 'ups',
        action: `tracking ${number.trim()}`,
        url: path,
        secrets: settings.secrets ?? [],
      })
  }
  return out
}
