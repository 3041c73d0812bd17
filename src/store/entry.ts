/**
 * `waybill/store`: where the tracker, the poller, SFTP checkpoints and webhook de-duplication keep their state.
 * - `memoryStore()`: in this process (the default; lost on exit);
 * - `pgliteStore({ dataDir })`: durable, one process per folder;
 * - `postgresStore({ connectionString })`: durable, any number of instances on one PostgreSQL server.
 * Each implements the same `Store` contract, atomic `update` included; see docs/scaling.md.
 */

export { copyStore } from './copy.js'
export {
  memoryStore,
  type Store,
  type StoreTransaction,
  type StoreValue,
  type StoreWrite,
  type WriteOptions,
} from './index.js'
export { type PgliteStoreOptions, pgliteStore, type SqlClient } from './pglite.js'
export { type PgPoolLike, type PostgresStoreOptions, postgresStore } from './postgres.js'
