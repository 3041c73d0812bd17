/**
 * The `Store` on SQL, shared by `pgliteStore` and `postgresStore`: one table of keys and `jsonb` values, versioned
 * migrations run under an advisory lock, and `update` as one transaction that takes a transaction-level advisory
 * lock per key (in one sorted order, so two updates never deadlock) before it reads.
 */
import { StoreError } from '../errors/index.js'
import { runTransaction, type Store, type StoreValue, type StoreWrite, type WriteOptions } from './index.js'

/** What the SQL store needs of a connection: parameterised queries returning rows. */
export interface SqlQuery {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
}

/** A database: plain queries, and a transaction that runs queries on one connection and commits or rolls back. */
export interface SqlDatabase extends SqlQuery {
  transaction<R>(fn: (tx: SqlQuery) => Promise<R>): Promise<R>
}

export interface SqlStoreOptions {
  table: string
  pageSize: number
  /** Turns a driver error into the message the user sees (names the setting to check). */
  describeError: (error: unknown, doing: string) => StoreError
  close?: () => Promise<void>
}

/** The schema versions, in order; the store refuses a table whose version is newer than the last one here. */
const MIGRATIONS: readonly ((table: string) => string)[] = [
  (t) =>
    `CREATE TABLE IF NOT EXISTS ${t} (key text COLLATE "C" PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  (t) =>
    `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS expires_at timestamptz; CREATE INDEX IF NOT EXISTS ${t}_expires ON ${t} (expires_at) WHERE expires_at IS NOT NULL`,
]
export const SCHEMA_VERSION = MIGRATIONS.length

/** A plain SQL identifier (the table name is put into statements, so nothing else is accepted). */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,50}$/

/** Runs the migrations the table lacks, under an advisory lock so that instances starting together never race. */
export async function migrate(db: SqlDatabase, table: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`waybill:migrate:${table}`])
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table}_schema (version integer NOT NULL)`)
    const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${table}_schema`)
    const current = rows[0]?.version ?? 0
    if (current > SCHEMA_VERSION)
      throw new StoreError(
        `table ${table} has schema version ${current}, newer than this waybill knows (${SCHEMA_VERSION}): upgrade waybill, or point this instance at another table`,
      )
    for (let version = current; version < SCHEMA_VERSION; version++)
      for (const statement of MIGRATIONS[version]!(table).split('; ')) await tx.query(statement)
    if (rows.length === 0)
      await tx.query(`INSERT INTO ${table}_schema (version) VALUES ($1)`, [SCHEMA_VERSION])
    else if (current !== SCHEMA_VERSION)
      await tx.query(`UPDATE ${table}_schema SET version = $1`, [SCHEMA_VERSION])
  })
}

const LIVE = '(expires_at IS NULL OR expires_at > now())'
const EXPIRES = `CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() + $3::float8 * interval '1 millisecond' END`
/** Expired rows are deleted in small batches every this many expiring writes. */
const PURGE_EVERY = 256

function ttlOf(options: WriteOptions | undefined): number | null {
  const ttl = options?.ttlMs
  if (ttl === undefined) return null
  if (!Number.isFinite(ttl) || ttl < 0)
    throw new RangeError(`ttlMs must be a finite number >= 0 (got ${ttl})`)
  return ttl
}

/**
 * The least string above every string that starts with `prefix`, in code point order (which is the byte order of
 * UTF-8 text under `COLLATE "C"`): the last code point incremented; null when there is none (an empty prefix).
 */
export function prefixEnd(prefix: string): string | null {
  const points = [...prefix]
  while (points.length) {
    const last = points.pop()!.codePointAt(0)!
    let next = last + 1
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000 // surrogates are not characters
    if (next <= 0x10ffff) return points.join('') + String.fromCodePoint(next)
  }
  return null
}

/** A `Store` over `db`, whose table `migrate` has brought up to date. */
export function sqlStore(db: SqlDatabase, options: SqlStoreOptions): Store {
  const { table, pageSize, describeError } = options
  let expiringWrites = 0
  const guard = async <R>(doing: string, work: () => Promise<R>): Promise<R> => {
    try {
      return await work()
    } catch (error) {
      if (error instanceof StoreError || error instanceof RangeError) throw error
      throw describeError(error, doing)
    }
  }
  const purgeSometimes = async (options: WriteOptions | undefined) => {
    if (options?.ttlMs === undefined || ++expiringWrites % PURGE_EVERY) return
    await db.query(
      `DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} WHERE expires_at <= now() LIMIT 1000)`,
    )
  }
  const upsert = `INSERT INTO ${table} (key, value, expires_at) VALUES ($1, $2::jsonb, ${EXPIRES})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = now()`

  return {
    get<T extends StoreValue = StoreValue>(key: string) {
      return guard(`reading ${key}`, async () => {
        const { rows } = await db.query<{ value: T }>(
          `SELECT value FROM ${table} WHERE key = $1 AND ${LIVE}`,
          [key],
        )
        return rows[0]?.value
      })
    },
    set(key, value, opts) {
      const ttl = ttlOf(opts)
      return guard(`writing ${key}`, async () => {
        await db.query(upsert, [key, JSON.stringify(value), ttl])
        await purgeSometimes(opts)
      })
    },
    delete(key) {
      return guard(`deleting ${key}`, async () => {
        await db.query(`DELETE FROM ${table} WHERE key = $1`, [key])
      })
    },
    async *keys(prefix) {
      // A key range the primary key's index can serve (starts_with alone would scan the table), then the exact test.
      const end = prefixEnd(prefix)
      let after = ''
      for (;;) {
        const { rows } = await guard(`listing ${prefix}`, () =>
          db.query<{ key: string }>(
            `SELECT key FROM ${table} WHERE key >= $1 AND ($3::text IS NULL OR key < $3) AND key > $2 AND starts_with(key, $1) AND ${LIVE} ORDER BY key LIMIT ${pageSize}`,
            [prefix, after, end],
          ),
        )
        for (const row of rows) yield row.key
        if (rows.length < pageSize) return
        after = rows[rows.length - 1]!.key
      }
    },
    setIfAbsent(key, value, opts) {
      const ttl = ttlOf(opts)
      return guard(`claiming ${key}`, async () => {
        const { rows } = await db.query<{ key: string }>(
          `INSERT INTO ${table} AS t (key, value, expires_at) VALUES ($1, $2::jsonb, ${EXPIRES})
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = now()
           WHERE t.expires_at IS NOT NULL AND t.expires_at <= now() RETURNING key`,
          [key, JSON.stringify(value), ttl],
        )
        await purgeSometimes(opts)
        return rows.length === 1
      })
    },
    update(keys, fn) {
      return guard(`updating ${keys.join(', ')}`, () =>
        db.transaction(async (tx) => {
          await tx.query(
            `SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS locks`,
            [keys.map((k) => `${table}:${k}`)],
          )
          const { rows } = await tx.query<{ key: string; value: StoreValue }>(
            `SELECT key, value FROM ${table} WHERE key = ANY($1::text[]) AND ${LIVE}`,
            [keys],
          )
          const values = new Map<string, StoreValue | undefined>(keys.map((k) => [k, undefined]))
          for (const row of rows) values.set(row.key, row.value)
          const { result, writes } = await runTransaction(keys, values, fn)
          const sets = [...writes].filter((w): w is [string, NonNullable<StoreWrite>] => w[1] !== undefined)
          const deletes = [...writes].filter(([, w]) => w === undefined).map(([key]) => key)
          if (sets.length)
            await tx.query(
              `INSERT INTO ${table} (key, value, expires_at)
               SELECT k, v::jsonb, CASE WHEN ttl IS NULL THEN NULL ELSE now() + ttl * interval '1 millisecond' END
               FROM unnest($1::text[], $2::text[], $3::float8[]) AS w(k, v, ttl)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = now()`,
              [
                sets.map(([k]) => k),
                sets.map(([, w]) => JSON.stringify(w.value)),
                sets.map(([, w]) => ttlOf(w.options)),
              ],
            )
          if (deletes.length) await tx.query(`DELETE FROM ${table} WHERE key = ANY($1::text[])`, [deletes])
          return result
        }),
      )
    },
    async close() {
      await options.close?.()
    },
  }
}
