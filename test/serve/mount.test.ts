/**
 * Handlers mounted by prefix: reached with the prefix removed, built by `create` with the server's tracker, behind
 * the operator credential by default (Basic for a browser, Bearer for a client), and never in front of the
 * server's own routes. This is how an operator view is mounted at `/ops` in one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { createServer, type MountContext, type WaybillServer } from '../../src/serve/index.js'

const CREDENTIAL = 'serve-mount-operator-credential'

/** A small operator view: its path, and how many shipments the tracker it was given holds. */
function fakeView(context: MountContext) {
  return {
    async fetch(request: Request): Promise<Response> {
      let shipments = 0
      for await (const _ of context.tracker.shipments()) shipments++
      const url = new URL(request.url)
      return Response.json({
        path: url.pathname,
        basePath: context.basePath,
        shipments,
        method: request.method,
      })
    },
  }
}

describe('mount', () => {
  let server: WaybillServer
  let base: string
  beforeAll(async () => {
    server = await createServer({
      adapters: [easypost()],
      operator: { credential: CREDENTIAL },
      timers: false,
      mount: {
        '/ops': { create: fakeView },
        '/public/echo': { handler: async (request) => new Response(await request.text()), auth: 'none' },
      },
    })
    base = await server.listen({ port: 0 })
  })
  afterAll(() => server.close())

  it('asks a browser for the operator credential, and accepts it as Basic or Bearer', async () => {
    const anonymous = await fetch(`${base}/ops/queue`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="waybill operator"')
    const wrong = await fetch(`${base}/ops/queue`, {
      headers: { authorization: 'Bearer not-the-credential' },
    })
    expect(wrong.status).toBe(401)
    const basic = Buffer.from(`ops:${CREDENTIAL}`).toString('base64')
    const viaBasic = await fetch(`${base}/ops/queue?x=1`, { headers: { authorization: `Basic ${basic}` } })
    expect(viaBasic.status).toBe(200)
    expect(await viaBasic.json()).toEqual({ path: '/queue', basePath: '/ops', shipments: 0, method: 'GET' })
    const viaBearer = await fetch(`${base}/ops`, { headers: { authorization: `Bearer ${CREDENTIAL}` } })
    expect(((await viaBearer.json()) as { path: string }).path).toBe('/')
  })

  it('passes request bodies through to a handler mounted without auth', async () => {
    const echoed = await fetch(`${base}/public/echo/x`, { method: 'POST', body: 'a body through the mount' })
    expect(await echoed.text()).toBe('a body through the mount')
  })

  it('does not match a prefix inside a longer segment', async () => {
    expect((await fetch(`${base}/opsx`)).status).toBe(404)
  })
})
