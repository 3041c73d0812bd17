/**
 * No credential in any error surface (issue #23 item 5). A loopback fake carrier echoes everything the library
 * sent it (Authorization header, API key header, the form body, the credentials decoded from the Basic header)
 * in the carrier's own error shape, for the token endpoint and the tracking endpoint of UPS, FedEx, USPS and DHL.
 * Every error's message, stack, cause chain, `toJSON` and `util.inspect` is then searched for every credential
 * in every encoding the library sends it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dhl } from '../../adapters/dhl/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { createHttpClient, oauth2ClientCredentials } from '../../src/http/index.js'

const CLIENT_ID = 'Zq9IdCore/app+1'
const CLIENT_SECRET = 'Zq9SecretCore/Pa ss+w0rd=&~!'
const TOKEN = 'Zq9TokenCore/Ab+cd=ef'
const API_KEY = 'Zq9ApiKeyCore+Key/=='

/** Every form in which the library sends a credential, plus a core substring that survives any encoding. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    secret.slice(0, 12),
  ]
}
const BASIC_FORMS = [
  Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'),
  Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64'),
]
const NEEDLES = [...forms(CLIENT_SECRET), ...forms(TOKEN), ...forms(API_KEY), ...BASIC_FORMS]

/** Every text surface of an error, following the cause chain. */
function surfaces(error: unknown): string[] {
  const out: string[] = [inspect(error, { depth: 20 }), String(error)]
  try {
    out.push(JSON.stringify(error))
  } catch {
    /* not serialisable: inspect covers it */
  }
  let current: unknown = error
  for (let depth = 0; current && depth < 20; depth++) {
    const e = current as { message?: unknown; stack?: unknown; cause?: unknown; toJSON?: () => unknown }
    out.push(String(e.message), String(e.stack))
    if (typeof e.toJSON === 'function') out.push(JSON.stringify(e.toJSON()))
    current = e.cause
  }
  return out
}

function leaks(error: unknown): string[] {
  const found: string[] = []
  for (const text of surfaces(error))
    for (const needle of NEEDLES) if (text.includes(needle)) found.push(needle)
  return [...new Set(found)]
}

// --- the echoing fake carrier -------------------------------------------------------------------------------

type Carrier = 'ups' | 'fedex' | 'usps' | 'dhl' | 'plain'
let tokenStatus = 200
let trackStatus = 401

async function echoOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const parts = [
    `authorization=${req.headers.authorization ?? ''}`,
    `key=${req.headers['dhl-api-key'] ?? ''}`,
    `body=${Buffer.concat(chunks).toString('utf8')}`,
    `url=${req.url}`,
  ]
  const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1]
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8')
    const [id, secret] = decoded.split(':').map((p) => decodeURIComponent(p))
    parts.push(`basic=${decoded}`, `id=${id}`, `secret=${secret}`)
  }
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1]
  if (bearer) parts.push(`you sent token ${bearer} (${encodeURIComponent(bearer)})`)
  const form = new URLSearchParams(parts[2]!.slice(5))
  const secret = form.get('client_secret')
  if (secret) parts.push(`client_secret ${secret}`, `escaped ${encodeURIComponent(secret)}`)
  return parts.join(' | ')
}

function trackBody(carrier: Carrier, status: number, echo: string): unknown {
  switch (carrier) {
    case 'ups':
      return { response: { errors: [{ code: '250002', message: echo }] } }
    case 'fedex':
      return { errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: echo }], transactionId: 'tx-1' }
    case 'usps':
      return { error: { code: String(status), message: echo, errors: [{ title: echo, detail: echo }] } }
    case 'dhl':
      return { status, title: echo, detail: echo }
    default:
      return { error: echo, error_description: echo }
  }
}

let carrier: Carrier = 'ups'
let server: Server
let base: string

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const echo = await echoOf(req)
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-request-id': 'req-1',
      'www-authenticate': `Bearer error="invalid_token" ${echo.replace(/[^\x20-\x7e]/g, '?')}`,
      'retry-after': '0',
    }
    if (path.endsWith('/token')) {
      if (tokenStatus === 200) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 }))
        return
      }
      res.writeHead(tokenStatus, headers)
      res.end(JSON.stringify({ error: `invalid_client ${echo}`, error_description: echo }))
      return
    }
    res.writeHead(trackStatus, headers)
    res.end(JSON.stringify(trackBody(carrier, trackStatus, echo)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  tokenStatus = 200
  trackStatus = 401
})

const limits = { requestsPerSecond: 1000, burst: 1000 }
const adapters: Record<Exclude<Carrier, 'plain'>, () => Adapter> = {
  ups: () => ups({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: base, limits }),
  fedex: () => fedex({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: base, limits }),
  usps: () => usps({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: base, limits }),
  dhl: () => dhl({ apiKey: API_KEY, baseUrl: base, limits }),
}
const NUMBER: Record<Exclude<Carrier, 'plain'>, string> = {
  ups: '1Z5R89390357567127',
  fedex: '123456789012',
  usps: '9400109104250532908587',
  dhl: '00340434292135100186',
}

async function trackError(name: Exclude<Carrier, 'plain'>): Promise<unknown> {
  carrier = name
  const error = await adapters[name]().track!([NUMBER[name]]).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isWaybillError(error), `${name} should fail`).toBe(true)
  return error
}

describe('the fake carrier really echoes the credentials (the test can fail)', () => {
  it('its 401 body carries the bearer token and its token refusal the Basic credential', async () => {
    const res = await fetch(`${base}/track`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(await res.text()).toContain(encodeURIComponent(TOKEN).slice(0, 10))
    tokenStatus = 401
    const basic = BASIC_FORMS[1]!
    const refused = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    })
    const text = await refused.text()
    expect(text).toContain(basic)
    expect(text).toContain(CLIENT_SECRET.slice(0, 12))
  })
})

describe.each(['ups', 'fedex', 'usps', 'dhl'] as const)('%s: no credential in any error surface', (name) => {
  it.each([401, 403, 429, 400, 500])('tracking answered %i with the credentials echoed', async (status) => {
    trackStatus = status
    const error = await trackError(name)
    expect(leaks(error)).toEqual([])
  })

  it.skipIf(name === 'dhl').each([400, 401, 500])(
    'the token endpoint refused with %i and echoed the credentials',
    async (status) => {
      tokenStatus = status
      const error = await trackError(name)
      expect((error as { code: string }).code).toBe('ERR_AUTH')
      expect(leaks(error)).toEqual([])
    },
  )
})

describe('the client itself (throwHttpErrors on)', () => {
  it.each([401, 403, 404, 500])(
    'a %i echoing the bearer token and the client secret leaks nothing',
    async (status) => {
      carrier = 'plain'
      trackStatus = status
      for (const authStyle of ['basic', 'body'] as const) {
        const http = createHttpClient({
          baseUrl: base,
          retry: false,
          auth: oauth2ClientCredentials({
            tokenUrl: `${base}/oauth/token`,
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            authStyle,
          }),
        })
        const error = await http.request({ url: '/track' }).catch((e: unknown) => e)
        expect(isWaybillError(error)).toBe(true)
        expect(leaks(error)).toEqual([])
        tokenStatus = 401
        const refused = await http.request({ url: '/track' }).catch((e: unknown) => e)
        expect(leaks(refused)).toEqual([])
        tokenStatus = 200
        await http.close()
      }
    },
  )
})
