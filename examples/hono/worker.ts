/**
 * Hono on a worker runtime (Cloudflare Workers, Vercel Edge, Deno Deploy): verifies carrier webhooks at the edge
 * with waybill/webhooks (WebCrypto, no Node built-in) and relays the deliveries that verify, byte for byte, to
 * the origin running server.ts; forged or stale deliveries never reach it. Tracking pages are served from the
 * origin through the edge cache. The tracker and the page renderer stay on the origin: they need Node today.
 */
import { Hono } from 'hono'
import { type SchemeId, verify } from 'waybill/webhooks'

/** What the runtime binds: the origin's URL and one secret per source. */
export interface Bindings {
  ORIGIN_URL: string
  EASYPOST_WEBHOOK_SECRET: string
  AFTERSHIP_WEBHOOK_SECRET: string
}

const SOURCES: Record<string, { scheme: SchemeId; secret: keyof Bindings }> = {
  easypost: { scheme: 'easypost', secret: 'EASYPOST_WEBHOOK_SECRET' },
  aftership: { scheme: 'aftership', secret: 'AFTERSHIP_WEBHOOK_SECRET' },
}

/** The request's headers without the ones that name this hop. */
function relayHeaders(headers: Headers): Headers {
  const out = new Headers(headers)
  for (const name of ['host', 'content-length', 'connection']) out.delete(name)
  return out
}

const app = new Hono<{ Bindings: Bindings }>()

app.post('/webhooks/:source', async (c) => {
  const source = Object.hasOwn(SOURCES, c.req.param('source')) ? SOURCES[c.req.param('source')] : undefined
  if (!source) return c.json({ error: 'unknown_source' }, 404)
  const rawBody = new Uint8Array(await c.req.arrayBuffer())
  const result = await verify(source.scheme, {
    rawBody,
    headers: c.req.raw.headers,
    secrets: [c.env[source.secret]],
  })
  if (!result.valid) return c.json({ error: result.reason }, 401)
  // The origin verifies again (it holds the de-duplication store) and answers; its answer goes back as is.
  const answer = await fetch(new URL(c.req.path, c.env.ORIGIN_URL), {
    method: 'POST',
    body: rawBody,
    headers: relayHeaders(c.req.raw.headers),
  })
  return new Response(answer.body, { status: answer.status, headers: answer.headers })
})

app.get('/track/:carrier/:number', async (c) => {
  const page = await fetch(new URL(c.req.path, c.env.ORIGIN_URL), { headers: { accept: 'text/html' } })
  const headers = new Headers(page.headers)
  if (page.ok) headers.set('cache-control', 'public, s-maxage=60')
  return new Response(page.body, { status: page.status, headers })
})

export default app
