/**
 * `waybill/sftp`: carrier drop folders on SFTP as a source of canonical shipments, exactly once.
 *
 * `sftpSource(options)` connects with a pinned host key (`ssh2-sftp-client`/`ssh2` are optional peers, loaded on
 * first use), lists the folder page by page, takes files once they have settled, downloads them as streams,
 * parses them (a `StreamParser` such as `edi214()` from `waybill/adapters/edi214` or the CSV adapter, or any
 * function from bytes to shipments), checkpoints them in a `Store` and moves them to `archive/` (or `error/` with
 * `<name>.error.json`). `watch()` keeps polling.
 */
export { fingerprintOf, type HostKeyPin, INSECURE_ACCEPT_ANY, parseFingerprint } from './host-key.js'
export type {
  RemoteFile,
  SettleOptions,
  SftpConnectionOptions,
  SftpLogger,
  SftpSourceOptions,
} from './options.js'
export type { BytesParser, FileParser } from './parsers.js'
export type { FileOutcome } from './process.js'
export { backoffDelay, type PollOptions, type PollResult, type SftpSource, sftpSource } from './source.js'
