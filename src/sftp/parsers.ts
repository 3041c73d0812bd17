/**
 * The `parser` option: how a downloaded file becomes canonical shipments. A parser is either a `StreamParser` of
 * the adapter contract (the 214 adapter `edi214()`, the CSV adapter) that reads the bytes as they come, or any
 * function from the file's bytes to shipments. Whatever a parser throws reaches the caller as a typed error
 * naming the file.
 */
import type { StreamParser } from '../adapter/index.js'
import { ConfigError, isWaybillError, ParseError } from '../errors/index.js'
import type { NormalizeWarning, Shipment } from '../model/core.js'
import type { RemoteFile } from './options.js'

/**
 * Any function from a whole file's bytes to shipments. Its output is validated against the canonical schema.
 * @example parser: (bytes) => JSON.parse(new TextDecoder().decode(bytes)).map(toShipment)
 */
export type BytesParser = (
  bytes: Uint8Array,
  file: RemoteFile,
) => Iterable<Shipment> | AsyncIterable<Shipment> | Promise<Iterable<Shipment>>

export type FileParser = StreamParser | BytesParser

export interface ResolvedParser {
  format: string
  parse(
    input: AsyncIterable<Uint8Array>,
    file: RemoteFile,
    warn: (warning: NormalizeWarning) => void,
  ): AsyncIterable<Shipment>
}

function isStreamParser(value: unknown): value is StreamParser {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { parseStream?: unknown }).parseStream === 'function'
  )
}

/** Turns the `parser` option into one streaming shape; a ConfigError for anything else. */
export function toParser(parser: FileParser): ResolvedParser {
  if (isStreamParser(parser)) {
    return {
      format: parser.format ?? 'stream',
      parse: (input, file, warn) => guard(parser.parseStream(input, file, warn), file, false),
    }
  }
  if (typeof parser === 'function') {
    return {
      format: parser.name || 'function',
      parse: (input, file) => guard(fromBytes(parser, input, file), file, true),
    }
  }
  throw new ConfigError(
    'parser must be edi214(), a CSV adapter (csv({...})) or a function from bytes to shipments',
  )
}

async function* fromBytes(
  parser: BytesParser,
  input: AsyncIterable<Uint8Array>,
  file: RemoteFile,
): AsyncIterable<Shipment> {
  const chunks: Uint8Array[] = []
  for await (const chunk of input) chunks.push(chunk)
  const result = await parser(Buffer.concat(chunks), file)
  if (result === null || typeof result !== 'object') {
    throw new ParseError('the parser function did not return a list of shipments', { file: file.name })
  }
  yield* result as Iterable<Shipment>
}

/** Validates user output and turns anything that is not a WaybillError into a ParseError naming the file. */
async function* guard(
  shipments: AsyncIterable<Shipment>,
  file: RemoteFile,
  validate: boolean,
): AsyncIterable<Shipment> {
  let index = 0
  // zod loads with the model's schemas, for parsers whose output is validated only.
  const shipmentSchema = validate ? (await import('../model/schemas.js')).shipmentSchema : undefined
  try {
    for await (const shipment of shipments) {
      if (shipmentSchema) {
        const result = shipmentSchema.safeParse(shipment)
        if (!result.success) {
          const issue = result.error.issues[0]
          const where = `shipments[${index}]${issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? ''}`
          throw new ParseError(`the parser returned an invalid shipment: ${issue?.message ?? 'invalid'}`, {
            file: file.name,
            path: where,
          })
        }
      }
      index++
      yield shipment
    }
  } catch (error) {
    if (isWaybillError(error)) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new ParseError(`parser failed: ${message}`, { file: file.name }, { cause: error })
  }
}
