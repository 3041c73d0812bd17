/**
 * The EasyPost Trackers client (docs.easypost.com/docs/trackers): a number is tracked by creating a tracker,
 * `POST /v2/trackers` with `{ tracker: { tracking_code, carrier } }` (EasyPost answers with the tracker it already
 * has for that code and carrier, so polling repeats the same call); a tracker id (`trk_…`) is read with
 * `GET /v2/trackers/:id`. HTTP Basic auth with the API key as user. I/O only: bodies go to `normalize` untouched.
 * A 404 becomes a tracker without details (a not-found result); other refusals become typed errors carrying
 * EasyPost's `error.code`, its message and the `x-ep-request-uuid` request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import { EASYPOST_CARRIER_NAMES } from './codes.js'
import { EASYPOST_ID } from './normalize.js'

export const EASYPOST_TRACKERS_PATH = '/v2/trackers'

/** What one `track()` input asks for: an existing tracker by id, or a tracking code (with its carrier, if named). */
export type EasypostTrackRequest = { trackerId: string } | { trackingCode: string; carrier?: string }

/**
 * `trk_…` → a tracker id; `USPS:9400…` or `usps:9400…` → a code with EasyPost's carrier (waybill ids are spelled
 * the EasyPost way); a bare code uses `defaultCarrier`, or none (EasyPost then detects the carrier).
 * @example splitEasypostNumber('dhl:1234567890', undefined) // { trackingCode: '1234567890', carrier: 'DHLExpress' }
 */
export function splitEasypostNumber(input: string, defaultCarrier: string | undefined): EasypostTrackRequest {
  const text = input.trim()
  if (/^trk_[A-Za-z0-9]+$/.test(text)) return { trackerId: text }
  const at = text.indexOf(':')
  const named = at > 0 ? text.slice(0, at).trim() : defaultCarrier?.trim()
  const trackingCode = (at > 0 ? text.slice(at + 1) : text).trim()
  if (!trackingCode || (named !== undefined && !/^[A-Za-z0-9_]+$/.test(named)))
    throw new ValidationError(
      'trackingNumbers',
      `easypost: "${input}" is neither a tracker id (trk_…), a tracking code, nor "<carrier>:<code>"`,
    )
  if (!named) return { trackingCode }
  return { trackingCode, carrier: EASYPOST_CARRIER_NAMES[named.toLowerCase()] ?? named }
}

/** Fetches one Tracker per input, in order. */
export async function trackEasypost(
  http: HttpClient,
  numbers: readonly string[],
  defaultCarrier: string | undefined,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const request = splitEasypostNumber(input, defaultCarrier)
    if ('trackerId' in request) {
      const res = await http.request<unknown>({
        url: `${EASYPOST_TRACKERS_PATH}/${encodeURIComponent(request.trackerId)}`,
        signal: ctx.signal,
        throwHttpErrors: false,
      })
      out.push(bodyOrThrow(res, 'GET', request.trackerId, secrets))
      continue
    }
    const tracker: Record<string, string> = { tracking_code: request.trackingCode }
    if (request.carrier) tracker.carrier = request.carrier
    const res = await http.request<unknown>({
      method: 'POST',
      url: EASYPOST_TRACKERS_PATH,
      json: { tracker },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    out.push(bodyOrThrow(res, 'POST', request.trackingCode, secrets))
  }
  return out
}

function bodyOrThrow(
  res: HttpResponse<unknown>,
  method: 'GET' | 'POST',
  asked: string,
  secrets: readonly string[],
): unknown {
  if (res.status >= 200 && res.status < 300) return res.body
  if (res.status === 404)
    return { id: asked, object: 'Tracker', tracking_code: asked, status: 'unknown', tracking_details: [] }
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<string, unknown>
  const error = (typeof body.error === 'object' && body.error !== null ? body.error : {}) as Record<
    string,
    unknown
  >
  throw carrierHttpError(
    res,
    {
      code: typeof error.code === 'string' ? error.code : String(res.status),
      message: typeof error.message === 'string' ? error.message : undefined,
      requestId: res.headers['x-ep-request-uuid'],
    },
    { carrier: EASYPOST_ID, action: `tracking ${asked}`, method, secrets },
  )
}
