/**
 * Canada Post "Get Tracking Details" client: `GET /vis/track/pin/{pin}/detail` with
 * `Accept: application/vnd.cpc.track-v2+xml` and Basic auth (API key user:password). I/O only: the XML text goes
 * to `normalize` untouched beside the PIN asked for; a 404 carrying message 004 "No Pin History" is handed on as the not-found answer it
 * is; any other refusal becomes a typed error with Canada Post's message code and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { parseXmlBody } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient } from '../../src/http/index.js'
import { CANADAPOST_NO_PIN_HISTORY } from './codes.js'
import { CANADAPOST_ID } from './normalize.js'

export const CANADAPOST_ACCEPT = 'application/vnd.cpc.track-v2+xml'

/** `/vis/track/pin/{pin}/detail` of one PIN (digits and letters only, as Canada Post numbers are). */
export function canadaPostDetailPath(pin: string): string {
  const clean = pin.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9]{8,40}$/.test(clean))
    throw new ValidationError('trackingNumbers', `canadapost: "${pin}" is not a Canada Post PIN`)
  return `/vis/track/pin/${encodeURIComponent(clean)}/detail`
}

function messageOf(body: string): { code?: string; message?: string } {
  try {
    const doc = parseXmlBody(body, 'Canada Post error') as { messages?: { message?: unknown } }
    const first = [doc.messages?.message].flat()[0] as { code?: unknown; description?: unknown } | undefined
    return {
      ...(typeof first?.code === 'string' ? { code: first.code } : {}),
      ...(typeof first?.description === 'string' ? { message: first.description } : {}),
    }
  } catch {
    return {}
  }
}

/** One `{ pin, xml }` per PIN, in order (the PIN names a not-found answer, whose XML does not). */
export async function trackCanadaPost(
  http: HttpClient,
  numbers: readonly string[],
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const pin of numbers) {
    const res = await http.request<string>({
      url: canadaPostDetailPath(pin),
      headers: { accept: CANADAPOST_ACCEPT, 'accept-language': 'en-CA' },
      responseType: 'text',
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    const body = typeof res.body === 'string' ? res.body : ''
    if (res.status >= 200 && res.status < 300) {
      out.push({ pin, xml: body })
      continue
    }
    const said = messageOf(body)
    if (res.status === 404 && said.code === CANADAPOST_NO_PIN_HISTORY) {
      out.push({ pin, xml: body })
      continue
    }
    throw carrierHttpError(
      res,
      { code: said.code ?? String(res.status), message: said.message },
      {
        carrier: CANADAPOST_ID,
        action: `tracking ${pin}`,
        method: 'GET',
        secrets,
        authHint:
          'Check WAYBILL_CANADAPOST_USERNAME / WAYBILL_CANADAPOST_PASSWORD and that the key matches the endpoint (AA002)',
      },
    )
  }
  return out
}
