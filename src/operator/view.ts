/**
 * `createOperatorView`: the operator's pages as one fetch-style handler (`Request` in, `Response` out), behind the
 * operator credential. Every list has a JSON variant (`Accept: application/json`).
 */
import { ConfigError, ValidationError } from '../errors/index.js'
import { carrierDisplayName } from '../identifiers/branding.js'
import { summarize } from '../tracker/kpis.js'
import type { Tracker } from '../tracker/tracker.js'
import type { AlertRules } from '../tracker/types.js'
import type { AlertRouter } from './alert-router.js'
import { alertsBody, openAlerts, readAck, sameOrigin } from './alerts-page.js'
import { credentialGates, type OperatorCredential } from './credential.js'
import { OPERATOR_CSP, page, SECTIONS } from './html.js'
import { type OperatorLists, operatorLists } from './lists.js'
import {
  exceptionsBody,
  freshnessBody,
  kpisBody,
  lateBody,
  listCounts,
  overviewBody,
  type PageContext,
  returnsBody,
  shipmentBody,
  stalledBody,
} from './pages.js'

export interface OperatorViewOptions {
  /** The tracker whose stored shipments the view lists (it reads `records()` and `get()`). */
  tracker: Pick<Tracker, 'records' | 'get'>
  /**
   * Who may open the view: a bearer token or a Basic user and password (at least 16 characters), or several of
   * them (all are checked on every request; the first one's challenge is sent with a 401).
   * @example { bearer: process.env.OPS_TOKEN! }
   * @example [{ basic: { username: 'operator', password: secret } }, { bearer: secret }]
   */
  credential: OperatorCredential | readonly OperatorCredential[]
  /**
   * Where the view is mounted: links and routes start with it. `''` or a path starting with `/`, without a
   * trailing `/`.
   * @default ''
   * @example '/ops'
   */
  basePath?: string
  /**
   * The tracker's alert rules, so that "late" and "stalled" here mean what the tracker alerts on (its
   * `stalledAfterHours` in particular).
   * @default the tracker's defaults
   */
  alerts?: AlertRules
  /**
   * The most shipments a list shows on a page or in its JSON (the longest waiting first); the rest are counted.
   * @default 200
   */
  maxRows?: number
  /**
   * The alert router: adds the alert queue (`/alerts`) and the acknowledge action (`POST /alerts/ack`, a form or
   * JSON `{ "key": "<dedupeKey>", "by": "<name>" }`; `by` defaults to the Basic user name, or `operator`).
   * @default none (no alert pages)
   */
  router?: AlertRouter
  /**
   * The lists are computed in one pass over every stored record, at most once per this many milliseconds (requests
   * in between share the result; the KPIs, timelines and alert queue are always read fresh). 0: every request.
   * @default 10_000
   */
  listsMaxAgeMs?: number
  /** @default () => new Date() */
  now?: () => Date
}

/** A fetch-style handler: mount it on any server that speaks `Request`/`Response`. */
export interface OperatorView {
  fetch(request: Request): Promise<Response>
}

const SECURITY_HEADERS = {
  'content-security-policy': OPERATOR_CSP,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const

function html(body: string, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', ...extra },
  })
}

function json(value: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
  })
}

function text(message: string, status: number, extra: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra },
  })
}

/** True when the client asks for JSON rather than HTML (`Accept: application/json`). */
export function wantsJson(request: Request): boolean {
  const accept = (request.headers.get('accept') ?? '').toLowerCase()
  const jsonAt = accept.indexOf('application/json')
  if (jsonAt < 0) return false
  const htmlAt = accept.indexOf('text/html')
  return htmlAt < 0 || jsonAt < htmlAt
}

export function checkBasePath(basePath: string | undefined, where: string): string {
  const value = basePath ?? ''
  if (typeof value !== 'string' || (value !== '' && (!value.startsWith('/') || value.endsWith('/'))))
    throw new ConfigError(
      `${where}: basePath must be '' or start with '/' and not end with '/' (got '${value}')`,
    )
  if (/[?#\s]/.test(value)) throw new ConfigError(`${where}: basePath must be a plain path (got '${value}')`)
  return value
}

function checkOptions(options: OperatorViewOptions): void {
  const where = 'createOperatorView'
  if (!options || typeof options !== 'object') throw new ConfigError(`${where}: options are required`)
  const { tracker } = options
  if (!tracker || typeof tracker.records !== 'function' || typeof tracker.get !== 'function')
    throw new ConfigError(`${where}: tracker must be a tracker (with records() and get())`)
  if (options.maxRows !== undefined && (!Number.isInteger(options.maxRows) || options.maxRows < 1))
    throw new ConfigError(`${where}: maxRows must be a positive integer (got ${options.maxRows})`)
  if (options.now !== undefined && typeof options.now !== 'function')
    throw new ConfigError(`${where}: now must be a function returning a Date`)
  const age = options.listsMaxAgeMs
  if (age !== undefined && (typeof age !== 'number' || !Number.isFinite(age) || age < 0))
    throw new ConfigError(`${where}: listsMaxAgeMs must be a number >= 0 (got ${String(age)})`)
  const { router } = options
  if (router !== undefined && (typeof router.open !== 'function' || typeof router.ack !== 'function'))
    throw new ConfigError(`${where}: router must be an alert router (createAlertRouter)`)
}

const ALERTS_SECTION = { path: '/alerts', title: 'Alerts' } as const

/** The route under the base path, or undefined when the request is not for this view. */
export function routeOf(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname
  if (pathname === basePath) return '/'
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined
}

/**
 * The operator view: exception queue, late and stalled shipments by carrier, returns pending, data freshness,
 * KPIs with their definitions, and each shipment's timeline with its raw records.
 * @throws ConfigError when an option cannot work (a short or missing credential, a bad base path).
 * @example
 * const view = createOperatorView({ tracker, credential: { bearer: process.env.OPS_TOKEN! }, basePath: '/ops' })
 * // on any fetch-style server: if (url.pathname.startsWith('/ops')) return view.fetch(request)
 */
export function createOperatorView(options: OperatorViewOptions): OperatorView {
  checkOptions(options)
  const where = 'createOperatorView'
  const gate = credentialGates(options.credential, where)
  const basePath = checkBasePath(options.basePath, where)
  const maxRows = options.maxRows ?? 200
  const now = options.now ?? (() => new Date())
  const { tracker } = options

  const listsMaxAgeMs = options.listsMaxAgeMs ?? 10_000
  /** The last computed lists and when (monotonic ms); a failed computation is not kept. */
  let cached: { at: number; lists: Promise<OperatorLists> } | undefined
  const lists = (at: Date): Promise<OperatorLists> => {
    const clock = performance.now()
    if (cached && clock - cached.at < listsMaxAgeMs) return cached.lists
    const computing = operatorLists(tracker.records(), {
      now: at,
      ...(options.alerts ? { alerts: options.alerts } : {}),
    })
    const entry = { at: clock, lists: computing }
    cached = entry
    computing.catch(() => {
      if (cached === entry) cached = undefined
    })
    return computing
  }

  const { router } = options
  const extraSections = router ? [ALERTS_SECTION] : []
  const titleOf = (path: string) => SECTIONS.find((s) => s.path === path)?.title ?? path
  const frame = (f: Omit<Parameters<typeof page>[0], 'basePath' | 'extraSections'>) =>
    page({ ...f, basePath, extraSections })

  async function listPage(route: string, request: Request, ctx: PageContext): Promise<Response> {
    const data = await lists(ctx.now)
    const asJson = wantsJson(request)
    const respond = (body: string) => html(frame({ title: titleOf(route), section: route, body }))
    const limited = <T>(rows: readonly T[]) => ({ total: rows.length, rows: rows.slice(0, maxRows) })
    const byCarrier = (groups: OperatorLists['late']) =>
      Object.fromEntries(Object.entries(groups).map(([carrier, rows]) => [carrier, limited(rows)]))
    switch (route) {
      case '/': {
        const alerts = router ? (await openAlerts(router, 0)).total : undefined
        const counts = { ...listCounts(data), ...(alerts === undefined ? {} : { alerts }) }
        return asJson
          ? json({ counts, freshness: data.freshness.carriers })
          : respond(overviewBody(data, ctx, alerts))
      }
      case '/exceptions':
        return asJson ? json(limited(data.exceptions)) : respond(exceptionsBody(data, ctx))
      case '/late':
        return asJson ? json({ byCarrier: byCarrier(data.late) }) : respond(lateBody(data, ctx))
      case '/stalled':
        return asJson ? json({ byCarrier: byCarrier(data.stalled) }) : respond(stalledBody(data, ctx))
      case '/returns':
        return asJson ? json(limited(data.returns)) : respond(returnsBody(data, ctx))
      default:
        return asJson ? json(data.freshness) : respond(freshnessBody(data, ctx))
    }
  }

  async function kpiPage(request: Request, at: Date): Promise<Response> {
    const records = []
    for await (const record of tracker.records()) records.push(record)
    const summary = summarize(records, { now: at })
    if (wantsJson(request)) return json(summary)
    return html(frame({ title: titleOf('/kpis'), section: '/kpis', body: kpisBody(summary) }))
  }

  async function shipmentPage(route: string, request: Request): Promise<Response> {
    const parts = route.slice('/shipments/'.length).split('/')
    if (parts.length !== 2 || !parts[0] || !parts[1]) return text('not found', 404)
    let carrier: string
    let number: string
    try {
      carrier = decodeURIComponent(parts[0])
      number = decodeURIComponent(parts[1])
    } catch {
      return text('bad request: the carrier or number is not valid percent-encoding', 400)
    }
    const shipments = await tracker.get(carrier, number)
    if (wantsJson(request)) return json({ shipments }, shipments.length ? 200 : 404)
    const title = `${carrierDisplayName(carrier)} ${number}`
    if (!shipments.length)
      return html(
        frame({ title, body: '<p class="op-note">The tracker stores no shipment under this number.</p>' }),
        404,
      )
    return html(frame({ title, body: shipmentBody(shipments) }))
  }

  /** The acknowledge action: same origin only; a form is answered with a redirect to the queue, JSON with JSON. */
  async function acknowledge(router: AlertRouter, request: Request): Promise<Response> {
    const asJson = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')
    const fail = (status: number, message: string) =>
      asJson ? json({ error: message }, status) : text(message, status)
    if (!sameOrigin(request)) return fail(403, 'cross-site requests cannot acknowledge alerts')
    let ack: { key: string; by?: string }
    try {
      ack = await readAck(request)
    } catch (error) {
      if (error instanceof ValidationError) return fail(400, error.message)
      throw error
    }
    try {
      const { alert, already } = await router.ack(ack.key, ack.by ?? gate.who)
      if (!asJson)
        return new Response(null, {
          status: 303,
          headers: { ...SECURITY_HEADERS, location: `${basePath}/alerts` },
        })
      return json({ key: alert.key, already, ackedAt: alert.ackedAt, ackedBy: alert.ackedBy })
    } catch (error) {
      if (error instanceof ValidationError)
        return fail(404, `no routed alert has the key ${JSON.stringify(ack.key)}`)
      throw error
    }
  }

  return {
    async fetch(request) {
      const url = new URL(request.url)
      const route = routeOf(url.pathname, basePath)
      if (route === undefined) return text('not found', 404)
      if (!gate.allows(request.headers.get('authorization')))
        return text('authentication required', 401, { 'www-authenticate': gate.challenge })
      if (router && route === '/alerts/ack') {
        if (request.method !== 'POST') return text('method not allowed', 405, { allow: 'POST' })
        return acknowledge(router, request)
      }
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return text('method not allowed', 405, { allow: 'GET, HEAD' })
      if (router && route === '/alerts') {
        const list = await openAlerts(router, maxRows)
        if (wantsJson(request)) return json(list)
        return html(frame({ title: 'Alerts', section: '/alerts', body: alertsBody(list, basePath) }))
      }
      const ctx: PageContext = { basePath, now: now(), maxRows }
      if (route === '/kpis') return kpiPage(request, ctx.now)
      if (route.startsWith('/shipments/')) return shipmentPage(route, request)
      if (SECTIONS.some((s) => s.path === route)) return listPage(route, request, ctx)
      return text('not found', 404)
    },
  }
}
