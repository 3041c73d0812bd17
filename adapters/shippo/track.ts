/**
 * The Shippo track client: `GET /tracks/{carrier}/{tracking_number}` with `Authorization: ShippoToken <key>`, one
 * number per call (Shippo API reference, "Get a tracking status"). I/O only: bodies go to `normalize` untouched.
 * A 404 becomes a body Shippo would send for an unknown number (no status), i.e. a not-found result; other
 * refusals become typed errors carrying Shippo's `detail` and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import { SHIPPO_ID } from './normalize.js'

export const SHIPPO_TRACK_PATH = '/tracks'

/** `usps:9205…` → Shippo token and number; a bare number uses `defaultCarrier`. */
export function splitShippoNumber(input: string, defaultCarrier: string | undefined): [string, string] {
  const at = input.indexOf(':')
  const token = (at > 0 ? input.slice(0, at) : defaultCarrier)?.trim().toLowerCase()
  const number = (at > 0 ? input.slice(at + 1) : input).trim()
  if (!token || !/^[a-z0-9_]+$/.test(token) || !number)
    throw new ValidationError(
      'trackingNumbers',
      `shippo: "${input}" needs a Shippo carrier token ("usps:9205…") or the adapter's carrier option`,
    )
  return [token, number]
}

/** Fetches one payload per number, in order. */
export async function trackShippo(
  http: HttpClient,
  numbers: readonly string[],
  defaultCarrier: string | undefined,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const [token, number] = splitShippoNumber(input, defaultCarrier)
    const res = await http.request<unknown>({
      url: `${SHIPPO_TRACK_PATH}/${encodeURIComponent(token)}/${encodeURIComponent(number)}`,
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    out.push(bodyOrThrow(res, token, number, secrets))
  }
  return out
}

function bodyOrThrow(
  res: HttpResponse<unknown>,
  token: string,
  number: string,
  secrets: readonly string[],
): unknown {
  if (res.status >= 200 && res.status < 300) return res.body
  if (res.status === 404)
    return { carrier: token, tracking_number: number, tracking_status: null, tracking_history: [] }
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<string, unknown>
  const detail = typeof body.detail === 'string' ? body.detail : undefined
  throw carrierHttpError(
    res,
    { code: String(res.status), message: detail },
    { carrier: SHIPPO_ID, action: `tracking ${token}:${number}`, secrets },
  )
}
