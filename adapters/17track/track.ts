/**
 * The 17TRACK Tracking API v2.2 client. Per batch of up to 40 numbers: `POST /register` (idempotent: a number
 * already registered is refused with -18019901 and costs no quota), then `POST /gettrackinfo` for every number the
 * registration did not refuse. Both answers go to `normalize` untouched. Auth is the `17token` header. 17TRACK refuses a
 * whole request with HTTP 200 and a negative `code` (v2.2 docs, Error code); those codes are read as the HTTP
 * status they stand for, so a bad key is an `AuthError` and a spent quota a `RateLimitError`.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient, type HttpResponse } from '../../src/http/index.js'
import { TRACK17_CARRIER_KEYS } from './codes.js'
import { TRACK17_ALREADY_REGISTERED, TRACK17_ID } from './normalize.js'

export const TRACK17_REGISTER_PATH = '/track/v2.2/register'
export const TRACK17_GETTRACKINFO_PATH = '/track/v2.2/gettrackinfo'

/** Numbers per call: "a maximum of 40 tracking numbers per request" (v2.2 docs, Request limits; error -18010014). */
export const TRACK17_MAX_BATCH = 40

/**
 * Request-level codes (v2.2 docs, Error code) → the HTTP status they stand for: -18010001 IP not in the
 * whitelist, -18010002 invalid key, -18010004 account disabled, -18010005 unauthorized → 401; -18019907 daily
 * limit, -18019908 quota exhausted → 429; -18010003 internal error → 503 (retryable); anything else → 400.
 */
export function track17RefusalStatus(code: number): number {
  if ([-18010001, -18010002, -18010004, -18010005].includes(code)) return 401
  if (code === -18019907 || code === -18019908) return 429
  if (code === -18010003) return 503
  return 400
}

/** One number to register: `usps:9400…` names the carrier (a waybill id or 17TRACK's numeric key). */
export interface Track17Item {
  number: string
  carrier?: number
}

/** `usps:9400…`, `21051:9400…` or `9400…` → what 17TRACK is sent. Throws ValidationError for an unknown prefix. */
export function splitTrack17Number(input: string): Track17Item {
  const text = input.trim()
  const colon = text.indexOf(':')
  if (colon < 0) return { number: text }
  const prefix = text.slice(0, colon).trim()
  const number = text.slice(colon + 1).trim()
  const carrier = /^\d+$/.test(prefix) ? Number(prefix) : TRACK17_CARRIER_KEYS[prefix.toLowerCase()]
  if (carrier === undefined)
    throw new ValidationError(
      'trackingNumbers',
      `17track: "${prefix}" is neither a 17TRACK carrier key nor a waybill id 17TRACK is mapped for`,
    )
  return { number, carrier }
}

type Body = { code?: unknown; data?: { errors?: { code?: unknown; message?: unknown }[] } | null }

/** Posts one call; a refusal (HTTP or a negative `code`) becomes the typed error. */
async function post(
  http: HttpClient,
  url: string,
  items: readonly Track17Item[],
  ctx: TrackContext,
  secrets: readonly string[],
): Promise<unknown> {
  const res = await http.request<unknown>({
    url,
    method: 'POST',
    json: items,
    signal: ctx.signal,
    throwHttpErrors: false,
  })
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Body
  const code = typeof body.code === 'number' ? body.code : undefined
  if (res.status >= 200 && res.status < 300 && code === 0) return res.body
  const said = Array.isArray(body.data?.errors) ? body.data.errors[0] : undefined
  const carrierCode = said?.code ?? code
  const refused: HttpResponse<unknown> =
    res.status >= 200 && res.status < 300
      ? { ...res, status: track17RefusalStatus(typeof carrierCode === 'number' ? carrierCode : 0) }
      : res
  throw carrierHttpError(
    refused,
    {
      code: carrierCode !== undefined ? String(carrierCode) : String(res.status),
      message: typeof said?.message === 'string' ? said.message : undefined,
    },
    {
      carrier: TRACK17_ID,
      action: `${url.slice(url.lastIndexOf('/') + 1)} ${items.map((i) => i.number).join(',')}`,
      method: 'POST',
      secrets,
    },
  )
}

/**
 * Numbers a register answer refused for a reason other than "already registered" (upper case): those are reported
 * by that answer and not asked again. Every other number, accepted or not mentioned, is read with gettrackinfo, so
 * a number is never lost between the two calls.
 */
function refusedNumbers(answer: unknown): Set<string> {
  const data = (answer as { data?: { rejected?: unknown } } | null)?.data
  const out = new Set<string>()
  if (Array.isArray(data?.rejected))
    for (const r of data.rejected as { number?: unknown; error?: { code?: unknown } }[])
      if (typeof r.number === 'string' && r.error?.code !== TRACK17_ALREADY_REGISTERED)
        out.add(r.number.trim().toUpperCase())
  return out
}

/**
 * Registers and fetches the numbers, {@link TRACK17_MAX_BATCH} a batch. Returns, per batch, the register answer
 * (when `register` is on) and the gettrackinfo answer for the numbers 17TRACK knows; a number whose registration
 * was refused is not asked again, so it is reported once, with the refusal's code.
 */
export async function trackTrack17(
  http: HttpClient,
  numbers: readonly string[],
  ctx: TrackContext = {},
  options: { register?: boolean; secrets?: readonly string[] } = {},
): Promise<unknown[]> {
  const items = numbers.map(splitTrack17Number)
  const bad = items.find((i) => !/^[A-Za-z0-9-]{5,50}$/.test(i.number))
  if (bad) throw new ValidationError('trackingNumbers', `17track: "${bad.number}" is not a tracking number`)
  const secrets = options.secrets ?? []
  const out: unknown[] = []
  for (let i = 0; i < items.length; i += TRACK17_MAX_BATCH) {
    let batch = items.slice(i, i + TRACK17_MAX_BATCH)
    if (options.register !== false) {
      const registered = await post(http, TRACK17_REGISTER_PATH, batch, ctx, secrets)
      out.push(registered)
      const no = refusedNumbers(registered)
      batch = batch.filter((item) => !no.has(item.number.toUpperCase()))
      if (!batch.length) continue
    }
    out.push(await post(http, TRACK17_GETTRACKINFO_PATH, batch, ctx, secrets))
  }
  return out
}
