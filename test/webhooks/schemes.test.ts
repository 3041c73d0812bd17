import { createHmac, generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WebhookVerificationError } from '../../src/errors/index.js'
import {
  type CryptoBackend,
  hmacScheme,
  sharedToken,
  sign,
  standardWebhooks,
  timestampedHmac,
  verify,
  verifyOrThrow,
  verifySync,
} from '../../src/webhooks/index.js'

const backends: CryptoBackend[] = ['node', 'webcrypto']
const SW_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const NOW = new Date('2026-03-01T12:00:00Z')
const body = '{"id":"evt_1","weight": 136.0,"city":"Zürich"}'

describe.each(backends)('Standard Webhooks on %s', (backend) => {
  const headersFor = (ts = NOW, id = 'msg_1', secret = SW_SECRET) =>
    sign('standard-webhooks', { rawBody: body, secret, id, timestamp: ts, backend })

  it('verifies its own signature, reporting id, timestamp and secret index', async () => {
    const headers = await headersFor()
    const result = await verify('standard-webhooks', {
      rawBody: body,
      headers,
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(result).toEqual({
      valid: true,
      scheme: 'standard-webhooks',
      id: 'msg_1',
      timestamp: NOW,
      secretIndex: 0,
    })
  })

  it('accepts the body as bytes and as a string, and Headers objects', async () => {
    const headers = new Headers(await headersFor())
    const bytes = new TextEncoder().encode(body)
    const result = await verify('standard-webhooks', {
      rawBody: bytes,
      headers,
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(result.valid).toBe(true)
  })

  it('rejects a tampered body, id and timestamp', async () => {
    const headers = await headersFor()
    const tamperedBody = await verify('standard-webhooks', {
      rawBody: body.replace('136.0', '136.1'),
      headers,
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(tamperedBody).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const tamperedId = await verify('standard-webhooks', {
      rawBody: body,
      headers: { ...headers, 'webhook-id': 'msg_2' },
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(tamperedId).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const shifted = String(Number(headers['webhook-timestamp']) + 1)
    const tamperedTs = await verify('standard-webhooks', {
      rawBody: body,
      headers: { ...headers, 'webhook-timestamp': shifted },
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(tamperedTs).toMatchObject({ valid: false, reason: 'no_matching_signature' })
  })

  it('rejects a re-serialized JSON body (regression: body parsers before verification)', async () => {
    const headers = await headersFor()
    const reserialized = JSON.stringify(JSON.parse(body))
    expect(reserialized).not.toBe(body)
    const result = await verify('standard-webhooks', {
      rawBody: reserialized,
      headers,
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(result).toMatchObject({ valid: false, reason: 'no_matching_signature' })
  })

  it('rejects too old and too new timestamps, accepts the edges', async () => {
    const input = async (offsetS: number) => ({
      rawBody: body,
      headers: await headersFor(new Date(NOW.getTime() + offsetS * 1000)),
      secrets: [SW_SECRET],
      now: NOW,
      backend,
    })
    expect(await verify('standard-webhooks', await input(-301))).toMatchObject({
      reason: 'timestamp_too_old',
    })
    expect(await verify('standard-webhooks', await input(301))).toMatchObject({ reason: 'timestamp_too_new' })
    expect((await verify('standard-webhooks', await input(-300))).valid).toBe(true)
    expect((await verify('standard-webhooks', await input(300))).valid).toBe(true)
  })

  it('accepts any secret during rotation and reports which one matched', async () => {
    const newSecret = `whsec_${Buffer.from('a-new-secret-of-24-bytes!').toString('base64')}`
    const headers = await headersFor(NOW, 'msg_1', newSecret)
    const result = await verify('standard-webhooks', {
      rawBody: body,
      headers,
      secrets: [SW_SECRET, newSecret],
      now: NOW,
      backend,
    })
    expect(result).toMatchObject({ valid: true, secretIndex: 1 })
  })

  it('accepts a header with several signatures (producer-side rotation), skipping unknown versions', async () => {
    const a = await headersFor()
    const other = `whsec_${Buffer.from('another-secret-24-bytes!!').toString('base64')}`
    const b = await headersFor(NOW, 'msg_1', other)
    const headers = {
      ...a,
      'webhook-signature': `v9,xyz ${b['webhook-signature']} v2,abc= ${a['webhook-signature']}`,
    }
    expect(
      (await verify('standard-webhooks', { rawBody: body, headers, secrets: [SW_SECRET], now: NOW, backend }))
        .valid,
    ).toBe(true)
  })

  it('matches header names case-insensitively and accepts svix-* names', async () => {
    const h = await headersFor()
    const upper = {
      'Webhook-Id': h['webhook-id'],
      'WEBHOOK-TIMESTAMP': h['webhook-timestamp'],
      'Webhook-Signature': h['webhook-signature'],
    }
    expect(
      (
        await verify('standard-webhooks', {
          rawBody: body,
          headers: upper,
          secrets: [SW_SECRET],
          now: NOW,
          backend,
        })
      ).valid,
    ).toBe(true)
    const svix = {
      'svix-id': h['webhook-id'],
      'svix-timestamp': h['webhook-timestamp'],
      'svix-signature': h['webhook-signature'],
    }
    expect(
      (
        await verify('standard-webhooks', {
          rawBody: body,
          headers: svix,
          secrets: [SW_SECRET],
          now: NOW,
          backend,
        })
      ).valid,
    ).toBe(true)
  })

  it('answers missing_header, malformed_header and invalid_secret', async () => {
    const h = await headersFor()
    const base = { rawBody: body, secrets: [SW_SECRET], now: NOW, backend }
    const { 'webhook-signature': _, ...noSig } = h
    expect(await verify('standard-webhooks', { ...base, headers: noSig })).toMatchObject({
      reason: 'missing_header',
    })
    expect(
      await verify('standard-webhooks', { ...base, headers: { ...h, 'webhook-timestamp': '12e3' } }),
    ).toMatchObject({
      reason: 'malformed_header',
    })
    expect(
      await verify('standard-webhooks', { ...base, headers: { ...h, 'webhook-id': 'a.b' } }),
    ).toMatchObject({
      reason: 'malformed_header',
    })
    expect(await verify('standard-webhooks', { ...base, headers: h, secrets: ['whsec_'] })).toMatchObject({
      reason: 'invalid_secret',
    })
    expect(await verify('standard-webhooks', { ...base, headers: h, secrets: [] })).toMatchObject({
      reason: 'invalid_secret',
    })
    expect(
      await verify('standard-webhooks', { ...base, headers: h, secrets: ['whsec_not base64!'] }),
    ).toMatchObject({
      reason: 'invalid_secret',
    })
  })

  it('verifies v1a Ed25519 signatures against pinned whpk_ keys only', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'jwk' }).x!
    const whpk = `whpk_${Buffer.from(raw, 'base64url').toString('base64')}`
    const headers = await standardWebhooks().sign({
      rawBody: body,
      secret: privateKey,
      id: 'msg_ed',
      timestamp: NOW,
    })
    expect(headers['webhook-signature']).toMatch(/^v1a,/)
    const ok = await verify('standard-webhooks', {
      rawBody: body,
      headers,
      secrets: [SW_SECRET, whpk],
      now: NOW,
      backend,
    })
    expect(ok).toMatchObject({ valid: true, secretIndex: 1 })
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!
    const wrong = `whpk_${Buffer.from(other, 'base64url').toString('base64')}`
    const bad = await verify('standard-webhooks', {
      rawBody: body,
      headers,
      secrets: [wrong],
      now: NOW,
      backend,
    })
    expect(bad).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const tampered = await verify('standard-webhooks', {
      rawBody: `${body} `,
      headers,
      secrets: [whpk],
      now: NOW,
      backend,
    })
    expect(tampered.valid).toBe(false)
  })
})

describe.each(backends)('timestamped HMAC (t=,v1=) on %s', (backend) => {
  const secret = 'whsec_stripe_style_literal'
  it('signs with the literal secret bytes (not base64-decoded), hex over t.body', async () => {
    const headers = await sign('timestamped-hmac', { rawBody: body, secret, timestamp: NOW, backend })
    const t = NOW.getTime() / 1000
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    expect(headers['stripe-signature']).toBe(`t=${t},v1=${expected}`)
    expect(
      (await verify('timestamped-hmac', { rawBody: body, headers, secrets: [secret], now: NOW, backend }))
        .valid,
    ).toBe(true)
  })

  it('accepts several v1 entries (rolling secret), rejects wrong ones, too old and too new', async () => {
    const t = NOW.getTime() / 1000
    const good = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    const header = `t=${t},v1=${'0'.repeat(64)},v0=ignored,v1=${good}`
    const ok = await verify('timestamped-hmac', {
      rawBody: body,
      headers: { 'Stripe-Signature': header },
      secrets: [secret],
      now: NOW,
      backend,
    })
    expect(ok.valid).toBe(true)
    const bad = await verify('timestamped-hmac', {
      rawBody: body,
      headers: { 'stripe-signature': `t=${t},v1=${'0'.repeat(64)}` },
      secrets: [secret],
      now: NOW,
      backend,
    })
    expect(bad).toMatchObject({ reason: 'no_matching_signature' })
    const later = new Date(NOW.getTime() + 301_000)
    const earlier = new Date(NOW.getTime() - 301_000)
    expect(
      await verify('timestamped-hmac', {
        rawBody: body,
        headers: { 'stripe-signature': header },
        secrets: [secret],
        now: later,
        backend,
      }),
    ).toMatchObject({ reason: 'timestamp_too_old' })
    expect(
      await verify('timestamped-hmac', {
        rawBody: body,
        headers: { 'stripe-signature': header },
        secrets: [secret],
        now: earlier,
        backend,
      }),
    ).toMatchObject({ reason: 'timestamp_too_new' })
    expect(
      await verify('timestamped-hmac', {
        rawBody: body,
        headers: { 'stripe-signature': `v1=${good}` },
        secrets: [secret],
        now: NOW,
        backend,
      }),
    ).toMatchObject({ reason: 'malformed_header' })
  })

  it('supports a configured header, content and tolerance (Shippo-like)', async () => {
    const shippo = timestampedHmac({ id: 'shippo', header: 'Shippo-Auth-Signature', toleranceSeconds: 60 })
    const headers = await shippo.sign({ rawBody: body, secret: 's3cret', timestamp: NOW })
    expect(Object.keys(headers)).toEqual(['shippo-auth-signature'])
    const ok = await verify(shippo, {
      rawBody: body,
      headers,
      secrets: ['s3cret'],
      now: new Date(NOW.getTime() + 60_000),
      backend,
    })
    expect(ok).toMatchObject({ valid: true, scheme: 'shippo' })
    const old = await verify(shippo, {
      rawBody: body,
      headers,
      secrets: ['s3cret'],
      now: new Date(NOW.getTime() + 61_000),
      backend,
    })
    expect(old).toMatchObject({ reason: 'timestamp_too_old' })
  })
})

describe.each(backends)('plain HMAC presets on %s', (backend) => {
  it('github: sha256=<hex>, delivery id from X-GitHub-Delivery', async () => {
    const headers = await sign('github', { rawBody: body, secret: 'gh', backend })
    const expected = createHmac('sha256', 'gh').update(body).digest('hex')
    expect(headers).toEqual({ 'x-hub-signature-256': `sha256=${expected}` })
    const result = await verify('github', {
      rawBody: body,
      headers: { ...headers, 'X-GitHub-Delivery': 'guid-1' },
      secrets: ['gh'],
      backend,
    })
    expect(result).toMatchObject({ valid: true, id: 'guid-1' })
    const noPrefix = await verify('github', {
      rawBody: body,
      headers: { 'x-hub-signature-256': expected },
      secrets: ['gh'],
      backend,
    })
    expect(noPrefix).toMatchObject({ reason: 'malformed_header' })
  })

  it('shopify and aftership: base64 of HMAC-SHA256 over the body', async () => {
    const expected = createHmac('sha256', 'k').update(body).digest('base64')
    expect(await sign('shopify', { rawBody: body, secret: 'k', backend })).toEqual({
      'x-shopify-hmac-sha256': expected,
    })
    expect(await sign('aftership', { rawBody: body, secret: 'k', backend })).toEqual({
      'aftership-hmac-sha256': expected,
    })
    const result = await verify('aftership', {
      rawBody: body,
      headers: { 'Aftership-Hmac-Sha256': expected },
      secrets: ['old', 'k'],
      backend,
    })
    expect(result).toMatchObject({ valid: true, secretIndex: 1 })
  })

  it('easypost: hmac-sha256-hex=, secret NFKD-normalised before use', async () => {
    const composed = 's\u00e9cret'
    const nfkd = composed.normalize('NFKD')
    expect(nfkd).not.toBe(composed)
    const expected = createHmac('sha256', Buffer.from(nfkd, 'utf8')).update(body).digest('hex')
    const headers = { 'X-Hmac-Signature': `hmac-sha256-hex=${expected}` }
    expect((await verify('easypost', { rawBody: body, headers, secrets: [composed], backend })).valid).toBe(
      true,
    )
    const skipped = createHmac('sha256', composed).update(body).digest('hex')
    expect(skipped).not.toBe(expected)
    expect(await sign('easypost', { rawBody: body, secret: composed, backend })).toEqual({
      'x-hmac-signature': `hmac-sha256-hex=${expected}`,
    })
  })

  it('configurable header, algorithm, encoding and prefix (sha1 hex, sha512 base64)', async () => {
    for (const [algorithm, encoding] of [
      ['sha1', 'hex'],
      ['sha512', 'base64'],
    ] as const) {
      const scheme = hmacScheme({ header: 'X-Sig', algorithm, encoding, prefix: `${algorithm}=` })
      const expected = `${algorithm}=${createHmac(algorithm, 'k').update(body).digest(encoding)}`
      expect(await scheme.sign({ rawBody: body, secret: 'k', backend })).toEqual({ 'x-sig': expected })
      expect(
        (await verify(scheme, { rawBody: body, headers: { 'x-sig': expected }, secrets: ['k'], backend }))
          .valid,
      ).toBe(true)
      expect(
        (
          await verify(scheme, {
            rawBody: `${body}\n`,
            headers: { 'x-sig': expected },
            secrets: ['k'],
            backend,
          })
        ).valid,
      ).toBe(false)
    }
  })

  it('several signatures in one header (comma separated), and repeated headers as arrays', async () => {
    const good = createHmac('sha256', 'k').update(body).digest('hex')
    const header = `${'a'.repeat(64)}, ${good}`
    expect(
      (await verify('hmac', { rawBody: body, headers: { 'x-signature': header }, secrets: ['k'], backend }))
        .valid,
    ).toBe(true)
    expect(
      (
        await verify('hmac', {
          rawBody: body,
          headers: { 'x-signature': ['b'.repeat(64), good] },
          secrets: ['k'],
          backend,
        })
      ).valid,
    ).toBe(true)
  })
})

describe.each(backends)('shared token on %s', (backend) => {
  it('matches a bearer token or a query parameter in constant time', async () => {
    const ok = await verify('shared-token', {
      rawBody: '',
      headers: { Authorization: 'Bearer tok-123' },
      secrets: ['tok-123'],
      backend,
    })
    expect(ok.valid).toBe(true)
    const bad = await verify('shared-token', {
      rawBody: '',
      headers: { authorization: 'Bearer tok-124' },
      secrets: ['tok-123'],
      backend,
    })
    expect(bad).toMatchObject({ reason: 'no_matching_signature' })
    const byQuery = sharedToken({ query: 'token' })
    const q = await verify(byQuery, {
      rawBody: '',
      headers: {},
      url: '/hooks/ups?token=tok-123',
      secrets: ['tok-123'],
      backend,
    })
    expect(q.valid).toBe(true)
    expect(
      await verify(byQuery, { rawBody: '', headers: {}, url: '/hooks/ups', secrets: ['tok-123'], backend }),
    ).toMatchObject({ reason: 'missing_header' })
  })
})

describe('throwing variant and sync path', () => {
  it('verifyOrThrow throws WebhookVerificationError with the same reason', async () => {
    const error = await verifyOrThrow('github', { rawBody: body, headers: {}, secrets: ['k'] }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(WebhookVerificationError)
    expect((error as WebhookVerificationError).reason).toBe('missing_header')
    expect((error as Error).message).not.toContain('k"')
  })

  it('verifySync gives the same answers as verify', async () => {
    const headers = await sign('github', { rawBody: body, secret: 'k' })
    expect(verifySync('github', { rawBody: body, headers, secrets: ['k'] })).toEqual(
      await verify('github', { rawBody: body, headers, secrets: ['k'] }),
    )
    expect(() =>
      verifySync('github', { rawBody: body, headers, secrets: ['k'], backend: 'webcrypto' }),
    ).toThrow(/verify\(\)/)
  })

  it('an unknown scheme id is a ConfigError, not a TypeError', async () => {
    // A typo is a type error for TypeScript users, and a ConfigError at run time for everyone else.
    // @ts-expect-error 'nope' is not a built-in scheme id
    await expect(verify('nope', { rawBody: body, headers: {}, secrets: ['k'] })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
    })
  })

  it('property: any body and secret signed by sign() verifies, and flipping one body byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom(
          'github',
          'shopify',
          'easypost',
          'aftership',
          'timestamped-hmac',
          'standard-webhooks',
        ),
        fc.nat(),
        async (bytes, rawSecret, scheme, flip) => {
          const secret =
            scheme === 'standard-webhooks' ? `whsec_${Buffer.from(rawSecret).toString('base64')}` : rawSecret
          const headers = await sign(scheme, { rawBody: bytes, secret, id: 'msg_p', timestamp: NOW })
          const input = { rawBody: bytes, headers, secrets: [secret], now: NOW }
          expect((await verify(scheme, input)).valid).toBe(true)
          const tampered = bytes.slice()
          tampered[flip % bytes.length]! ^= 1
          expect((await verify(scheme, { ...input, rawBody: tampered })).valid).toBe(false)
        },
      ),
      { numRuns: 150 },
    )
  })
})
