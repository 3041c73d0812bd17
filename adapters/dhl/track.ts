/**
 * The DHL track client: `GET /track/shipments?trackingNumber=…` with the `DHL-API-Key` header, one number per
 * call. I/O only — it returns DHL's bodies untouched for `normalize`, a 404 problem document included (that is a
 * "not found" result, not an error). Other refusals become typed errors carrying DHL's title and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { AuthError, CarrierError, type HttpErrorContext, RateLimitError } from '../../src/errors/index.js'
import { parseRetryAfter, redactBody } from '../../src/http/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/types.js'
import { DHL_ID } from './normalize.js'

/** Query parameters DHL accepts next to `trackingNumber` (DHL OpenAPI). */
export interface DhlQuery {
  service?: string
  requesterCountryCode?: string
  originCountryCode?: string
  recipientPostalCode?: string
  language?: string
}

export const DHL_TRACK_PATH = '/track/shipments'

/** Fetches one payload per number, in order. */
export async function trackDhl(
  http: HttpClient,
  numbers: readonly string[],
  query: DhlQuery,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const number of numbers) {
    const res = await http.request<unknown>({
      url: DHL_TRACK_PATH,
      query: { trackingNumber: number.trim(), ...query },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    out.push(bodyOrThrow(res, number, secrets))
  }
  return out
}

function bodyOrThrow(res: HttpResponse<unknown>, number: string, secrets: readonly string[]): unknown {
  if (res.status >= 200 && res.status < 300) return res.body
  const problem = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<
    string,
    unknown
  >
  if (res.status === 404)
    return typeof problem.status === 'number' ? problem : { status: 404, title: 'Not Found' }
  // DHL's text goes into messages: scrub anything that looks like the key first.
  const title =
    typeof problem.title === 'string' ? redactBody(problem.title, secrets).slice(0, 200) : undefined
  const detail =
    typeof problem.detail === 'string' ? redactBody(problem.detail, secrets).slice(0, 300) : undefined
  const context: HttpErrorContext = {
    method: 'GET',
    url: res.url,
    status: res.status,
    requestId: res.requestId,
    ...(title ? { carrierCode: title } : {}),
  }
  const what = [title, detail].filter(Boolean).join(': ') || `HTTP ${res.status}`
  if (res.status === 401 || res.status === 403)
    return fail(new AuthError(`DHL refused the API key for ${number} (${res.status}): ${what}`, context))
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'])
    return fail(
      new RateLimitError(`DHL throttled tracking ${number} (429): ${what}`, { ...context, retryAfterMs }),
    )
  }
  return fail(
    new CarrierError(DHL_ID, `tracking ${number} failed with ${res.status}: ${what}`, context, {
      retryable: res.status >= 500 || res.status === 408,
    }),
  )
}

function fail(error: Error): never {
  throw error
}
