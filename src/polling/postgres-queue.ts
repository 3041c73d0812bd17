/**
 * The poll schedule in PostgreSQL, shared by any number of poller processes: one row per shipment with its poll
 * state, next poll time and lease. Workers claim due shipments in batches (`FOR UPDATE SKIP LOCKED`, ordered by
 * due time) under a lease with a fencing token; a result is accepted only while its claim is still the current
 * one, checked under a row lock in the same transaction that saves the new state. Every time is the server's.
 */
import { ConfigError, StoreError } from '../errors/index.js'
import { openPgPool } from '../store/pg-pool.js'
import type { ShipmentPollState } from './state.js'

/** The part of a `pg` pool the queue uses. */
export interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  connect(): Promise<{
    query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
    release(error?: Error | boolean): void
  }>
  end(): Promise<void>
}

/** Where the shared schedule lives. */
export interface PostgresPollQueueOptions {
  /**
   * The server, as a connection string. Ignored when `pool` is given.
   * @default process.env.DATABASE_URL
   * @example 'postgres://waybill@db.internal:5432/shipping'
   */
  connectionString?: string
  /** An existing `pg.Pool`; never ended by the poller. */
  pool?: PgPool
  /** Table of the schedule (a plain lower-case SQL identifier, optionally `schema.table`). @default 'waybill_poll' */
  table?: string
  /** Connections of the pool the poller creates. @default 8 */
  max?: number
}

/** One claimed shipment. */
export interface Claim {
  trackingNumber: string
  state: ShipmentPollState
  /** The fencing token of this claim: a later claim of the same shipment has a larger one. */
  fence: number
}

/** What to write for one shipment of a batch, decided after its result is accepted. */
export interface Finish {
  trackingNumber: string
  state: ShipmentPollState
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}(\.[a-z_][a-z0-9_]{0,40})?$/
const NOW_MS = `floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint`

/** The schedule's SQL, bound to one table. */
export interface PollQueue {
  /** The server's clock (epoch ms). */
  now(): Promise<number>
  add(state: ShipmentPollState): Promise<boolean>
  get(carrier: string, trackingNumber: string): Promise<ShipmentPollState | undefined>
  remove(carrier: string, trackingNumber: string): Promise<boolean>
  /** Claims up to `limit` due shipments of `carrier` for `leaseMs`; returns them with the server's time. */
  claim(
    carrier: string,
    worker: string,
    limit: number,
    leaseMs: number,
  ): Promise<{ now: number; claims: Claim[] }>
  /** Milliseconds until the next shipment of `carrier` is due or its lease ends (undefined: none). */
  nextDueIn(carrier: string): Promise<number | undefined>
  /**
   * In one transaction: locks the claimed rows, keeps those whose claim is still current (owner, fence, lease
   * not ended), calls `decide` with them (the caller emits there), and saves what it returns. The rows that
   * failed the check are returned as `rejected`; `decide` never sees them.
   */
  finish(
    carrier: string,
    worker: string,
    claims: readonly Claim[],
    decide: (accepted: Claim[], now: number) => Promise<Finish[]>,
  ): Promise<{ rejected: string[] }>
  /** Gives claims back without a result (429, abort): due again at `nextPollAt` (server ms). */
  release(carrier: string, worker: string, claims: readonly Claim[], nextPollAt: number): Promise<void>
  close(): Promise<void>
}

/** Opens (lazily) the schedule in PostgreSQL. */
export function postgresPollQueue(options: PostgresPollQueueOptions = {}): PollQueue {
  const t = options.table ?? 'waybill_poll'
  if (!IDENTIFIER.test(t))
    throw new ConfigError(`postgres poll queue: table "${t}" must be a lower-case SQL identifier`)
  let owned: PgPool | undefined
  let ready: Promise<PgPool> | undefined
  const db = () => {
    ready ??= (async () => {
      const pool =
        options.pool ??
        (await createPool(options.connectionString ?? process.env.DATABASE_URL, options.max ?? 8))
      if (!options.pool) owned = pool
      await migrate(pool, t)
      return pool
    })().catch((error: unknown) => {
      ready = undefined
      throw error instanceof ConfigError
        ? error
        : new StoreError(`poll queue (PostgreSQL) failed: ${messageOf(error)}`, { cause: error })
    })
    return ready
  }
  const q = async (sql: string, values: unknown[] = []) => (await db()).query(sql, values)

  return {
    async now() {
      const { rows } = await q(`SELECT ${NOW_MS} AS now`)
      return Number(rows[0]?.now)
    },
    async add(state) {
      const { rows } = await q(
        `INSERT INTO ${t} (carrier, number, state, next_poll_at, done)
         VALUES ($1, $2, $3, ${NOW_MS}, false) ON CONFLICT (carrier, number) DO NOTHING RETURNING 1`,
        [state.carrier, state.trackingNumber, JSON.stringify(state)],
      )
      return rows.length > 0
    },
    async get(carrier, n) {
      const { rows } = await q(`SELECT state, next_poll_at FROM ${t} WHERE carrier = $1 AND number = $2`, [
        carrier,
        n,
      ])
      const row = rows[0]
      return row ? { ...(row.state as ShipmentPollState), nextPollAt: Number(row.next_poll_at) } : undefined
    },
    async remove(carrier, n) {
      const { rows } = await q(`DELETE FROM ${t} WHERE carrier = $1 AND number = $2 RETURNING 1`, [
        carrier,
        n,
      ])
      return rows.length > 0
    },
    async claim(carrier, worker, limit, leaseMs) {
      const { rows } = await q(
        `WITH clock AS (SELECT ${NOW_MS} AS now),
         due AS (
           SELECT carrier, number FROM ${t}, clock
           WHERE carrier = $1 AND NOT done AND next_poll_at <= clock.now
             AND (lease_until IS NULL OR lease_until <= clock.now)
           ORDER BY next_poll_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE ${t} AS s SET lease_owner = $3, lease_until = clock.now + $4, fence = s.fence + 1
         FROM due, clock WHERE s.carrier = due.carrier AND s.number = due.number
         RETURNING s.number, s.state, s.next_poll_at, s.fence, clock.now`,
        [carrier, limit, worker, Math.round(leaseMs)],
      )
      const now = rows.length > 0 ? Number(rows[0]?.now) : await this.now()
      return {
        now,
        claims: rows.map((r) => ({
          trackingNumber: r.number as string,
          state: { ...(r.state as ShipmentPollState), nextPollAt: Number(r.next_poll_at) },
          fence: Number(r.fence),
        })),
      }
    },
    async nextDueIn(carrier) {
      const { rows } = await q(
        `SELECT min(greatest(next_poll_at, coalesce(lease_until, 0))) - ${NOW_MS} AS wait
         FROM ${t} WHERE carrier = $1 AND NOT done`,
        [carrier],
      )
      const wait = rows[0]?.wait
      return wait === null || wait === undefined ? undefined : Math.max(0, Number(wait))
    },
    async finish(carrier, worker, claims, decide) {
      const pool = await db()
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const { rows } = await client.query(
          `SELECT number, fence, ${NOW_MS} AS now FROM ${t}
           WHERE carrier = $1 AND number = ANY($2) AND lease_owner = $3 AND lease_until > ${NOW_MS}
           FOR UPDATE`,
          [carrier, claims.map((c) => c.trackingNumber), worker],
        )
        const current = new Map(rows.map((r) => [r.number as string, Number(r.fence)]))
        const accepted = claims.filter((c) => current.get(c.trackingNumber) === c.fence)
        const rejected = claims
          .filter((c) => current.get(c.trackingNumber) !== c.fence)
          .map((c) => c.trackingNumber)
        const now = rows.length > 0 ? Number(rows[0]?.now) : 0
        const writes = accepted.length > 0 ? await decide(accepted, now) : []
        if (writes.length > 0) {
          await client.query(
            `UPDATE ${t} AS s SET state = w.state, next_poll_at = w.next, done = w.done,
               lease_owner = NULL, lease_until = NULL
             FROM unnest($2::text[], $3::jsonb[], $4::bigint[], $5::boolean[]) AS w(number, state, next, done)
             WHERE s.carrier = $1 AND s.number = w.number`,
            [
              carrier,
              writes.map((w) => w.trackingNumber),
              writes.map((w) => JSON.stringify(w.state)),
              writes.map((w) => Math.round(w.state.nextPollAt)),
              writes.map((w) => w.state.done === true),
            ],
          )
        }
        await client.query('COMMIT')
        return { rejected }
      } catch (error) {
        broken = error as Error
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release(broken)
      }
    },
    async release(carrier, worker, claims, nextPollAt) {
      if (claims.length === 0) return
      await q(
        `UPDATE ${t} AS s SET lease_owner = NULL, lease_until = NULL, next_poll_at = $4
         FROM unnest($2::text[], $3::bigint[]) AS c(number, fence)
         WHERE s.carrier = $1 AND s.number = c.number AND s.fence = c.fence AND s.lease_owner = $5`,
        [
          carrier,
          claims.map((c) => c.trackingNumber),
          claims.map((c) => c.fence),
          Math.round(nextPollAt),
          worker,
        ],
      )
    },
    async close() {
      const pool = owned
      owned = undefined
      ready = undefined
      await pool?.end()
    },
  }
}

function createPool(connectionString: string | undefined, max: number): Promise<PgPool> {
  return openPgPool('createSharedPoller', {
    connectionString,
    max,
    connectionTimeoutMillis: 10_000,
  }) as Promise<PgPool>
}

async function migrate(pool: PgPool, t: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`waybill_poll_schema:${t}`])
    await client.query(`CREATE TABLE IF NOT EXISTS ${t} (
      carrier text NOT NULL,
      number text NOT NULL,
      state jsonb NOT NULL,
      next_poll_at bigint NOT NULL,
      done boolean NOT NULL DEFAULT false,
      lease_owner text,
      lease_until bigint,
      fence bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (carrier, number)
    )`)
    const index = `${t.replace('.', '_')}_due`
    await client.query(`CREATE INDEX IF NOT EXISTS ${index} ON ${t} (carrier, next_poll_at) WHERE NOT done`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
