/**
 * A durable `Store` on PGlite (PostgreSQL compiled to WebAssembly), for one process on one machine.
 *
 * Why PGlite: no native build (installs the same on every platform and Node version), real PostgreSQL
 * durability, and the same SQL as `postgresStore`, so moving to a server is a copy of one table.
 * `@electric-sql/pglite` is an optional peer dependency, loaded only when this store is created.
 *
 * One process per folder: PGlite has no shared memory between processes, so two processes on one folder would
 * each keep their own view and lose each other's writes. The store holds a lock file in the folder while it is
 * open and refuses a second opener; a lock left by a process that no longer runs is taken over.
 */
import { ConfigError, StoreError } from '../errors/index.js'
import type { Store } from './index.js'
import { createKeyLocks } from './key-locks.js'
import { migrate, SQL_IDENTIFIER, type SqlDatabase, type SqlQuery, sqlStore } from './sql.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: each ES import of a built-in costs its import facade
// at every import of the root entry, which loads this module (#26).
const { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } =
  process.getBuiltinModule('node:fs')
const { hostname } = process.getBuiltinModule('node:os')
const { join } = process.getBuiltinModule('node:path')

/** The part of a PGlite client this store uses. */
export interface SqlClient extends SqlQuery {
  transaction<R>(fn: (tx: SqlQuery) => Promise<R>): Promise<R>
  close?(): Promise<void>
}

export interface PgliteStoreOptions {
  /** Folder of the database files; created when missing. Omit for an in-memory database (tests). */
  dataDir?: string
  /** Table name (a plain SQL identifier). @default 'waybill_kv' */
  table?: string
  /** An already open PGlite client. The store then does not close it (and takes no folder lock). */
  client?: SqlClient
  /** Keys read per page when listing. @default 500 */
  pageSize?: number
}

const LOCK_FILE = 'waybill-store.lock'

interface LockContent {
  pid: number
  host: string
  at: string
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder's lock file (created exclusively); returns its release. */
function lockFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  const mine: LockContent = { pid: process.pid, host: hostname(), at: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' })
      const release = () => {
        try {
          const held = JSON.parse(readFileSync(path, 'utf8')) as LockContent
          if (held.pid === mine.pid && held.at === mine.at) unlinkSync(path)
        } catch {
          // already gone
        }
      }
      process.once('exit', release)
      return () => {
        process.removeListener('exit', release)
        release()
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let held: LockContent | undefined
    try {
      held = JSON.parse(readFileSync(path, 'utf8')) as LockContent
    } catch {
      held = undefined // unreadable: a crash while writing it; taken over below
    }
    const stale = !held || (held.host === mine.host && held.pid !== process.pid && !isRunning(held.pid))
    if (!stale)
      throw new StoreError(
        `the PGlite folder ${dataDir} is already open in ${held!.pid === process.pid ? 'this process' : `process ${held!.pid} on ${held!.host}`} (lock file ${path}): PGlite serves one process per folder. Close the other store, or use postgresStore to share one database between processes`,
      )
    unlinkSync(path) // the lock of a process that no longer runs
  }
  throw new StoreError(`could not take the lock file ${path}: another process took it at the same moment`)
}

/** Refuses a folder that holds files but no database: a half-deleted folder must not open as an empty store. */
function checkFolder(dataDir: string): void {
  if (!existsSync(dataDir)) return
  const entries = readdirSync(dataDir).filter((name) => name !== LOCK_FILE)
  if (entries.length && !entries.includes('PG_VERSION'))
    throw new StoreError(
      `the PGlite folder ${dataDir} holds files but no database (PG_VERSION is missing): it may be damaged or half-deleted. Restore it from a backup, or point dataDir at an empty folder to start a new store`,
    )
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
  try {
    return await mod.PGlite.create(dataDir)
  } catch (cause) {
    throw new StoreError(
      `PGlite could not open the folder ${dataDir}: it may be damaged (${(cause as Error)?.message ?? cause}). Restore it from a backup, or point dataDir at an empty folder`,
      { cause },
    )
  }
}

/**
 * Opens (and creates when needed) a durable key-value store in a PGlite folder.
 * @example
 * const store = await pgliteStore({ dataDir: './var/waybill' })
 * const tracker = createTracker({ adapters, store })
 */
export async function pgliteStore(options: PgliteStoreOptions = {}): Promise<Store> {
  const table = options.table ?? 'waybill_kv'
  if (!SQL_IDENTIFIER.test(table))
    throw new ConfigError(
      `pgliteStore: table '${table}' is not a plain SQL identifier (a-z, 0-9, _; at most 51)`,
    )
  if (options.client && typeof options.client.transaction !== 'function')
    throw new ConfigError('pgliteStore: client must have transaction() (a PGlite instance has)')
  const owned = !options.client
  const release = owned && options.dataDir ? lockFolder(options.dataDir) : undefined
  let client: SqlClient
  try {
    if (owned && options.dataDir) checkFolder(options.dataDir)
    client = options.client ?? (await openPglite(options.dataDir))
  } catch (error) {
    release?.()
    throw error
  }
  // PGlite runs one statement at a time on one connection; these locks make `update`s of one key wait for each
  // other in this process before their transactions start, instead of inside them.
  const locks = createKeyLocks()
  const db: SqlDatabase = {
    query: (sql, params) => client.query(sql, params),
    transaction: (fn) => client.transaction(fn),
  }
  const describeError = (error: unknown, doing: string) =>
    new StoreError(`store (PGlite table ${table}) failed ${doing}: ${(error as Error)?.message ?? error}`, {
      cause: error,
      retryable: true,
    })
  try {
    await migrate(db, table)
  } catch (error) {
    if (owned) await client.close?.()
    release?.()
    throw error instanceof StoreError ? error : describeError(error, 'creating its table')
  }
  const store = sqlStore(db, {
    table,
    pageSize: options.pageSize ?? 500,
    describeError,
    close: async () => {
      if (owned) await client.close?.()
      release?.()
    },
  })
  return { ...store, update: (keys, fn) => locks.run(keys, () => store.update(keys, fn)) }
}
