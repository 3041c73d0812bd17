/**
 * Intl formatting for customer messages: estimates as phrase parts, event times and places, durations.
 *
 * Times are shown in the recipient's IANA zone when given, else in the event's zone, else as the wall clock of the
 * offset the time was given with. A date-only fact (precision `day`) is shown as that date in every zone.
 */
import type { DeliveryWindow } from '../../model/core.js'
import { BoundedMap } from '../../time/bounded-map.js'
import type { EtaParts } from './index.js'

/** What formatting needs to know about the recipient. */
export interface FormatContext {
  /** A BCP 47 tag `Intl` accepts. */
  intlLocale: string
  timeZone?: string
  now: Date
}

const OFFSET = /(?:([+-])(\d{2}):(\d{2})|Z)$/

/** How an instant is shown: in an IANA zone, or (no zone known) as the wall clock of its own offset. */
export interface Frame {
  timeZone: string
  shiftMs: number
}

export function validZone(zone: string | undefined): zone is string {
  if (!zone) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function frameFor(iso: string, ctx: FormatContext, ownZone?: string): Frame {
  if (ctx.timeZone) return { timeZone: ctx.timeZone, shiftMs: 0 }
  if (validZone(ownZone)) return { timeZone: ownZone, shiftMs: 0 }
  const m = OFFSET.exec(iso)
  const minutes = m?.[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  return { timeZone: 'UTC', shiftMs: minutes * 60_000 }
}

/**
 * Formatters by locale, zone and fields, kept: building an `Intl.DateTimeFormat` costs far more than using one,
 * and a page formats every event several times. Bounded: a flood of distinct locales drops the oldest first.
 */
const formatters = new BoundedMap<string, Intl.DateTimeFormat>(512)

function formatterOf(
  locale: string,
  timeZone: string,
  fields: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(fields)}`
  let formatter = formatters.get(key)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { ...fields, timeZone })
    formatters.set(key, formatter)
  }
  return formatter
}

/** Formats in a frame. ICU 72+ puts a narrow no-break space before AM/PM; plain text reads better with a space. */
export function format(ms: number, frame: Frame, locale: string, fields: Intl.DateTimeFormatOptions): string {
  const text = formatterOf(locale, frame.timeZone, fields).format(new Date(ms + frame.shiftMs))
  return text.replace(/\u202f/g, ' ')
}

/** A range of two instants as the locale writes one ("9:00 AM – 12:00 PM", "09:00–12:00 Uhr"). */
export function formatRange(
  from: number,
  to: number,
  frame: Frame,
  locale: string,
  fields: Intl.DateTimeFormatOptions,
): string {
  const text = formatterOf(locale, frame.timeZone, fields).formatRange(
    new Date(from + frame.shiftMs),
    new Date(to + frame.shiftMs),
  )
  return text.replace(/\u202f/g, ' ')
}

const DAY_KEY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' }

/** `YYYY-MM-DD` of an instant in a frame. */
export function dayKey(ms: number, frame: Frame): string {
  const parts = formatterOf('en-US', frame.timeZone, DAY_KEY).formatToParts(new Date(ms + frame.shiftMs))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** A `YYYY-MM-DD` local date as a UTC frame instant (noon, so no zone can move it to another day). */
export function dateOnly(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T12:00:00Z`)
}

export const UTC: Frame = { timeZone: 'UTC', shiftMs: 0 }

function dayFields(key: string, ctx: FormatContext, frame: Frame): Intl.DateTimeFormatOptions {
  const sameYear = key.slice(0, 4) === dayKey(ctx.now.getTime(), frame).slice(0, 4)
  return { weekday: 'long', month: 'long', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }
}

function relative(key: string, ctx: FormatContext, frame: Frame): EtaParts['day'] {
  const today = dayKey(ctx.now.getTime(), frame)
  if (key === today) return 'today'
  const tomorrow = dayKey(ctx.now.getTime() + 86_400_000, frame)
  return key === tomorrow ? 'tomorrow' : undefined
}

function withDay<T extends EtaParts>(parts: T, day: EtaParts['day']): T {
  return day ? { ...parts, day } : parts
}

/** The parts of an estimate, formatted; undefined when the window has no edge. */
export function etaParts(window: DeliveryWindow, ctx: FormatContext): EtaParts | undefined {
  const first = window.from ?? window.to
  const last = window.to ?? window.from
  if (!first || !last) return undefined
  const L = ctx.intlLocale
  if (window.precision === 'day') {
    const frame = frameFor(first, ctx)
    const [a, b] = [first.slice(0, 10), last.slice(0, 10)]
    const date = format(dateOnly(a), UTC, L, dayFields(a, ctx, frame))
    if (a !== b) return { kind: 'days', date, toDate: format(dateOnly(b), UTC, L, dayFields(b, ctx, frame)) }
    return withDay({ kind: 'on', date }, relative(a, ctx, frame))
  }
  const frame = frameFor(last, ctx)
  const [from, to] = [Date.parse(first), Date.parse(last)]
  const [fromDay, toDay] = [dayKey(from, frame), dayKey(to, frame)]
  const date = format(from, frame, L, dayFields(fromDay, ctx, frame))
  if (fromDay !== toDay)
    return { kind: 'days', date, toDate: format(to, frame, L, dayFields(toDay, ctx, frame)) }
  const clock: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }
  const time = (ms: number) => format(ms, frame, L, clock)
  const day = relative(toDay, ctx, frame)
  if (from === to) return withDay({ kind: 'by', date, time: time(to) }, day)
  const range = formatRange(from, to, frame, L, clock)
  return withDay({ kind: 'between', date, from: time(from), to: time(to), range }, day)
}

/** "3 days", "30 Stunden": hours under 48 as hours, else whole days. */
export function duration(hours: number, locale: string): string {
  const [value, unit] =
    hours < 48 ? [Math.max(1, Math.round(hours)), 'hour'] : [Math.floor(hours / 24), 'day']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
}
