import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/** Loads the webhooks module as a runtime without node:crypto sees it (Workers, browsers). */
describe('runtime without node:crypto (WebCrypto fallback)', () => {
  let webhooks: typeof import('../../src/webhooks/index.js')
  let crypto: typeof import('../../src/webhooks/crypto.js')

  beforeAll(async () => {
    vi.resetModules()
    const original = process.getBuiltinModule
    const spy = vi
      .spyOn(process, 'getBuiltinModule')
      .mockImplementation(((id: string) =>
        id === 'node:crypto' || id === 'crypto' ? undefined : original.call(process, id)) as typeof original)
    crypto = await import('../../src/webhooks/crypto.js')
    webhooks = await import('../../src/webhooks/index.js')
    spy.mockRestore()
  })
  afterAll(() => vi.resetModules())

  it('detects the absence and defaults to webcrypto', () => {
    expect(crypto.nodeCrypto).toBeUndefined()
    expect(crypto.defaultBackend).toBe('webcrypto')
  })

  it('verifies and signs the official Standard Webhooks vector', async () => {
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    }
    const input = {
      rawBody: '{"test": 2432232314}',
      headers,
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      now: new Date(1614265330_000),
    }
    expect(await webhooks.verify('standard-webhooks', input)).toMatchObject({ valid: true })
    expect(
      await webhooks.verify('standard-webhooks', { ...input, rawBody: '{"test":2432232314}' }),
    ).toMatchObject({
      valid: false,
      reason: 'no_matching_signature',
    })
    const signed = await webhooks.sign('standard-webhooks', {
      rawBody: input.rawBody,
      secret: input.secrets[0]!,
      id: headers['webhook-id'],
      timestamp: input.now,
    })
    expect(signed).toEqual(headers)
  })

  it('hex, base64 and NFKD schemes agree with node:crypto results', async () => {
    const body = 'héllo'
    const hex = createHmac('sha256', 'k').update(body).digest('hex')
    expect(await webhooks.sign('github', { rawBody: body, secret: 'k' })).toEqual({
      'x-hub-signature-256': `sha256=${hex}`,
    })
    const b64 = createHmac('sha256', 'k').update(body).digest('base64')
    const ok = await webhooks.verify('shopify', {
      rawBody: body,
      headers: { 'x-shopify-hmac-sha256': b64 },
      secrets: ['k'],
    })
    expect(ok.valid).toBe(true)
    expect(() => webhooks.verifySync('github', { rawBody: body, headers: {}, secrets: ['k'] })).toThrow()
    const token = await webhooks.verify('shared-token', {
      rawBody: '',
      headers: { authorization: 'Bearer t' },
      secrets: ['t'],
    })
    expect(token.valid).toBe(true)
  })
})
