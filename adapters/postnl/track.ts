/**
 * The PostNL Shippingstatus client (`GET /shipment/v2/status/barcode/{barcode}?detail=true&language=…`, one barcode
 * a call, the API key in the `apikey` header). I/O only: the answer goes to `normalize` untouched, except that an
 * answer without shipments (or a 404) gets the `Barcode` that was asked for; other refusals become typed errors
 * carrying PostNL's error code (the gateway's `fault.detail.errorcode`, or `Errors[0].Code`) and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient, type HttpResponse } from '../../src/http/index.js'
import { POSTNL_ID } from './normalize.js'

/** The Shippingstatus path of one barcode. */
export const postnlStatusPath = (barcode: string) =>
  `/shipment/v2/status/barcode/${encodeURIComponent(barcode)}`

/** A PostNL barcode: 3S barcodes (`3SDEVC288882229`) and S10 numbers (`LA123456785NL`). */
const BARCODE = /^[A-Za-z0-9]{8,40}$/

interface PostnlRefusal {
  fault?: { faultstring?: unknown; detail?: { errorcode?: unknown } }
  Errors?: { Code?: unknown; Description?: unknown; Message?: unknown }[]
  Warnings?: unknown
}

function bodyOf(res: HttpResponse<unknown>): Record<string, unknown> {
  return typeof res.body === 'object' && res.body !== null && !Array.isArray(res.body)
    ? (res.body as Record<string, unknown>)
    : {}
}

function hasShipments(body: Record<string, unknown>): boolean {
  const block = (body.CompleteStatus ?? body.CurrentStatus) as { Shipment?: unknown } | undefined
  const list = block?.Shipment
  return Array.isArray(list) ? list.length > 0 : typeof list === 'object' && list !== null
}

/** What PostNL said in a refusal: its code and text. */
function saidOf(body: PostnlRefusal, status: number): { code: string; message?: string } {
  const error = Array.isArray(body.Errors) ? body.Errors[0] : undefined
  const code = body.fault?.detail?.errorcode ?? error?.Code
  const message = body.fault?.faultstring ?? error?.Description ?? error?.Message
  return {
    code: typeof code === 'string' || typeof code === 'number' ? String(code) : String(status),
    ...(typeof message === 'string' ? { message } : {}),
  }
}

/** Fetches one Shippingstatus answer per barcode, in order. */
export async function trackPostnl(
  http: HttpClient,
  numbers: readonly string[],
  language: string,
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const barcode = input.trim()
    if (!BARCODE.test(barcode))
      throw new ValidationError('trackingNumbers', `postnl: "${input}" is not a PostNL barcode`)
    const res = await http.request<unknown>({
      url: postnlStatusPath(barcode),
      query: { detail: 'true', language },
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    const body = bodyOf(res)
    if (res.status >= 200 && res.status < 300) {
      out.push(hasShipments(body) ? res.body : { ...body, Barcode: barcode })
      continue
    }
    if (res.status === 404) {
      const said = saidOf(body, res.status)
      out.push({ Barcode: barcode, Warnings: [{ Code: said.code, Message: said.message ?? 'Not found' }] })
      continue
    }
    throw carrierHttpError(res, saidOf(body, res.status), {
      carrier: POSTNL_ID,
      action: `tracking ${barcode}`,
      method: 'GET',
      secrets,
      authHint:
        'Check the apikey of your developer.postnl.nl application (production and sandbox keys differ)',
    })
  }
  return out
}
