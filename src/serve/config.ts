/**
 * The configuration of `waybill serve` (`waybill.config.{js,mjs,ts}`): its types, `defineConfig` for editors, and
 * the zod schema that checks it once at start, so that a bad key fails with a `ConfigError` naming its path
 * (`webhooks[1].secret: expected string or array, got number`) before any port is opened.
 */
import { z } from 'zod'
import type { Adapter } from '../adapter/index.js'
import { formatPath } from '../adapter/kit.js'
import { ConfigError } from '../errors/index.js'
import type { AlertRouterOptions } from '../operator/index.js'
import type { CarrierPollLimits, PollIntervals } from '../polling/index.js'
import type { SftpSourceOptions } from '../sftp/index.js'
import type { Store } from '../store/index.js'
import type { AlertRules, AnomalyOptions, Tracker } from '../tracker/index.js'
import type { Brand } from '../ui/index.js'
import type { SchemeInput } from '../webhooks/index.js'

/** A fetch-style route: what every endpoint of the server is. */
export type RouteHandler = (request: Request) => Promise<Response>

/** Anything with a fetch-style `fetch` (a webhook handler, an operator view, a Hono app). */
export interface FetchHandler {
  fetch(request: Request): Promise<Response>
}

/** What a mounted handler's `create` receives: the server's own parts. */
export interface MountContext {
  tracker: Tracker
  store: Store
  /** The prefix it is mounted at (`/ops`), for the links it writes. */
  basePath: string
}

/**
 * A handler mounted at a path prefix. Requests reach it with the prefix removed from the URL's path
 * (`/ops/queue` arrives as `/queue`), behind the operator credential unless `auth` says otherwise.
 * @example mount: { '/ops': { create: ({ tracker }) => createOperatorView({ tracker }) } }
 */
export type MountEntry =
  | FetchHandler
  | {
      /** The handler itself. */
      handler: FetchHandler | RouteHandler
      /** @default 'operator' */
      auth?: MountAuth
    }
  | {
      /** Builds the handler once the tracker exists (called once, at start). */
      create(context: MountContext): FetchHandler | RouteHandler | Promise<FetchHandler | RouteHandler>
      /** @default 'operator' */
      auth?: MountAuth
    }

/**
 * Who may call a mounted handler: `operator` (the `operator.credential`), `api` (one of `api.keys`) or `none`
 * (the handler checks callers itself).
 */
export type MountAuth = 'operator' | 'api' | 'none'

/** The store: an instance, or PostgreSQL by connection string (then the poll schedule is shared there too). */
export type StoreConfig =
  | Store
  | {
      postgres: {
        /** @example 'postgres://waybill@db.internal:5432/shipping' */
        connectionString: string
        /** Key-value table. @default 'waybill_kv' */
        table?: string
        /** Table of the shared poll schedule. @default 'waybill_poll' */
        pollTable?: string
        /** Connections of the store's pool. @default 10 */
        max?: number
      }
    }

/** A webhook endpoint: `POST /webhooks/<name>`. */
export interface WebhookConfig {
  /** The last path segment (letters, digits, `-`, `_`). @example 'easypost' */
  name: string
  /** The adapter that reads the deliveries: an id of `adapters`, or an adapter instance. */
  adapter: string | Adapter
  /** The signing secret, or several during a rotation. */
  secret: string | readonly string[]
  /** Overrides the adapter's scheme (a scheme id such as `'standard-webhooks'`, or a configured scheme). */
  scheme?: SchemeInput
  /** Largest accepted body in bytes. @default 1_048_576 */
  maxBodyBytes?: number
}

/** Numbers to keep fresh with one carrier. */
export interface PollJob {
  /** The adapter that tracks them: an id of `adapters`, or an adapter instance with `track`. */
  adapter: string | Adapter
  /** Numbers added at start. */
  numbers?: readonly string[]
  /**
   * Numbers to add, asked at start and every `refreshEveryMs` (for example the open shipments of your order
   * database). Numbers already scheduled are left as they are.
   * @example query: async () => (await db.query('select tracking from orders where open')).rows.map((r) => r.tracking)
   */
  query?: () => Iterable<string> | AsyncIterable<string> | Promise<Iterable<string>>
  /** @default 300_000 (5 minutes) */
  refreshEveryMs?: number
  /** Overrides the adapter's own limits. */
  limits?: CarrierPollLimits
}

/** Options of the poller shared by every poll job. */
export interface PollConfig {
  jobs: readonly PollJob[]
  /** Poll intervals per status (see `createPoller`). */
  intervals?: Partial<PollIntervals>
  /** `track()` calls in flight per carrier. @default 4 */
  concurrency?: number
  /**
   * On PostgreSQL, how long an instance's claim on a number lasts: when the instance dies, another polls the
   * number after this. Keep it well above the slowest `track()` call. @default 60_000
   */
  leaseMs?: number
}

/** A drop folder watched over SFTP; its checkpoints and claims live in the server's store. */
export type SftpWatchConfig = Omit<SftpSourceOptions, 'store' | 'sink' | 'onShipments'> & {
  /** A name for logs and readiness. @example 'acme-214' */
  name: string
}

/** Customer tracking pages under `/t`. */
export interface PagesConfig {
  /** Key of the signed links (`signPageLink`); at least 32 characters. */
  secret: string
  /** Refuse signed links that carry no expiry (`signPageLink({ …, expiresAt })`). @default false */
  requireExpiry?: boolean
  /** `GET /t?number=…&postal=…`: a page found by number plus the destination's postal code. @default true */
  lookup?: boolean
  /** Language of the pages. @default the tracker's locale, else 'en' */
  locale?: string
  brand?: Brand
}

/** The whole configuration of `waybill serve`. */
export interface ServeConfig {
  /** @default memoryStore() (lost on exit: use PostgreSQL or a PGlite store in production) */
  store?: StoreConfig
  /** Every adapter the instance reads or tracks with. */
  adapters: readonly Adapter[]
  tracker?: {
    /** IANA zone for times neither the carrier nor the place gives. */
    defaultZone?: string
    /** @default 'en' */
    locale?: string
    alerts?: AlertRules
    anomalies?: AnomalyOptions
    /** @default 60 */
    recycleAfterDays?: number
  }
  webhooks?: readonly WebhookConfig[]
  poll?: PollConfig
  sftp?: readonly SftpWatchConfig[]
  /** Time-based alerts (late, stalled): `tracker.checkTimers()` every `everyMs`; `false`: never. @default { everyMs: 300_000 } */
  timers?: false | { everyMs?: number }
  pages?: PagesConfig
  /** The JSON API under `/api` for a CRM or help desk: callers send `Authorization: Bearer <key>`. */
  api?: { keys: readonly string[] }
  /**
   * The operator credential (at least 16 characters), sent as `Authorization: Bearer <credential>` or as the
   * password of HTTP Basic (a browser asks for it; user name `operator`). With it the operator view
   * (`waybill/operator`) is served at `view.path`, and mounts default to being behind it.
   * @example operator: { credential: process.env.WAYBILL_OPERATOR_CREDENTIAL! }
   */
  operator?: {
    credential: string
    /**
     * Where the operator view is served; `false`: not served (mounts still use the credential).
     * @default { path: '/ops' }
     */
    view?: false | { path?: string }
  }
  /**
   * Alert routing (`createAlertRouter` of `waybill/operator`, sharing the server's store): every alert the tracker
   * raises is routed by its rules to channels, escalated when nobody acknowledges it, and acknowledged from the
   * operator view or `POST /api/alerts/<key>/ack`.
   * @example alerts: { rules: [{ name: 'critical', match: { severity: ['critical'] }, owner: 'ops', channels: ['pager'] }], channels: { pager: { type: 'webhook', url, secret } } }
   */
  alerts?: Omit<AlertRouterOptions, 'store' | 'now' | 'onWarning'>
  /** `GET /metrics` in Prometheus text (needs the optional `@opentelemetry/sdk-metrics` and `exporter-prometheus`). @default false */
  metrics?: boolean | { path?: string }
  /** Extra handlers by path prefix. @example mount: { '/ops': { create: ({ tracker }) => createOperatorView({ tracker }) } } */
  mount?: Record<string, MountEntry>
  server?: {
    /** @default 8080 */
    port?: number
    /** @default '127.0.0.1' */
    host?: string
    /** How long `close()` waits for in-flight requests and work before it cuts connections. @default 10_000 */
    shutdownTimeoutMs?: number
  }
}

/**
 * Types a configuration (it returns what it is given).
 * @example
 * // waybill.config.mjs
 * import { defineConfig } from 'waybill/serve'
 * import { easypost } from 'waybill/adapters/easypost'
 * export default defineConfig({
 *   adapters: [easypost({ apiKey: process.env.EASYPOST_API_KEY })],
 *   webhooks: [{ name: 'easypost', adapter: 'easypost', secret: process.env.EASYPOST_WEBHOOK_SECRET }],
 * })
 */
export function defineConfig(config: ServeConfig): ServeConfig {
  return config
}

const fn = (what = 'a function') =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message: `expected ${what}` })
const ms = z.number().int().nonnegative()
const positiveMs = z.number().int().positive()
const adapterShape = z.looseObject({ id: z.string().min(1), normalize: fn() })
const adapterRef = z.union([z.string().min(1), adapterShape], {
  message: 'expected an adapter id or an adapter',
})
const storeShape = z.looseObject({ get: fn(), set: fn(), update: fn(), setIfAbsent: fn(), keys: fn() })
const postgresShape = z.strictObject({
  postgres: z.strictObject({
    connectionString: z.string().min(1),
    table: z.string().optional(),
    pollTable: z.string().optional(),
    max: z.number().int().positive().optional(),
  }),
})
const handlerShape = z.union([fn(), z.looseObject({ fetch: fn() })], {
  message: 'expected a fetch-style handler',
})
const auth = z.enum(['operator', 'api', 'none']).optional()
const mountShape = z.union(
  [
    z.strictObject({ create: fn(), auth }),
    z.strictObject({ handler: handlerShape, auth }),
    z.looseObject({ fetch: fn() }),
  ],
  { message: 'expected { fetch }, { handler, auth } or { create, auth }' },
)
const secretList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  message: 'expected string or array of strings',
})
const pollLimits = z.looseObject({ maxBatch: z.number().int().positive().optional() })

const serveSchema = z.strictObject({
  store: z
    .union([postgresShape, storeShape], { message: 'expected a Store or { postgres: {...} }' })
    .optional(),
  adapters: z.array(adapterShape).min(1, { message: 'expected at least one adapter' }),
  tracker: z
    .strictObject({
      defaultZone: z.string().optional(),
      locale: z.string().optional(),
      alerts: z.looseObject({}).optional(),
      anomalies: z.looseObject({}).optional(),
      recycleAfterDays: z.number().positive().optional(),
    })
    .optional(),
  webhooks: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'expected letters, digits, - or _' }),
        adapter: adapterRef,
        secret: secretList,
        scheme: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
        maxBodyBytes: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  poll: z
    .strictObject({
      jobs: z.array(
        z.strictObject({
          adapter: adapterRef,
          numbers: z.array(z.string().min(1)).optional(),
          query: fn().optional(),
          refreshEveryMs: positiveMs.optional(),
          limits: pollLimits.optional(),
        }),
      ),
      intervals: z.record(z.string(), positiveMs).optional(),
      concurrency: z.number().int().positive().optional(),
      leaseMs: z.number().int().min(100).optional(),
    })
    .optional(),
  sftp: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        connection: z.looseObject({ host: z.string().min(1), username: z.string().min(1) }),
        remoteDir: z.string().min(1),
        parser: z.union([fn(), z.looseObject({})], { message: 'expected a parser' }),
      }),
    )
    .optional(),
  timers: z.union([z.literal(false), z.strictObject({ everyMs: positiveMs.optional() })]).optional(),
  pages: z
    .strictObject({
      secret: z.string().min(32, { message: 'expected a string of at least 32 characters' }),
      requireExpiry: z.boolean().optional(),
      lookup: z.boolean().optional(),
      locale: z.string().optional(),
      brand: z.looseObject({}).optional(),
    })
    .optional(),
  api: z
    .strictObject({
      keys: z.array(z.string().min(16, { message: 'expected a key of at least 16 characters' })).min(1),
    })
    .optional(),
  operator: z
    .strictObject({
      credential: z.string().min(16, { message: 'expected a string of at least 16 characters' }),
      view: z
        .union([
          z.literal(false),
          z.strictObject({
            path: z
              .string()
              .regex(/^\/[A-Za-z0-9._~/-]*[^/]$/, { message: 'expected a path like /ops' })
              .optional(),
          }),
        ])
        .optional(),
    })
    .optional(),
  alerts: z
    .looseObject({
      rules: z.array(z.looseObject({})),
      channels: z.record(z.string(), z.looseObject({})),
    })
    .optional(),
  metrics: z.union([z.boolean(), z.strictObject({ path: z.string().startsWith('/').optional() })]).optional(),
  mount: z
    .record(
      z.string().regex(/^\/[A-Za-z0-9._~/-]*[^/]$/, { message: 'expected a path like /ops' }),
      mountShape,
    )
    .optional(),
  server: z
    .strictObject({
      port: z.number().int().min(0).max(65535).optional(),
      host: z.string().min(1).optional(),
      shutdownTimeoutMs: ms.optional(),
    })
    .optional(),
})

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** One issue as a user reads it: what was expected, and what was there. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type')
    return issue.input === undefined
      ? `required (expected ${issue.expected})`
      : `expected ${issue.expected}, got ${describeValue(issue.input)}`
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
  return undefined
}

/** The first issue's path: for unknown keys, the key itself. */
function issuePath(issue: z.core.$ZodIssue): readonly PropertyKey[] {
  return issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path
}

/**
 * Checks a configuration and returns it as given (functions and instances are kept as they are).
 * @throws ConfigError naming the first bad key: `webhooks[1].secret: expected string or array of strings`.
 */
export function parseConfig(input: unknown, source = 'config'): ServeConfig {
  const parsed = serveSchema.safeParse(input, { error: issueMessage })
  if (parsed.success) {
    const config = input as ServeConfig
    checkReferences(config, source)
    return config
  }
  const issue = parsed.error.issues[0]!
  const path = formatPath('', issuePath(issue)) || '(root)'
  throw new ConfigError(`${source}: ${path}: ${issue.message}`, { details: { path, source } })
}

/** Checks that the ids a configuration names are among its adapters, and that what a role needs is there. */
function checkReferences(config: ServeConfig, source: string): void {
  const ids = new Set(config.adapters.map((a) => a.id))
  const fail = (path: string, message: string): never => {
    throw new ConfigError(`${source}: ${path}: ${message}`, { details: { path, source } })
  }
  const known = (ref: string | Adapter, path: string) => {
    if (typeof ref === 'string' && !ids.has(ref))
      fail(path, `no adapter with id "${ref}" in adapters (${[...ids].join(', ')})`)
  }
  config.webhooks?.forEach((hook, i) => {
    known(hook.adapter, `webhooks[${i}].adapter`)
    if (config.webhooks!.findIndex((h) => h.name === hook.name) !== i)
      fail(`webhooks[${i}].name`, `"${hook.name}" is used twice`)
  })
  config.poll?.jobs.forEach((job, i) => {
    known(job.adapter, `poll.jobs[${i}].adapter`)
    const adapter =
      typeof job.adapter === 'string' ? config.adapters.find((a) => a.id === job.adapter) : job.adapter
    if (adapter && typeof adapter.track !== 'function')
      fail(`poll.jobs[${i}].adapter`, `adapter "${adapter.id}" cannot track (it has no track())`)
    if (!job.numbers && !job.query) fail(`poll.jobs[${i}]`, 'give numbers, a query or both')
  })
  config.sftp?.forEach((watch, i) => {
    if (config.sftp!.findIndex((w) => w.name === watch.name) !== i)
      fail(`sftp[${i}].name`, `"${watch.name}" is used twice`)
  })
  for (const [prefix, entry] of Object.entries(config.mount ?? {})) {
    const wanted = 'fetch' in entry ? 'operator' : (entry.auth ?? 'operator')
    if (wanted === 'operator' && !config.operator)
      fail(`mount.${prefix}`, 'mounted behind the operator credential, but operator.credential is not set')
    if (wanted === 'api' && !config.api)
      fail(`mount.${prefix}`, 'mounted behind the API keys, but api.keys is not set')
    if (isReserved(prefix)) fail(`mount.${prefix}`, "this prefix is one of the server's own routes")
  }
  const viewPath = config.operator?.view ? config.operator.view.path : undefined
  if (viewPath && isReserved(viewPath))
    fail('operator.view.path', "this prefix is one of the server's own routes")
}

/** Prefixes the server's own routes use. */
const RESERVED = ['/webhooks', '/t', '/api', '/healthz', '/readyz', '/metrics']

function isReserved(prefix: string): boolean {
  return RESERVED.some((own) => prefix === own || prefix.startsWith(`${own}/`))
}

/** Config shapes for the store option. */
export function isPostgresStoreConfig(
  store: StoreConfig | undefined,
): store is Extract<StoreConfig, { postgres: unknown }> {
  return typeof store === 'object' && store !== null && 'postgres' in store
}
