/**
 * `waybill/serve`: one long-running process for a configuration (what `waybill serve` runs): webhook endpoints,
 * the poller (shared on PostgreSQL), SFTP watchers and timers feeding one tracker; customer pages at `/t` (signed
 * links, or number plus postal code); a JSON API behind API keys; `/healthz`, `/readyz`, Prometheus `/metrics`;
 * extra handlers mounted by prefix; graceful shutdown. Configuration is checked at start (docs/serve.md).
 */
export { presentedToken } from './auth.js'
export {
  defineConfig,
  type FetchHandler,
  type MountAuth,
  type MountContext,
  type MountEntry,
  type PagesConfig,
  type PollConfig,
  type PollJob,
  parseConfig,
  type RouteHandler,
  type ServeConfig,
  type SftpWatchConfig,
  type StoreConfig,
  type WebhookConfig,
} from './config.js'
export { type PageLinkInput, signPageLink, verifyPageLink } from './links.js'
export { CONFIG_FILES, findConfigFile, loadConfig } from './load.js'
export { comparablePostal } from './pages.js'
export {
  type CreateServerOptions,
  createServer,
  type ListenOptions,
  type WaybillServer,
} from './server.js'
export type { ErrorReporter, SourcesStatus } from './sources.js'
