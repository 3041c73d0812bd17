/**
 * Loopback carrier APIs for the demo: UPS, FedEx, USPS and DHL on 127.0.0.1, each with its token endpoint (or
 * API-key check), its tracking route, realistic payloads (the shipped fixtures) and one fault each side of the
 * happy path: UPS answers the first tracking call with 401 (an expired token), DHL the first with 429 + Retry-After.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { packageRoot } from '../package-root.js'

export interface AccessLogEntry {
  carrier: string
  method: string
  path: string
  status: number
  at: number
}

export interface CarrierApi {
  carrier: string
  baseUrl: string
  /** Tracking number → payload served for it. */
  numbers: string[]
  close(): Promise<void>
}

/** A payload from the shipped fixtures, with the tracking number it is about. */
export function fixture(carrier: string, name: string): unknown {
  return JSON.parse(readFileSync(join(packageRoot(), 'fixtures', carrier, `${name}.json`), 'utf8'))
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload))
}

interface Route {
  /** Returns the tracking number a request asks for, or undefined when the route does not match. */
  match(method: string, url: URL, text: string): string | undefined
}

interface ApiSpec {
  carrier: string
  tokenPath?: string
  apiKeyHeader?: string
  route: Route
  payloads: Map<string, unknown>
  /** Answer the first tracking call with this fault. */
  firstCall?: 'expired-token' | 'throttled'
}

async function startApi(spec: ApiSpec, log: AccessLogEntry[]): Promise<CarrierApi> {
  let tokens = 0
  let calls = 0
  const valid = new Set<string>()
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const text = await body(req)
    const method = req.method ?? 'GET'
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      log.push({ carrier: spec.carrier, method, path: url.pathname, status, at: Date.now() })
      send(res, status, payload, headers)
    }
    if (spec.tokenPath && url.pathname === spec.tokenPath && method === 'POST') {
      const token = `demo-${spec.carrier}-token-${++tokens}`
      valid.add(token)
      return answer(200, { access_token: token, token_type: 'Bearer', expires_in: 3599, scope: 'tracking' })
    }
    const number = spec.route.match(method, url, text)
    if (number === undefined) return answer(404, { error: 'no such route' })
    if (spec.tokenPath) {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      if (!valid.has(token)) return answer(401, { error: 'invalid_token' })
    }
    if (spec.apiKeyHeader && !req.headers[spec.apiKeyHeader.toLowerCase()])
      return answer(401, { title: 'Unauthorized' })
    calls++
    if (calls === 1 && spec.firstCall === 'expired-token') {
      valid.clear()
      return answer(401, {
        response: { errors: [{ code: '250002', message: 'Invalid Authentication Information.' }] },
      })
    }
    if (calls === 1 && spec.firstCall === 'throttled')
      return answer(429, { title: 'Too many requests', status: 429 }, { 'retry-after': '1' })
    const payload = number.includes(',')
      ? batchPayload(spec.payloads, number.split(','))
      : spec.payloads.get(number)
    if (payload === undefined)
      return answer(404, { title: 'No shipment with given tracking number found.', status: 404 })
    return answer(200, payload)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    carrier: spec.carrier,
    baseUrl: `http://127.0.0.1:${port}`,
    numbers: [...spec.payloads.keys()],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type FedexLike = { output?: { completeTrackResults?: unknown[] } }

/** One FedEx response for a batch: the `completeTrackResults` of each number's payload, in the order asked. */
function batchPayload(payloads: Map<string, unknown>, numbers: string[]): unknown {
  const found = numbers.map((n) => payloads.get(n) as FedexLike | undefined).filter((p) => p !== undefined)
  if (!found.length) return undefined
  const [first] = found as FedexLike[]
  return {
    ...first,
    output: {
      ...first?.output,
      completeTrackResults: found.flatMap((p) => p.output?.completeTrackResults ?? []),
    },
  }
}

/** Which fixtures each loopback carrier serves, keyed by the tracking number they are about. */
export interface DemoPayloads {
  ups: Map<string, unknown>
  fedex: Map<string, unknown>
  usps: Map<string, unknown>
  dhl: Map<string, unknown>
}

/** Starts the four carrier APIs. */
export async function startCarrierApis(
  payloads: DemoPayloads,
  log: AccessLogEntry[],
): Promise<Record<keyof DemoPayloads, CarrierApi>> {
  const lastSegment = (prefix: string) => (method: string, url: URL) =>
    method === 'GET' && url.pathname.startsWith(prefix)
      ? decodeURIComponent(url.pathname.slice(prefix.length))
      : undefined
  const [ups, fedex, usps, dhl] = await Promise.all([
    startApi(
      {
        carrier: 'ups',
        tokenPath: '/security/v1/oauth/token',
        route: { match: lastSegment('/api/track/v1/details/') },
        payloads: payloads.ups,
        firstCall: 'expired-token',
      },
      log,
    ),
    startApi(
      {
        carrier: 'fedex',
        tokenPath: '/oauth/token',
        route: {
          match: (method, url, text) => {
            if (method !== 'POST' || url.pathname !== '/track/v1/trackingnumbers') return undefined
            const parsed = JSON.parse(text || '{}') as {
              trackingInfo?: { trackingNumberInfo?: { trackingNumber?: string } }[]
            }
            // FedEx takes a batch: the key names every number asked for
            return (parsed.trackingInfo ?? [])
              .map((t) => t.trackingNumberInfo?.trackingNumber ?? '')
              .join(',')
          },
        },
        payloads: payloads.fedex,
      },
      log,
    ),
    startApi(
      {
        carrier: 'usps',
        tokenPath: '/oauth2/v3/token',
        route: { match: lastSegment('/tracking/v3/tracking/') },
        payloads: payloads.usps,
      },
      log,
    ),
    startApi(
      {
        carrier: 'dhl',
        apiKeyHeader: 'DHL-API-Key',
        route: {
          match: (method, url) =>
            method === 'GET' && url.pathname === '/track/shipments'
              ? (url.searchParams.get('trackingNumber') ?? '')
              : undefined,
        },
        payloads: payloads.dhl,
        firstCall: 'throttled',
      },
      log,
    ),
  ])
  return { ups, fedex, usps, dhl }
}
