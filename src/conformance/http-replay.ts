/**
 * Replays a recorded exchange (`<case>.http.json`) on a real loopback HTTP server, in order, and reports every
 * request that did not match what was recorded.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ValidationError } from '../errors/index.js'

export interface RecordedRequest {
  method: string
  /** Pathname, optionally with a query string whose parameters must all be present. */
  path: string
  /** Header values that must match exactly (`*` = must be present). Names are case-insensitive. */
  headers?: Record<string, string>
  /** A substring the request body must contain. */
  bodyIncludes?: string
}

export interface RecordedResponse {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

export interface RecordedExchange {
  request: RecordedRequest
  response: RecordedResponse
}

export interface HttpFixture {
  /** The tracking numbers passed to `track()`, one call per entry (an entry may be a batch). */
  track: (string | string[])[]
  exchanges: RecordedExchange[]
}

export function parseHttpFixture(value: unknown, file: string): HttpFixture {
  const v = value as Partial<HttpFixture> | undefined
  if (!v || !Array.isArray(v.track) || !Array.isArray(v.exchanges))
    throw new ValidationError(file, 'a .http.json fixture needs "track" and "exchanges" arrays')
  v.exchanges.forEach((e, i) => {
    if (!e?.request?.method || !e.request.path || typeof e.response?.status !== 'number')
      throw new ValidationError(
        `${file}: exchanges[${i}]`,
        'needs request.method, request.path and response.status',
      )
  })
  return v as HttpFixture
}

export interface ReplayServer {
  baseUrl: string
  /** Mismatches seen so far (unexpected or out-of-order requests, missing headers...). */
  problems: string[]
  /** How many recorded exchanges were served. */
  served(): number
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function check(expected: RecordedRequest, req: IncomingMessage, body: string): string | undefined {
  const url = new URL(req.url ?? '/', 'http://loopback')
  const want = new URL(expected.path, 'http://loopback')
  if (req.method !== expected.method.toUpperCase() || url.pathname !== want.pathname)
    return `expected ${expected.method} ${want.pathname}, got ${req.method} ${url.pathname}`
  for (const [key, value] of want.searchParams)
    if (url.searchParams.get(key) !== value)
      return `query ${key}: expected '${value}', got '${url.searchParams.get(key)}'`
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = req.headers[name.toLowerCase()]
    if (got === undefined) return `missing header ${name}`
    if (value !== '*' && String(got) !== value)
      return `header ${name}: expected '${value}', got '${String(got)}'`
  }
  if (expected.bodyIncludes && !body.includes(expected.bodyIncludes))
    return `request body does not include '${expected.bodyIncludes}'`
  return undefined
}

/** Starts a server on 127.0.0.1, port 0, that answers the exchanges in order. */
export async function startReplayServer(exchanges: readonly RecordedExchange[]): Promise<ReplayServer> {
  let next = 0
  const problems: string[] = []
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    const exchange = exchanges[next]
    const problem = exchange
      ? check(exchange.request, req, body)
      : `unexpected request ${req.method} ${req.url}`
    if (problem || !exchange) {
      problems.push(`request ${next + 1}: ${problem}`)
      res.writeHead(501, { 'content-type': 'text/plain' }).end(`replay mismatch: ${problem}`)
      return
    }
    next++
    const { status, headers = {}, body: payload } = exchange.response
    const isText = typeof payload === 'string'
    const text = payload === undefined ? '' : isText ? payload : JSON.stringify(payload)
    const contentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
      ? {}
      : { 'content-type': isText ? 'text/plain' : 'application/json' }
    res.writeHead(status, { ...contentType, ...headers }).end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    problems,
    served: () => next,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
