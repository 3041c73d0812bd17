/**
 * Webhook verification throughput: waybill vs the `standardwebhooks` reference package vs bare node:crypto
 * (HMAC + timingSafeEqual, no header handling) on the same messages. Run: npx vitest bench --run bench/webhooks.bench.ts
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { bench, describe } from 'vitest'
import type * as Webhooks from '../src/webhooks/index.js'
import { bundled } from './bundled.js'

// Timed as users run it (bundled ESM), not through vitest's module runner (see bundled.ts).
const { sign, verify, verifySync } = await bundled<typeof Webhooks>('src/webhooks/index.ts')

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const key = Buffer.from(secret.slice(6), 'base64')
const body = JSON.stringify({
  type: 'tracker.updated',
  id: 'evt_0123456789abcdef',
  result: { tracking_code: '9400100000000000000000', status: 'in_transit', weight: 136.5, carrier: 'USPS' },
})
const now = new Date()
const headers = await sign('standard-webhooks', { rawBody: body, secret, id: 'msg_bench', timestamp: now })
const secrets = [secret]
const reference = new Webhook(secret)
const ghSecret = 'It is a secret to everybody'
const ghHeaders = await sign('github', { rawBody: body, secret: ghSecret })
const ghSecrets = [ghSecret]

function check(ok: boolean): void {
  if (!ok) throw new Error('benchmark message did not verify')
}

// Distinct deliveries: a new id, timestamp and body on every call, secret as the whsec_ string users keep in
// their environment, so nothing can be cached per message (a reused message hides per-call key decoding).
const DISTINCT = 512
const deliveries = await Promise.all(
  Array.from({ length: DISTINCT }, async (_, i) => {
    const rawBody = body.replace('evt_0123456789abcdef', `evt_${i.toString(16).padStart(16, '0')}`)
    const signed = await sign('standard-webhooks', {
      rawBody,
      secret,
      id: `msg_bench_${i}`,
      timestamp: new Date(now.getTime() - (i % 60) * 1000),
    })
    return { rawBody, headers: signed }
  }),
)
let next = 0
function nextDelivery(): (typeof deliveries)[number] {
  next = (next + 1) % DISTINCT
  return deliveries[next]!
}

describe('standard-webhooks verify (distinct deliveries)', () => {
  bench('bare node:crypto HMAC + timingSafeEqual', () => {
    const d = nextDelivery()
    const signature = Buffer.from(d.headers['webhook-signature']!.slice(3), 'base64')
    const digest = createHmac('sha256', key)
      .update(`${d.headers['webhook-id']}.${d.headers['webhook-timestamp']}.${d.rawBody}`)
      .digest()
    check(signature.length === digest.length && timingSafeEqual(signature, digest))
  })
  bench('waybill verifySync', () => {
    const d = nextDelivery()
    check(verifySync('standard-webhooks', { rawBody: d.rawBody, headers: d.headers, secrets }).valid)
  })
  bench('waybill verify (async)', async () => {
    const d = nextDelivery()
    check((await verify('standard-webhooks', { rawBody: d.rawBody, headers: d.headers, secrets })).valid)
  })
  bench('standardwebhooks package', () => {
    const d = nextDelivery()
    reference.verify(d.rawBody, d.headers)
  })
})

describe('standard-webhooks verify (same message)', () => {
  bench('bare node:crypto HMAC + timingSafeEqual', () => {
    const signature = Buffer.from(headers['webhook-signature']!.slice(3), 'base64')
    const digest = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
      .digest()
    check(signature.length === digest.length && timingSafeEqual(signature, digest))
  })
  bench('waybill verifySync', () => {
    check(verifySync('standard-webhooks', { rawBody: body, headers, secrets }).valid)
  })
  bench('waybill verify (async)', async () => {
    check((await verify('standard-webhooks', { rawBody: body, headers, secrets })).valid)
  })
  bench('standardwebhooks package', () => {
    reference.verify(body, headers)
  })
})

describe('github plain HMAC verify (same message)', () => {
  bench('bare node:crypto HMAC + timingSafeEqual', () => {
    const signature = Buffer.from(ghHeaders['x-hub-signature-256']!.slice(7), 'hex')
    const digest = createHmac('sha256', ghSecret).update(body).digest()
    check(signature.length === digest.length && timingSafeEqual(signature, digest))
  })
  bench('waybill verifySync', () => {
    check(verifySync('github', { rawBody: body, headers: ghHeaders, secrets: ghSecrets }).valid)
  })
})
