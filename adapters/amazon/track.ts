/**
 * The Amazon Shipping API v2 `getTracking` client (`GET /shipping/v2/tracking?trackingId=…&carrierId=…`, LWA access
 * token in `x-amz-access-token`, business id in `x-amzn-shipping-business-id`), one number a call. A 404 becomes an
 * answer without events (not found); other refusals become typed errors with `errors[0].code` and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient } from '../../src/http/index.js'
import { AMAZON_ID } from './normalize.js'

export const AMAZON_TRACKING_PATH = '/shipping/v2/tracking'

/** Fetches one `getTracking` answer per number, in order. */
export async function trackAmazon(
  http: HttpClient,
  numbers: readonly string[],
  carrierId: string,
  businessId: string,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const trackingId = input.trim()
    if (!/^[A-Za-z0-9-]+$/.test(trackingId))
      throw new ValidationError('trackingNumbers', `amazon: "${input}" is not an Amazon Shipping tracking id`)
    const res = await http.request<unknown>({
      url: AMAZON_TRACKING_PATH,
      query: { trackingId, carrierId },
      headers: { 'x-amzn-shipping-business-id': businessId },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    if (res.status >= 200 && res.status < 300) {
      out.push(res.body)
      continue
    }
    if (res.status === 404) {
      out.push({ payload: { trackingId, eventHistory: [] } })
      continue
    }
    const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as {
      errors?: { code?: unknown; message?: unknown }[]
    }
    const said = Array.isArray(body.errors) ? body.errors[0] : undefined
    throw carrierHttpError(
      res,
      {
        code: typeof said?.code === 'string' ? said.code : String(res.status),
        message: typeof said?.message === 'string' ? said.message : undefined,
      },
      { carrier: AMAZON_ID, action: `tracking ${trackingId}`, method: 'GET', secrets },
    )
  }
  return out
}
