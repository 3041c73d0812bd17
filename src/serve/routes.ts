/**
 * The server's routes, each a fetch-style handler, and the one function that picks the route for a path:
 * `/webhooks/<name>`, `/t…` (pages), `/api…` (JSON API), `/healthz`, `/readyz`, the metrics path, and the mounted
 * handlers by longest prefix (behind the operator credential or the API keys unless mounted with `auth: 'none'`).
 */
import { ConfigError, isWaybillError } from '../errors/index.js'
import { type AlertRouter, createOperatorView } from '../operator/index.js'
import type { Store } from '../store/index.js'
import type { Tracker } from '../tracker/index.js'
import { createWebhookHandler, type WebhookHandler } from '../webhooks/index.js'
import { apiRoutes } from './api.js'
import { keyChecker, unauthorized } from './auth.js'
import type { FetchHandler, MountAuth, MountEntry, RouteHandler, ServeConfig } from './config.js'
import { pageNotFound, pageRoutes } from './pages.js'

export interface RoutesOptions {
  config: ServeConfig
  tracker: Tracker
  /** The alert router of `config.alerts`: its queue and acknowledgements in the operator view and the API. */
  router?: AlertRouter
  store: Store
  now: () => Date
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>
}

export interface Routes {
  handle(request: Request): Promise<Response>
  /** Builds the mounted handlers (their `create` runs once). */
  mountAll(): Promise<void>
  /** Serves metrics at the configured path. */
  setMetrics(route: RouteHandler): void
  /** The mount prefix a path falls under, if any. */
  mountFor(pathname: string): string | undefined
  /** Whether a path is one of the fixed routes. */
  known(pathname: string): boolean
}

const notFound = () => Response.json({ error: 'not_found' }, { status: 404 })

/** The webhook handlers by endpoint name; each configured source is checked here, its index in the message. */
function webhookHandlers(options: RoutesOptions): Map<string, WebhookHandler> {
  const { config, tracker, store } = options
  const handlers = new Map<string, WebhookHandler>()
  config.webhooks?.forEach((hook, i) => {
    const adapter =
      typeof hook.adapter === 'string' ? config.adapters.find((a) => a.id === hook.adapter)! : hook.adapter
    try {
      handlers.set(
        hook.name,
        createWebhookHandler({
          sources: { [hook.name]: hook.scheme ? { adapter, scheme: hook.scheme } : adapter },
          secrets: [...(typeof hook.secret === 'string' ? [hook.secret] : hook.secret)],
          sink: tracker,
          store,
          now: options.now,
          ...(config.tracker?.defaultZone ? { defaultZone: config.tracker.defaultZone } : {}),
          ...(hook.maxBodyBytes ? { maxBodyBytes: hook.maxBodyBytes } : {}),
        }),
      )
    } catch (error) {
      if (!isWaybillError(error)) throw error
      throw new ConfigError(`config: webhooks[${i}]: ${error.message}`, {
        cause: error,
        details: { path: `webhooks[${i}]` },
      })
    }
  })
  return handlers
}

/** A request with the mount prefix taken off its path. */
function unprefixed(request: Request, prefix: string): Request {
  const url = new URL(request.url)
  url.pathname = url.pathname.slice(prefix.length) || '/'
  return withPath(request, url)
}

/** A mounted request with its prefix put back (`/queue` under `/ops` → `/ops/queue`). */
function prefixed(request: Request, prefix: string): Request {
  const url = new URL(request.url)
  url.pathname = url.pathname === '/' ? prefix : `${prefix}${url.pathname}`
  return withPath(request, url)
}

function withPath(request: Request, url: URL): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  }
  if (request.body) {
    init.body = request.body
    init.duplex = 'half'
  }
  return new Request(url, init)
}

function asRoute(handler: FetchHandler | RouteHandler): RouteHandler {
  return typeof handler === 'function' ? handler : (request) => handler.fetch(request)
}

/**
 * The mounts the server serves: the operator view at `operator.view.path` (default `/ops`) when an operator
 * credential is configured, then the configured mounts (a configured mount at the same prefix wins). The view
 * checks the credential itself, as a Basic password (user `operator`, what a browser sends) or a bearer token.
 */
export function effectiveMounts(config: ServeConfig, router?: AlertRouter): Record<string, MountEntry> {
  const operator = config.operator
  if (!operator || operator.view === false) return { ...(config.mount ?? {}) }
  const path = operator.view?.path ?? '/ops'
  const view: MountEntry = {
    auth: 'none',
    create: ({ tracker, basePath }) => {
      const view = createOperatorView({
        tracker,
        credential: [
          { basic: { username: 'operator', password: operator.credential } },
          { bearer: operator.credential },
        ],
        basePath,
        ...(config.tracker?.alerts ? { alerts: config.tracker.alerts } : {}),
        ...(router ? { router } : {}),
      })
      // Mounts receive paths without their prefix; the view routes (and writes links) with its base path.
      return (request: Request) => view.fetch(prefixed(request, basePath))
    },
  }
  return { [path]: view, ...(config.mount ?? {}) }
}

function authOf(entry: MountEntry): MountAuth {
  return 'fetch' in entry ? 'operator' : (entry.auth ?? 'operator')
}

export function buildRoutes(options: RoutesOptions): Routes {
  const { config, tracker } = options
  const webhooks = webhookHandlers(options)
  const pages = config.pages
    ? pageRoutes({ tracker, pages: config.pages, locale: config.tracker?.locale ?? 'en', now: options.now })
    : undefined
  const api = config.api
    ? apiRoutes({ tracker, keys: config.api.keys, ...(options.router ? { router: options.router } : {}) })
    : undefined
  const operatorAllowed = config.operator ? keyChecker([config.operator.credential]) : undefined
  const apiAllowed = config.api ? keyChecker(config.api.keys) : undefined
  const metricsPath = typeof config.metrics === 'object' ? (config.metrics.path ?? '/metrics') : '/metrics'
  let metrics: RouteHandler | undefined
  const mounts = effectiveMounts(config, options.router)
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length)
  const mounted = new Map<string, RouteHandler>()

  const mountFor = (pathname: string) =>
    prefixes.find((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))

  const guarded = (prefix: string, request: Request, route: RouteHandler): Promise<Response> => {
    const auth = authOf(mounts[prefix]!)
    if (auth === 'operator' && !operatorAllowed!(request))
      return Promise.resolve(unauthorized('waybill operator', 'Basic'))
    if (auth === 'api' && !apiAllowed!(request)) return Promise.resolve(unauthorized('waybill api'))
    return route(unprefixed(request, prefix))
  }

  const health = async (request: Request) => {
    const { pathname } = new URL(request.url)
    if (pathname === '/healthz')
      return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
    const { ok, checks } = await options.ready()
    return Response.json(
      { status: ok ? 'ready' : 'not_ready', checks },
      { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    )
  }

  const known = (pathname: string) =>
    pathname === '/healthz' || pathname === '/readyz' || (metrics !== undefined && pathname === metricsPath)

  return {
    known,
    mountFor,
    setMetrics(route) {
      metrics = route
    },
    async mountAll() {
      for (const prefix of prefixes) {
        const entry = mounts[prefix]!
        if ('fetch' in entry) mounted.set(prefix, asRoute(entry))
        else if ('handler' in entry) mounted.set(prefix, asRoute(entry.handler))
        else
          mounted.set(
            prefix,
            asRoute(await entry.create({ tracker, store: options.store, basePath: prefix })),
          )
      }
    },
    async handle(request) {
      const { pathname } = new URL(request.url)
      const prefix = mountFor(pathname)
      if (prefix) {
        const route = mounted.get(prefix)
        return route ? guarded(prefix, request, route) : notFound()
      }
      if (pathname === '/healthz' || pathname === '/readyz') return health(request)
      if (metrics && pathname === metricsPath) return metrics(request)
      const first = pathname.split('/')[1]
      if (first === 'webhooks') {
        const name = pathname.split('/')[2]
        const handler = name === undefined ? undefined : webhooks.get(name)
        return handler ? handler.fetch(request) : notFound()
      }
      if (first === 't') return pages ? pages(request) : pageNotFound()
      if (first === 'api') return api ? api(request) : notFound()
      return notFound()
    },
  }
}
