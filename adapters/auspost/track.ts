/**
 * The Australia Post Track Items client (`GET /shipping/v1/track?tracking_ids=a,b,…`, up to 10 ids a call, HTTP
 * Basic auth with the API key and password plus the `account-number` header). I/O only: the answer goes to
 * `normalize` untouched; refusals become typed errors carrying Australia Post's `errors[0].code` and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient } from '../../src/http/index.js'
import { AUSPOST_ID } from './normalize.js'

export const AUSPOST_TRACK_PATH = '/shipping/v1/track'

/** Tracking ids per Track Items call (Track Items reference: "up to 10 tracking IDs separated by commas"). */
export const AUSPOST_MAX_BATCH = 10

/** Fetches the Track Items answers, one per batch of {@link AUSPOST_MAX_BATCH} numbers, in order. */
export async function trackAuspost(
  http: HttpClient,
  numbers: readonly string[],
  accountNumber: string,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const ids = numbers.map((n) => n.trim())
  const bad = ids.find((id) => !/^[A-Za-z0-9]+$/.test(id))
  if (bad !== undefined)
    throw new ValidationError('trackingNumbers', `auspost: "${bad}" is not an Australia Post tracking id`)
  const out: unknown[] = []
  for (let i = 0; i < ids.length; i += AUSPOST_MAX_BATCH) {
    const batch = ids.slice(i, i + AUSPOST_MAX_BATCH)
    const res = await http.request<unknown>({
      url: AUSPOST_TRACK_PATH,
      query: { tracking_ids: batch.join(',') },
      headers: { 'account-number': accountNumber },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    if (res.status >= 200 && res.status < 300) {
      out.push(res.body)
      continue
    }
    const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as {
      errors?: { code?: unknown; name?: unknown; message?: unknown }[]
    }
    const said = Array.isArray(body.errors) ? body.errors[0] : undefined
    throw carrierHttpError(
      res,
      {
        code: said?.code !== undefined ? String(said.code) : String(res.status),
        message:
          typeof said?.message === 'string'
            ? said.message
            : typeof said?.name === 'string'
              ? said.name
              : undefined,
      },
      { carrier: AUSPOST_ID, action: `track ${batch.join(',')}`, method: 'GET', secrets },
    )
  }
  return out
}
