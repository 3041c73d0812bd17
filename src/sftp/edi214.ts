/** The `edi214()` parser: X12 214 files from the drop folder, parsed as a stream by `waybill/edi`. */
import { type Parse214Options, parse214Stream } from '../edi/index.js'
import type { StreamParser } from './parsers.js'

/** Options of {@link edi214}: those of `parse214Stream` (partners, defaultZone, carrier…); `origin` is the file name. */
export type Edi214ParserOptions = Omit<Parse214Options, 'origin'>

/**
 * Parses each file as X12 214 (streaming: memory stays flat on big files; one shipment per transaction set).
 * @example sftpSource({ ..., parser: edi214({ defaultZone: 'America/Chicago', partners }) })
 */
export function edi214(options: Edi214ParserOptions = {}): StreamParser {
  return {
    format: 'edi214',
    async *parseStream(input, file, warn) {
      const stream = parse214Stream(input, { source: 'edi', ...options, origin: file.name })
      for await (const batch of stream.batches()) yield* batch
      if (warn) for (const warning of stream.summary().warnings) warn(warning)
    },
  }
}
