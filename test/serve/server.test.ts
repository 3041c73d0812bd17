/**
 * `createServer` on a real port (127.0.0.1, port 0): a signed webhook in, then the page (signed link and lookup by
 * postal code), the JSON API and the health endpoints read back over HTTP.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createServer, signPageLink, type WaybillServer } from '../../src/serve/index.js'
import { sign } from '../../src/webhooks/index.js'

const WEBHOOK_SECRET = 'serve-test-easypost-webhook-secret'
const PAGES_SECRET = 'serve-test-pages-secret-0123456789abcdef'
const API_KEY = 'serve-test-api-key-0123456789'
const body = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
const NUMBER = '9400111206213245678901'

async function deliver(base: string, raw: Buffer | string, secret = WEBHOOK_SECRET): Promise<Response> {
  const headers = await sign('easypost', { rawBody: raw, secret })
  return fetch(`${base}/webhooks/easypost`, {
    method: 'POST',
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
    headers: { 'content-type': 'application/json', ...headers },
  })
}

describe('createServer on loopback', () => {
  let server: WaybillServer
  let base: string

  beforeAll(async () => {
    server = await createServer({
      adapters: [easypost()],
      webhooks: [{ name: 'easypost', adapter: 'easypost', secret: WEBHOOK_SECRET }],
      pages: { secret: PAGES_SECRET },
      api: { keys: [API_KEY] },
      timers: false,
    })
    base = await server.listen({ port: 0 })
  })
  afterAll(() => server.close())

  it('answers /healthz, and /readyz once the store answers and the sources started', async () => {
    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { store: 'reachable', sources: 'started' },
    })
  })

  it('stores a signed webhook delivery in the tracker, and refuses a tampered one', async () => {
    const tampered = await deliver(
      base,
      body.toString('utf8').replace('in_transit', 'delivered'),
      'wrong-secret-value',
    )
    expect(tampered.status).toBe(401)
    expect(await server.tracker.get('usps', NUMBER)).toEqual([])
    const accepted = await deliver(base, body)
    expect(accepted.status).toBe(200)
    const stored = await server.tracker.get('usps', NUMBER)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.events.length).toBeGreaterThan(0)
    const again = await deliver(base, body)
    expect(again.status).toBe(200)
    expect((await server.tracker.get('usps', NUMBER))[0]!.events).toHaveLength(stored[0]!.events.length)
  })

  it('serves the page of a signed link, and the same 404 for a forged or expired one', async () => {
    const link = signPageLink({ carrier: 'usps', trackingNumber: NUMBER }, PAGES_SECRET)
    const page = await fetch(`${base}${link}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain('<!doctype html>')
    expect(html).toContain(NUMBER)

    const unsigned = await fetch(`${base}/t/usps/${NUMBER}`)
    const forged = await fetch(
      `${base}${link.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`)}`,
    )
    const otherNumber = await fetch(`${base}${link.replace(NUMBER, '9400111206213245678902')}`)
    const expired = await fetch(
      `${base}${signPageLink({ carrier: 'usps', trackingNumber: NUMBER, expiresAt: new Date(Date.now() - 1000) }, PAGES_SECRET)}`,
    )
    const bodies = new Set<string>()
    for (const answer of [unsigned, forged, otherNumber, expired]) {
      expect(answer.status).toBe(404)
      bodies.add(await answer.text())
    }
    expect(bodies.size).toBe(1)
  })

  it('finds a page by number and postal code; a wrong code and an unknown number look the same', async () => {
    const found = await fetch(`${base}/t?number=${NUMBER}&postal=78701-1234`)
    expect(found.status).toBe(200)
    expect(await found.text()).toContain(NUMBER)
    const wrongPostal = await fetch(`${base}/t?number=${NUMBER}&postal=78702`)
    const unknown = await fetch(`${base}/t?number=9400111206213245678999&postal=78701`)
    const noPostal = await fetch(`${base}/t?number=${NUMBER}`)
    const texts = new Set<string>()
    for (const answer of [wrongPostal, unknown, noPostal]) {
      expect(answer.status).toBe(404)
      texts.add(await answer.text())
    }
    expect(texts.size).toBe(1)
  })

  it('answers the JSON API only with an API key', async () => {
    const anonymous = await fetch(`${base}/api/shipments/usps/${NUMBER}`)
    expect(anonymous.status).toBe(401)
    const wrongKey = await fetch(`${base}/api/shipments/usps/${NUMBER}`, {
      headers: { authorization: `Bearer ${API_KEY}x` },
    })
    expect(wrongKey.status).toBe(401)
    const auth = { authorization: `Bearer ${API_KEY}` }
    const one = await fetch(`${base}/api/shipments/usps/${NUMBER}`, { headers: auth })
    expect(one.status).toBe(200)
    const { shipments } = (await one.json()) as { shipments: { trackingNumber: string }[] }
    expect(shipments[0]!.trackingNumber).toBe(NUMBER)
    const missing = await fetch(`${base}/api/shipments/usps/9400111206213245678999`, { headers: auth })
    expect(missing.status).toBe(404)
    const list = await fetch(`${base}/api/shipments?carrier=usps&limit=10`, { headers: auth })
    expect(((await list.json()) as { shipments: unknown[] }).shipments).toHaveLength(1)
    const badQuery = await fetch(`${base}/api/shipments?status=lost`, { headers: auth })
    expect(badQuery.status).toBe(400)
    expect(((await badQuery.json()) as { message: string }).message).toMatch(/^status: expected one of/)
  })

  it('answers unknown paths and unknown webhook names with 404', async () => {
    expect((await fetch(`${base}/nothing`)).status).toBe(404)
    expect((await fetch(`${base}/webhooks/fedex`, { method: 'POST', body: '{}' })).status).toBe(404)
  })
})
