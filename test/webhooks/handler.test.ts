import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, request, fetch as undiciFetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aftership } from '../../adapters/aftership/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { createWebhookHandler, sign, type WebhookBatch } from '../../src/webhooks/index.js'
import {
  createWaybillDelivery,
  parseWaybillDelivery,
  waybillWebhookSource,
} from '../../src/webhooks/outbound.js'

const EASYPOST_SECRET = 's\u00e9cret-easypost'
const AFTERSHIP_SECRET = 'aftership-secret'
const easypostBody = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
const aftershipBody = readFileSync('fixtures/aftership/attempt-fail.json')

function setup(onEvents: (batch: WebhookBatch) => void | Promise<void> = () => {}, maxBodyBytes?: number) {
  const batches: WebhookBatch[] = []
  const errors: { status: number }[] = []
  const store = memoryStore()
  const handler = createWebhookHandler({
    sources: { easypost: easypost(), aftership: aftership() },
    secrets: { easypost: [EASYPOST_SECRET], aftership: ['old-secret', AFTERSHIP_SECRET] },
    store,
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    onEvents: async (batch) => {
      await onEvents(batch)
      batches.push(batch)
    },
    onError: (_error, info) => errors.push(info),
  })
  return { handler, batches, errors, store }
}

const post = async (url: string, body: BodyInit, headers: Record<string, string>) =>
  new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

describe('fetch handler driven with real Request objects', () => {
  it('verifies, normalizes and hands over canonical events once per delivery id', async () => {
    const { handler, batches, store } = setup()
    const headers = await sign('easypost', { rawBody: easypostBody, secret: EASYPOST_SECRET })
    const first = await handler.fetch(
      await post('https://shop.test/webhooks/easypost', easypostBody, headers),
    )
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({
      ok: true,
      deliveryId: 'evt_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
      events: 4,
    })
    expect(batches).toHaveLength(1)
    expect(batches[0]!.source).toBe('easypost')
    expect(batches[0]!.events.map((e) => e.status)).toEqual([
      'pre_transit',
      'in_transit',
      'in_transit',
      'in_transit',
    ])
    expect(batches[0]!.events[0]!.raw.origin).toBe('evt_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f')
    const again = await handler.fetch(
      await post('https://shop.test/webhooks/easypost', easypostBody, headers),
    )
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ duplicate: true })
    expect(batches).toHaveLength(1)
    expect(await store.get('webhook:easypost:evt_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f')).toBeDefined()
  })

  it('routes by the last path segment or ?source=, accepts a rotated secret, and answers 404 for unknown sources', async () => {
    const { handler, batches } = setup()
    const headers = await sign('aftership', { rawBody: aftershipBody, secret: AFTERSHIP_SECRET })
    const ok = await handler.fetch(
      await post('https://shop.test/hooks?source=aftership', aftershipBody, headers),
    )
    expect(ok.status).toBe(200)
    expect(batches[0]!.verification.secretIndex).toBe(1)
    expect(batches[0]!.deliveryId).toBe('8b3f4e5d-6c7b-4a8a-9f1e-2d3c4b5a6f7e')
    const unknown = await handler.fetch(
      await post('https://shop.test/webhooks/shippo', aftershipBody, headers),
    )
    expect(unknown.status).toBe(404)
  })

  it('answers 405 for a wrong method, 401 with the reason for a bad or missing signature', async () => {
    const { handler, batches } = setup()
    const get = await handler.fetch(new Request('https://shop.test/webhooks/easypost'))
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    const headers = await sign('easypost', { rawBody: easypostBody, secret: 'wrong' })
    const bad = await handler.fetch(await post('https://shop.test/webhooks/easypost', easypostBody, headers))
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({ error: 'no_matching_signature' })
    const missing = await handler.fetch(await post('https://shop.test/webhooks/easypost', easypostBody, {}))
    expect(await missing.json()).toEqual({ error: 'missing_header' })
    expect(batches).toHaveLength(0)
  })

  it('rejects a re-serialized body (regression: JSON body parser before the webhook route)', async () => {
    const { handler } = setup()
    const headers = await sign('easypost', { rawBody: easypostBody, secret: EASYPOST_SECRET })
    const reserialized = JSON.stringify(JSON.parse(easypostBody.toString('utf8')))
    const response = await handler.fetch(
      await post('https://shop.test/webhooks/easypost', reserialized, headers),
    )
    expect(response.status).toBe(401)
  })

  it('answers 400 for a verified body that is not a valid payload', async () => {
    const { handler, errors } = setup()
    for (const body of [
      '{"object":"Event"',
      '{"object":"Event","id":"evt_x","description":"tracker.updated","result":{}}',
    ]) {
      const headers = await sign('easypost', { rawBody: body, secret: EASYPOST_SECRET })
      const response = await handler.fetch(await post('https://shop.test/webhooks/easypost', body, headers))
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: 'malformed_payload' })
    }
    expect(errors.map((e) => e.status)).toEqual([400, 400])
  })

  it('answers 413 past the size cap, by content-length and by streamed length', async () => {
    const { handler } = setup(undefined, 1024)
    const big = new Uint8Array(4096).fill(32)
    const headers = await sign('easypost', { rawBody: big, secret: EASYPOST_SECRET })
    const declared = await handler.fetch(await post('https://shop.test/webhooks/easypost', big, headers))
    expect(declared.status).toBe(413)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(big.subarray(i * 1024, (i + 1) * 1024))
        controller.close()
      },
    })
    const streamed = await handler.fetch(
      new Request('https://shop.test/webhooks/easypost', {
        method: 'POST',
        body: stream,
        headers,
        duplex: 'half',
      } as RequestInit),
    )
    expect(streamed.status).toBe(413)
  })

  it('a failing onEvents gives 500 and the retry is processed (the id is not kept)', async () => {
    let failures = 1
    const { handler, batches } = setup(() => {
      if (failures-- > 0) throw new Error('database down')
    })
    const headers = await sign('easypost', { rawBody: easypostBody, secret: EASYPOST_SECRET })
    const first = await handler.fetch(
      await post('https://shop.test/webhooks/easypost', easypostBody, headers),
    )
    expect(first.status).toBe(500)
    expect(await first.json()).toEqual({ error: 'processing_failed' })
    const retry = await handler.fetch(
      await post('https://shop.test/webhooks/easypost', easypostBody, headers),
    )
    expect(retry.status).toBe(200)
    expect(await retry.json()).toMatchObject({ ok: true, events: 4 })
    expect(batches).toHaveLength(1)
  })

  it('fails at startup, not per request, for a missing secret or an adapter without webhooks', () => {
    expect(() =>
      createWebhookHandler({ sources: { easypost: easypost() }, secrets: {}, onEvents: () => {} }),
    ).toThrow(expect.objectContaining({ reason: 'invalid_secret' }))
    const noWebhook = { id: 'x', normalize: () => ({ shipments: [], notFound: [], warnings: [] }) }
    expect(() =>
      createWebhookHandler({ sources: { x: noWebhook }, secrets: ['s'], onEvents: () => {} }),
    ).toThrow(/no webhook support/)
  })
})

describe('waybill outbound format', () => {
  it('round-trips: createWaybillDelivery → handler with waybillWebhookSource → the same canonical shipments', async () => {
    const shipments = easypost().normalize(JSON.parse(easypostBody.toString('utf8'))).shipments
    const secret = `whsec_${Buffer.from('outbound-secret-of-24-bytes!').toString('base64')}`
    const delivery = await createWaybillDelivery(shipments, { secret, now: new Date() })
    const again = await createWaybillDelivery(shipments, { secret, now: new Date() })
    expect(again.headers['webhook-id']).toBe(delivery.headers['webhook-id'])
    expect(parseWaybillDelivery(delivery.body).data.shipments).toEqual(JSON.parse(JSON.stringify(shipments)))
    const received: WebhookBatch[] = []
    const handler = createWebhookHandler({
      sources: { upstream: waybillWebhookSource() },
      secrets: [secret],
      onEvents: (batch) => {
        received.push(batch)
      },
    })
    const response = await handler.fetch(await post('https://shop.test/in', delivery.body, delivery.headers))
    expect(response.status).toBe(200)
    expect(received[0]!.deliveryId).toBe(delivery.headers['webhook-id'])
    expect(received[0]!.events.map((e) => e.id)).toEqual(shipments[0]!.events.map((e) => e.id))
    const malformed =
      '{"type":"waybill.shipments.updated","timestamp":"x","data":{"shipments":[{"carrier":""}]}}'
    expect(() => parseWaybillDelivery(malformed)).toThrow(/shipments\[0\]/)
  })
})

describe('node:http handler on a real loopback server, posts sent with undici', () => {
  let server: Server
  let base: string
  const batches: WebhookBatch[] = []
  const agent = new Agent({ connections: 4 })
  let mode: 'stream' | 'express-raw' | 'express-json' = 'stream'

  beforeAll(async () => {
    const handler = createWebhookHandler({
      sources: { easypost: easypost(), aftership: aftership() },
      secrets: { easypost: [EASYPOST_SECRET], aftership: [AFTERSHIP_SECRET] },
      maxBodyBytes: 64 * 1024,
      onEvents: (batch) => {
        batches.push(batch)
      },
    })
    server = createServer((req, res) => {
      if (mode === 'stream') return void handler.node(req, res)
      // What Express does with express.raw() / express.json() before the route handler runs.
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const raw = Buffer.concat(chunks)
        Object.assign(req, { body: mode === 'express-raw' ? raw : JSON.parse(raw.toString('utf8')) })
        void handler.node(req, res)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await agent.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('reads the raw body itself and processes a signed delivery once', async () => {
    mode = 'stream'
    const headers = await sign('aftership', { rawBody: aftershipBody, secret: AFTERSHIP_SECRET })
    const send = () =>
      request(`${base}/webhooks/aftership`, {
        method: 'POST',
        body: aftershipBody,
        headers,
        dispatcher: agent,
      })
    const first = await send()
    expect(first.statusCode).toBe(200)
    expect(await first.body.json()).toMatchObject({ ok: true, events: 2 })
    const second = await send()
    expect(await second.body.json()).toMatchObject({ duplicate: true })
    expect(batches.filter((b) => b.source === 'aftership')).toHaveLength(1)
  })

  it('answers 401, 405 and 413 over the wire', async () => {
    mode = 'stream'
    const bad = await undiciFetch(`${base}/webhooks/easypost`, {
      method: 'POST',
      body: easypostBody,
      headers: { 'x-hmac-signature': `hmac-sha256-hex=${'0'.repeat(64)}` },
      dispatcher: agent,
    })
    expect(bad.status).toBe(401)
    const get = await undiciFetch(`${base}/webhooks/easypost`, { dispatcher: agent })
    expect(get.status).toBe(405)
    await get.arrayBuffer()
    const big = Buffer.alloc(128 * 1024, 0x20)
    const tooBig = await undiciFetch(`${base}/webhooks/easypost`, {
      method: 'POST',
      body: big,
      dispatcher: agent,
    })
    expect(tooBig.status).toBe(413)
    await tooBig.arrayBuffer()
  })

  it('accepts a body Express kept as bytes (express.raw) and refuses one it parsed (express.json)', async () => {
    const headers = await sign('easypost', { rawBody: easypostBody, secret: EASYPOST_SECRET })
    mode = 'express-json'
    const parsed = await request(`${base}/webhooks/easypost`, {
      method: 'POST',
      body: easypostBody,
      headers,
      dispatcher: agent,
    })
    expect(parsed.statusCode).toBe(500)
    expect(await parsed.body.json()).toEqual({ error: 'body_already_parsed' })
    mode = 'express-raw'
    const raw = await request(`${base}/webhooks/easypost`, {
      method: 'POST',
      body: easypostBody,
      headers,
      dispatcher: agent,
    })
    expect(raw.statusCode).toBe(200)
    expect(await raw.body.json()).toMatchObject({ ok: true, events: 4 })
  })
})

describe('a tracker as the sink (#25: a source wired in one line)', () => {
  it('hands each new delivery to the tracker with its payload, so reprocess can read it again', async () => {
    const tracker = createTracker({
      adapters: [easypost()],
      store: memoryStore(),
      outbox: { drainEveryMs: 0 },
    })
    const handler = createWebhookHandler({
      sources: { easypost: easypost() },
      secrets: [EASYPOST_SECRET],
      sink: tracker,
    })
    const headers = await sign('easypost', { rawBody: easypostBody, secret: EASYPOST_SECRET })
    const request = () =>
      handler.fetch(
        new Request('https://shop.test/webhooks/easypost', { method: 'POST', body: easypostBody, headers }),
      )
    expect((await request()).status).toBe(200)
    expect(await (await request()).json()).toMatchObject({ duplicate: true })
    const stored = []
    for await (const shipment of tracker.shipments()) stored.push(shipment)
    expect(stored.map((s) => s.trackingNumber)).toEqual(['9400111206213245678901'])
    expect(stored[0]!.events.length).toBeGreaterThan(0)
    const report = await tracker.reprocess()
    expect(report.skipped.noSources).toBe(0)
    expect(report.scanned).toBe(1)
    await tracker.close()
  })

  it('refuses, when created, a handler whose deliveries would go nowhere or to something that is not a sink', () => {
    const base = { sources: { easypost: easypost() }, secrets: [EASYPOST_SECRET] }
    expect(() => createWebhookHandler(base as never)).toThrow(/sink.*onEvents/)
    expect(() => createWebhookHandler({ ...base, sink: {} as never })).toThrow(/ingestResult/)
    const trackerWithout = createTracker({ adapters: [], outbox: { drainEveryMs: 0 } })
    expect(() => createWebhookHandler({ ...base, sink: trackerWithout })).toThrow(/no adapter 'easypost'/)
  })
})
