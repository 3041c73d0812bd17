import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HttpError, NetworkError, RateLimitError } from '../../src/errors/index.js'
import { DEFAULT_RETRY, parseRetryAfter } from '../../src/http/index.js'
import { isRetryable, resolveRetry, retryDelay } from '../../src/http/retry.js'

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP-dates', () => {
    expect(parseRetryAfter('30')).toBe(30_000)
    expect(parseRetryAfter(' 0 ')).toBe(0)
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0)
  })
  it('returns undefined for junk instead of NaN', () => {
    for (const v of [undefined, null, '', 'soon', '-5', '1e3', 'NaN'])
      expect(parseRetryAfter(v)).toBeUndefined()
  })
  it('property: any non-negative integer of seconds round-trips; any date gives a delay >= 0', () => {
    fc.assert(fc.property(fc.nat(10_000_000), (s) => parseRetryAfter(String(s)) === s * 1000))
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        fc.nat(4e12),
        (d, now) => {
          const ms = parseRetryAfter(d.toUTCString(), now)
          return (
            ms !== undefined && ms >= 0 && ms === Math.max(0, Math.floor(d.getTime() / 1000) * 1000 - now)
          )
        },
      ),
    )
  })
})

describe('retry policy', () => {
  const policy = resolveRetry({ backoffBaseMs: 100, backoffCapMs: 1000 })
  it('retries only safe methods and retryable statuses', () => {
    const e503 = new HttpError('x', { status: 503 })
    expect(isRetryable(e503, 'GET', policy)).toBe(true)
    expect(isRetryable(e503, 'POST', policy)).toBe(false)
    expect(isRetryable(new HttpError('x', { status: 400 }), 'GET', policy)).toBe(false)
    expect(isRetryable(new HttpError('x', { status: 501 }), 'GET', policy)).toBe(false)
    expect(isRetryable(new NetworkError('reset'), 'GET', policy)).toBe(true)
    expect(
      isRetryable(new NetworkError('t', { timeout: true }), 'GET', resolveRetry({ networkErrors: false })),
    ).toBe(false)
    expect(isRetryable(new RateLimitError('q', {}, { quota: true }), 'GET', policy)).toBe(false)
    expect(isRetryable(new TypeError('bug'), 'GET', policy)).toBe(false)
  })
  it('a server-given Retry-After is used as is (capped), never jittered', () => {
    const err = new RateLimitError('429', { status: 429, retryAfterMs: 2500 })
    for (let i = 1; i < 5; i++) expect(retryDelay(i, err, policy, () => 0.123)).toBe(2500)
    expect(retryDelay(1, new RateLimitError('429', { retryAfterMs: 1e9 }), policy)).toBe(
      DEFAULT_RETRY.maxRetryAfterMs,
    )
  })
  it('property: backoff with full jitter stays within [0, min(cap, base * 2^(n-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const d = retryDelay(n, new NetworkError('x'), policy, () => r)
          return d >= 0 && d <= Math.min(1000, 100 * 2 ** (n - 1))
        },
      ),
    )
    expect(retryDelay(3, new NetworkError('x'), resolveRetry({ jitter: 'none', backoffBaseMs: 100 }))).toBe(
      400,
    )
  })
})
