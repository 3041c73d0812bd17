/**
 * The AfterShip Tracking API client (aftership.com/docs/tracking, version 2026-07, `as-api-key` header). A number
 * is looked up with `GET /trackings?tracking_numbers=…&slug=…`; when AfterShip does not track it yet it is
 * registered with `POST /trackings` (`{ tracking_number, slug }`), whose answer is the new tracking (usually
 * Pending, a not-found result until AfterShip reaches the carrier). Polling then costs one GET per number.
 * (`GET /trackings/{slug}/{tracking_number}` belongs to the legacy v4 API; the dated versions read by id or by
 * query.) I/O only: the tracking objects go to `normalize` untouched; refusals become typed errors carrying
 * AfterShip's `meta.code`, `meta.message` and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import type { HttpClient, HttpResponse } from '../../src/http/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import { AFTERSHIP_ID } from './normalize.js'

export const AFTERSHIP_TRACKINGS_PATH = '/trackings'

/**
 * `usps:9400…` → AfterShip slug and number; a bare number uses `defaultSlug`, or none (AfterShip then detects the
 * courier).
 * @example splitAftershipNumber('FedEx:1234', undefined) // { slug: 'fedex', trackingNumber: '1234' }
 */
export function splitAftershipNumber(
  input: string,
  defaultSlug: string | undefined,
): { slug?: string; trackingNumber: string } {
  const at = input.indexOf(':')
  const slug = (at > 0 ? input.slice(0, at) : defaultSlug)?.trim().toLowerCase()
  const trackingNumber = (at > 0 ? input.slice(at + 1) : input).trim()
  if (!trackingNumber || (slug !== undefined && !/^[a-z0-9-]+$/.test(slug)))
    throw new ValidationError(
      'trackingNumbers',
      `aftership: "${input}" needs a tracking number, optionally after an AfterShip courier slug ("usps:9400…")`,
    )
  return slug ? { slug, trackingNumber } : { trackingNumber }
}

/** Fetches (registering when needed) one tracking per number, in order. */
export async function trackAftership(
  http: HttpClient,
  numbers: readonly string[],
  defaultSlug: string | undefined,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const { slug, trackingNumber } = splitAftershipNumber(input, defaultSlug)
    const lookUp = async () => {
      const found = await http.request<unknown>({
        url: AFTERSHIP_TRACKINGS_PATH,
        query: { tracking_numbers: trackingNumber, slug },
        signal: ctx.signal,
        throwHttpErrors: false,
      })
      const data = dataOrThrow(found, 'GET', trackingNumber, secrets) as { trackings?: unknown } | undefined
      return Array.isArray(data?.trackings) ? (data.trackings as unknown[]) : []
    }
    const known = await lookUp()
    if (known.length) {
      out.push(known[0])
      continue
    }
    const created = await http.request<unknown>({
      method: 'POST',
      url: AFTERSHIP_TRACKINGS_PATH,
      json: slug ? { tracking_number: trackingNumber, slug } : { tracking_number: trackingNumber },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    // Registered meanwhile (another poller, or a retried POST whose first attempt went through): read it again.
    const again = metaCodeOf(created) === ALREADY_EXISTS ? await lookUp() : []
    out.push(again.length ? again[0] : dataOrThrow(created, 'POST', trackingNumber, secrets))
  }
  return out
}

/** `meta.code` of "Tracking already exists" (AfterShip Tracking API error codes). */
const ALREADY_EXISTS = 4003

function metaCodeOf(res: HttpResponse<unknown>): unknown {
  const body = res.body as { meta?: { code?: unknown } } | null | undefined
  return typeof body === 'object' && body !== null ? body.meta?.code : undefined
}

function dataOrThrow(
  res: HttpResponse<unknown>,
  method: 'GET' | 'POST',
  trackingNumber: string,
  secrets: readonly string[],
): unknown {
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Record<string, unknown>
  if (res.status >= 200 && res.status < 300) return body.data
  if (res.status === 404) return { tracking_number: trackingNumber, tag: 'Pending', checkpoints: [] }
  const meta = (typeof body.meta === 'object' && body.meta !== null ? body.meta : {}) as Record<
    string,
    unknown
  >
  throw carrierHttpError(
    res,
    {
      code: meta.code !== undefined && meta.code !== null ? String(meta.code) : String(res.status),
      message: typeof meta.message === 'string' ? meta.message : undefined,
    },
    { carrier: AFTERSHIP_ID, action: `tracking ${trackingNumber}`, method, secrets },
  )
}
