/** Plain text for the operator view: times as written (date, clock time, offset), windows, ages, labels. */
import type { DeliveryWindow, Location } from '../model/core.js'

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/

/**
 * An event time as the carrier gave it: date, clock time and offset (`2024-03-01 09:00 −05:00`); a local time
 * without zone says so. Anything else is returned as it is.
 */
export function formatTime(value: string): string {
  const m = ISO.exec(value)
  if (!m) return value
  const zone = m[3] === undefined ? 'zone unknown' : m[3] === 'Z' ? 'UTC' : m[3].replace('-', '\u2212')
  return `${m[1]} ${m[2]} ${zone}`
}

/** An instant in UTC (`2024-03-01 14:00 UTC`), for times the tracker recorded. */
export function formatInstant(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : formatTime(new Date(ms).toISOString())
}

/** A window (`2024-03-02 – 2024-03-03`, a date only for `day` precision). */
export function formatWindow(window: DeliveryWindow): string {
  const one = (edge: string) => (window.precision === 'day' ? edge.slice(0, 10) : formatTime(edge))
  const from = window.from ? one(window.from) : undefined
  const to = window.to ? one(window.to) : undefined
  if (from && to && from !== to) return `${from} \u2013 ${to}`
  return from ?? to ?? 'no date'
}

/** How long ago, in the largest whole unit that fits (`3 h ago`, `2 d ago`, `just now`). */
export function formatAge(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  if (ms < 60_000) return 'just now'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.floor(hours / 24)} d ago`
}

/** A place on one line (`Memphis, TN, US`). */
export function formatPlace(location: Location | undefined): string {
  if (!location) return ''
  return [location.facility, location.city, location.region, location.postalCode, location.countryCode]
    .filter((part) => part !== undefined && part !== '')
    .join(', ')
}

/** A status or milestone id as words (`out_for_delivery` → `Out for delivery`). */
export function label(id: string): string {
  const words = id.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A number with at most one decimal, or an en dash when there is none. */
export function formatNumber(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '\u2013'
  const rounded = Math.round(value * 10) / 10
  return `${rounded}${unit}`
}

/** A rate as a percentage, or an en dash when nothing was measured. */
export function formatRate(rate: number | null): string {
  return rate === null ? '\u2013' : `${Math.round(rate * 1000) / 10} %`
}
