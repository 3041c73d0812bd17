/**
 * A durable `Store` on PGlite (PostgreSQL compiled to WebAssembly), for one machine.
 *
 * Why PGlite: no native build (installs the same on every platform and Node version), real PostgreSQL
 * durability, and the same SQL runs on a PostgreSQL server when one machine is no longer enough.
 * `@electric-sql/pglite` is an optional peer dependency, loaded only when this store is created.
 */
import { ConfigError, StoreError } from '../errors/index.js'
import type { Store, StoreValue } from './index.js'

/** The part of a PGlite (or node-postgres-like) client this store uses. */
export interface SqlClient {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number }>
  exec?(sql: string): Promise<unknown>
  close?(): Promise<void>
}

export interface PgliteStoreOptions {
  /** Folder of the database files; created when missing. Omit for an in-memory database (tests). */
  dataDir?: string
  /** Table name. @default 'waybill_kv' */
  table?: string
  /** An already open client (PGlite, or any client with the same `query`). The store then does not close it. */
  client?: SqlClient
  /** Keys read per page when listing. @default 500 */
  pageSize?: number
}

async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  let mod: { PGlite: { create(dataDir?: string): Promise<SqlClient> } }
  try {
    mod = (await import('@electric-sql/pglite')) as unknown as typeof mod
  } catch (cause) {
    throw new ConfigError(
      'pgliteStore needs the optional peer dependency @electric-sql/pglite: npm i @electric-sql/pglite',
      { cause },
    )
  }
  return mod.PGlite.create(dataDir)
}

/**
 * Opens (and creates when needed) a durable key-value store in PostgreSQL.
 * @example
 * const store = await pgliteStore({ dataDir: './var/waybill' })
 * const tracker = createTracker({ adapters, store })
 */
export async function pgliteStore(options: PgliteStoreOptions = {}): Promise<Store> {
  const table = options.table ?? 'waybill_kv'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table))
    throw new ConfigError(`table name '${table}' is not a plain SQL identifier`)
  const pageSize = options.pageSize ?? 500
  const owned = !options.client
  const db = options.client ?? (await openPglite(options.dataDir))
  const run = async <R>(sql: string, params: unknown[] = []) => {
    try {
      return await db.query<R>(sql, params)
    } catch (cause) {
      throw new StoreError(`store query failed on table ${table}: ${(cause as Error).message}`, {
        cause,
        retryable: true,
      })
    }
  }
  await run(
    `CREATE TABLE IF NOT EXISTS ${table} (key text COLLATE "C" PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  )
  return {
    async get<T extends StoreValue = StoreValue>(key: string) {
      const { rows } = await run<{ value: T }>(`SELECT value FROM ${table} WHERE key = $1`, [key])
      return rows[0]?.value
    },
    async set(key, value) {
      await run(
        `INSERT INTO ${table} (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        [key, JSON.stringify(value)],
      )
    },
    async delete(key) {
      await run(`DELETE FROM ${table} WHERE key = $1`, [key])
    },
    async *keys(prefix) {
      let after = ''
      for (;;) {
        const { rows } = await run<{ key: string }>(
          `SELECT key FROM ${table} WHERE starts_with(key, $1) AND key > $2 ORDER BY key LIMIT ${pageSize}`,
          [prefix, after],
        )
        for (const row of rows) yield row.key
        if (rows.length < pageSize) return
        after = rows[rows.length - 1]!.key
      }
    },
    async setIfAbsent(key, value) {
      const { rows } = await run<{ key: string }>(
        `INSERT INTO ${table} (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, JSON.stringify(value)],
      )
      return rows.length === 1
    },
    async close() {
      if (owned) await db.close?.()
    },
  }
}
