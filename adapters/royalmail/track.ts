/**
 * The Royal Mail Tracking API v2 events client (`GET /mailpieces/v2/{mailPieceId}/events`, one number a call, IBM
 * API Connect credentials in `X-IBM-Client-Id` / `X-IBM-Client-Secret`, and `X-Accept-RMG-Terms: yes`). I/O only:
 * the answer goes to `normalize` untouched; a 404 becomes a not-found answer (Royal Mail's body plus the number);
 * other refusals become typed errors carrying `errors[0].errorCode` and the request id.
 */
import type { TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient, type HttpResponse } from '../../src/http/index.js'
import { ROYALMAIL_ID } from './normalize.js'

/** The events path of one mail piece. */
export const royalmailEventsPath = (mailPieceId: string) =>
  `/mailpieces/v2/${encodeURIComponent(mailPieceId)}/events`

/** Royal Mail's gateway (IBM API Connect) names each call in this header; kept as the request id. */
const TRANSACTION_HEADER = 'x-global-transaction-id'

/** A 1D barcode (`FQ087430672GB`, `TT123456785GB`) or a 2D unique item id (`090367574000000FE1E1B`). */
const MAIL_PIECE_ID = /^[A-Za-z0-9]{9,40}$/

interface RoyalmailRefusal {
  httpCode?: unknown
  httpMessage?: unknown
  moreInformation?: unknown
  errors?: { errorCode?: unknown; errorDescription?: unknown }[]
}

function refusalOf(res: HttpResponse<unknown>): RoyalmailRefusal {
  return (typeof res.body === 'object' && res.body !== null ? res.body : {}) as RoyalmailRefusal
}

/** Fetches one events answer per number, in order. */
export async function trackRoyalmail(
  http: HttpClient,
  numbers: readonly string[],
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const out: unknown[] = []
  for (const input of numbers) {
    const mailPieceId = input.trim()
    if (!MAIL_PIECE_ID.test(mailPieceId))
      throw new ValidationError(
        'trackingNumbers',
        `royalmail: "${input}" is not a Royal Mail barcode or item id`,
      )
    const res = await http.request<unknown>({
      url: royalmailEventsPath(mailPieceId),
      signal: ctx.signal,
      throwHttpErrors: false,
    })
    if (res.status >= 200 && res.status < 300) {
      out.push(res.body)
      continue
    }
    const refusal = refusalOf(res)
    const first = Array.isArray(refusal.errors) ? refusal.errors[0] : undefined
    if (res.status === 404) {
      out.push({
        ...refusal,
        mailPieceId,
        errors: first ? refusal.errors : [{ errorCode: '404', errorDescription: 'Not Found' }],
      })
      continue
    }
    const message =
      typeof first?.errorDescription === 'string'
        ? first.errorDescription
        : typeof refusal.moreInformation === 'string'
          ? refusal.moreInformation
          : typeof refusal.httpMessage === 'string'
            ? refusal.httpMessage
            : undefined
    throw carrierHttpError(
      res,
      {
        code: first?.errorCode !== undefined ? String(first.errorCode) : String(res.status),
        message,
        requestId: res.headers[TRANSACTION_HEADER],
      },
      {
        carrier: ROYALMAIL_ID,
        action: `tracking ${mailPieceId}`,
        method: 'GET',
        secrets,
        authHint: 'Check the X-IBM-Client-Id and X-IBM-Client-Secret of an app subscribed to Tracking API v2',
      },
    )
  }
  return out
}
