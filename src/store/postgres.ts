/**
 * A `Store` on a PostgreSQL server through `pg` (node-postgres), for any number of processes and machines.
 * `pg` is an optional peer dependency, loaded only when this store is created.
 *
 * What it guarantees: every method is atomic on the server; `update(keys, fn)` runs in one transaction holding a
 * transaction-level advisory lock per key, so concurrent updates of one key, from any instance, run one after the
 * other and never lose a write. Expiry (`ttlMs`) is measured on the server's clock.
 */
import type { ConnectionOptions } from 'node:tls'
import { ConfigError, StoreError } from '../errors/index.js'
import type { Store } from './index.js'
import { openPgPool } from './pg-pool.js'
import { migrate, SQL_IDENTIFIER, type SqlDatabase, type SqlQuery, sqlStore } from './sql.js'

/** The part of a `pg.Pool` this store uses. */
export interface PgPoolLike extends SqlQuery {
  connect(): Promise<SqlQuery & { release(error?: Error | boolean): void }>
  end(): Promise<void>
  on?(event: 'error', listener: (error: Error) => void): unknown
}

export interface PostgresStoreOptions {
  /**
   * The server, as a connection string. Ignored when `pool` is given.
   * @default process.env.DATABASE_URL
   * @example 'postgres://waybill@db.internal:5432/shipping'
   */
  connectionString?: string
  /** An existing `pg.Pool` (or compatible). The store then does not end it on `close()`. */
  pool?: PgPoolLike
  /** Table name (a plain SQL identifier); schema-qualify with `search_path` on the role if needed. @default 'waybill_kv' */
  table?: string
  /**
   * Connections in the pool this store creates. Each in-flight `update` holds one for its transaction.
   * @default 10
   */
  max?: number
  /** Each statement is cancelled by the server after this long. @default 10_000 */
  statementTimeoutMs?: number
  /** How long to wait for a connection (new or from the pool) before failing. @default 10_000 */
  connectionTimeoutMs?: number
  /**
   * TLS to the server: `true` verifies the server's certificate against the system CAs; an object is passed to
   * `tls.connect` (e.g. `{ ca }`). Leave unset to follow the connection string's `sslmode`.
   * @default undefined
   */
  ssl?: boolean | ConnectionOptions
  /** Keys read per page when listing. @default 500 */
  pageSize?: number
}

const RETRYABLE_CODES = new Set(['40001', '40P01', '57P01', '57P03', '08000', '08003', '08006', '53300'])

/** The connection string without its password, to name in errors. */
function describeTarget(connectionString: string | undefined): string {
  if (!connectionString) return 'the server named by the PG* environment variables'
  try {
    const url = new URL(connectionString)
    return `${url.hostname}:${url.port || 5432}${url.pathname}`
  } catch {
    return 'the server in connectionString (not a URL)'
  }
}

function createPool(
  options: PostgresStoreOptions,
  connectionString: string | undefined,
): Promise<PgPoolLike> {
  return openPgPool('postgresStore', {
    connectionString,
    max: options.max ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    ssl: options.ssl,
  })
}

/**
 * Connects to a PostgreSQL server, brings the store's table up to date (under an advisory lock, so instances
 * starting together never race on `CREATE TABLE`) and returns the store.
 * @example
 * const store = await postgresStore({ connectionString: process.env.DATABASE_URL })
 * const tracker = createTracker({ adapters, store })
 */
export async function postgresStore(options: PostgresStoreOptions = {}): Promise<Store> {
  const table = options.table ?? 'waybill_kv'
  if (!SQL_IDENTIFIER.test(table))
    throw new ConfigError(
      `postgresStore: table '${table}' is not a plain SQL identifier (a-z, 0-9, _; at most 51)`,
    )
  for (const name of ['max', 'statementTimeoutMs', 'connectionTimeoutMs', 'pageSize'] as const) {
    const value = options[name]
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new ConfigError(`postgresStore: ${name} must be a positive whole number (got ${value})`)
  }
  const connectionString = options.pool ? undefined : (options.connectionString ?? process.env.DATABASE_URL)
  const target = options.pool ? 'the given pool' : describeTarget(connectionString)
  const pool = options.pool ?? (await createPool(options, connectionString))
  const owned = !options.pool

  const describeError = (error: unknown, doing: string) => {
    const code = (error as { code?: string })?.code
    const message = (error as Error)?.message ?? String(error)
    const unreachable =
      code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /timeout/i.test(message)
    return new StoreError(
      unreachable
        ? `store cannot reach PostgreSQL at ${target} while ${doing} (${code ?? message}): check connectionString (or pool), that the server runs, and connectionTimeoutMs`
        : `store (PostgreSQL table ${table} at ${target}) failed ${doing}: ${message}${code ? ` [${code}]` : ''}`,
      { cause: error, retryable: unreachable || (code !== undefined && RETRYABLE_CODES.has(code)) },
    )
  }

  const db: SqlDatabase = {
    query: (sql, params) => pool.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError // the connection is unusable: the pool must not hand it out again
        })
        throw error
      } finally {
        client.release(broken ?? false)
      }
    },
  }
  try {
    await migrate(db, table)
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined)
    throw error instanceof StoreError ? error : describeError(error, 'creating its table')
  }
  return sqlStore(db, {
    table,
    pageSize: options.pageSize ?? 500,
    describeError,
    close: async () => {
      if (owned) await pool.end()
    },
  })
}
