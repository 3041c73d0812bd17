/**
 * A served instance with every kind of source on loopback: a poll job against the loopback carrier server, an SFTP
 * drop folder on the in-process SFTP server, and a signed webhook; then the signed page, the JSON API and the
 * Prometheus `/metrics` are read over HTTP.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createHttpClient } from '../../src/http/index.js'
import { createServer, signPageLink, type WaybillServer } from '../../src/serve/index.js'
import { sign } from '../../src/webhooks/index.js'
import { type CarrierServer, startCarrierServer } from '../helpers/carrier-server.js'
import { loopbackAdapter } from '../polling/loopback-adapter.js'
import { type Drop, eventually, startDrop } from '../sftp/helpers.js'

const PAGES_SECRET = 'serve-sources-pages-secret-0123456789'
const API_KEY = 'serve-sources-api-key-012345'
const OPERATOR_CREDENTIAL = 'serve-sources-operator-credential'
const WEBHOOK_SECRET = 'serve-sources-webhook-secret'

describe('a served instance with a poll job, an SFTP drop and a webhook', () => {
  let carrier: CarrierServer
  let drop: Drop
  let server: WaybillServer
  let base: string
  const auth = { authorization: `Bearer ${API_KEY}` }

  beforeAll(async () => {
    carrier = await startCarrierServer()
    carrier.publish('LOOP1', {
      eventId: 'LOOP1-0',
      code: 'PU',
      at: '2026-12-01T09:00:00-06:00',
      text: 'Picked up',
    })
    carrier.publish('LOOP1', {
      eventId: 'LOOP1-1',
      code: 'AF',
      at: '2026-12-02T04:10:00-06:00',
      text: 'Arrived',
    })
    carrier.publish('LOOP2', {
      eventId: 'LOOP2-0',
      code: 'OFD',
      at: '2026-12-02T08:00:00-06:00',
      text: 'Out',
    })
    drop = await startDrop()
    await drop.put('batch-1.txt', 'FILE1,I,2026-12-01T10:00:00Z\nFILE1,D,2026-12-02T15:30:00Z\n')
    const loop = loopbackAdapter({
      http: createHttpClient({ baseUrl: carrier.url }),
      requestsPerSecond: 50,
      burst: 5,
    })
    server = await createServer({
      adapters: [loop, easypost()],
      poll: {
        jobs: [
          { adapter: 'loop', numbers: ['LOOP1'] },
          // Numbers from the shipper's own database: asked at start, then on each refresh.
          { adapter: 'loop', query: async () => ['LOOP2'], refreshEveryMs: 60_000 },
        ],
      },
      sftp: [{ name: 'test-drop', ...drop.options({ pollIntervalMs: 100 }) }],
      webhooks: [{ name: 'easypost', adapter: 'easypost', secret: WEBHOOK_SECRET }],
      pages: { secret: PAGES_SECRET },
      api: { keys: [API_KEY] },
      operator: { credential: OPERATOR_CREDENTIAL },
      metrics: true,
      timers: { everyMs: 50 },
    })
    base = await server.listen({ port: 0 })
  })
  afterAll(async () => {
    await server?.close()
    await drop?.close()
    await carrier?.close()
  })

  it('takes in a poll, a file and a webhook, and serves them', async () => {
    const body = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
    const headers = await sign('easypost', { rawBody: body, secret: WEBHOOK_SECRET })
    const hook = await fetch(`${base}/webhooks/easypost`, { method: 'POST', body, headers })
    expect(hook.status).toBe(200)

    const api = async (carrierId: string, number: string) =>
      fetch(`${base}/api/shipments/${carrierId}/${number}`, { headers: auth })
    let polled = false
    let filed = false
    const until = Date.now() + 10_000
    while ((!polled || !filed) && Date.now() < until) {
      polled = (await api('loop', 'LOOP1')).status === 200 && (await api('loop', 'LOOP2')).status === 200
      filed = (await api('test', 'FILE1')).status === 200
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(polled).toBe(true)
    expect(filed).toBe(true)

    const loop = (await (await api('loop', 'LOOP1')).json()) as {
      shipments: { events: unknown[]; status: string }[]
    }
    expect(loop.shipments[0]!.events).toHaveLength(2)
    const file = (await (await api('test', 'FILE1')).json()) as { shipments: { status: string }[] }
    expect(file.shipments[0]!.status).toBe('delivered')
    expect(await eventually(() => (server.sources()?.sftp['test-drop']?.files ?? 0) >= 1)).toBe(true)
    expect(await eventually(() => (server.sources()?.timers.runs ?? 0) >= 1)).toBe(true)

    const page = await fetch(
      `${base}${signPageLink({ carrier: 'loop', trackingNumber: 'LOOP1' }, PAGES_SECRET)}`,
    )
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('LOOP1')

    const list = (await (await fetch(`${base}/api/shipments`, { headers: auth })).json()) as {
      shipments: { carrier: string }[]
    }
    expect(list.shipments.map((s) => s.carrier).sort()).toEqual(['loop', 'loop', 'test', 'usps'])
  })

  it('serves the operator view at /ops behind the operator credential, with each timeline and its raw records', async () => {
    const anonymous = await fetch(`${base}/ops`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /)
    const browser = {
      authorization: `Basic ${Buffer.from(`operator:${OPERATOR_CREDENTIAL}`).toString('base64')}`,
    }
    const overview = await fetch(`${base}/ops`, { headers: browser })
    expect(overview.status).toBe(200)
    expect(await overview.text()).toContain('href="/ops/exceptions"')
    const counts = await fetch(`${base}/ops/`, {
      headers: { authorization: `Bearer ${OPERATOR_CREDENTIAL}`, accept: 'application/json' },
    })
    expect(counts.status).toBe(200)
    const timeline = await fetch(`${base}/ops/shipments/loop/LOOP1`, { headers: browser })
    expect(timeline.status).toBe(200)
    const html = await timeline.text()
    expect(html).toContain('LOOP1')
    expect(html).toContain('raw')
    // The API keys do not open the operator view.
    expect((await fetch(`${base}/ops`, { headers: auth })).status).toBe(401)
  })

  it('exports the metrics in the Prometheus text format', async () => {
    const metrics = await fetch(`${base}/metrics`)
    expect(metrics.status).toBe(200)
    expect(metrics.headers.get('content-type')).toContain('text/plain')
    const text = await metrics.text()
    expect(text).toMatch(/^# TYPE http_server_request_duration histogram$/m)
    expect(text).toMatch(
      /^http_server_request_duration_count\{[^}]*http_route="\/webhooks\/\{name\}"[^}]*\} 1$/m,
    )
    expect(text).toMatch(/^http_server_request_duration_bucket\{[^}]*le="0.005"\}/m)
    expect(text).toMatch(/^waybill_tracker_events_total\{[^}]*waybill_carrier="loop"[^}]*\} 3$/m)
    expect(text).not.toContain('LOOP1')
  })
})
