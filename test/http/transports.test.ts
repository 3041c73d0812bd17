import nock from 'nock'
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { AbortError, HttpError, NetworkError } from '../../src/errors/index.js'
import { createHttpClient, fetchTransport, undiciTransport } from '../../src/http/index.js'
import { startCarrierServer } from '../helpers/carrier-server.js'

describe('undici transport with an injected MockAgent dispatcher', () => {
  it('sends through the dispatcher, retries a 502 and decodes the body', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const pool = agent.get('https://api.carrier.test')
    pool.intercept({ path: '/track?id=1', method: 'GET' }).reply(502, 'bad gateway')
    pool
      .intercept({ path: '/track?id=1', method: 'GET' })
      .reply(200, { ok: true }, { headers: { 'content-type': 'application/json', 'x-request-id': 'req-7' } })
    const http = createHttpClient({
      dispatcher: agent,
      baseUrl: 'https://api.carrier.test',
      retry: { backoffBaseMs: 1 },
    })
    const res = await http.request<{ ok: boolean }>({ url: '/track', query: { id: 1 } })
    expect(res.body).toEqual({ ok: true })
    expect(res.requestId).toBe('req-7')
    agent.assertNoPendingInterceptors()
    await agent.close()
  })

  it('an unmatched request is a NetworkError, not a silent pass', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const http = createHttpClient({ dispatcher: agent, retry: false })
    const err = await http.request({ url: 'https://api.carrier.test/none' }).catch((e) => e)
    expect(err).toBeInstanceOf(NetworkError)
    await agent.close()
  })

  it('text and bytes response types', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const pool = agent.get('https://x.test')
    pool.intercept({ path: '/a' }).reply(200, '<xml/>')
    pool.intercept({ path: '/b' }).reply(200, Buffer.from([1, 2, 3]))
    const http = createHttpClient({ dispatcher: agent })
    expect((await http.request({ url: 'https://x.test/a', responseType: 'text' })).body).toBe('<xml/>')
    expect([
      ...((await http.request({ url: 'https://x.test/b', responseType: 'bytes' })).body as Uint8Array),
    ]).toEqual([1, 2, 3])
    await agent.close()
  })

  it('invalid JSON is an HttpError naming the URL, not a SyntaxError', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('https://x.test').intercept({ path: '/j' }).reply(200, '{not json')
    const err = await createHttpClient({ dispatcher: agent })
      .request({ url: 'https://x.test/j' })
      .catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.message).toContain('https://x.test/j')
    await agent.close()
  })
})

describe('fetch transport (nock intercepts global fetch)', () => {
  afterEach(() => {
    nock.cleanAll()
    nock.enableNetConnect()
  })

  it('sends the form body and headers and decodes JSON', async () => {
    nock.disableNetConnect()
    const scope = nock('https://api.carrier.test')
      .post('/oauth/token', 'grant_type=client_credentials')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { access_token: 't', expires_in: 60 })
    const http = createHttpClient({ transport: fetchTransport() })
    const res = await http.request({
      url: 'https://api.carrier.test/oauth/token',
      form: { grant_type: 'client_credentials' },
    })
    expect(res.body).toEqual({ access_token: 't', expires_in: 60 })
    scope.done()
  })

  it('retries 429 with Retry-After and enforces the response-size cap', async () => {
    nock.disableNetConnect()
    const scope = nock('https://api.carrier.test')
      .get('/t')
      .reply(429, 'slow down', { 'retry-after': '0' })
      .get('/t')
      .reply(200, 'x'.repeat(5000))
    const http = createHttpClient({ transport: fetchTransport(), maxResponseBytes: 1000 })
    const err = await http
      .request({ url: 'https://api.carrier.test/t', responseType: 'text' })
      .catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.message).toMatch(/exceeds 1000 bytes/)
    scope.done()
  })
})

describe('fetch transport on a real loopback server', () => {
  it('times out slow headers and maps resets to NetworkError', async () => {
    const server = await startCarrierServer()
    server.publish('A', { eventId: 'e', code: 'X', at: '2024-01-01T00:00:00Z' })
    const http = createHttpClient({
      transport: fetchTransport({ headersTimeoutMs: 150 }),
      baseUrl: server.url,
      retry: false,
    })
    server.inject({ kind: 'slowHeaders', delayMs: 1000 }, 1)
    expect((await http.request({ url: '/track?numbers=A' }).catch((e) => e)).code).toBe('ERR_TIMEOUT')
    server.inject({ kind: 'reset' }, 1)
    expect((await http.request({ url: '/track?numbers=A' }).catch((e) => e)).code).toBe('ERR_NETWORK')
    expect(
      (await http.request<{ results: unknown[] }>({ url: '/track?numbers=A' })).body.results,
    ).toHaveLength(1)
    await server.close()
  })

  it('an already aborted signal is an AbortError from both transports, not a DOMException', async () => {
    for (const transport of [undiciTransport(), fetchTransport()]) {
      const err = await transport
        .send({
          method: 'GET',
          url: new URL('http://127.0.0.1:9/x'),
          headers: {},
          signal: AbortSignal.abort(),
          maxResponseBytes: 10,
        })
        .catch((e) => e)
      expect(err).toBeInstanceOf(AbortError)
      await transport.close?.()
    }
  })

  it('the undici transport owns and closes its agent', async () => {
    const t = undiciTransport()
    await expect(t.close?.()).resolves.toBeUndefined()
  })
})
