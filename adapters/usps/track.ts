/**
 * The USPS track client: `GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL` with an OAuth2 bearer token
 * (client credentials, scope `tracking`), one number per call. I/O only: bodies go back untouched for
 * `normalize`, a 404 envelope included (a not-found result). Other refusals become typed errors with USPS's code
 * and the request id. A 401 is retried once with a fresh token by the HTTP client before it lands here.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import { USPS_ID } from './normalize.js'

export const USPS_TRACK_PATH = '/tracking/v3/tracking/'

/** Fetches one payload per number, in order. */
export async function trackUsps(
  http: HttpClient,
  numbers: readonly string[],
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const number of numbers) {
    const res = await http.request<unknown>({
      url: `${USPS_TRACK_PATH}${encodeURIComponent(number.trim())}`,
      query: { expand: 'DETAIL' },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    out.push(bodyOrThrow(res, number, secrets))
  }
  return out
}

function errorParts(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {}
  const error = (body as { error?: unknown }).error
  if (typeof error === 'string') {
    const description = (body as { error_description?: unknown }).error_description
    return { code: error, message: typeof description === 'string' ? description : undefined }
  }
  if (typeof error !== 'object' || error === null) return {}
  const e = error as { code?: unknown; message?: unknown; errors?: { title?: unknown; detail?: unknown }[] }
  const first = Array.isArray(e.errors) ? e.errors[0] : undefined
  const parts = [e.message, first?.title, first?.detail].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  )
  return {
    code: typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : undefined,
    message: parts.join(' — ') || undefined,
  }
}

function bodyOrThrow(res: HttpResponse<unknown>, number: string, secrets: readonly string[]): unknown {
  if (res.status >= 200 && res.status < 300) return res.body
  if (res.status === 404) {
    const body = res.body as { error?: { code?: unknown } } | undefined
    if (body && typeof body.error === 'object' && body.error !== null && String(body.error.code) === '404')
      return body
    return { error: { code: '404', message: errorParts(res.body).message ?? 'Not Found' } }
  }
  throw carrierHttpError(res, errorParts(res.body), {
    carrier: USPS_ID,
    action: `tracking ${number.trim()}`,
    secrets,
    authHint:
      "A token without the 'tracking' scope is refused this way: check that the app has the Tracking API",
  })
}
