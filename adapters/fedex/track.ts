/**
 * FedEx Track API v1 I/O: `POST /track/v1/trackingnumbers` with `x-customer-transaction-id` and `x-locale`,
 * up to 30 numbers per call, `includeDetailedScans: true`, through `ctx.http` or the adapter's own client (OAuth2
 * client credentials as form fields to `/oauth/token`). Returns raw bodies; `normalize` does the rest.
 *
 * Tracking is read-only, so the POST is retried like a GET (429/5xx/network, `Retry-After` honoured). Status
 * handling: 2xx → body (per-number "not found" lives inside it). 401/403 → AuthError (a 401 was already retried
 * once with a fresh token). 429 → RateLimitError with the wait. Anything else → CarrierError with FedEx's code
 * and the transaction id.
 */
import { randomUUID } from 'node:crypto'
import type { TrackContext } from '../../src/adapter/index.js'
import type { HttpClient } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'

/** FedEx's cap on numbers per request (see README for the source). */
export const FEDEX_MAX_BATCH = 30

export interface FedexTrackSettings {
  client: () => HttpClient
  /**
   * Credentials to scrub from the carrier's error text, besides what the HTTP client already scrubs (a
   * caller's own `ctx.http` may not).
   */
  secrets?: readonly string[]
  locale: string
  includeDetailedScans: boolean
}

/** FedEx's own error code, text and transaction id from an error body. */
export function fedexErrorOf(body: unknown): { code?: string; message?: string; transactionId?: string } {
  const b = body as { errors?: unknown; transactionId?: unknown } | undefined
  const first = Array.isArray(b?.errors)
    ? (b.errors[0] as { code?: unknown; message?: unknown } | undefined)
    : undefined
  const out: { code?: string; message?: string; transactionId?: string } = {}
  if (typeof first?.code === 'string') out.code = first.code
  if (typeof first?.message === 'string') out.message = first.message.slice(0, 200)
  if (typeof b?.transactionId === 'string') out.transactionId = b.transactionId
  return out
}

/** Fetches raw Track API bodies, one per chunk of at most 30 numbers. */
export async function trackFedex(
  numbers: string[],
  ctx: TrackContext,
  settings: FedexTrackSettings,
): Promise<unknown[]> {
  const http = ctx.http ?? settings.client()
  const out: unknown[] = []
  const path = '/track/v1/trackingnumbers'
  for (let i = 0; i < numbers.length; i += FEDEX_MAX_BATCH) {
    const chunk = numbers.slice(i, i + FEDEX_MAX_BATCH)
    const res = await http.request<unknown>({
      method: 'POST',
      url: path,
      headers: { 'x-customer-transaction-id': randomUUID(), 'x-locale': settings.locale },
      json: {
        includeDetailedScans: settings.includeDetailedScans,
        trackingInfo: chunk.map((trackingNumber) => ({
          trackingNumberInfo: { trackingNumber: trackingNumber.trim() },
        })),
      },
      retry: { methods: ['POST'] },
      throwHttpErrors: false,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    })
    if (res.status >= 200 && res.status < 300) out.push(res.body)
    else {
      const { code, message, transactionId } = fedexErrorOf(res.body)
      throw carrierHttpError(
        res,
        { code, message, requestId: transactionId },
        {
          carrier: 'fedex',
          action: `tracking ${chunk.length === 1 ? chunk[0]!.trim() : `${chunk.length} numbers`}`,
          method: 'POST',
          url: path,
          secrets: settings.secrets ?? [],
        },
      )
    }
  }
  return out
}
