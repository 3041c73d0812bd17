/**
 * `postgresLimiterBackend`: the shared limiter state in PostgreSQL through `pg` (an optional peer, loaded on
 * first use). One row per carrier key; one SQL function takes a token: it locks the row, refills the bucket,
 * applies the per-second cap, the pause and the daily quota, all on the server's clock (`clock_timestamp()`),
 * with the quota day computed in the carrier's zone by the server's own time zone database.
 */
import { ConfigError } from '../errors/index.js'
import { openPgPool } from '../store/pg-pool.js'
import {
  type LimiterBackend,
  LimiterBackendError,
  type SharedLimits,
  type TakeResult,
  withTimeout,
} from './limiter-shared.js'

/** The part of a `pg.Pool` (or `pg.Client`) the backend uses. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

/** Options of {@link postgresLimiterBackend}. */
export interface PostgresLimiterBackendOptions {
  /**
   * The server, as a connection string. Ignored when `pool` is given.
   * @default process.env.DATABASE_URL
   * @example 'postgres://waybill@db.internal:5432/shipping'
   */
  connectionString?: string
  /** An existing `pg.Pool` (or compatible). It is never ended by `close()`. */
  pool?: PgQueryable
  /**
   * Table of the limiter rows (a plain SQL identifier, optionally schema-qualified as `schema.table`); the
   * functions are named after it (`<table>_take`, `<table>_pause`).
   * @default 'waybill_limiter'
   */
  table?: string
  /**
   * A call that takes longer fails (no grant): it bounds how long a caller waits for an unreachable server.
   * @default 2_000
   */
  timeoutMs?: number
  /** Connections of the pool this backend creates (one per key is busy at most per process). @default 4 */
  max?: number
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}(\.[a-z_][a-z0-9_]{0,40})?$/

/**
 * A limiter backend on PostgreSQL, for `createRateLimiter({ shared })`.
 * @example
 * const shared = postgresLimiterBackend({ connectionString: 'postgres://waybill@db:5432/shipping' })
 * const limiter = createRateLimiter({ requestsPerSecond: 20, perDay: 10_000, dailyResetZone: 'America/New_York', shared })
 */
export function postgresLimiterBackend(options: PostgresLimiterBackendOptions = {}): LimiterBackend {
  const table = options.table ?? 'waybill_limiter'
  if (!IDENTIFIER.test(table)) {
    throw new ConfigError(`postgresLimiterBackend: table "${table}" must be a lower-case SQL identifier`)
  }
  const timeoutMs = options.timeoutMs ?? 2_000
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new ConfigError('postgresLimiterBackend: timeoutMs must be a positive number of milliseconds')
  }
  const connectionString = options.connectionString ?? process.env.DATABASE_URL
  const description = options.pool
    ? 'PostgreSQL (given pool)'
    : `PostgreSQL at ${describeTarget(connectionString)}`
  let owned: { end(): Promise<void> } | undefined
  let ready: Promise<PgQueryable> | undefined

  const open = async (): Promise<PgQueryable> => {
    const pool = options.pool ?? (await createPool(connectionString, options.max ?? 4, timeoutMs))
    if (!options.pool) owned = pool as unknown as { end(): Promise<void> }
    await migrate(pool, table)
    return pool
  }
  const db = (): Promise<PgQueryable> => {
    ready ??= open().catch((error: unknown) => {
      ready = undefined // try again on the next call
      throw error
    })
    return ready
  }
  const call = async (sql: string, values: unknown[]) => {
    try {
      return await withTimeout(
        db().then((pool) => pool.query(sql, values)),
        timeoutMs,
        description,
      )
    } catch (error) {
      if (error instanceof ConfigError || error instanceof LimiterBackendError) throw error
      throw new LimiterBackendError(`${description} failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
      })
    }
  }

  return {
    description,
    async take(key: string, l: SharedLimits): Promise<TakeResult> {
      const { rows } = await call(
        `SELECT granted, wait_ms, used, reset_in_ms, quota, day::text || '|' || at_ms AS receipt
         FROM ${table}_take($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [key, l.rate, l.burst, l.cap, l.windowMs, l.perDay ?? null, l.resetHour, l.zone, l.waiting],
      )
      const row = rows[0] as {
        granted: boolean
        wait_ms: string
        used: number
        reset_in_ms: string | null
        quota: boolean
        receipt: string
      }
      const usedToday = Number(row.used)
      if (row.granted) return { granted: true, usedToday, receipt: row.receipt }
      if (row.quota) {
        return {
          granted: false,
          quotaSpent: true,
          waitMs: Number(row.wait_ms),
          usedToday,
          resetInMs: Number(row.reset_in_ms),
        }
      }
      return { granted: false, quotaSpent: false, waitMs: Number(row.wait_ms), usedToday }
    },
    async pause(key: string, ms: number) {
      await call(`SELECT ${table}_pause($1, $2)`, [key, Math.round(ms)])
    },
    async refund(key: string, receipt: string) {
      const [day, at] = receipt.split('|')
      await call(`SELECT ${table}_refund($1, $2::date, $3::bigint)`, [key, day, at])
    },
    async close() {
      const pool = owned
      owned = undefined
      ready = undefined
      await pool?.end()
    },
  }
}

function createPool(
  connectionString: string | undefined,
  max: number,
  timeoutMs: number,
): Promise<PgQueryable> {
  return openPgPool('postgresLimiterBackend', {
    connectionString,
    max,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
  }) as Promise<PgQueryable>
}

/** Creates the table and the two functions once, under an advisory lock (instances may start together). */
async function migrate(pool: PgQueryable, table: string): Promise<void> {
  const client = 'connect' in pool ? await (pool as unknown as PgPoolConnect).connect() : undefined
  const q = client ?? pool
  try {
    await q.query('BEGIN')
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`waybill_limiter_schema:${table}`])
    for (const sql of schema(table)) await q.query(sql)
    await q.query('COMMIT')
  } catch (error) {
    await q.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client?.release()
  }
}

interface PgPoolConnect {
  connect(): Promise<PgQueryable & { release(): void }>
}

/**
 * The schema. `grants` holds the server times (epoch ms) of the last `cap` grants: a new grant needs the
 * `cap`-th latest to be at least `window_ms` old. `quota_day` is the date, in the key's zone, of the quota
 * day in progress (shifted by the reset hour).
 */
function schema(t: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (
      key text PRIMARY KEY,
      tokens double precision NOT NULL,
      refilled_ms bigint NOT NULL,
      paused_until_ms bigint NOT NULL DEFAULT 0,
      grants bigint[] NOT NULL DEFAULT '{}',
      quota_day date,
      used integer NOT NULL DEFAULT 0
    )`,
    `CREATE OR REPLACE FUNCTION ${t}_take(
      p_key text, p_rate double precision, p_burst double precision, p_cap integer, p_window_ms integer,
      p_per_day integer, p_reset_hour integer, p_zone text, p_waiting boolean)
    RETURNS TABLE(granted boolean, wait_ms bigint, used integer, reset_in_ms bigint, quota boolean, day date,
      at_ms bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      r ${t}%ROWTYPE;
      now_ts timestamptz;
      now_ms bigint;
      today date;
      reset_ms bigint;
      n integer;
      oldest bigint;
      wait bigint := 0;
      top double precision;
    BEGIN
      INSERT INTO ${t} AS l (key, tokens, refilled_ms) VALUES (p_key, p_burst, -1) ON CONFLICT (key) DO NOTHING;
      SELECT * INTO r FROM ${t} WHERE ${t}.key = p_key FOR UPDATE;
      now_ts := clock_timestamp();
      now_ms := floor(extract(epoch FROM now_ts) * 1000)::bigint;
      top := CASE WHEN p_waiting THEN p_burst + 1 ELSE p_burst END;
      IF r.refilled_ms < 0 THEN
        r.tokens := p_burst;
        r.refilled_ms := now_ms;
      ELSIF now_ms > r.refilled_ms THEN
        r.tokens := least(top, r.tokens + (now_ms - r.refilled_ms) * p_rate / 1000.0);
        r.refilled_ms := now_ms;
      END IF;
      today := ((now_ts AT TIME ZONE p_zone) - make_interval(hours => p_reset_hour))::date;
      IF r.quota_day IS DISTINCT FROM today THEN
        r.quota_day := today;
        r.used := 0;
      END IF;
      reset_ms := floor(extract(epoch FROM
        (((today + 1)::timestamp + make_interval(hours => p_reset_hour)) AT TIME ZONE p_zone)) * 1000)::bigint;
      IF p_per_day IS NOT NULL AND r.used >= p_per_day THEN
        UPDATE ${t} SET tokens = r.tokens, refilled_ms = r.refilled_ms, quota_day = r.quota_day, used = r.used
          WHERE ${t}.key = p_key;
        RETURN QUERY SELECT false, reset_ms - now_ms, r.used, reset_ms - now_ms, true, r.quota_day, now_ms;
        RETURN;
      END IF;
      IF now_ms < r.paused_until_ms THEN wait := r.paused_until_ms - now_ms; END IF;
      IF r.tokens < 1 THEN wait := greatest(wait, ceil((1 - r.tokens) * 1000.0 / p_rate)::bigint); END IF;
      n := coalesce(array_length(r.grants, 1), 0);
      IF n >= p_cap THEN
        oldest := r.grants[n - p_cap + 1];
        wait := greatest(wait, oldest + p_window_ms - now_ms);
      END IF;
      IF wait > 0 THEN
        UPDATE ${t} SET tokens = r.tokens, refilled_ms = r.refilled_ms, quota_day = r.quota_day, used = r.used
          WHERE ${t}.key = p_key;
        RETURN QUERY SELECT false, wait, r.used, reset_ms - now_ms, false, r.quota_day, now_ms;
        RETURN;
      END IF;
      r.grants := r.grants || now_ms;
      n := n + 1;
      IF n > p_cap THEN r.grants := r.grants[n - p_cap + 1 : n]; END IF;
      UPDATE ${t} SET tokens = r.tokens - 1, refilled_ms = r.refilled_ms, grants = r.grants,
          quota_day = r.quota_day, used = r.used + 1
        WHERE ${t}.key = p_key;
      RETURN QUERY SELECT true, 0::bigint, r.used + 1, reset_ms - now_ms, false, r.quota_day, now_ms;
    END
    $fn$`,
    `CREATE OR REPLACE FUNCTION ${t}_refund(p_key text, p_day date, p_at bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
    DECLARE
      r ${t}%ROWTYPE;
      i integer;
    BEGIN
      SELECT * INTO r FROM ${t} WHERE ${t}.key = p_key FOR UPDATE;
      IF NOT FOUND THEN RETURN; END IF;
      i := array_position(r.grants, p_at);
      IF i IS NOT NULL THEN r.grants := r.grants[1 : i - 1] || r.grants[i + 1 :]; END IF;
      IF r.quota_day = p_day THEN r.used := greatest(r.used - 1, 0); END IF;
      UPDATE ${t} SET grants = r.grants, used = r.used WHERE ${t}.key = p_key;
    END
    $fn$`,
    `CREATE OR REPLACE FUNCTION ${t}_pause(p_key text, p_ms bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
    DECLARE
      now_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    BEGIN
      INSERT INTO ${t} AS l (key, tokens, refilled_ms, paused_until_ms) VALUES (p_key, 0, now_ms + p_ms, now_ms + p_ms)
      ON CONFLICT (key) DO UPDATE SET
        paused_until_ms = greatest(l.paused_until_ms, now_ms + p_ms),
        tokens = 0,
        refilled_ms = greatest(now_ms, l.paused_until_ms, now_ms + p_ms);
    END
    $fn$`,
  ]
}

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
