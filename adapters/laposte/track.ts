/**
 * The La Poste Suivi v2 client: `GET /suivi/v2/idships/{id1,id2,…}?lang=…` (1 to 10 numbers a call) with the
 * `X-Okapi-Key` header and `Accept: application/json`. I/O only: 200 and 207 bodies go to `normalize` untouched;
 * a 404 (or 400) naming the number is La Poste's own per-number answer (`returnCode` 104, 105, 400…) and is passed
 * on as such; any other refusal becomes a typed error carrying La Poste's code and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient } from '../../src/http/index.js'
import { LAPOSTE_ID } from './normalize.js'

export const LAPOSTE_TRACK_PATH = '/suivi/v2/idships'

/** Numbers per call: the `idship` path parameter takes "1 to 10, comma separated" (Suivi v2 OpenAPI). */
export const LAPOSTE_MAX_BATCH = 10

/** An identifier is 11 to 15 alphanumeric characters (Suivi v2 OpenAPI, `idShip`). */
const ID_SHIP = /^[A-Za-z0-9]{11,15}$/

type Body = {
  returnCode?: unknown
  returnMessage?: unknown
  idShip?: unknown
  code?: unknown
  message?: unknown
}

/** Fetches the answers, one body per batch of {@link LAPOSTE_MAX_BATCH} numbers, in order. */
export async function trackLaposte(
  http: HttpClient,
  numbers: readonly string[],
  lang: string,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const ids = numbers.map((n) => n.trim().toUpperCase())
  const bad = ids.find((id) => !ID_SHIP.test(id))
  if (bad !== undefined)
    throw new ValidationError(
      'trackingNumbers',
      `laposte: "${bad}" is not a La Poste number (11 to 15 letters or digits)`,
    )
  const out: unknown[] = []
  for (let i = 0; i < ids.length; i += LAPOSTE_MAX_BATCH) {
    const batch = ids.slice(i, i + LAPOSTE_MAX_BATCH)
    const res = await http.request<unknown>({
      url: `${LAPOSTE_TRACK_PATH}/${batch.join(',')}`,
      query: { lang },
      headers: { accept: 'application/json' },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Body
    if (res.status >= 200 && res.status < 300) {
      out.push(res.body)
      continue
    }
    // A per-number answer (unknown, not yet available, invalid number): a result, not an error.
    if (
      (res.status === 404 || res.status === 400) &&
      typeof body.returnCode === 'number' &&
      typeof body.idShip === 'string'
    ) {
      out.push(res.body)
      continue
    }
    const code = body.returnCode ?? body.code
    const message = body.returnMessage ?? body.message
    throw carrierHttpError(
      res,
      {
        code: typeof code === 'string' || typeof code === 'number' ? String(code) : String(res.status),
        message: typeof message === 'string' ? message : undefined,
      },
      { carrier: LAPOSTE_ID, action: `tracking ${batch.join(',')}`, method: 'GET', secrets },
    )
  }
  return out
}
