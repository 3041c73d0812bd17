/**
 * One way to open a `pg.Pool` for everything that talks to PostgreSQL (the store, the shared limiter, the shared
 * poll queue): `pg` is an optional peer dependency, loaded on first use, with an error that names who needs it.
 */
import { ConfigError } from '../errors/index.js'

/** The part of a `pg.Pool` waybill uses. */
export interface PgPoolHandle {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
  connect(): Promise<{
    query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
    release(error?: Error | boolean): void
  }>
  end(): Promise<void>
  on?(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * A new pool with `config` (node-postgres pool options). `who` names the feature in the error when `pg` is
 * missing. Idle connections that drop are let go quietly: the next query opens a new one.
 * @example const pool = await openPgPool('postgresStore', { connectionString, max: 10 })
 */
export async function openPgPool(who: string, config: Record<string, unknown>): Promise<PgPoolHandle> {
  type PoolCtor = new (config: object) => PgPoolHandle
  let pg: { default?: { Pool: PoolCtor }; Pool?: PoolCtor }
  try {
    pg = (await import('pg')) as typeof pg
  } catch (cause) {
    throw new ConfigError(`${who} needs the optional peer dependency pg: npm i pg`, { cause })
  }
  const Pool = pg.Pool ?? pg.default?.Pool
  if (!Pool) throw new ConfigError(`${who}: the installed pg has no Pool export`)
  const pool = new Pool(Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)))
  // Without a listener, an idle client's dropped connection would end the process.
  pool.on?.('error', () => undefined)
  return pool
}
