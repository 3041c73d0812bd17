/**
 * Strict readers for the date, time and offset shapes carriers send. Every failure is a TimeError naming the
 * field and the value; nothing is guessed (no DD/MM vs MM/DD heuristics, no silent UTC).
 */
import { TimeError } from '../errors/index.js'
import { daysIn, digitsAt } from '../model/calendar.js'
import { quote } from './text.js'

export { daysIn, digitsAt }

/** Longest string any time field accepts; longer input is refused before any pattern runs. */
export const MAX_FIELD_LENGTH = 64

/** Years accepted: carriers send placeholders such as 0001-01-01 or 9999-12-31, which are not event times. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2199

export interface LocalDate {
  year: number
  month: number
  day: number
}

export interface LocalTime {
  hour: number
  minute: number
  second: number
  millisecond: number
  hasSeconds: boolean
}

/** An offset stated by the source. `utc` marks an explicit UTC (`Z`, `UTC`, `GMT`, X12 UT/GM), not `+00:00`. */
export interface StatedOffset {
  minutes: number
  utc: boolean
}

/** Throws the TimeError for a field. */
export function fail(field: string, value: unknown, reason: string): never {
  const shown =
    typeof value === 'string' ? value.slice(0, 100) : typeof value === 'number' ? value : undefined
  throw new TimeError(`${field}: ${reason} (got ${quote(value)})`, { details: { field, value: shown } })
}

/** A trimmed string field, or undefined when absent or empty; anything else is refused. */
export function stringField(field: string, value: unknown, max = MAX_FIELD_LENGTH): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') fail(field, value, 'expected a string')
  if (value.length > max * 4) fail(field, value, `too long (at most ${max} characters)`)
  const trimmed = value.trim()
  if (trimmed.length > max) fail(field, value, `too long (at most ${max} characters)`)
  return trimmed === '' ? undefined : trimmed
}

/** Checks a calendar date; returns it or throws naming the field. */
export function checkDate(field: string, raw: string, year: number, month: number, day: number): LocalDate {
  if (year < MIN_YEAR || year > MAX_YEAR) fail(field, raw, `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}`)
  if (month < 1 || month > 12) fail(field, raw, `month ${month} does not exist`)
  if (day < 1 || day > daysIn(year, month))
    fail(field, raw, `day ${day} does not exist in ${year}-${pad(month)}`)
  return { year, month, day }
}

/** Checks a clock time; returns it or throws naming the field. */
export function checkTime(
  field: string,
  raw: string,
  hour: number,
  minute: number,
  second: number | undefined,
  fraction?: string,
): LocalTime {
  if (hour > 23) fail(field, raw, `hour ${hour} does not exist (00-23)`)
  if (minute > 59) fail(field, raw, `minute ${minute} does not exist (00-59)`)
  if (second !== undefined && second > 59) fail(field, raw, `second ${second} does not exist (00-59)`)
  const millisecond = fraction ? Math.floor(Number(`0.${fraction}`) * 1000 + 1e-9) : 0
  return { hour, minute, second: second ?? 0, millisecond, hasSeconds: second !== undefined }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * `20240326`, `2024-03-26`, `2024/03/26`, `03/26/2024` (US order), `240326` (YYMMDD, 00-69 → 20xx).
 * @example parseDate('date', '240326') // { year: 2024, month: 3, day: 26 }
 */
export function parseDate(field: string, raw: string): LocalDate {
  // YYYYMMDD and YYYY-MM-DD (nearly every carrier date) read digit by digit, with the same checks.
  if (raw.length === 8 || (raw.length === 10 && raw[4] === '-' && raw[7] === '-')) {
    const dash = raw.length === 10 ? 1 : 0
    const year = digitsAt(raw, 0, 4)
    const month = digitsAt(raw, 4 + dash, 2)
    const day = digitsAt(raw, 6 + 2 * dash, 2)
    if (year >= 0 && month >= 0 && day >= 0) return checkDate(field, raw, year, month, day)
  }
  let m =
    /^(\d{4})(\d{2})(\d{2})$/.exec(raw) ??
    /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ??
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(raw)
  if (m) return checkDate(field, raw, Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw)
  if (m) return checkDate(field, raw, Number(m[3]), Number(m[1]), Number(m[2]))
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(raw)
  if (m) {
    const yy = Number(m[1])
    return checkDate(field, raw, yy < 70 ? 2000 + yy : 1900 + yy, Number(m[2]), Number(m[3]))
  }
  return fail(field, raw, 'not a date (expected YYYYMMDD, YYYY-MM-DD, MM/DD/YYYY or YYMMDD)')
}

/**
 * `105800`, `1058`, `74700` (H without leading zero), `747`, `10580012` (hundredths), `10:58`, `10:58:00`,
 * `10:58:00.250`, `7:47 AM`, `7:47:05 p.m.`.
 * @example parseTime('time', '74700') // 07:47:00, hasSeconds
 */
export function parseTime(field: string, raw: string): LocalTime {
  // Digits only (the most common shape) cannot match the 12-hour or colon patterns: read them first.
  if (DIGITS_3_TO_8.test(raw)) return digitTime(field, raw)
  const upper = raw.toUpperCase()
  let m = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?\s*([AP])\.?\s?M\.?$/.exec(upper)
  if (m) {
    const h12 = Number(m[1])
    if (h12 < 1 || h12 > 12) fail(field, raw, `hour ${h12} does not exist on a 12-hour clock`)
    const hour = (h12 % 12) + (m[4] === 'P' ? 12 : 0)
    return checkTime(field, raw, hour, Number(m[2] ?? 0), m[3] === undefined ? undefined : Number(m[3]))
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/.exec(upper)
  if (m)
    return checkTime(
      field,
      raw,
      Number(m[1]),
      Number(m[2]),
      m[3] === undefined ? undefined : Number(m[3]),
      m[4],
    )
  return fail(field, raw, 'not a time (expected HHMM, HHMMSS, HH:MM, HH:MM:SS or H:MM AM)')
}

const DIGITS_3_TO_8 = /^\d{3,8}$/

function digitTime(field: string, raw: string): LocalTime {
  // 3/5 digits lack the hour's leading zero (UPS '74700'); 7/8 digits carry tenths/hundredths (X12 HHMMSSDD).
  const short = raw.length === 3 || raw.length === 5 ? 1 : 0
  const hour = short ? digitsAt(raw, 0, 1) : digitsAt(raw, 0, 2)
  const minute = digitsAt(raw, 2 - short, 2)
  const second = raw.length + short >= 6 ? digitsAt(raw, 4 - short, 2) : undefined
  return checkTime(field, raw, hour, minute, second, raw.length > 6 ? raw.slice(6) : undefined)
}

/**
 * `Z`, `UTC`, `GMT`, `-5`, `-5:00`, `-05:00`, `-0500`, `+05:45`, `UTC-5`, `GMT+01:00`; or minutes east of UTC.
 * Offsets must lie within -12:00..+14:00 and be whole quarter hours.
 */
export function parseOffset(field: string, raw: string | number): StatedOffset {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) fail(field, raw, 'offset minutes must be a whole number')
    return checkOffset(field, raw, raw, false)
  }
  if (raw.length === 6 && raw.charCodeAt(3) === 58 /* : */ && /^[+-]\d\d:\d\d$/.test(raw)) {
    // ±HH:MM, the shape ISO 8601 values carry: read without the general pattern below (same checks).
    const hours = (raw.charCodeAt(1) - 48) * 10 + (raw.charCodeAt(2) - 48)
    const mins = (raw.charCodeAt(4) - 48) * 10 + (raw.charCodeAt(5) - 48)
    if (mins > 59) fail(field, raw, 'offset minutes must be 00-59')
    return checkOffset(field, raw, (raw.charCodeAt(0) === 45 ? -1 : 1) * (hours * 60 + mins), false)
  }
  const upper = raw.toUpperCase()
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UT') return { minutes: 0, utc: true }
  const m = /^(UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(upper)
  if (!m) return fail(field, raw, 'not an offset (expected Z, ±H, ±HH:MM or ±HHMM)')
  const minutes = (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4] ?? 0))
  if (Number(m[4] ?? 0) > 59) fail(field, raw, 'offset minutes must be 00-59')
  return checkOffset(field, raw, minutes, m[1] !== undefined && minutes === 0)
}

/**
 * Whether `minutes` east of UTC is an offset `normalizeTime` accepts: within -12:00..+14:00 and whole quarter
 * hours. The one rule for every reader, the digit-by-digit fast paths included.
 */
export function isAcceptedOffset(minutes: number): boolean {
  return minutes >= -720 && minutes <= 840 && minutes % 15 === 0
}

function checkOffset(field: string, raw: string | number, minutes: number, utc: boolean): StatedOffset {
  if (minutes < -720 || minutes > 840) fail(field, raw, 'offset outside -12:00..+14:00')
  if (minutes % 15 !== 0) {
    fail(
      field,
      raw,
      typeof raw === 'number'
        ? 'offset must be minutes east of UTC in quarter hours (e.g. -300)'
        : 'offset must be whole quarter hours',
    )
  }
  return { minutes: minutes === 0 ? 0 : minutes, utc }
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/** An ISO 8601 date-time (`T` or space, seconds and fraction optional, offset optional), or a date alone. */
export function parseDateTime(
  field: string,
  raw: string,
): { date: LocalDate; time?: LocalTime; offset?: StatedOffset } {
  const m = ISO_DATE_TIME.exec(raw)
  if (!m) return fail(field, raw, 'not an ISO 8601 date-time (expected YYYY-MM-DDTHH:mm[:ss][±HH:MM|Z])')
  const date = checkDate(field, raw, Number(m[1]), Number(m[2]), Number(m[3]))
  if (m[4] === undefined) {
    if (m[8] !== undefined) fail(field, raw, 'an offset needs a time of day')
    return { date }
  }
  const time = checkTime(
    field,
    raw,
    Number(m[4]),
    Number(m[5]),
    m[6] === undefined ? undefined : Number(m[6]),
    m[7],
  )
  return { date, time, offset: m[8] === undefined ? undefined : parseOffset(field, m[8]) }
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/

/** Epoch ms of a strict `YYYY-MM-DDTHH:mm(:ss(.sss)?)?(Z|±HH:MM)` string, or undefined when it is not one. */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined
  const m = ISO_WITH_OFFSET.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  const second = Number(m[6] ?? 0)
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offset = 0
  if (m[8] !== 'Z') {
    const oh = Number(m[10])
    const om = Number(m[11])
    if (oh > 14 || om > 59) return undefined
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const d = new Date(wall)
  d.setUTCFullYear(year) // Date.UTC maps years 0-99 to 1900-1999
  return d.getTime() - offset * 60_000
}
