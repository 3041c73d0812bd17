/**
 * A loopback fault-injecting carrier server for tests and benchmarks (a real `node:http` server on 127.0.0.1:0).
 *
 * - `POST /oauth/token`: OAuth2 client credentials (Basic or body), tokens expire after `tokenTtlSeconds` and can
 *   be expired on demand; `requiredScope` refuses tokens without it (401 `invalid_scope`).
 * - `GET /track?numbers=a,b` (or `POST /track` `{ numbers }`): `{ results: [{ trackingNumber, status, events }] }`
 *   for numbers with published events, `{ trackingNumber, notFound: true }` otherwise. Auth: a valid bearer token
 *   or the `x-api-key` header, when `auth` is set.
 * - Its own rate limit per credential (`rate`): 429 with `Retry-After` when exceeded (not counted as an arrival
 *   that was served).
 * - Faults queued with `inject()`: a status (429/503... with optional Retry-After), a connection reset, slow
 *   headers, a slow (dribbling) body, or a hang.
 * - `arrivals`: every request's arrival time (ms, `performance.timeOrigin + performance.now()`), path, key and outcome: the
 *   server's own log that tests assert rates from.
 */
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CarrierEvent {
  /** Stable id the server gives the event; test adapters turn it into the canonical id. */
  eventId: string
  code: string
  /** ISO 8601 with offset. */
  at: string
  text?: string
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  | { kind: 'reset' }
  | { kind: 'slowHeaders'; delayMs: number }
  | { kind: 'slowBody'; chunkDelayMs: number; chunks?: number }
  | { kind: 'hang' }
  | { kind: 'hugeBody'; bytes: number }

export interface Arrival {
  at: number
  method: string
  path: string
  key: string
  outcome: 'ok' | 'rate_limited' | 'fault' | 'unauthorized' | 'token'
  status: number
  numbers?: string[]
}

export interface CarrierServerOptions {
  /** 'oauth': bearer tokens from /oauth/token; 'apiKey': `x-api-key`; undefined: none. */
  auth?: 'oauth' | 'apiKey'
  clients?: Record<string, string>
  apiKeys?: string[]
  tokenTtlSeconds?: number
  requiredScope?: string
  /** Server-side limit per credential; exceeding it answers 429 with Retry-After. */
  rate?: { perSecond: number; burst?: number; retryAfterSeconds?: number }
  /** Largest batch accepted (400 above it). @default 100 */
  maxBatch?: number
  /** Artificial processing latency of /track. @default 0 */
  latencyMs?: number
}

export interface CarrierServer {
  url: string
  arrivals: Arrival[]
  /** Adds an event to a tracking number (creating the shipment). */
  publish(trackingNumber: string, event: CarrierEvent): void
  /** Every event published so far, per number. */
  published: Map<string, CarrierEvent[]>
  /** The next `times` requests whose path starts with `path` (default any) get `fault`. */
  inject(fault: Fault, times?: number, path?: string): void
  /** Makes every issued token invalid (as if it expired early). */
  expireTokens(): void
  tokensIssued(): number
  close(): Promise<void>
}

export async function startCarrierServer(options: CarrierServerOptions = {}): Promise<CarrierServer> {
  const arrivals: Arrival[] = []
  const published = new Map<string, CarrierEvent[]>()
  const faults: { fault: Fault; left: number; path: string }[] = []
  const tokens = new Map<string, { client: string; expiresAt: number; scope: string }>()
  const buckets = new Map<string, { tokens: number; at: number }>()
  let issued = 0
  const now = () => performance.timeOrigin + performance.now()
  const sockets = new Set<import('node:net').Socket>()

  const allow = (key: string): boolean => {
    if (!options.rate) return true
    const { perSecond, burst = 1 } = options.rate
    const t = now()
    const b = buckets.get(key) ?? { tokens: burst, at: t }
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) * perSecond) / 1000)
    b.at = t
    buckets.set(key, b)
    // Loopback delivery jitter: accept a request that is at most 2% early.
    if (b.tokens >= 0.98) {
      b.tokens -= 1
      return true
    }
    return false
  }

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    })
    res.end(text)
  }

  const server = http.createServer(async (req, res) => {
    const at = now()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const log = (a: Omit<Arrival, 'at' | 'method' | 'path'>) =>
      arrivals.push({ at, method: req.method ?? 'GET', path: url.pathname, ...a })

    const faultIndex = faults.findIndex((f) => f.left > 0 && url.pathname.startsWith(f.path))
    if (faultIndex >= 0) {
      const entry = faults[faultIndex]!
      entry.left--
      if (entry.left === 0) faults.splice(faultIndex, 1)
      const fault = entry.fault
      log({ key: 'fault', outcome: 'fault', status: fault.kind === 'status' ? fault.status : 0 })
      switch (fault.kind) {
        case 'status':
          return send(
            res,
            fault.status,
            fault.body ?? { error: `injected ${fault.status}` },
            fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
          )
        case 'reset':
          return req.socket.destroy()
        case 'hang':
          return
        case 'slowHeaders':
          await new Promise((r) => setTimeout(r, fault.delayMs))
          return send(res, 200, { results: [] })
        case 'slowBody': {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.write('{"results":[')
          for (let i = 0; i < (fault.chunks ?? 3); i++) {
            await new Promise((r) => setTimeout(r, fault.chunkDelayMs))
            if (res.destroyed) return
            res.write(' ')
          }
          return res.end(']}')
        }
        case 'hugeBody':
          res.writeHead(200, { 'content-type': 'application/json' })
          return res.end(`{"pad":"${'x'.repeat(fault.bytes)}"}`)
      }
    }

    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(raw)
      let client = form.get('client_id') ?? ''
      let secret = form.get('client_secret') ?? ''
      const basic = req.headers.authorization?.match(/^Basic (.+)$/)
      if (basic) {
        const [id, pw] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')
        client = decodeURIComponent(id ?? '')
        secret = decodeURIComponent(pw ?? '')
      }
      if (form.get('grant_type') !== 'client_credentials') {
        log({ key: client, outcome: 'token', status: 400 })
        return send(res, 400, { error: 'unsupported_grant_type' })
      }
      if (!options.clients || options.clients[client] !== secret) {
        log({ key: client, outcome: 'token', status: 401 })
        return send(res, 401, {
          error: 'invalid_client',
          error_description: `Client authentication failed for secret ${secret}`,
        })
      }
      const scope = form.get('scope') ?? ''
      if (options.requiredScope && !scope.split(' ').includes(options.requiredScope)) {
        log({ key: client, outcome: 'token', status: 400 })
        return send(res, 400, {
          error: 'invalid_scope',
          error_description: `scope ${options.requiredScope} is required`,
        })
      }
      const token = `tok-${++issued}-${Math.random().toString(36).slice(2)}`
      const ttl = options.tokenTtlSeconds ?? 3600
      tokens.set(token, { client, expiresAt: now() + ttl * 1000, scope })
      log({ key: client, outcome: 'token', status: 200 })
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl })
    }

    if (url.pathname === '/track') {
      let key = 'anonymous'
      if (options.auth === 'oauth') {
        const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1]
        const t = bearer ? tokens.get(bearer) : undefined
        if (!t || t.expiresAt <= now()) {
          log({ key: 'unauthorized', outcome: 'unauthorized', status: 401 })
          return send(res, 401, { error: 'invalid_token', error_description: 'Access token expired' })
        }
        key = t.client
      } else if (options.auth === 'apiKey') {
        const k = req.headers['x-api-key']
        if (typeof k !== 'string' || !(options.apiKeys ?? []).includes(k)) {
          log({ key: 'unauthorized', outcome: 'unauthorized', status: 401 })
          return send(res, 401, { status: 401, title: 'Unauthorized' })
        }
        key = k
      }
      const numbers =
        req.method === 'POST'
          ? ((JSON.parse(raw || '{}') as { numbers?: string[] }).numbers ?? [])
          : (url.searchParams.get('numbers') ?? '').split(',').filter(Boolean)
      if (!allow(key)) {
        log({ key, outcome: 'rate_limited', status: 429, numbers })
        return send(
          res,
          429,
          { status: 429, title: 'Too Many Requests' },
          { 'retry-after': String(options.rate?.retryAfterSeconds ?? 1) },
        )
      }
      if (numbers.length === 0 || numbers.length > (options.maxBatch ?? 100)) {
        log({ key, outcome: 'ok', status: 400, numbers })
        return send(res, 400, { error: 'bad_batch' })
      }
      log({ key, outcome: 'ok', status: 200, numbers })
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
      const results = numbers.map((n) => {
        const events = published.get(n)
        return events ? { trackingNumber: n, events } : { trackingNumber: n, notFound: true }
      })
      return send(res, 200, { results })
    }
    log({ key: 'none', outcome: 'ok', status: 404 })
    send(res, 404, { error: 'not_found' })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    published,
    publish(n, event) {
      const list = published.get(n) ?? []
      list.push(event)
      published.set(n, list)
    },
    inject(fault, times = 1, path = '/') {
      faults.push({ fault, left: times, path })
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = 0
    },
    tokensIssued: () => issued,
    async close() {
      for (const s of sockets) s.destroy()
      server.close()
      await once(server, 'close').catch(() => {})
    },
  }
}

/**
 * The largest number of arrivals in any window of `windowMs` (windows start at each arrival), optionally
 * filtered. The server-side measure of "rate never above R".
 */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let j = 0
  for (let i = 0; i < sorted.length; i++) {
    while (j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs) j++
    best = Math.max(best, j - i)
  }
  return best
}

/**
 * How far a series of request times goes beyond a token bucket of `rate`/s and `burst`: the largest
 * `count - (burst + rate * (span + jitterMs) / 1000)` over every run of consecutive requests. ≤ 0 means the
 * series obeys the bucket; `jitterMs` allows for delivery delay between the client and the server log.
 */
export function bucketExcess(
  times: readonly number[],
  opts: { rate: number; burst: number; jitterMs?: number },
): number {
  const sorted = [...times].sort((a, b) => a - b)
  const jitter = opts.jitterMs ?? 0
  let worst = Number.NEGATIVE_INFINITY
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i; j < sorted.length; j++) {
      const span = (sorted[j] as number) - (sorted[i] as number)
      worst = Math.max(worst, j - i + 1 - (opts.burst + (opts.rate * (span + jitter)) / 1000))
    }
  }
  return worst
}
