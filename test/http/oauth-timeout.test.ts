/**
 * The OAuth token request runs inside the calling client's budget (issue #23 item 7): its `timeoutMs`, its retry
 * policy (one budget, not retries inside retries) and its `onRequest`/`onResponse` hooks, against a loopback
 * token endpoint that hangs or fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient, oauth2ClientCredentials, type RequestInfo } from '../../src/http/index.js'
import { type CarrierServer, startCarrierServer } from '../helpers/carrier-server.js'

let server: CarrierServer
const SECRET = 'budget-secret-value'

beforeEach(async () => {
  server = await startCarrierServer({ auth: 'oauth', clients: { 'client-b': SECRET } })
  server.publish('A1', { eventId: 'e1', code: 'PU', at: '2024-03-26T10:58:00-05:00' })
})
afterEach(() => server.close())

const auth = () =>
  oauth2ClientCredentials({
    tokenUrl: `${server.url}/oauth/token`,
    clientId: 'client-b',
    clientSecret: SECRET,
    authStyle: 'basic',
  })

const tokenArrivals = () => server.arrivals.filter((a) => a.path === '/oauth/token').length

describe('a hanging token endpoint', () => {
  it('fails within the client own timeout budget (3 attempts x timeoutMs), not after nested 30 s timeouts', async () => {
    server.inject({ kind: 'hang' }, 100, '/oauth/token')
    const timeoutMs = 300
    const http = createHttpClient({
      baseUrl: server.url,
      auth: auth(),
      timeoutMs,
      retry: { limit: 2, backoffBaseMs: 20, backoffCapMs: 20, jitter: 'none' },
    })
    const started = performance.now()
    const error = await http.request({ url: '/track', query: { numbers: 'A1' } }).catch((e: unknown) => e)
    const elapsed = performance.now() - started
    expect(error).toMatchObject({ code: 'ERR_TIMEOUT' })
    // Budget: 3 attempts of 300 ms plus two 20 ms pauses = 940 ms; allow scheduling slack, nothing like 30 s.
    expect(elapsed).toBeGreaterThanOrEqual(3 * timeoutMs - 30)
    expect(elapsed).toBeLessThan(3 * timeoutMs + 40 + 600)
    // One token request per outer attempt: the token client does not retry on its own.
    expect(tokenArrivals()).toBe(3)
    console.log(`hanging token endpoint: failed after ${elapsed.toFixed(0)} ms (timeoutMs 300, limit 2)`)
    await http.close()
  }, 8_000)

  it('a request-level timeoutMs applies to the token request too', async () => {
    server.inject({ kind: 'hang' }, 100, '/oauth/token')
    const http = createHttpClient({ baseUrl: server.url, auth: auth(), retry: false })
    const started = performance.now()
    const error = await http
      .request({ url: '/track', query: { numbers: 'A1' }, timeoutMs: 250 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_TIMEOUT' })
    expect(performance.now() - started).toBeLessThan(250 + 500)
    expect(tokenArrivals()).toBe(1)
    await http.close()
  }, 8_000)
})

describe('token endpoint failures count against the one retry budget', () => {
  it('a 503 from the token endpoint is retried by the client (not by a nested token client)', async () => {
    server.inject({ kind: 'status', status: 503 }, 1, '/oauth/token')
    const http = createHttpClient({
      baseUrl: server.url,
      auth: auth(),
      retry: { limit: 2, backoffBaseMs: 5, backoffCapMs: 5 },
    })
    const res = await http.request<{ results: unknown[] }>({ url: '/track', query: { numbers: 'A1' } })
    expect(res.body.results).toHaveLength(1)
    expect(server.arrivals.map((a) => `${a.path} ${a.status}`)).toEqual([
      '/oauth/token 503',
      '/oauth/token 200',
      '/track 200',
    ])
    await http.close()
  })

  it('with retry: false a failing token endpoint is tried once', async () => {
    server.inject({ kind: 'status', status: 503 }, 5, '/oauth/token')
    const http = createHttpClient({ baseUrl: server.url, auth: auth(), retry: false })
    const error = await http.request({ url: '/track', query: { numbers: 'A1' } }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_AUTH', status: 503 })
    expect(tokenArrivals()).toBe(1)
    await http.close()
  })
})

describe('hooks see the token request', () => {
  it('onRequest/onResponse are called for the token request, with the Basic credential redacted', async () => {
    const requests: RequestInfo[] = []
    const statuses: (number | undefined)[] = []
    const http = createHttpClient({
      baseUrl: server.url,
      auth: auth(),
      onRequest: (info) => requests.push(info),
      onResponse: (info) => statuses.push(info.status),
    })
    await http.request({ url: '/track', query: { numbers: 'A1' } })
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/oauth/token', '/track'])
    expect(requests[0]!.method).toBe('POST')
    expect(requests[0]!.headers.authorization).toBe('[redacted]')
    expect(requests[1]!.headers.authorization).toBe('[redacted]')
    expect(JSON.stringify(requests)).not.toContain(Buffer.from(`client-b:${SECRET}`).toString('base64'))
    expect(statuses).toEqual([200, 200])
    await http.close()
  })
})
