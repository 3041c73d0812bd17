/**
 * `createServer(config)`: one long-running process for a configuration, on node:http without a framework. Every
 * endpoint is a small fetch-style route `(Request) => Promise<Response>` (routes.ts picks it); this file owns the
 * lifecycle: build the store, the tracker and the routes, listen, start the sources, and close gracefully (stop
 * accepting, finish the requests, poll and file in progress, stop the timers, close the tracker and the store).
 */
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConfigError } from '../errors/index.js'
import { record } from '../observe/telemetry.js'
import { type AlertRouter, createAlertRouter } from '../operator/index.js'
import { memoryStore, type Store } from '../store/index.js'
import { postgresStore } from '../store/postgres.js'
import { createTracker, type Tracker } from '../tracker/index.js'
import { isPostgresStoreConfig, parseConfig, type ServeConfig } from './config.js'
import { startMetrics } from './metrics.js'
import { toRequest, writeResponse } from './node-http.js'
import { buildRoutes, type Routes } from './routes.js'
import { type ErrorReporter, type RunningSources, type SourcesStatus, startSources } from './sources.js'

/** Options of {@link createServer} that are not configuration: hooks for the process around it. */
export interface CreateServerOptions {
  /**
   * Hears errors of background work and of requests answered 500 (never given secrets).
   * @default a line on stderr per error
   */
  onError?: ErrorReporter
  /** The clock of pages, link expiry and the tracker. @default () => new Date() */
  now?: () => Date
}

/** Options of {@link WaybillServer.listen}. */
export interface ListenOptions {
  /** @default config.server.port ?? 8080 (0: any free port) */
  port?: number
  /** @default config.server.host ?? '127.0.0.1' */
  host?: string
  /** Close gracefully on SIGTERM and SIGINT. @default false (the `waybill serve` command sets it) */
  signals?: boolean
}

/** A served instance. */
export interface WaybillServer {
  /** Binds the port and starts the sources; resolves with the base URL (`http://127.0.0.1:8080`). */
  listen(options?: ListenOptions): Promise<string>
  /** Answers one request without the network (the same routes as over HTTP). */
  fetch(request: Request): Promise<Response>
  /**
   * Stops accepting connections, lets in-flight requests and the poll, file and timer run in progress finish (up
   * to `server.shutdownTimeoutMs`, then cuts what is left), and closes the tracker, the metrics and the store.
   */
  close(): Promise<void>
  /** The base URL once listening. */
  readonly url: string | undefined
  readonly tracker: Tracker
  readonly store: Store
  /** What the sources have done (readiness, tests). */
  sources(): SourcesStatus | undefined
}

const defaultReporter: ErrorReporter = (error, where) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`waybill serve: ${where}: ${message}\n`)
}

/** The store a configuration names (PostgreSQL is opened here). */
async function openStore(config: ServeConfig): Promise<Store> {
  const store = config.store
  if (store === undefined) return memoryStore()
  if (isPostgresStoreConfig(store)) {
    const pg = store.postgres
    return postgresStore({
      connectionString: pg.connectionString,
      ...(pg.table ? { table: pg.table } : {}),
      ...(pg.max ? { max: pg.max } : {}),
    })
  }
  return store
}

/** A route template for metrics (`/t/{carrier}/{number}`), never the values themselves. */
function routeTemplate(pathname: string, routes: Routes): string {
  const parts = pathname.split('/').filter(Boolean)
  const mount = routes.mountFor(pathname)
  if (mount) return mount
  switch (parts[0]) {
    case 'webhooks':
      return '/webhooks/{name}'
    case 't':
      return parts.length === 1 ? '/t' : '/t/{carrier}/{number}'
    case 'api':
      return parts.length >= 4 ? '/api/shipments/{carrier}/{number}' : '/api/shipments'
    default:
      return routes.known(pathname) ? pathname : 'unmatched'
  }
}

/** Settles when every promise has, or after `ms` (whichever is first). */
async function settledWithin(promises: Iterable<Promise<unknown>>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const all = Promise.allSettled([...promises]).then(() => true)
  try {
    return await Promise.race([all, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Checks a configuration, opens its store and builds the tracker and routes. Nothing listens until `listen()`.
 * @throws ConfigError naming the bad key (`webhooks[1].secret: expected string or array of strings, got number`).
 * @example
 * const server = await createServer(config)
 * console.log(await server.listen({ port: 8080, signals: true }))
 */
export async function createServer(
  config: ServeConfig,
  options: CreateServerOptions = {},
): Promise<WaybillServer> {
  parseConfig(config)
  const onError = options.onError ?? defaultReporter
  const now = options.now ?? (() => new Date())
  const store = await openStore(config)
  let tracker: Tracker
  try {
    tracker = createTracker({
      adapters: config.adapters,
      store,
      now,
      ...(config.tracker?.defaultZone ? { defaultZone: config.tracker.defaultZone } : {}),
      ...(config.tracker?.locale ? { locale: config.tracker.locale } : {}),
      ...(config.tracker?.alerts ? { alerts: config.tracker.alerts } : {}),
      ...(config.tracker?.anomalies ? { anomalies: config.tracker.anomalies } : {}),
      ...(config.tracker?.recycleAfterDays ? { recycleAfterDays: config.tracker.recycleAfterDays } : {}),
      onError: (error) => onError(error, 'tracker'),
    })
  } catch (error) {
    await store.close?.().catch(() => undefined)
    throw new ConfigError(`config: tracker: ${(error as Error).message}`, { cause: error })
  }

  let router: AlertRouter | undefined
  let detachRouter: (() => void) | undefined
  try {
    if (config.alerts) {
      router = createAlertRouter({
        ...config.alerts,
        store,
        now,
        onWarning: (message, error) => onError(error ?? new Error(message), 'alerts'),
      })
      detachRouter = router.attach(tracker)
    }
  } catch (error) {
    await tracker.close()
    await store.close?.().catch(() => undefined)
    throw new ConfigError(`config: alerts: ${(error as Error).message}`, { cause: error })
  }

  let sources: RunningSources | undefined
  let closing: Promise<void> | undefined
  let http: Server | undefined
  let url: string | undefined
  let metricsClose: (() => Promise<void>) | undefined
  const inflight = new Set<Promise<unknown>>()
  const stopSignals: (() => void)[] = []

  const ready = async (): Promise<{ ok: boolean; checks: Record<string, string> }> => {
    const checks: Record<string, string> = {}
    checks.sources = sources?.status().started ? 'started' : closing ? 'stopping' : 'not started'
    try {
      await settledOrThrow(store.get('serve:readiness'), 2_000)
      checks.store = 'reachable'
    } catch (error) {
      checks.store = `unreachable: ${(error as Error).message}`
    }
    return { ok: checks.sources === 'started' && checks.store === 'reachable' && !closing, checks }
  }

  let routes: Routes
  try {
    routes = buildRoutes({ config, tracker, store, now, ready, ...(router ? { router } : {}) })
  } catch (error) {
    detachRouter?.()
    await router?.close()
    await tracker.close()
    await store.close?.().catch(() => undefined)
    throw error
  }

  const answer = async (request: Request): Promise<Response> => {
    const started = performance.now()
    const { pathname } = new URL(request.url)
    let response: Response
    try {
      response = await routes.handle(request)
    } catch (error) {
      onError(error, `${request.method} ${routeTemplate(pathname, routes)}`)
      response = Response.json({ error: 'internal' }, { status: 500 })
    }
    record(
      'http.server.request.duration',
      (performance.now() - started) / 1000,
      {
        'http.request.method': request.method,
        'http.route': routeTemplate(pathname, routes),
        'http.response.status_code': response.status,
      },
      'Duration of HTTP server requests.',
      's',
    )
    return response
  }

  const server: WaybillServer = {
    tracker,
    store,
    get url() {
      return url
    },
    sources: () => sources?.status(),
    fetch: (request) => {
      const done = answer(request)
      inflight.add(done)
      void done.finally(() => inflight.delete(done))
      return done
    },
    async listen(listen = {}) {
      if (http) throw new ConfigError('createServer: listen() was already called')
      const port = listen.port ?? config.server?.port ?? 8080
      const host = listen.host ?? config.server?.host ?? '127.0.0.1'
      if (config.metrics) {
        const metrics = await startMetrics()
        metricsClose = metrics.close
        routes.setMetrics(metrics.route)
      }
      await routes.mountAll()
      http = createHttpServer((req, res) => {
        const abort = new AbortController()
        res.once('close', () => {
          if (!res.writableFinished) abort.abort()
        })
        const work = (async () => {
          const request = toRequest(req, url ?? `http://${host}`, abort.signal)
          const response = await server.fetch(request)
          await writeResponse(res, response, req.method === 'HEAD')
        })().catch((error) => {
          onError(error, 'response')
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: 'internal' }))
        })
        inflight.add(work)
        void work.finally(() => inflight.delete(work))
      })
      await new Promise<void>((resolve, reject) => {
        http!.once('error', reject)
        http!.listen(port, host, () => {
          http!.off('error', reject)
          resolve()
        })
      })
      const address = http.address() as AddressInfo
      url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      sources = await startSources({
        config,
        tracker,
        store,
        onError,
        ...(isPostgresStoreConfig(config.store)
          ? {
              sharedPoll: {
                connectionString: config.store.postgres.connectionString,
                ...(config.store.postgres.pollTable ? { table: config.store.postgres.pollTable } : {}),
              },
            }
          : {}),
      })
      if (listen.signals) {
        for (const signal of ['SIGTERM', 'SIGINT'] as const) {
          const handler = () => void server.close()
          process.once(signal, handler)
          stopSignals.push(() => process.off(signal, handler))
        }
      }
      return url
    },
    close() {
      closing ??= (async () => {
        for (const off of stopSignals) off()
        const timeoutMs = config.server?.shutdownTimeoutMs ?? 10_000
        const stopped = http
          ? new Promise<void>((resolve) => http!.close(() => resolve()))
          : Promise.resolve()
        http?.closeIdleConnections()
        const finished = await settledWithin([...inflight, sources?.stop() ?? Promise.resolve()], timeoutMs)
        if (!finished) onError(new Error(`work still running after ${timeoutMs} ms was cut`), 'shutdown')
        http?.closeAllConnections()
        await stopped
        detachRouter?.()
        await router?.close()
        await tracker.close()
        await metricsClose?.()
        await store.close?.()
      })()
      return closing
    },
  }
  return server
}

/** Resolves with the promise's value, or rejects when it takes longer than `ms`. */
async function settledOrThrow<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
