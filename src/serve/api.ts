/**
 * The JSON API for a CRM or help desk, behind an API key (`Authorization: Bearer <key>`):
 * - `GET /api/shipments/<carrier>/<number>`: every stored shipment of the number (several when it was recycled);
 * - `GET /api/shipments?carrier=…&status=…&limit=…`: stored shipments, filtered, at most `limit` (default 50,
 *   at most 500), from `offset` (default 0), with `nextOffset` when there are more;
 * - with alert routing configured: `GET /api/alerts` (open alerts) and `POST /api/alerts/<key>/ack` with an
 *   optional JSON body `{ "by": "name" }` (who acknowledged; default `api`).
 */
import { type Shipment, STATUSES } from '../model/core.js'
import type { AlertRouter } from '../operator/index.js'
import type { Tracker } from '../tracker/index.js'
import { keyChecker, unauthorized } from './auth.js'
import type { RouteHandler } from './config.js'

const JSON_HEADERS = { 'cache-control': 'no-store' }

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: JSON_HEADERS })
}

/** The listing's query, checked: a bad value is a 400 naming the parameter. */
export function listQuery(
  params: URLSearchParams,
): { carrier?: string; status?: string; limit: number; offset: number } | { error: string } {
  const limitText = params.get('limit')
  const limit = limitText === null ? 50 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    return { error: 'limit: expected an integer from 1 to 500' }
  const status = params.get('status') ?? undefined
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status))
    return { error: `status: expected one of ${STATUSES.join(', ')}` }
  const offsetText = params.get('offset')
  const offset = offsetText === null ? 0 : Number(offsetText)
  if (!Number.isInteger(offset) || offset < 0) return { error: 'offset: expected an integer >= 0' }
  const out: { carrier?: string; status?: string; limit: number; offset: number } = { limit, offset }
  const carrier = params.get('carrier')
  if (carrier) out.carrier = carrier
  if (status) out.status = status
  return out
}

/** The API routes: one handler for every path under `/api`. */
export function apiRoutes(options: {
  tracker: Tracker
  keys: readonly string[]
  router?: AlertRouter
}): RouteHandler {
  const allowed = keyChecker(options.keys)
  const { tracker, router } = options
  return async (request) => {
    if (!allowed(request)) return unauthorized('waybill api')
    const url = new URL(request.url)
    const parts = url.pathname.split('/').filter(Boolean)
    if (parts[1] === 'alerts')
      return router ? alertRoutes(router, request, parts) : json({ error: 'not_found' }, 404)
    if (request.method !== 'GET') return json({ error: 'method_not_allowed' }, 405)
    if (parts[1] !== 'shipments') return json({ error: 'not_found' }, 404)
    if (parts.length === 4) {
      let carrier: string
      let number: string
      try {
        carrier = decodeURIComponent(parts[2]!)
        number = decodeURIComponent(parts[3]!)
      } catch {
        return json({ error: 'bad_path' }, 400)
      }
      const shipments = await tracker.get(carrier, number)
      if (shipments.length === 0) return json({ error: 'not_found', carrier, trackingNumber: number }, 404)
      return json({ shipments })
    }
    if (parts.length !== 2) return json({ error: 'not_found' }, 404)
    const query = listQuery(url.searchParams)
    if ('error' in query) return json({ error: 'bad_query', message: query.error }, 400)
    const page: Shipment[] = []
    let matched = 0
    let more = false
    for await (const shipment of tracker.shipments()) {
      if (query.carrier && shipment.carrier !== query.carrier) continue
      if (query.status && shipment.status !== query.status) continue
      if (matched++ < query.offset) continue
      if (page.length === query.limit) {
        more = true
        break
      }
      page.push(shipment)
    }
    return json({ shipments: page, ...(more ? { nextOffset: query.offset + page.length } : {}) })
  }
}

/** Largest acknowledgement body read; `by` is a name, not a document. */
const MAX_ACK_BODY = 4_096

/** `GET /api/alerts` and `POST /api/alerts/<key>/ack`. */
async function alertRoutes(router: AlertRouter, request: Request, parts: string[]): Promise<Response> {
  if (parts.length === 2) {
    if (request.method !== 'GET') return json({ error: 'method_not_allowed' }, 405)
    const alerts = []
    for await (const alert of router.open()) alerts.push(alert)
    return json({ alerts })
  }
  if (parts.length !== 4 || parts[3] !== 'ack') return json({ error: 'not_found' }, 404)
  if (request.method !== 'POST') return json({ error: 'method_not_allowed' }, 405)
  let key: string
  try {
    key = decodeURIComponent(parts[2]!)
  } catch {
    return json({ error: 'bad_path' }, 400)
  }
  const body = await request.text()
  if (body.length > MAX_ACK_BODY) return json({ error: 'body_too_large' }, 413)
  let by = 'api'
  if (body.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return json({ error: 'bad_body', message: 'expected JSON like {"by":"name"}' }, 400)
    }
    const given = (parsed as { by?: unknown } | null)?.by
    if (given !== undefined && (typeof given !== 'string' || given.trim() === '' || given.length > 200))
      return json({ error: 'bad_body', message: 'by: expected a name of 1 to 200 characters' }, 400)
    if (typeof given === 'string') by = given.trim()
  }
  if (!(await router.get(key))) return json({ error: 'not_found', key }, 404)
  const { alert, already } = await router.ack(key, by)
  return json({ alert, already })
}
