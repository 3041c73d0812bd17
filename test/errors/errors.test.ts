import { describe, expect, it } from 'vitest'
import {
  AuthError,
  isWaybillError,
  ParseError,
  RateLimitError,
  redact,
  scrubSecrets,
  ValidationError,
  WaybillError,
} from '../../src/errors/index.js'

describe('WaybillError', () => {
  it('carries code, cause, retryable and a subclass name', () => {
    const cause = new Error('socket hang up')
    const error = new RateLimitError('throttled', { status: 429, retryAfterMs: 2000 }, { cause })
    expect(error).toBeInstanceOf(WaybillError)
    expect(error.name).toBe('RateLimitError')
    expect(error.code).toBe('ERR_RATE_LIMIT')
    expect(error.retryable).toBe(true)
    expect(error.cause).toBe(cause)
    expect(error.retryAfterMs).toBe(2000)
  })
  it('is recognised across copies of the package by its brand, not instanceof', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('waybill.error')]: true })
    expect(isWaybillError(foreign)).toBe(true)
    expect(isWaybillError(new TypeError('x'))).toBe(false)
    expect(isWaybillError(null)).toBe(false)
  })
  it('names the path and position in messages', () => {
    expect(new ValidationError('shipments[0].date', 'must be a date').message).toBe(
      'shipments[0].date: must be a date',
    )
    expect(new ParseError('no ISA segment', { offset: 0, segment: 1 }).message).toBe(
      'no ISA segment (at segment 1, byte 0)',
    )
  })
  it('serialises to JSON without losing the code', () => {
    expect(
      JSON.parse(
        JSON.stringify(new AuthError('token refused', { status: 401, carrierCode: 'invalid_scope' })),
      ),
    ).toMatchObject({
      name: 'AuthError',
      code: 'ERR_AUTH',
      http: { status: 401, carrierCode: 'invalid_scope' },
    })
  })
})

describe('redaction', () => {
  it('hides secret-looking fields and keeps the rest', () => {
    expect(
      redact({ Authorization: 'Bearer abc', 'DHL-API-Key': 'k', client_secret: 's', Accept: 'json' }),
    ).toEqual({
      Authorization: '[redacted]',
      'DHL-API-Key': '[redacted]',
      client_secret: '[redacted]',
      Accept: 'json',
    })
  })
  it('scrubs known secrets out of free text', () => {
    expect(scrubSecrets('bad client s3cr3t-value given', ['s3cr3t-value'])).toBe(
      'bad client [redacted] given',
    )
  })
})
