/**
 * The X12 214 adapter: `edi214(options)` reads shipment-status files (SFTP drops, VAN/AS2 payloads) into
 * canonical shipments. `normalize` takes a whole file; `parseStream` (it is the SFTP source's parser) and `read214`
 * stream big files with flat memory. The AT7 code tables are the standard's, in `src/edi/codes214.ts`
 * (re-exported here); quirks in `./README.md`.
 */
import type { Adapter, NormalizeContext, StreamedFile, StreamParser } from '../../src/adapter/index.js'
import {
  type Edi214Stream,
  parse214,
  parse214Stream,
  type TradingPartner,
  validatePartners,
  type X12Input,
} from '../../src/edi/index.js'
import { ValidationError } from '../../src/errors/index.js'
import type { NormalizeResult, NormalizeWarning, Shipment } from '../../src/model/index.js'
import { assertZone } from '../../src/time/index.js'

export { AT701, AT702, AT703, L11_TYPES, type TradingPartner } from '../../src/edi/index.js'

/** Options of {@link edi214}. */
export interface Edi214Options {
  /**
   * Adapter id, also the carrier id of shipments whose sender has no profile naming a carrier.
   * @default 'edi214'
   */
  id?: string
  /** Display name. @default 'X12 214 shipment status' */
  name?: string
  /**
   * Trading-partner profiles, matched on GS02 or ISA06: carrier id, SCAC, default zone, code overrides.
   * @default []
   * @example partners: [{ senderIds: ['ABCD'], carrier: 'abcd-freight', defaultZone: 'America/Chicago' }]
   */
  partners?: readonly TradingPartner[]
  /**
   * IANA zone for times neither the X12 time code nor the place resolve (events marked `fallback`).
   * `ctx.defaultZone` given to `normalize` wins over it.
   * @default undefined (such lines are skipped with a warning)
   */
  defaultZone?: string
  /**
   * Make every envelope warning (SE/GE/IEA counts, control numbers) a `ParseError`.
   * @default false
   */
  strict?: boolean
}

/**
 * The 214 adapter: an {@link Adapter} that is also a {@link StreamParser} (the `parser` of `sftpSource`), plus
 * `read214` for any input.
 */
export interface Edi214Adapter extends Adapter, StreamParser {
  /** Shown by the SFTP source in logs and outcomes. */
  readonly format: 'edi214'
  /**
   * Streams the shipments of one file (flat memory on big files); the file's name is the origin of each raw record,
   * and `warn` receives the file's warnings (unknown codes, fallback zones, envelope counts) at its end.
   * @example sftpSource({ ..., parser: edi214({ defaultZone: 'America/Chicago', partners }) })
   */
  parseStream(
    input: AsyncIterable<Uint8Array>,
    file?: Partial<StreamedFile>,
    warn?: (warning: NormalizeWarning) => void,
  ): AsyncIterable<Shipment>
  /** Streams the shipments of any input, with the file summary at the end. */
  read214(input: X12Input, ctx?: NormalizeContext): Edi214Stream
}

/**
 * Creates the X12 214 adapter.
 * @example
 * const adapter = edi214({ partners: [{ senderIds: ['ABCD'], carrier: 'abcd-freight', scac: 'ABCD' }] })
 * const { shipments, warnings } = adapter.normalize(readFileSync('status.edi'))
 */
export function edi214(options: Edi214Options = {}): Edi214Adapter {
  assertZone(options.defaultZone, 'edi214({ defaultZone })')
  const id = options.id ?? 'edi214'
  const base = {
    carrier: id,
    ...(options.partners ? { partners: options.partners } : {}),
    ...(options.strict ? { strict: true } : {}),
  }
  const settings = (ctx: NormalizeContext = {}) => {
    const zone = ctx.defaultZone ?? options.defaultZone
    return {
      ...base,
      source: ctx.source ?? 'edi',
      ...(zone ? { defaultZone: zone } : {}),
      ...(ctx.origin ? { origin: ctx.origin } : {}),
    }
  }
  validatePartners(options.partners ?? [])
  return {
    id,
    name: options.name ?? 'X12 214 shipment status',
    capabilities: { files: ['edi214'] },
    format: 'edi214',
    normalize(payload: unknown, ctx?: NormalizeContext): NormalizeResult {
      if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
        throw new ValidationError('payload', 'must be the bytes or text of an X12 214 file')
      }
      const { shipments, summary } = parse214(payload, settings(ctx))
      return { shipments, notFound: [], warnings: summary.warnings }
    },
    async *parseStream(input, file, warn) {
      const stream = parse214Stream(input, settings(file?.name ? { origin: file.name } : {}))
      for await (const batch of stream.batches()) yield* batch
      if (warn) for (const warning of stream.summary().warnings) warn(warning)
    },
    read214(input, ctx) {
      return parse214Stream(input, settings(ctx))
    },
  }
}

/**
 * Streams the canonical shipments of a 214 file of any size (flat memory), with the adapter's options.
 * @example for await (const shipment of read214(createReadStream('big.edi'), { defaultZone: 'America/Chicago' })) save(shipment)
 */
export function read214(input: X12Input, options: Edi214Options & { origin?: string } = {}): Edi214Stream {
  return edi214(options).read214(input, options.origin ? { origin: options.origin } : {})
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const EDI214_MATURITY = Object.freeze({
  transport: ['EDI', 'SFTP'],
  auth: 'none (files; SFTP with a pinned host key when fetched by the SFTP source)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [
    'AT7 code meanings (X12 element dictionaries)',
    'partner-specific quirks beyond the corpus files',
  ],
})
