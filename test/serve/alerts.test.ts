/**
 * Alert routing in `waybill serve`: an alert the tracker raises reaches the owner's webhook once (signed), is
 * listed by the JSON API and the operator view's alert queue, and is acknowledged through the API once; the API
 * keys, not the public, may do that. Guards the wiring of `config.alerts` to the tracker, the API and `/ops`.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createServer, type WaybillServer } from '../../src/serve/index.js'
import { receiver, SECRET } from '../operator/receiver.js'

const API_KEY = 'serve-alerts-api-key-0123456789'
const OPERATOR = 'serve-alerts-operator-credential'

describe('serve: alert routing', () => {
  let server: WaybillServer
  let base: string
  let desk: Awaited<ReturnType<typeof receiver>>
  const auth = { authorization: `Bearer ${API_KEY}` }

  beforeAll(async () => {
    desk = await receiver()
    server = await createServer({
      adapters: [easypost()],
      timers: false,
      api: { keys: [API_KEY] },
      operator: { credential: OPERATOR },
      alerts: {
        tickEveryMs: 0,
        escalateAfter: 3_600_000,
        channels: { desk: { type: 'webhook', url: desk.url, secret: SECRET, allowHttp: true } },
        rules: [
          {
            name: 'everything',
            owner: 'support',
            channels: ['desk'],
            escalateTo: { owner: 'lead', channels: ['desk'] },
          },
        ],
      },
    })
    base = await server.listen({ port: 0 })
  })
  afterAll(async () => {
    await server?.close()
    await desk?.close()
  })

  it('routes a raised alert once, lists it, and acknowledges it through the API', async () => {
    const payload = JSON.parse(
      readFileSync('fixtures/easypost/tracker-updated-delivered-float-weight.json', 'utf8'),
    )
    await server.tracker.ingest({ source: 'easypost', payload })
    await server.tracker.ingest({ source: 'easypost', payload })

    const until = Date.now() + 10_000
    while (desk.received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25))
    await new Promise((r) => setTimeout(r, 200))
    expect(desk.received).toHaveLength(1)
    expect(desk.received[0]).toMatchObject({ kind: 'delivered', owner: 'support', valid: true })
    const key = desk.received[0]!.key

    expect((await fetch(`${base}/api/alerts`)).status).toBe(401)
    const open = (await (await fetch(`${base}/api/alerts`, { headers: auth })).json()) as {
      alerts: { alert: { dedupeKey: string } }[]
    }
    expect(open.alerts.map((a) => a.alert.dedupeKey)).toContain(key)

    const queue = await fetch(`${base}/ops/alerts`, { headers: { authorization: `Bearer ${OPERATOR}` } })
    expect(queue.status).toBe(200)
    expect(await queue.text()).toContain('delivered')

    const ack = (body?: string) =>
      fetch(`${base}/api/alerts/${encodeURIComponent(key)}/ack`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      })
    const first = await ack(JSON.stringify({ by: 'dana' }))
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ already: false, alert: { ackedBy: 'dana' } })
    expect(await (await ack()).json()).toMatchObject({ already: true })
    expect((await ack('{"by": 7}')).status).toBe(400)
    expect((await fetch(`${base}/api/alerts/nope/ack`, { method: 'POST', headers: auth })).status).toBe(404)
  })
})
