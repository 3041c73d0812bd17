import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuthError } from '../../src/errors/index.js'
import { createHttpClient, manualClock, oauth2ClientCredentials } from '../../src/http/index.js'
import { type CarrierServer, startCarrierServer } from '../helpers/carrier-server.js'

let server: CarrierServer
const SECRET = 's3cr3t-value-xyz'

beforeEach(async () => {
  server = await startCarrierServer({
    auth: 'oauth',
    clients: { 'client-a': SECRET },
    requiredScope: 'tracking',
  })
  server.publish('A1', { eventId: 'e1', code: 'PU', at: '2024-03-26T10:58:00-05:00' })
})
afterEach(() => server.close())

const provider = (over: Partial<Parameters<typeof oauth2ClientCredentials>[0]> = {}) =>
  oauth2ClientCredentials({
    tokenUrl: `${server.url}/oauth/token`,
    clientId: 'client-a',
    clientSecret: SECRET,
    scope: 'tracking',
    authStyle: 'body',
    ...over,
  })

describe('oauth2ClientCredentials against a loopback token endpoint', () => {
  it('concurrent callers share one token request', async () => {
    const auth = provider()
    const tokens = await Promise.all(Array.from({ length: 20 }, () => auth.getToken()))
    expect(new Set(tokens).size).toBe(1)
    expect(server.tokensIssued()).toBe(1)
    await auth.getToken()
    expect(server.tokensIssued()).toBe(1)
  })

  it('works with Basic client authentication too', async () => {
    const token = await provider({ authStyle: 'basic' }).getToken()
    expect(token).toMatch(/^tok-/)
  })

  it('an expired token gives one 401, one refresh and one retry through createHttpClient', async () => {
    const auth = provider()
    const http = createHttpClient({ baseUrl: server.url, auth })
    await http.request({ url: '/track', query: { numbers: 'A1' } })
    server.expireTokens()
    const res = await http.request<{ results: unknown[] }>({ url: '/track', query: { numbers: 'A1' } })
    expect(res.body.results).toHaveLength(1)
    expect(server.tokensIssued()).toBe(2)
    const track = server.arrivals.filter((a) => a.path === '/track').map((a) => a.status)
    expect(track).toEqual([200, 401, 200])
    await http.close()
  })

  it('a second 401 after the refresh is an AuthError (no loop)', async () => {
    const auth = { getToken: async () => 'never-valid-token', invalidate: () => {} }
    const http = createHttpClient({ baseUrl: server.url, auth })
    const err = await http.request({ url: '/track', query: { numbers: 'A1' } }).catch((e) => e)
    expect(err).toBeInstanceOf(AuthError)
    expect(server.arrivals.filter((a) => a.path === '/track')).toHaveLength(2)
    expect(err.context.carrierCode).toBe('invalid_token')
    expect(JSON.stringify(err)).not.toContain('never-valid-token')
    await http.close()
  })

  it('a wrong secret is an AuthError with the server error code and never the secret', async () => {
    for (const authStyle of ['body', 'basic'] as const) {
      const err = await provider({ clientSecret: 'wrong-secret-123', authStyle })
        .getToken()
        .catch((e) => e)
      expect(err).toBeInstanceOf(AuthError)
      expect(err.code).toBe('ERR_AUTH')
      expect(err.context.carrierCode).toBe('invalid_client')
      const everything = `${err.message} ${JSON.stringify(err)} ${err.stack}`
      expect(everything).not.toContain('wrong-secret-123')
      expect(everything).toContain('[redacted]')
    }
  })

  it('a missing scope is an AuthError naming invalid_scope', async () => {
    const err = await provider({ scope: undefined })
      .getToken()
      .catch((e) => e)
    expect(err).toBeInstanceOf(AuthError)
    expect(err.message).toContain('invalid_scope')
  })

  it('refreshes before expiry with the margin (manual clock)', async () => {
    const clock = manualClock(1_000_000)
    const short = await startCarrierServer({ auth: 'oauth', clients: { c: SECRET }, tokenTtlSeconds: 600 })
    const auth = oauth2ClientCredentials({
      tokenUrl: `${short.url}/oauth/token`,
      clientId: 'c',
      clientSecret: SECRET,
      marginSeconds: 60,
      clock,
    })
    const first = await auth.getToken()
    await clock.advance(539_000)
    expect(await auth.getToken()).toBe(first)
    await clock.advance(2_000)
    const second = await auth.getToken()
    expect(second).not.toBe(first)
    expect(short.tokensIssued()).toBe(2)
    await short.close()
  })

  it('invalidate(token) only drops the token it names', async () => {
    const auth = provider()
    const first = await auth.getToken()
    auth.invalidate('some-other-token')
    expect(await auth.getToken()).toBe(first)
    auth.invalidate(first)
    expect(await auth.getToken()).not.toBe(first)
  })
})
