/** Malformed signatures and signing inputs (issue #23 item 9): refused with a clear reason or a typed error. */
import { describe, expect, it } from 'vitest'
import { isWaybillError } from '../../src/errors/index.js'
import { sign, standardWebhooks, timestampedHmac, verify } from '../../src/webhooks/index.js'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const rawBody = '{"type":"tracking.updated"}'
const now = new Date('2026-12-03T09:00:00Z')

describe('base64 signatures with bytes after the padding', () => {
  it('standard-webhooks refuses v1 with trailing bytes after "=" as malformed (Node decoder used to ignore them)', async () => {
    const headers = await sign('standard-webhooks', { rawBody, secret: SECRET, id: 'msg_1', timestamp: now })
    const good = headers['webhook-signature']!
    expect(good).toMatch(/=$/)
    const ok = await verify('standard-webhooks', { rawBody, headers, secrets: [SECRET], now })
    expect(ok.valid).toBe(true)
    for (const tail of ['AAAA', 'x', '=', '==AB', '\u0000']) {
      const tampered = { ...headers, 'webhook-signature': `${good}${tail}` }
      const result = await verify('standard-webhooks', { rawBody, headers: tampered, secrets: [SECRET], now })
      expect(result).toMatchObject({ valid: false, reason: 'malformed_header' })
    }
  })

  it('the WebCrypto path gives the same answer as node:crypto', async () => {
    const headers = await sign('standard-webhooks', { rawBody, secret: SECRET, id: 'msg_2', timestamp: now })
    const tampered = { ...headers, 'webhook-signature': `${headers['webhook-signature']}QUJD` }
    const result = await verify('standard-webhooks', {
      rawBody,
      headers: tampered,
      secrets: [SECRET],
      now,
      backend: 'webcrypto',
    })
    expect(result).toMatchObject({ valid: false, reason: 'malformed_header' })
  })

  it('timestamped-hmac in base64 refuses trailing bytes as well', async () => {
    const scheme = timestampedHmac({ encoding: 'base64' })
    const headers = await scheme.sign({ rawBody, secret: 'k', timestamp: now })
    const value = headers['stripe-signature']!
    const result = await verify(scheme, {
      rawBody,
      headers: { 'stripe-signature': `${value}AAAA` },
      secrets: ['k'],
      now,
    })
    expect(result.valid).toBe(false)
  })
})

describe('sign() given something that is not a Date', () => {
  it('a number (unix seconds or ms) for timestamp is a typed ValidationError naming the field, not a TypeError', async () => {
    for (const timestamp of [
      1_764_752_400,
      1_764_752_400_000,
      '2026-12-03T09:00:00Z',
      new Date(Number.NaN),
    ]) {
      for (const call of [
        () =>
          sign('standard-webhooks', { rawBody, secret: SECRET, id: 'msg_3', timestamp: timestamp as Date }),
        () => sign('timestamped-hmac', { rawBody, secret: 'k', timestamp: timestamp as Date }),
        () => standardWebhooks().sign({ rawBody, secret: SECRET, id: 'msg_3', timestamp: timestamp as Date }),
      ]) {
        const error = await call().then(
          () => undefined,
          (caught: unknown) => caught,
        )
        expect(isWaybillError(error)).toBe(true)
        expect((error as { code: string }).code).toBe('ERR_VALIDATION')
        expect((error as Error).message).toContain('timestamp')
      }
    }
  })
})
