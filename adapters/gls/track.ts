/**
 * The GLS Track And Trace V1 client (`GET /track-and-trace-v1/tracking/simple/trackids/{a,b,…}`, up to 10 parcel
 * numbers a call, an OAuth 2 client-credentials bearer token). I/O only: the answer goes to `normalize` untouched
 * (an unknown number is a parcel entry with `errorCode` `E_404_01` inside a 200); refusals become typed errors with
 * the gateway's `fault.detail.errorcode` (401, 429) or the API's problem `title`/`detail` (400, 404) and the
 * request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient, type HttpResponse } from '../../src/http/index.js'
import { GLS_ID } from './normalize.js'

/** Where the Track And Trace V1 API lives under the gateway host. */
export const GLS_TRACK_PREFIX = '/track-and-trace-v1'

/** Parcel numbers per call (Track And Trace V1: "a maximum limit of 10 parcel IDs per request"). */
export const GLS_MAX_BATCH = 10

/** The path asking for these parcel numbers. */
export const glsTrackPath = (unitnos: readonly string[]) =>
  `${GLS_TRACK_PREFIX}/tracking/simple/trackids/${unitnos.map(encodeURIComponent).join(',')}`

/** 11–12 digit parcel numbers, 8-character Track IDs, and GLS's `QAS_…` test parcels. */
const PARCEL_NUMBER = /^[A-Za-z0-9_]{6,20}$/

interface GlsRefusal {
  fault?: { faultstring?: unknown; detail?: { errorcode?: unknown } }
  title?: unknown
  detail?: unknown
}

function said(res: HttpResponse<unknown>): { code: string; message?: string } {
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as GlsRefusal
  const code = body.fault?.detail?.errorcode ?? body.title
  const message = body.fault?.faultstring ?? body.detail
  return {
    code: typeof code === 'string' && code ? code : String(res.status),
    ...(typeof message === 'string' ? { message } : {}),
  }
}

/** Fetches the Track And Trace answers, one per batch of {@link GLS_MAX_BATCH} numbers, in order. */
export async function trackGls(
  http: HttpClient,
  numbers: readonly string[],
  language: string,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const ids = numbers.map((n) => n.trim())
  const bad = ids.find((id) => !PARCEL_NUMBER.test(id))
  if (bad !== undefined)
    throw new ValidationError('trackingNumbers', `gls: "${bad}" is not a GLS parcel number or Track ID`)
  const out: unknown[] = []
  for (let i = 0; i < ids.length; i += GLS_MAX_BATCH) {
    const batch = ids.slice(i, i + GLS_MAX_BATCH)
    const res = await http.request<unknown>({
      url: glsTrackPath(batch),
      headers: { 'accept-language': language },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    if (res.status >= 200 && res.status < 300) {
      out.push(res.body)
      continue
    }
    throw carrierHttpError(res, said(res), {
      carrier: GLS_ID,
      action: `tracking ${batch.join(',')}`,
      method: 'GET',
      secrets,
      authHint:
        'Check the client id and secret of your dev-portal.gls-group.net app and its Track And Trace subscription',
    })
  }
  return out
}
