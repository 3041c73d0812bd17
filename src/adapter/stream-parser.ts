/**
 * The streaming side of the adapter contract: an adapter that reads files (`edi214()`, `csv({...})`) also reads
 * them as a stream of bytes, so a file source (`sftpSource` in `waybill/sftp`) can hand it files of any size.
 */
import type { NormalizeWarning, Shipment } from '../model/index.js'

/** The file a {@link StreamParser} reads: a drop folder's entry (`RemoteFile` in `waybill/sftp`) or any named input. */
export interface StreamedFile {
  /** The file's name, recorded as the origin of each event's raw record. */
  readonly name: string
  /** Full path, when the file comes from a folder. */
  readonly path?: string
}

/**
 * Reads a file as a stream of bytes and yields shipments as it goes (flat memory on big files).
 * @example sftpSource({ ..., parser: edi214({ partners }) }) // the 214 adapter is a StreamParser
 */
export interface StreamParser {
  /** Shown in logs and outcomes, e.g. `'edi214'`, `'csv'`. */
  readonly format?: string
  /** `warn` receives the warnings of the file (unknown codes, fallback zones, envelope counts). */
  parseStream(
    input: AsyncIterable<Uint8Array>,
    file: StreamedFile,
    warn?: (warning: NormalizeWarning) => void,
  ): AsyncIterable<Shipment>
}
