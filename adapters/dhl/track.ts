/**
 * The DHL track client: `GET /track/shipments?trackingNumber=…` with the `DHL-API-Key` header, one number per
 * call. I/O only — it returns DHL's bodies untouched for `normalize`, a 404 problem document included (that is a
 * "not found" result, not an error). Other refusals become typed errors (`carrierHttpError`) carrying DHL's title
 * and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
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
  const title = typeof problem.title === 'string' ? problem.title : undefined
  const detail = typeof problem.detail === 'string' ? problem.detail : undefined
  throw carrierHttpError(
    res,
    { code: title, message: [title, detail].filter(Boolean).join(': ') || undefined },
    { carrier: DHL_ID, action: `tracking ${number.trim()}`, secrets },
  )
}
