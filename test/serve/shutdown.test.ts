/**
 * Graceful shutdown: `close()` stops accepting connections, yet a webhook delivery whose body is still arriving
 * completes and is stored, and a poll whose carrier answers slowly is finished and stored, before it returns.
 * Guards against a shutdown that drops the delivery a carrier already sent (it would not retry a 200 it never got)
 * or the answer of a carrier call already paid for.
 */

import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createHttpClient } from '../../src/http/index.js'
import { createServer } from '../../src/serve/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { sign } from '../../src/webhooks/index.js'
import { startCarrierServer } from '../helpers/carrier-server.js'
import { loopbackAdapter } from '../polling/loopback-adapter.js'

const SECRET = 'serve-shutdown-webhook-secret'
const NUMBER = '9400111206213245678901'

describe('close()', () => {
  it('finishes an in-flight webhook delivery and an in-flight poll, and refuses new connections', async () => {
    const carrier = await startCarrierServer({ latencyMs: 600 })
    carrier.publish('SLOW1', { eventId: 'SLOW1-0', code: 'PU', at: '2026-12-01T09:00:00Z' })
    const store = memoryStore()
    const loop = loopbackAdapter({ http: createHttpClient({ baseUrl: carrier.url }) })
    const server = await createServer({
      store,
      adapters: [loop, easypost()],
      poll: { jobs: [{ adapter: 'loop', numbers: ['SLOW1'] }] },
      webhooks: [{ name: 'easypost', adapter: 'easypost', secret: SECRET }],
      timers: false,
    })
    const base = await server.listen({ port: 0 })
    const { port } = new URL(base)
    try {
      // The carrier has the poll's request; the delivery's headers and half its body are in.
      while (carrier.arrivals.filter((a) => a.path.startsWith('/track')).length === 0)
        await new Promise((resolve) => setTimeout(resolve, 10))
      const body = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
      const headers = await sign('easypost', { rawBody: body, secret: SECRET })
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhooks/easypost',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': body.length },
      })
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = ''
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        })
        req.on('error', reject)
      })
      req.write(body.subarray(0, 100))
      await new Promise((resolve) => setTimeout(resolve, 100))

      const closed = server.close()
      await expect(fetch(`${base}/healthz`)).rejects.toThrow()
      req.end(body.subarray(100))
      const answer = await answered
      expect(answer.status).toBe(200)
      await closed

      const reader = createTracker({ adapters: [loop, easypost()], store, outbox: { drainEveryMs: 0 } })
      expect((await reader.get('usps', NUMBER))[0]?.events.length).toBeGreaterThan(0)
      expect((await reader.get('loop', 'SLOW1'))[0]?.events).toHaveLength(1)
      await reader.close()
    } finally {
      await server.close()
      await carrier.close()
    }
  })

  it('is answered 503 by /readyz while it runs', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const server = await createServer({
      adapters: [easypost()],
      timers: false,
      mount: { '/hold': { handler: () => held.then(() => new Response('done')), auth: 'none' } },
    })
    const base = await server.listen({ port: 0 })
    const holding = fetch(`${base}/hold`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close()
    const ready = await server.fetch(new Request('http://local/readyz'))
    expect(ready.status).toBe(503)
    release()
    expect(await (await holding).text()).toBe('done')
    await closed
  })
})
