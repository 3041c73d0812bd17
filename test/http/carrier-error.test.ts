import { describe, expect, it } from 'vitest'
import { AuthError, CarrierError, RateLimitError } from '../../src/errors/index.js'
import { carrierHttpError } from '../../src/http/index.js'
import type { HttpResponse } from '../../src/http/types.js'

const response = (status: number, headers: Record<string, string> = {}): HttpResponse<unknown> =>
  ({
    status,
    headers,
    url: 'https://api.example/track',
    body: {},
    requestId: 'req-1',
  }) as HttpResponse<unknown>

describe('carrierHttpError: one mapping of carrier refusals for every adapter', () => {
  it.each([
    [401, AuthError],
    [403, AuthError],
    [429, RateLimitError],
    [400, CarrierError],
    [503, CarrierError],
  ])('status %i is a %s', (status, type) => {
    expect(carrierHttpError(response(status), {}, { carrier: 'acme', action: 'tracking A1' })).toBeInstanceOf(
      type,
    )
  })

  it('names the carrier, the action, its code, text and request id; 408 and 5xx are retryable, 4xx not', () => {
    const error = carrierHttpError(
      response(503),
      { code: 'E42', message: 'down' },
      { carrier: 'acme', action: 'tracking A1' },
    )
    expect(error.message).toBe('acme: tracking A1 failed with 503 (E42): down [request req-1]')
    expect(error.retryable).toBe(true)
    expect(carrierHttpError(response(408), {}, { carrier: 'acme', action: 'x' }).retryable).toBe(true)
    expect(carrierHttpError(response(400), {}, { carrier: 'acme', action: 'x' }).retryable).toBe(false)
  })

  it("keeps the carrier's Retry-After on a 429 and adds the auth hint to a 401 only", () => {
    const throttled = carrierHttpError(
      response(429, { 'retry-after': '30' }),
      {},
      { carrier: 'acme', action: 'x' },
    )
    expect((throttled as RateLimitError).retryAfterMs).toBe(30_000)
    const hint = { carrier: 'acme', action: 'x', authHint: 'Check the scope' }
    expect(carrierHttpError(response(401), {}, hint).message).toMatch(/Check the scope$/)
    expect(carrierHttpError(response(403), {}, hint).message).not.toMatch(/Check the scope/)
  })

  it("scrubs the credentials from the carrier's code and text (guards against echoed secrets in messages)", () => {
    const secret = 's3cr3t/Key+1'
    const error = carrierHttpError(
      response(401),
      { code: `bad ${secret}`, message: `token ${encodeURIComponent(secret)} rejected` },
      { carrier: 'acme', action: 'x', secrets: [secret] },
    )
    expect(JSON.stringify(error)).not.toContain(secret)
    expect(error.message).not.toContain(secret)
    expect(error.message).not.toContain(encodeURIComponent(secret))
  })
})
