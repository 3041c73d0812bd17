import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AbortError, AuthError, HttpError, NetworkError, RateLimitError } from '../../src/errors/index.js'
import { createHttpClient, type RequestInfo, type ResponseInfo } from '../../src/http/index.js'
import { bucketExcess, type CarrierServer, startCarrierServer } from '../helpers/carrier-server.js'

/** Delivery delay tolerated between a send and its arrival in the server log (a loaded 2-core CI machine). */
const JITTER_MS = 100
/** Delay tolerated between a limiter grant and the `onRequest` hook of that send (microtasks of other work). */
const SEND_SLACK_MS = 50

let server: CarrierServer
const clients: { close(): Promise<void> }[] = []
const client = (opts: Parameters<typeof createHttpClient>[0] = {}) => {
  const c = createHttpClient({ baseUrl: server.url, retry: { backoffBaseMs: 5, backoffCapMs: 20 }, ...opts })
  clients.push(c)
  return c
}

beforeEach(async () => {
  server = await startCarrierServer({ auth: 'apiKey', apiKeys: ['key-123456'] })
  server.publish('A1', { eventId: 'e1', code: 'PU', at: '2024-03-26T10:58:00-05:00' })
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await server.close()
})

const auth = { header: 'x-api-key', value: 'key-123456' }

describe('createHttpClient on a loopback carrier', () => {
  it('sends the static auth header and query, and decodes JSON', async () => {
    const res = await client({ auth }).request<{ results: { trackingNumber: string }[] }>({
      url: '/track',
      query: { numbers: 'A1,B2', skip: undefined },
    })
    expect(res.status).toBe(200)
    expect(res.body.results.map((r) => r.trackingNumber)).toEqual(['A1', 'B2'])
    expect(server.arrivals.at(-1)?.numbers).toEqual(['A1', 'B2'])
  })

  it('sends JSON bodies with POST', async () => {
    const res = await client({ auth }).request<{ results: unknown[] }>({
      url: '/track',
      json: { numbers: ['A1'] },
    })
    expect(res.body.results).toHaveLength(1)
    expect(server.arrivals.at(-1)?.method).toBe('POST')
  })

  it('retries a 503 burst and then succeeds', async () => {
    server.inject({ kind: 'status', status: 503 }, 2, '/track')
    const res = await client({ auth }).request({ url: '/track', query: { numbers: 'A1' } })
    expect(res.status).toBe(200)
    expect(server.arrivals.filter((a) => a.path === '/track')).toHaveLength(3)
  })

  it('gives up after the retry limit with an HttpError carrying status and redacted headers', async () => {
    server.inject({ kind: 'status', status: 503 }, 10, '/track')
    const err = await client({ auth, retry: { limit: 1, backoffBaseMs: 1 } })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.status).toBe(503)
    expect(err.retryable).toBe(true)
    expect(server.arrivals.filter((a) => a.path === '/track')).toHaveLength(2)
  })

  it('does not retry a POST (not a safe method) unless configured', async () => {
    server.inject({ kind: 'status', status: 503 }, 5, '/track')
    await expect(
      client({ auth }).request({ url: '/track', json: { numbers: ['A1'] } }),
    ).rejects.toBeInstanceOf(HttpError)
    expect(server.arrivals.filter((a) => a.path === '/track')).toHaveLength(1)
  })

  it('waits out Retry-After (seconds) before retrying a 429, without jitter', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '1' }, 1, '/track')
    const res = await client({ auth }).request({ url: '/track', query: { numbers: 'A1' } })
    expect(res.status).toBe(200)
    const [first, second] = server.arrivals.filter((a) => a.path === '/track')
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990)
  })

  it('does not wait out a Retry-After beyond the cap: throws RateLimitError with retryAfterMs', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '3600' }, 1, '/track')
    const err = await client({ auth })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(RateLimitError)
    expect(err.retryAfterMs).toBe(3_600_000)
    expect(server.arrivals.filter((a) => a.path === '/track')).toHaveLength(1)
  })

  it('retries a connection reset as a network error', async () => {
    server.inject({ kind: 'reset' }, 1, '/track')
    const res = await client({ auth }).request({ url: '/track', query: { numbers: 'A1' } })
    expect(res.status).toBe(200)
  })

  it('a reset on every attempt ends in NetworkError (ERR_NETWORK)', async () => {
    server.inject({ kind: 'reset' }, 5, '/track')
    const err = await client({ auth, retry: { limit: 1, backoffBaseMs: 1 } })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.code).toBe('ERR_NETWORK')
  })

  it('times out slow headers with ERR_TIMEOUT', async () => {
    server.inject({ kind: 'slowHeaders', delayMs: 2000 }, 1, '/track')
    const err = await client({ auth, retry: false, timeoutMs: 200 })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.code).toBe('ERR_TIMEOUT')
  })

  it('times out a dribbling body with ERR_TIMEOUT', async () => {
    server.inject({ kind: 'slowBody', chunkDelayMs: 1000, chunks: 3 }, 1, '/track')
    const err = await client({ auth, retry: false, timeoutMs: 300 })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err.code).toBe('ERR_TIMEOUT')
  })

  it('caps the response size', async () => {
    server.inject({ kind: 'hugeBody', bytes: 200_000 }, 1, '/track')
    const err = await client({ auth, maxResponseBytes: 50_000 })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.message).toMatch(/exceeds 50000 bytes/)
  })

  it('maps 401 to AuthError without the API key in message, details or JSON', async () => {
    const err = await client({ auth: { header: 'x-api-key', value: 'wrong-key-999' } })
      .request({ url: '/track', query: { numbers: 'A1' } })
      .catch((e) => e)
    expect(err).toBeInstanceOf(AuthError)
    expect(err.status).toBe(401)
    expect(JSON.stringify(err)).not.toContain('wrong-key-999')
    expect(err.context.headers).toBeDefined()
  })

  it('returns non-2xx responses when throwHttpErrors is false', async () => {
    const res = await client({ auth }).request({ url: '/nope', throwHttpErrors: false })
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: 'not_found' })
  })

  it('redacts secrets in the onRequest/onResponse hooks', async () => {
    const seen: (RequestInfo | ResponseInfo)[] = []
    await client({ auth, onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i) }).request({
      url: '/track',
      query: { numbers: 'A1' },
      headers: { Authorization: 'Bearer abcdef', cookie: 'sid=1234567' },
    })
    expect(seen).toHaveLength(2)
    const text = JSON.stringify(seen)
    expect(text).not.toContain('key-123456')
    expect(text).not.toContain('abcdef')
    expect(text).not.toContain('sid=1234567')
    expect(text).toContain('[redacted]')
    expect((seen[1] as ResponseInfo).status).toBe(200)
  })

  it('aborting stops all work: the pending request and every retry', async () => {
    server.inject({ kind: 'status', status: 503 }, 100, '/track')
    const controller = new AbortController()
    const c = client({ auth, retry: { limit: 50, backoffBaseMs: 100, backoffCapMs: 100, jitter: 'none' } })
    const pending = c.request({ url: '/track', query: { numbers: 'A1' }, signal: controller.signal })
    await new Promise((r) => setTimeout(r, 250))
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(AbortError)
    const count = server.arrivals.length
    await new Promise((r) => setTimeout(r, 400))
    expect(server.arrivals.length).toBe(count)
    expect(count).toBeGreaterThanOrEqual(1)
  })

  it('aborting a hanging request rejects with AbortError', async () => {
    server.inject({ kind: 'hang' }, 1, '/track')
    const controller = new AbortController()
    const pending = client({ auth }).request({
      url: '/track',
      query: { numbers: 'A1' },
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 100)
    await expect(pending).rejects.toBeInstanceOf(AbortError)
  })

  it('never exceeds the configured rate for a key (client send log exactly; server arrival log within jitter)', async () => {
    const rate = 20
    const sentAt: number[] = []
    const c = client({
      auth,
      limiter: { requestsPerSecond: rate, burst: 2, concurrency: 4 },
      rateLimitKey: 'k1',
      onRequest: () => sentAt.push(performance.timeOrigin + performance.now()),
    })
    await Promise.all(
      Array.from({ length: 30 }, () => c.request({ url: '/track', query: { numbers: 'A1' } })),
    )
    const arrivals = server.arrivals.filter((a) => a.path === '/track').map((a) => a.at)
    expect(arrivals).toHaveLength(30)
    // at most burst + 1 (catch-up) + rate * span requests in any span; the exact 1 s window cap is covered with
    // a manual clock in limiter.test.ts
    expect(bucketExcess(sentAt, { rate, burst: 3, jitterMs: SEND_SLACK_MS })).toBeLessThanOrEqual(0)
    expect(bucketExcess(arrivals, { rate, burst: 3, jitterMs: JITTER_MS })).toBeLessThanOrEqual(0)
    // and it was the limiter that spread them: unlimited, all 30 would arrive within a few ms
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThan(1000)
  })

  it('a 429 pauses the key for Retry-After: nothing is sent, and nothing arrives, until it passes', async () => {
    const sentAt: number[] = []
    let throttledSeenAt = 0
    const now = () => performance.timeOrigin + performance.now()
    const c = client({
      auth,
      limiter: { requestsPerSecond: 10, burst: 1, concurrency: 4 },
      rateLimitKey: 'k2',
      onRequest: () => sentAt.push(now()),
      onResponse: (i) => {
        if (i.status === 429) throttledSeenAt = now()
      },
    })
    server.inject({ kind: 'status', status: 429, retryAfter: '1' }, 1, '/track')
    await Promise.all(Array.from({ length: 4 }, () => c.request({ url: '/track', query: { numbers: 'A1' } })))
    const log = server.arrivals.filter((a) => a.path === '/track')
    const throttled = log.find((a) => a.outcome === 'fault')!
    expect(throttledSeenAt).toBeGreaterThan(0)
    // client side: no request sent between learning of the 429 and Retry-After having passed
    for (const t of sentAt) expect(t <= throttledSeenAt || t >= throttledSeenAt + 990).toBe(true)
    // server side: at most the requests already on the wire arrive in that second (jitter tolerance 100 ms)
    expect(log.filter((a) => a.at > throttledSeenAt + 100 && a.at < throttled.at + 990)).toHaveLength(0)
    expect(log.filter((a) => a.at >= throttled.at + 990).length).toBeGreaterThanOrEqual(2)
  })
})
