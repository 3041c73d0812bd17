/** Options of {@link sftpSource}, their defaults, and the up-front validation (ConfigError before any I/O). */
import { randomUUID } from 'node:crypto'
import type { ResultSink } from '../adapter/index.js'
import { ConfigError } from '../errors/index.js'
import type { Shipment } from '../model/core.js'
import { memoryStore, type Store } from '../store/index.js'
import { type HostKeyPin, hostKeyCheck } from './host-key.js'
import { type FileParser, toParser } from './parsers.js'
import { type NameFilter, nameFilter } from './patterns.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: each ES import of a built-in costs its import facade
// at every import of the root entry, which loads this module (#26).
const { hostname } = process.getBuiltinModule('node:os')
const path = process.getBuiltinModule('node:path').posix

export interface SftpConnectionOptions {
  host: string
  /** @default 22 */
  port?: number
  username: string
  password?: string
  /** Private key in OpenSSH or PEM form. */
  privateKey?: string | Uint8Array
  /** Passphrase of an encrypted `privateKey`. */
  passphrase?: string
  /** Path of an ssh-agent socket (e.g. `process.env.SSH_AUTH_SOCK`). */
  agent?: string
  /**
   * The server's pinned SHA-256 host-key fingerprint (`SHA256:<base64>` or hex), or several during a rotation.
   * Required; `'insecure-accept-any'` (written out) turns verification off.
   * @example hostKey: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'
   */
  hostKey: HostKeyPin
  /** Time allowed for TCP connect + handshake + authentication. @default 20_000 */
  connectTimeoutMs?: number
  /** A transfer or request with no progress for this long fails (retryable). @default 60_000 */
  idleTimeoutMs?: number
}

/** How a file counts as settled (fully written). */
export interface SettleOptions {
  /** Wait between the two listings that must show the same size and mtime. @default 2_000 */
  intervalMs?: number
  /** The file's mtime must be at least this old (server clock; mind skew). @default 10_000 */
  minAgeMs?: number
}

/** A file as listed on the server. */
export interface RemoteFile {
  /** Full remote path. */
  path: string
  name: string
  size: number
  /** Modification time, epoch seconds (SFTP v3 resolution). */
  mtime: number
}

export interface SftpLogger {
  info?(message: string, fields?: Record<string, unknown>): void
  warn?(message: string, fields?: Record<string, unknown>): void
  error?(message: string, fields?: Record<string, unknown>): void
}

export interface SftpSourceOptions {
  connection: SftpConnectionOptions
  /** The folder carriers drop files into. */
  remoteDir: string
  /**
   * Only names matching one of these (globs with `*`/`?`, or RegExps) are taken. @default all names
   * @example include: ['*.edi', '*.x12']
   */
  include?: (string | RegExp)[]
  /** Names never taken (in-progress uploads, dot-files). @default ['*.part', '*.tmp', '.*'] */
  ignore?: (string | RegExp)[]
  settle?: SettleOptions
  /**
   * How bytes become shipments: the 214 adapter (`edi214()` from `waybill/adapters/edi214`), a CSV adapter
   * (`csv({...})` from `waybill/adapters/csv`), or any function from the file's bytes to canonical shipments.
   */
  parser: FileParser
  /** Processed files are moved here. @default `<remoteDir>/archive` */
  archiveDir?: string
  /** Files that could not be parsed are moved here, with `<name>.error.json`. @default `<remoteDir>/error` */
  errorDir?: string
  /** Files downloaded and parsed at once over the one connection. @default 4 */
  concurrency?: number
  /** At most this many files per poll (the rest wait for the next one). @default Infinity */
  maxFilesPerPoll?: number
  /** Checkpoints (processed files). Use a durable store in production. @default memoryStore() */
  store?: Store
  /** Namespace of the checkpoint keys. @default `<username>@<host>:<port><remoteDir>` */
  id?: string
  /**
   * How long a watcher's claim on a file lasts. Before a file is downloaded, the watcher claims it in the `store`
   * (`setIfAbsent` with this TTL, renewed after each `onShipments` batch), so N watchers of one folder sharing a
   * store hand each file to one callback. When the owner dies, its claim expires after this long and another
   * watcher takes the file. Keep it well above the time one file takes to download, parse and deliver.
   * @default 600_000 (10 minutes)
   * @example claimLeaseMs: 120_000
   */
  claimLeaseMs?: number
  /**
   * Names this watcher in its claims (logs and stored claim values).
   * @default `<hostname>:<pid>:<random>`
   */
  owner?: string
  /**
   * Receives each file's shipments in batches while it is parsed, before the checkpoint is written; when set,
   * `pollOnce()` does not collect shipments (memory stays flat on big files).
   */
  onShipments?: (shipments: Shipment[], file: RemoteFile) => unknown
  /**
   * Where each batch of shipments goes, before the checkpoint is written (before `onShipments`): pass the tracker.
   * @example sftpSource({ connection, remoteDir: '/out', parser: edi214(), sink: tracker })
   */
  sink?: ResultSink
  /** Shipments per `onShipments` call (and per `sink` call). @default 500 */
  batchSize?: number
  /** Files up to this size are held in memory between download and parse; bigger ones go to a temp file. @default 8 MiB */
  memoryLimitBytes?: number
  /** Folder for temp files of big downloads. @default os.tmpdir() */
  tempDir?: string
  /** Interval of `watch()`. @default 60_000 */
  pollIntervalMs?: number
  /** Longest wait of `watch()` after repeated connection errors. @default 15 min */
  maxBackoffMs?: number
  /** Structured log lines; never receives credentials. @default silent */
  logger?: SftpLogger
  /** Clock (tests). @default Date.now */
  now?: () => number
}

export interface ResolvedOptions {
  connection: SftpConnectionOptions & { port: number; connectTimeoutMs: number; idleTimeoutMs: number }
  remoteDir: string
  filter: NameFilter
  settle: Required<SettleOptions>
  parser: ReturnType<typeof toParser>
  archiveDir: string
  errorDir: string
  concurrency: number
  maxFilesPerPoll: number
  store: Store
  id: string
  claimLeaseMs: number
  owner: string
  onShipments: SftpSourceOptions['onShipments']
  batchSize: number
  memoryLimitBytes: number
  tempDir: string | undefined
  pollIntervalMs: number
  maxBackoffMs: number
  logger: SftpLogger
  now: () => number
}

function positive(value: number | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ConfigError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`)
  }
  return value
}

function remotePath(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a remote path`)
  const normal = path.normalize(value.trim())
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal
}

function ownerName(value: unknown): string {
  if (value === undefined) return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  if (typeof value !== 'string' || value === '') throw new ConfigError('owner must be a non-empty string')
  return value
}

export function resolveOptions(options: SftpSourceOptions): ResolvedOptions {
  if (!options || typeof options !== 'object') throw new ConfigError('sftpSource: options are required')
  const c = options.connection
  if (!c || typeof c !== 'object') throw new ConfigError('connection is required')
  if (typeof c.host !== 'string' || !c.host) throw new ConfigError('connection.host is required')
  if (typeof c.username !== 'string' || !c.username) throw new ConfigError('connection.username is required')
  if (c.password === undefined && c.privateKey === undefined && c.agent === undefined) {
    throw new ConfigError('connection: give a password, a privateKey or an agent socket')
  }
  hostKeyCheck(c.hostKey)
  const port = positive(c.port, 'connection.port', 22)
  if (!Number.isInteger(port) || port > 65535) throw new ConfigError('connection.port must be 1-65535')
  const remoteDir = remotePath(options.remoteDir, 'remoteDir')
  const archiveDir = remotePath(options.archiveDir ?? path.join(remoteDir, 'archive'), 'archiveDir')
  const errorDir = remotePath(options.errorDir ?? path.join(remoteDir, 'error'), 'errorDir')
  if (archiveDir === remoteDir || errorDir === remoteDir) {
    throw new ConfigError('archiveDir and errorDir must differ from remoteDir')
  }
  const concurrency = positive(options.concurrency, 'concurrency', 4)
  if (!Number.isInteger(concurrency)) throw new ConfigError('concurrency must be an integer')
  return {
    connection: {
      ...c,
      port,
      connectTimeoutMs: positive(c.connectTimeoutMs, 'connection.connectTimeoutMs', 20_000),
      idleTimeoutMs: positive(c.idleTimeoutMs, 'connection.idleTimeoutMs', 60_000),
    },
    remoteDir,
    filter: nameFilter(options.include, options.ignore ?? ['*.part', '*.tmp', '.*']),
    settle: {
      intervalMs: positive(options.settle?.intervalMs, 'settle.intervalMs', 2_000, true),
      minAgeMs: positive(options.settle?.minAgeMs, 'settle.minAgeMs', 10_000, true),
    },
    parser: toParser(options.parser),
    archiveDir,
    errorDir,
    concurrency,
    maxFilesPerPoll: positive(options.maxFilesPerPoll, 'maxFilesPerPoll', Number.POSITIVE_INFINITY),
    store: options.store ?? memoryStore(),
    id: options.id ?? `${c.username}@${c.host}:${port}${remoteDir}`,
    claimLeaseMs: positive(options.claimLeaseMs, 'claimLeaseMs', 600_000),
    owner: ownerName(options.owner),
    onShipments: withSink(options.sink, options.onShipments),
    batchSize: positive(options.batchSize, 'batchSize', 500),
    memoryLimitBytes: positive(options.memoryLimitBytes, 'memoryLimitBytes', 8 * 1024 * 1024, true),
    tempDir: options.tempDir,
    pollIntervalMs: positive(options.pollIntervalMs, 'pollIntervalMs', 60_000),
    maxBackoffMs: positive(options.maxBackoffMs, 'maxBackoffMs', 15 * 60_000),
    logger: options.logger ?? {},
    now: options.now ?? Date.now,
  }
}

/** `onShipments` with the sink called first, so a source wired to a tracker needs no callback of its own. */
function withSink(
  sink: ResultSink | undefined,
  onShipments: SftpSourceOptions['onShipments'],
): SftpSourceOptions['onShipments'] {
  if (sink === undefined) return onShipments
  if (typeof sink?.ingestResult !== 'function')
    throw new ConfigError('sftpSource: sink must have an ingestResult function (a tracker)')
  return async (shipments, file) => {
    await sink.ingestResult({ shipments, notFound: [], warnings: [] })
    await onShipments?.(shipments, file)
  }
}
