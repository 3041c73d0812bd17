/**
 * The CSV drop adapter: status files a carrier or 3PL writes as CSV, read with a declarative column mapping and
 * the partner's own code table (the caller supplies it: every partner's codes differ). `normalize` reads a whole
 * file; `parseStream` reads one as a stream (for `waybill/sftp`), so memory stays flat on big files.
 *
 * @example
 * const acme = csv({
 *   id: 'acme-3pl',
 *   columns: { trackingNumber: 'Tracking', statusCode: 'Status', description: 'Text', date: 'When', city: 'City',
 *     region: 'State', countryCode: 'Country' },
 *   dateFormat: 'MM/dd/yyyy HH:mm',
 *   codes: { DLV: { status: 'delivered', milestone: 'delivered' } },
 * })
 * const { shipments, warnings } = acme.normalize(readFileSync('status.csv'))
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, type Options as CsvParseOptions, parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import {
  type Adapter,
  type CodeTable,
  type NormalizeContext,
  type StreamParser,
  UniqueEvents,
} from '../../src/adapter/index.js'
import { ConfigError, isWaybillError, ParseError } from '../../src/errors/index.js'
import {
  buildShipment,
  eventInstant,
  type NormalizeResult,
  type NormalizeWarning,
  type Shipment,
  type TrackingEvent,
} from '../../src/model/index.js'
import { assertZone } from '../../src/time/index.js'
import { type CsvColumns, type RowMappingOptions, resolveColumns, rowToEvent } from './rows.js'

export type { Column, CsvColumns } from './rows.js'

export interface CsvAdapterOptions {
  /** Adapter id, also the `carrier` of every event (e.g. `'acme-3pl'`). Lower case letters, digits, `-`. */
  id: string
  /** @default id */
  name?: string
  /** The partner's SCAC, recorded on each shipment. */
  scac?: string
  columns: CsvColumns
  /** The partner's status codes → canonical status and milestone. Unknown codes become `unknown` with a warning. */
  codes: CodeTable
  /** See {@link RowMappingOptions.dateFormat}. @default ISO 8601 and the forms `normalizeTime` reads */
  dateFormat?: string
  /** IANA zone for times nothing else places (marked `fallback`, with a warning). @default none: such rows fail */
  defaultZone?: string
  /** @default ',' */
  delimiter?: string
  /** The first row names the columns. @default true */
  header?: boolean
  /**
   * While streaming, rows are grouped into shipments by tracking number; at most this many shipments are held
   * open (the oldest is emitted first when there are more). @default 10_000
   */
  maxOpenShipments?: number
}

export type CsvAdapter = Adapter & StreamParser

interface CsvRecord {
  record: string[]
  info: { lines: number }
}

function checkOptions(o: CsvAdapterOptions): void {
  if (!o || typeof o !== 'object') throw new ConfigError('csv(): options are required')
  if (typeof o.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(o.id)) {
    throw new ConfigError('csv(): id must be lower case letters, digits and dashes (e.g. acme-3pl)')
  }
  if (!o.columns || typeof o.columns !== 'object') throw new ConfigError('csv(): columns are required')
  for (const key of ['trackingNumber', 'statusCode', 'date'] as const) {
    if (o.columns[key] === undefined) throw new ConfigError(`csv(): columns.${key} is required`)
  }
  if (o.header === false) {
    for (const [key, column] of Object.entries(o.columns)) {
      if (typeof column === 'string') {
        throw new ConfigError(`csv(): columns.${key}: without a header row, columns are 0-based indexes`)
      }
    }
  }
  if (!o.codes || typeof o.codes !== 'object') {
    throw new ConfigError("csv(): codes (the partner's code table) are required")
  }
  for (const [code, entry] of Object.entries(o.codes)) {
    if (!entry || typeof entry !== 'object' || !entry.status || !entry.milestone) {
      throw new ConfigError(`csv(): codes.${code} needs a status and a milestone`)
    }
  }
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length === 0)) {
    throw new ConfigError('csv(): delimiter must be a non-empty string')
  }
}

function toCsvError(error: unknown, file?: string): unknown {
  if (isWaybillError(error)) return error
  if (error instanceof CsvError) {
    const lines = (error as CsvError & { lines?: number }).lines
    return new ParseError(
      `CSV: ${error.message}`,
      { ...(lines === undefined ? {} : { line: lines }), ...(file ? { file } : {}) },
      { cause: error },
    )
  }
  return error
}

/** Accumulates events per tracking number and builds shipments (events deduplicated by id). */
class Grouper {
  private open = new Map<string, UniqueEvents>()
  constructor(
    private readonly o: CsvAdapterOptions,
    private readonly limit: number,
  ) {}

  add(event: TrackingEvent): Shipment[] {
    let events = this.open.get(event.trackingNumber)
    if (!events) {
      events = new UniqueEvents()
      this.open.set(event.trackingNumber, events)
    }
    events.add(event, eventInstant(event))
    const out: Shipment[] = []
    while (this.open.size > this.limit) {
      const [number] = this.open.keys()
      out.push(this.take(number as string))
    }
    return out
  }

  private take(number: string): Shipment {
    const events = this.open.get(number)?.list ?? []
    this.open.delete(number)
    return buildShipment({
      carrier: this.o.id,
      trackingNumber: number,
      events,
      ...(this.o.scac ? { identifiers: { scac: this.o.scac } } : {}),
    })
  }

  flush(): Shipment[] {
    return [...this.open.keys()].map((n) => this.take(n))
  }
}

/** Creates the adapter for one partner's CSV layout. */
export function csv(options: CsvAdapterOptions): CsvAdapter {
  assertZone(options.defaultZone, 'csv({ defaultZone })')
  checkOptions(options)
  const header = options.header ?? true
  const mapping: RowMappingOptions = {
    carrier: options.id,
    columns: options.columns,
    codes: options.codes,
    ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}),
  }
  const parseOptions: CsvParseOptions = {
    delimiter: options.delimiter ?? ',',
    bom: true,
    columns: false,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: false,
  }

  /** Maps records in file order: the first one is the header (when there is one), the others events. */
  function recordMapper(warnings: NormalizeWarning[], file?: string) {
    let columns = header ? undefined : resolveColumns(options.columns, undefined, file)
    return (record: string[], line: number): TrackingEvent | undefined => {
      if (!columns) {
        columns = resolveColumns(options.columns, record, file)
        return undefined
      }
      return rowToEvent(record, columns, mapping, { line, warnings, ...(file ? { file, origin: file } : {}) })
    }
  }

  return {
    id: options.id,
    name: options.name ?? options.id,
    ...(options.scac ? { scac: options.scac } : {}),
    capabilities: { files: ['csv'] },
    format: 'csv',

    normalize(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
      if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
        throw new ParseError('csv: the payload must be the file as a string or bytes', { path: '' })
      }
      const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')
      let records: CsvRecord[]
      try {
        records = parseSync(text, parseOptions) as unknown as typeof records
      } catch (error) {
        throw toCsvError(error, ctx.origin)
      }
      const warnings: NormalizeWarning[] = []
      const grouper = new Grouper(options, Number.POSITIVE_INFINITY)
      const map = recordMapper(warnings, ctx.origin)
      for (const { record, info } of records) {
        const event = map(record, info.lines)
        if (event) grouper.add(event)
      }
      return { shipments: grouper.flush(), notFound: [], warnings }
    },

    async *parseStream(input, file, warn) {
      const parser = parse(parseOptions)
      const feeding = pipeline(Readable.from(input, { objectMode: false }), parser).catch(() => {})
      const grouper = new Grouper(options, options.maxOpenShipments ?? 10_000)
      const warnings: NormalizeWarning[] = []
      const map = recordMapper(warnings, file.name)
      try {
        for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
          const event = map(record, info.lines)
          if (event) yield* grouper.add(event)
          if (warn) for (const warning of warnings.splice(0)) warn(warning)
        }
        yield* grouper.flush()
      } catch (error) {
        parser.destroy()
        throw toCsvError(error, file.name)
      } finally {
        await feeding
      }
    },
  }
}

/** What this adapter speaks and how far it was checked (the README's Carriers matrix, `npm run docs:matrix`). */
export const CSV_MATURITY = Object.freeze({
  transport: ['file', 'SFTP'],
  auth: 'none (files; SFTP with a pinned host key when fetched by the SFTP source)',
  push: false as const,
  sandbox: [] as string[],
  documentationOnly: [] as string[],
})
