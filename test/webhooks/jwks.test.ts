import { generateKeyPairSync, type KeyObject, sign as rsaSign } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jwksRsa, verify } from '../../src/webhooks/index.js'

const body = '{"resource_url":"https://api.shipengine.com/v1/tracking?x=1","resource_type":"API_TRACK"}'
const NOW = new Date('2026-03-01T12:00:00.000Z')

function rsaKey(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } }
}

function deliver(privateKey: KeyObject, kid: string, timestamp = NOW.toISOString(), payload = body) {
  const signature = rsaSign('sha256', Buffer.from(`${timestamp}.${payload}`), privateKey).toString('base64')
  return {
    'x-shipengine-rsa-sha256-key-id': kid,
    'x-shipengine-rsa-sha256-signature': signature,
    'x-shipengine-timestamp': timestamp,
  }
}

describe('jwks-rsa against a real loopback JWKS server', () => {
  const first = rsaKey('key-1')
  const second = rsaKey('key-2')
  let published: object[] = [first.jwk, { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'a', y: 'b' }]
  let hits = 0
  let status = 200
  let server: Server
  let url: string
  const agent = new Agent({ connections: 2 })

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: published }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
  })
  afterAll(async () => {
    await agent.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('fetches once, caches, refetches on an unknown kid (rate-limited), and follows key rotation', async () => {
    let clock = NOW.getTime()
    const scheme = jwksRsa({
      jwksUrl: url,
      dispatcher: agent,
      clock: () => clock,
      minRefetchIntervalMs: 60_000,
    })
    const start = hits
    for (const backend of ['node', 'webcrypto'] as const) {
      const ok = await verify(scheme, {
        rawBody: body,
        headers: deliver(first.privateKey, 'key-1'),
        now: NOW,
        backend,
      })
      expect(ok).toMatchObject({ valid: true, scheme: 'jwks-rsa', keyId: 'key-1' })
    }
    expect(hits - start).toBe(1)

    // An unknown kid within the refetch interval: no request, unknown_key.
    const unknown = await verify(scheme, {
      rawBody: body,
      headers: deliver(second.privateKey, 'key-2'),
      now: NOW,
    })
    expect(unknown).toMatchObject({ valid: false, reason: 'unknown_key' })
    expect(hits - start).toBe(1)

    // Rotation: the sender publishes key-2; after the interval one refetch finds it.
    published = [first.jwk, second.jwk]
    clock += 60_000
    const rotated = await verify(scheme, {
      rawBody: body,
      headers: deliver(second.privateKey, 'key-2'),
      now: NOW,
    })
    expect(rotated).toMatchObject({ valid: true, keyId: 'key-2' })
    expect(hits - start).toBe(2)

    // A flood of forged kids costs at most one fetch per interval.
    clock += 60_000
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        verify(scheme, { rawBody: body, headers: deliver(second.privateKey, `forged-${i}`), now: NOW }),
      ),
    )
    expect(hits - start).toBe(3)
    expect(scheme.keySet.fetchCount).toBe(3)
  })

  it('rejects a tampered body, a key/kid mismatch, and timestamps off by more than 5 minutes either way', async () => {
    published = [first.jwk, second.jwk]
    const scheme = jwksRsa({ jwksUrl: url, dispatcher: agent })
    const tampered = await verify(scheme, {
      rawBody: `${body} `,
      headers: deliver(first.privateKey, 'key-1'),
      now: NOW,
    })
    expect(tampered).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const mismatch = await verify(scheme, {
      rawBody: body,
      headers: deliver(second.privateKey, 'key-1'),
      now: NOW,
    })
    expect(mismatch).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const old = new Date(NOW.getTime() - 301_000).toISOString()
    const future = new Date(NOW.getTime() + 301_000).toISOString()
    expect(
      await verify(scheme, { rawBody: body, headers: deliver(first.privateKey, 'key-1', old), now: NOW }),
    ).toMatchObject({
      reason: 'timestamp_too_old',
    })
    expect(
      await verify(scheme, { rawBody: body, headers: deliver(first.privateKey, 'key-1', future), now: NOW }),
    ).toMatchObject({
      reason: 'timestamp_too_new',
    })
    expect(
      await verify(scheme, { rawBody: body, headers: { 'x-shipengine-timestamp': 'x' }, now: NOW }),
    ).toMatchObject({
      reason: 'missing_header',
    })
  })

  it('a JWKS server error propagates as HttpError (answer 5xx so the sender retries), not as invalid', async () => {
    status = 500
    try {
      const scheme = jwksRsa({ jwksUrl: url, dispatcher: agent })
      await expect(
        verify(scheme, { rawBody: body, headers: deliver(first.privateKey, 'key-1'), now: NOW }),
      ).rejects.toMatchObject({ code: 'ERR_HTTP', status: 500 })
    } finally {
      status = 200
    }
  })

  it('works with an injected fetch instead of undici', async () => {
    let calls = 0
    const scheme = jwksRsa({
      jwksUrl: 'https://keys.invalid/jwks',
      fetch: async (requested) => {
        calls++
        expect(requested).toBe('https://keys.invalid/jwks')
        return new Response(JSON.stringify({ keys: [first.jwk] }), { status: 200 })
      },
    })
    expect(
      (await verify(scheme, { rawBody: body, headers: deliver(first.privateKey, 'key-1'), now: NOW })).valid,
    ).toBe(true)
    expect(calls).toBe(1)
  })
})
