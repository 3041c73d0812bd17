/**
 * One CSV row → one canonical event, through the declarative column mapping and the partner's code table.
 * Every problem is a ParseError naming the row (file line) and the column.
 */
import { DateTime } from 'luxon'
import { type CodeTable, clean, createEvent, mapCode } from '../../src/adapter/index.js'
import { ConfigError, isWaybillError, ParseError } from '../../src/errors/index.js'
import { compactLocation, type NormalizeWarning, type TrackingEvent } from '../../src/model/index.js'
import { normalizeTime, type TimeInput } from '../../src/time/index.js'

/** A column: its header name, or its 0-based position when the file has no header row. */
export type Column = string | number

/** Which column holds what. Only `trackingNumber`, `statusCode` and `date` are required. */
export interface CsvColumns {
  trackingNumber: Column
  /** The partner's status code, looked up in `codes`. */
  statusCode: Column
  /** The partner's text for the event. */
  description?: Column
  /** A date, or a date and time (`dateFormat` says how it is written). */
  date: Column
  /** A separate time-of-day column, when the date column holds only the date. */
  time?: Column
  /** A UTC offset (`-05:00`), a zone abbreviation (`CST`) or an IANA zone (`America/Chicago`) for the time. */
  zone?: Column
  city?: Column
  region?: Column
  postalCode?: Column
  countryCode?: Column
  facility?: Column
  /** A reason/exception code kept in `raw.codes.reason` (and as the event's `reason` when the table has none). */
  reasonCode?: Column
}

export interface RowMappingOptions {
  carrier: string
  columns: CsvColumns
  codes: CodeTable
  /**
   * How `date` (or `date` + ' ' + `time` when a time column is given) is written, in Luxon tokens. Omit for ISO
   * 8601 and the other forms `normalizeTime` reads (`20240326`, `03/26/2024`, `2024-03-26 10:58`…).
   * @example 'MM/dd/yyyy HH:mm'
   */
  dateFormat?: string
  /** IANA zone used when neither an offset/zone column nor the location gives one (events marked `fallback`). */
  defaultZone?: string
}

export interface RowContext {
  /** 1-based line in the file where the record starts. */
  line: number
  file?: string
  origin?: string
  warnings: NormalizeWarning[]
}

/** Resolves column names against the header row; a ConfigError-free ParseError when one is missing. */
export function resolveColumns(columns: CsvColumns, header: readonly string[] | undefined, file?: string) {
  const index = new Map<keyof CsvColumns, number>()
  for (const [key, column] of Object.entries(columns) as [keyof CsvColumns, Column | undefined][]) {
    if (column === undefined) continue
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 0)
        throw new ConfigError(`columns.${key} must be a 0-based index`)
      index.set(key, column)
      continue
    }
    if (!header) throw new ConfigError(`columns.${key}: the file has no header row; give a 0-based index`)
    const at = header.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase())
    if (at < 0) {
      throw new ParseError(`the header has no column '${column}' (mapped as ${key})`, {
        line: 1,
        path: key,
        ...(file ? { file } : {}),
      })
    }
    index.set(key, at)
  }
  return index
}

function wallClock(value: string, format: string, field: string, ctx: RowContext, column: number): TimeInput {
  const parsed = DateTime.fromFormat(value, format, { zone: 'UTC', setZone: true })
  if (!parsed.isValid) {
    throw new ParseError(`'${value.slice(0, 40)}' does not match the date format '${format}'`, {
      line: ctx.line,
      column: column + 1,
      path: field,
      ...(ctx.file ? { file: ctx.file } : {}),
    })
  }
  const hasOffset = /(^|[^'])[Zz]/.test(format)
  const hasSeconds = /s/.test(format.replace(/'[^']*'/g, ''))
  const hasTime = /[Hhm]/.test(format.replace(/'[^']*'/g, ''))
  if (!hasTime) return { date: parsed.toFormat('yyyy-MM-dd') }
  const local = parsed.toFormat(hasSeconds ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm")
  return hasOffset ? { dateTime: local, offset: parsed.offset } : { dateTime: local }
}

const IANA = /^[A-Za-z_]+\/[A-Za-z_/+-]+$|^UTC$/
const OFFSET = /^(Z|[+-]\d{1,2}(:?\d{2})?|UTC[+-]\d{1,2}(:?\d{2})?)$/i

/** Maps one record (an array of cells) to an event. */
export function rowToEvent(
  cells: readonly string[],
  columns: Map<keyof CsvColumns, number>,
  o: RowMappingOptions,
  ctx: RowContext,
): TrackingEvent {
  const where = (key: keyof CsvColumns) => ({
    line: ctx.line,
    column: (columns.get(key) ?? 0) + 1,
    path: key,
    ...(ctx.file ? { file: ctx.file } : {}),
  })
  const cell = (key: keyof CsvColumns): string | undefined => {
    const at = columns.get(key)
    return at === undefined ? undefined : clean(cells[at])
  }
  const required = (key: keyof CsvColumns): string => {
    const value = cell(key)
    if (value === undefined) throw new ParseError(`row at line ${ctx.line}: ${key} is empty`, where(key))
    return value
  }
  const trackingNumber = required('trackingNumber')
  const code = required('statusCode').toUpperCase()
  const dateText = required('date')
  const timeText = cell('time')
  const zoneText = cell('zone')
  const location = compactLocation({
    city: cell('city'),
    region: cell('region'),
    postalCode: cell('postalCode'),
    countryCode: cell('countryCode'),
    facility: cell('facility'),
  })
  if (location?.countryCode && !/^[A-Z]{2}$/.test(location.countryCode)) {
    throw new ParseError(
      `row at line ${ctx.line}: countryCode '${location.countryCode}' is not ISO 3166-1 alpha-2`,
      where('countryCode'),
    )
  }
  const entry = mapCode(o.codes, code, {
    warnings: ctx.warnings,
    path: `line ${ctx.line}`,
    trackingNumber,
    carrier: o.carrier,
  })

  let input: TimeInput
  const combined = timeText === undefined ? dateText : `${dateText} ${timeText}`
  if (o.dateFormat) input = wallClock(combined, o.dateFormat, 'date', ctx, columns.get('date') ?? 0)
  else if (timeText !== undefined) input = { date: dateText, time: timeText }
  else input = { dateTime: dateText }
  if (zoneText !== undefined) {
    if (OFFSET.test(zoneText)) input.offset = zoneText
    else if (IANA.test(zoneText)) input.timeZone = zoneText
    else input.zoneAbbreviation = zoneText
  }
  if (location) input.location = location
  if (o.defaultZone) input.defaultZone = o.defaultZone
  let time: ReturnType<typeof normalizeTime>
  try {
    time = normalizeTime(input, { unknownZone: 'keep' })
  } catch (error) {
    const message = isWaybillError(error) || error instanceof Error ? error.message : String(error)
    throw new ParseError(`row at line ${ctx.line}: ${message}`, where(zoneText ? 'zone' : 'date'), {
      cause: error,
    })
  }
  if (time.zoneSource === 'unknown')
    ctx.warnings.push({
      code: 'unknown_zone',
      message: `line ${ctx.line}: kept without a zone (${time.missing}): occurredAt is the local time`,
      path: `line ${ctx.line}`,
      trackingNumber,
    })
  if (time.zoneSource === 'fallback') {
    ctx.warnings.push({
      code: 'fallback_zone',
      message: `line ${ctx.line}: time read in the default zone ${o.defaultZone}`,
      path: `line ${ctx.line}`,
      trackingNumber,
    })
  }
  const description = cell('description')
  const reasonCode = cell('reasonCode')
  const reason = entry.reason ?? reasonCode
  return createEvent({
    carrier: o.carrier,
    trackingNumber,
    status: entry.status,
    milestone: entry.milestone,
    ...(reason === undefined ? {} : { reason }),
    occurredAt: time.occurredAt,
    ...(time.timeZone === undefined ? {} : { timeZone: time.timeZone }),
    zoneSource: time.zoneSource,
    precision: time.precision,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    ...(location ? { location } : {}),
    description: description ?? '',
    raw: {
      source: 'file',
      code,
      ...(reasonCode === undefined ? {} : { codes: { reason: reasonCode } }),
      ...(description === undefined ? {} : { text: description }),
      record: [...cells],
      ...(ctx.origin ? { origin: ctx.origin } : {}),
    },
  })
}
