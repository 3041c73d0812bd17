/** createCarrierClient: the one REST client set-up of every carrier adapter, against a loopback server. */
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, RateLimitError } from '../../src/errors/index.js'
import {
  type CarrierClientOptions,
  createCarrierClient,
  createHttpClient,
  type RequestInfo,
} from '../../src/http/index.js'

interface Seen {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

let server: http.Server
let baseUrl: string
const seen: Seen[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      res.setHeader('content-type', 'application/json')
      if (req.url === '/oauth/token') {
        res.end(JSON.stringify({ access_token: 'tok-9', token_type: 'Bearer', expires_in: 3600 }))
        return
      }
      res.end(JSON.stringify({ ok: true }))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.close()
  await once(server, 'close')
})
beforeEach(() => {
  seen.length = 0
})

const apiKeyCredentials: CarrierClientOptions['credentials'] = () => ({
  auth: { header: 'X-Api-Key', value: 'key-0123456789' },
  account: 'key-0123456789',
})

describe('createCarrierClient', () => {
  it('builds nothing until asked, then once: an adapter without credentials still constructs and normalizes', () => {
    let calls = 0
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => {
        calls++
        throw new ConfigError('acme: track() needs an apiKey (WAYBILL_ACME_API_KEY)')
      },
    })
    expect(calls).toBe(0)
    expect(() => client.get()).toThrow(/acme: track\(\) needs an apiKey/)
    expect(calls).toBe(1)

    let built = 0
    const ok = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => {
        built++
        return apiKeyCredentials()
      },
    })
    expect(ok.get()).toBe(ok.get())
    expect(built).toBe(1)
  })

  it('refuses a base URL that is not an http(s) URL, or an odd carrier id, when the adapter is created', () => {
    const credentials = apiKeyCredentials
    expect(() => createCarrierClient({ carrier: 'acme', baseUrl: 'not a url', credentials })).toThrow(
      /acme\(\{ baseUrl \}\): "not a url" is not a URL/,
    )
    expect(() => createCarrierClient({ carrier: 'acme', baseUrl: 'ftp://x.example', credentials })).toThrow(
      ConfigError,
    )
    expect(() => createCarrierClient({ carrier: 'Acme Co', baseUrl, credentials })).toThrow(ConfigError)
  })

  it("hands out the caller's client, or the ready `http` option, without reading credentials", () => {
    const credentials = () => {
      throw new Error('credentials must not be read')
    }
    const caller = createHttpClient({ baseUrl })
    const ready = createHttpClient({ baseUrl })
    expect(createCarrierClient({ carrier: 'acme', baseUrl, credentials }).get(caller)).toBe(caller)
    expect(createCarrierClient({ carrier: 'acme', baseUrl, credentials, http: ready }).get()).toBe(ready)
  })

  it('sends the static header and the user agent; the limiter key is the carrier and a digest, never the key', async () => {
    const infos: RequestInfo[] = []
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: apiKeyCredentials,
      userAgent: 'shop/1.0',
      onRequest: (info) => infos.push(info),
    })
    await client.get().request({ url: '/track', query: { n: 'A1' } })
    expect(seen[0]).toMatchObject({ path: '/track?n=A1' })
    expect(seen[0]?.headers['x-api-key']).toBe('key-0123456789')
    expect(seen[0]?.headers['user-agent']).toBe('shop/1.0')
    expect(infos[0]?.rateLimitKey).toMatch(/^acme:[0-9a-f]{12}$/)
    expect(infos[0]?.rateLimitKey).not.toContain('0123456789')
  })

  it('keeps a rate limit key the adapter names (stored quota counts stay where they were)', async () => {
    const infos: RequestInfo[] = []
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => ({ ...apiKeyCredentials(), rateLimitKey: 'acme:client-7' }),
      onRequest: (info) => infos.push(info),
    })
    await client.get().request({ url: '/track' })
    expect(infos[0]?.rateLimitKey).toBe('acme:client-7')
  })

  it('encodes HTTP Basic credentials (an empty password included)', async () => {
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => ({ auth: { basic: { user: 'EZTK42', password: '' } }, account: 'EZTK42' }),
    })
    await client.get().request({ url: '/track' })
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('EZTK42:').toString('base64')}`)
  })

  it('fetches an OAuth2 token through the same base and sends it as a bearer', async () => {
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => ({
        auth: {
          oauth2: {
            tokenUrl: `${baseUrl}/oauth/token`,
            clientId: 'cid',
            clientSecret: 'csecret-123',
            authStyle: 'body',
          },
        },
        account: 'cid',
      }),
    })
    await client.get().request({ url: '/track' })
    expect(seen.map((s) => s.path)).toEqual(['/oauth/token', '/track'])
    expect(seen[0]?.body).toContain('grant_type=client_credentials')
    expect(seen[1]?.headers.authorization).toBe('Bearer tok-9')
  })

  it('enforces the daily quota of the limits it is given (perDay reaches the limiter)', async () => {
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: apiKeyCredentials,
      limits: { requestsPerSecond: 100, burst: 10, perDay: 2 },
    })
    await client.get().request({ url: '/track' })
    await client.get().request({ url: '/track' })
    await expect(client.get().request({ url: '/track' })).rejects.toMatchObject({
      constructor: RateLimitError,
      code: 'ERR_QUOTA',
    })
    expect(seen).toHaveLength(2)
  })
  it('sends its headers with every request, the auth header winning a clash with them', async () => {
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: apiKeyCredentials,
      headers: { accept: 'application/json', 'x-terms': 'yes', 'X-Api-Key': 'not-the-key' },
    })
    await client.get().request({ url: '/track' })
    await client.get().request({ url: '/track' })
    for (const s of seen) {
      expect(s.headers.accept).toBe('application/json')
      expect(s.headers['x-terms']).toBe('yes')
      expect(s.headers['x-api-key']).toBe('key-0123456789')
    }
  })

  it('adds no auth header when the adapter carries its credential in the body (auth none), yet keys the limiter by it', async () => {
    const infos: RequestInfo[] = []
    const client = createCarrierClient({
      carrier: 'acme',
      baseUrl,
      credentials: () => ({ auth: { none: true }, account: 'delis-1' }),
      onRequest: (info) => infos.push(info),
    })
    await client.get().request({ method: 'POST', url: '/soap', body: '<login/>' })
    expect(seen[0]?.headers.authorization).toBeUndefined()
    expect(Object.keys(seen[0]?.headers ?? {}).filter((h) => /auth|key|token/i.test(h))).toEqual([])
    expect(infos[0]?.rateLimitKey).toMatch(/^acme:[0-9a-f]{12}$/)
    expect(infos[0]?.rateLimitKey).not.toContain('delis-1')
  })
})
