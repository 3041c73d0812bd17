/** The UPS error envelope (`response.errors[]`) read by `normalize`: not found, or the typed error it stands for. */
import { clean, type NormalizeContext } from '../../src/adapter/index.js'
import { AuthError, CarrierError, RateLimitError } from '../../src/errors/index.js'
import type { NormalizeResult } from '../../src/model/index.js'
import { UPS_AUTH_ERROR_CODES, UPS_NOT_FOUND_CODES, UPS_RATE_LIMIT_CODES } from './codes.js'
import type { UpsErrorResponse } from './schema.js'

/**
 * The UPS error envelope as a result or a typed error: `TW0001` → not found (for the requested numbers); auth
 * codes → AuthError; `10429` → RateLimitError; anything else → CarrierError with UPS's code.
 */
export function errorEnvelope(body: UpsErrorResponse, ctx: NormalizeContext): NormalizeResult {
  const errors = body.response.errors.map((e) => ({
    code: clean(e.code)?.toUpperCase(),
    message: clean(e.message),
  }))
  const first = errors[0]
  if (!first) throw new CarrierError('ups', 'error response without an error', {})
  const text = `${first.message ?? 'error'}${first.code ? ` (${first.code})` : ''}`
  const context = first.code ? { carrierCode: first.code } : {}
  if (errors.every((e) => e.code && UPS_NOT_FOUND_CODES.has(e.code))) {
    const numbers = ctx.requested?.length ? ctx.requested : ['']
    return {
      shipments: [],
      notFound: numbers.map((trackingNumber) => ({
        trackingNumber,
        ...(first.code ? { carrierCode: first.code } : {}),
        ...(first.message ? { message: first.message } : {}),
      })),
      warnings: [],
    }
  }
  if (first.code && UPS_AUTH_ERROR_CODES.has(first.code)) throw new AuthError(`ups: ${text}`, context)
  if (first.code && UPS_RATE_LIMIT_CODES.has(first.code)) throw new RateLimitError(`ups: ${text}`, context)
  throw new CarrierError('ups', text, context)
}
