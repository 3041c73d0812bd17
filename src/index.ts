/**
 * waybill: every way a carrier reports a shipment — REST APIs, webhooks, SFTP drops, X12 214 files — in, one
 * canonical, trustworthy timeline per shipment out.
 *
 * The root entry has the tracker facade and everything it is made of. Each part is also its own entry
 * (`waybill/model`, `waybill/time`, `waybill/http`, `waybill/polling`, `waybill/webhooks`, `waybill/edi`,
 * `waybill/sftp`, `waybill/identifiers`, `waybill/epcis`, `waybill/tracker`, `waybill/ui`), the adapters are
 * `waybill/adapters/<id>`, and the conformance suite is `waybill/testing`.
 */
export * from './adapter/index.js'
export * from './edi/index.js'
export * from './epcis/index.js'
export * from './errors/index.js'
export * from './http/index.js'
export * from './identifiers/index.js'
export * from './model/index.js'
export * from './polling/index.js'
export {
  type BytesParser,
  type FileOutcome,
  type FileParser,
  type PollResult,
  type SftpSource,
  sftpSource,
} from './sftp/index.js'
export {
  memoryStore,
  type Store,
  type StoreTransaction,
  type StoreValue,
  type WriteOptions,
} from './store/index.js'
export { type PgliteStoreOptions, pgliteStore, type SqlClient } from './store/pglite.js'
export { type PostgresStoreOptions, postgresStore } from './store/postgres.js'
export * from './time/index.js'
export * from './tracker/index.js'
export * from './webhooks/index.js'
export * from './webhooks/outbound.js'
