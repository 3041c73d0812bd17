/**
 * Customer messages: `describe(shipment | event)` and `describeAlert(alert)` turn the canonical model into a short,
 * plain sentence with the next step, in the recipient's language, with dates and times formatted by `Intl` in the
 * recipient's zone. The words live in `./messages/` (one typed table per language).
 */
import { ValidationError } from '../errors/index.js'
import type { Alert, DeliveryWindow, Milestone, Shipment, Status, TrackingEvent } from '../model/core.js'
import { instantOfTime, wallTimeOf } from '../model/event-time.js'
import { MILESTONE_STATUS, MILESTONES, STATUSES } from '../model/status-values.js'
import { windowEnd } from './alerts.js'
import {
  dateOnly,
  dayKey,
  duration,
  etaParts,
  type FormatContext,
  format,
  frameFor,
  UTC,
} from './messages/format.js'
import { type MessageTable, messagesFor } from './messages/index.js'
import { place } from './messages/place.js'

export interface DescribeOptions {
  /**
   * BCP 47 locale of the recipient. Its language picks the messages (en, es, fr, de, vi; any other language gets
   * English); the full tag picks the date and time format (`en-GB` → 20:00, `en-US` → 8:00 PM).
   * @default 'en'
   * @example 'es-MX'
   */
  locale?: string
  /**
   * IANA zone of the recipient. When omitted, times are shown in the zone of the event (its `timeZone`, else the
   * offset its time was given with), which for an estimate is the destination's local time. Date-only facts
   * (precision `day`) are shown as that date, never with a time.
   * @example 'America/Chicago'
   */
  timeZone?: string
  /** What "today" is (for "today"/"tomorrow" and to leave out an estimate already past). @default new Date() */
  now?: Date
}

/** A customer-ready description. */
export interface Description {
  /** One or two plain sentences, e.g. "Your package is out for delivery and should arrive by 8:00 PM." */
  text: string
  /** What the recipient can do next (or that nothing is needed). */
  nextStep?: string
  /**
   * Whether the next step asks the recipient to do something (see {@link needsAction}). A page or notification
   * shows "Needs attention" only when this is true, so the badge and the next step never disagree.
   */
  action: boolean
  status: Status
  milestone: Milestone
  /** The language of the messages used: `en` when the locale's language has no table. */
  language: string
  /** The delivery estimate phrase used in `text` ("by 8:00 PM"), when one was. */
  eta?: string
  /**
   * The delivery estimate as a headline that leads with the date, in the recipient's zone, with the time window
   * when known and "today"/"tomorrow" as a complement: "Arrives Wednesday, March 27, 9:00 AM – 12:00 PM · tomorrow".
   * Set whenever `eta` is.
   */
  arrives?: string
  /** The sentence about the current state alone, without the estimate ("Your package is out for delivery."). */
  statusText: string
  /** For an event: when it happened, formatted for the recipient. */
  when?: string
  /** For an event with a time of day: that time alone ("8:02 AM"), in the same zone as `when`. */
  time?: string
  /** For an event with a time of day in a known zone: whether it happened today (by `now`, in that zone). */
  today?: boolean
  /** For an event: where it happened, e.g. "Atlanta, GA, United States". */
  where?: string
}

/** A notification for an alert: a short title and a body. */
export interface AlertDescription {
  title: string
  text: string
  kind: Alert['kind']
  severity: Alert['severity']
  language: string
}

interface Context extends FormatContext {
  messages: MessageTable
}

/** Statuses for which an estimate still means something to the recipient. */
const ETA_STATUSES = new Set<Status>([
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'exception',
  'unknown',
])
const GENERIC = new Set<Milestone>(['status_update', 'unknown'])
/** Statuses whose next step always asks something of the recipient (collect it, rearrange, contact the sender). */
const ACTION_STATUSES = new Set<Status>(['delivery_attempted', 'available_for_pickup', 'failure'])
/**
 * Exceptions that ask something of the recipient. Every other exception (customs, a delay, weather, a hold, a
 * carrier code we cannot be specific about) only needs patience, and is worded calmly: "Nothing to do for now."
 */
const ACTION_EXCEPTIONS = new Set<Milestone>(['address_issue', 'damaged'])

function context(options: DescribeOptions): Context {
  if (options.locale !== undefined && typeof options.locale !== 'string')
    throw new ValidationError('locale', 'must be a BCP 47 language tag such as "es-MX"')
  const messages = messagesFor(options.locale)
  let intlLocale = messages.language
  const tag = (options.locale ?? '').trim().replace(/_/g, '-')
  if (tag && tag.toLowerCase().split('-')[0] === messages.language) {
    try {
      intlLocale = Intl.getCanonicalLocales(tag)[0] ?? intlLocale
    } catch {
      // a malformed region or script: the language alone still formats correctly
    }
  }
  if (options.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: options.timeZone })
    } catch (cause) {
      throw new ValidationError('timeZone', `'${options.timeZone}' is not an IANA time zone`, { cause })
    }
  }
  if (options.now !== undefined && !(options.now instanceof Date && !Number.isNaN(options.now.getTime())))
    throw new ValidationError('now', 'must be a valid Date')
  return {
    messages,
    intlLocale,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    now: options.now ?? new Date(),
  }
}

/** The milestone's sentence when it says more than the status; the status's otherwise. */
function specific(status: Status, milestone: Milestone): boolean {
  if (GENERIC.has(milestone)) return false
  return MILESTONE_STATUS[milestone] === status || (status === 'exception' && milestone === 'customs')
}

/**
 * The one rule for "does the recipient have to do something?": it picks the next step's wording (an instruction,
 * or "Nothing to do for now") and whether a page shows a "Needs attention" badge. Customs clearance, delays and
 * holds need no action; an address problem or a damaged package do.
 * @example needsAction('exception', 'customs') // false
 * @example needsAction('exception', 'address_issue') // true
 */
export function needsAction(status: Status, milestone: Milestone): boolean {
  if (ACTION_STATUSES.has(status)) return true
  return status === 'exception' && specific(status, milestone) && ACTION_EXCEPTIONS.has(milestone)
}

function checkKinds(status: unknown, milestone: unknown, path: string): asserts status is Status {
  if (!STATUSES.includes(status as Status))
    throw new ValidationError(`${path}.status`, `'${String(status)}' is not a canonical status`)
  if (!MILESTONES.includes(milestone as Milestone))
    throw new ValidationError(`${path}.milestone`, `'${String(milestone)}' is not a canonical milestone`)
}

function base(status: Status, milestone: Milestone, m: MessageTable): Description {
  const precise = specific(status, milestone)
  const action = needsAction(status, milestone)
  const byMilestone = precise ? m.nextStepByMilestone[milestone] : undefined
  const text = precise ? m.milestone[milestone] : m.status[status]
  return {
    text,
    statusText: text,
    nextStep: byMilestone ?? m.nextStep[status],
    action,
    status,
    milestone,
    language: m.language,
  }
}

function describeShipment(shipment: Shipment, ctx: Context): Description {
  const { status, milestone } = shipment
  const out = base(status, milestone, ctx.messages)
  const window = shipment.estimatedDelivery
  const end = window ? windowEnd(window) : undefined
  if (!window || !ETA_STATUSES.has(status) || end === undefined || end < ctx.now.getTime()) return out
  const parts = etaParts(window, ctx)
  if (!parts) return out
  const eta = ctx.messages.eta(parts)
  const key: Milestone = specific(status, milestone) ? milestone : (status as Milestone)
  const joined = ctx.messages.arrivalWith[key]
  const text = tidy(joined ? joined(eta) : `${out.text} ${ctx.messages.arrival(eta)}`)
  return { ...out, eta, arrives: ctx.messages.arrives(parts), text }
}

function describeEvent(event: TrackingEvent, ctx: Context): Description {
  const out = base(event.status, event.milestone, ctx.messages)
  // An event the carrier's code table does not know is still news (the shipment-level "no news yet" is wrong here).
  if (event.status === 'unknown') out.text = out.statusText = ctx.messages.milestone.unknown
  const where = place(event.location, ctx.intlLocale)
  const date: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' }
  if (event.precision === 'day') {
    const when = format(dateOnly(event.occurredAt), UTC, ctx.intlLocale, date)
    return { ...out, when, ...(where ? { where } : {}) }
  }
  // A local time whose zone is unknown is shown as the carrier's wall clock, in no zone (never converted).
  const unknownZone = event.zoneSource === 'unknown'
  const at = unknownZone ? wallTimeOf(event.occurredAt) : instantOfTime(event.occurredAt)
  const frame = unknownZone ? UTC : frameFor(event.occurredAt, ctx, event.timeZone)
  const clock: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }
  const when = format(at, frame, ctx.intlLocale, { ...date, ...clock })
  const time = format(at, frame, ctx.intlLocale, clock)
  // "today" needs a zone: a wall clock in no zone cannot be placed on the recipient's calendar
  const today = !unknownZone && dayKey(at, frame) === dayKey(ctx.now.getTime(), frame)
  return { ...out, when, time, today, ...(where ? { where } : {}) }
}

/** "8:00 p.m.." → "8:00 p.m.": a formatted time may already end a sentence. */
function tidy(text: string): string {
  return text.replace(/\.\.(?=\s|$)/g, '.')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/**
 * A plain sentence for a shipment (its current state and delivery estimate) or for one event, with the next step.
 * @example
 * describe(shipment, { locale: 'en-US', timeZone: 'America/Chicago' })
 * // { text: 'Your package is out for delivery and should arrive by 8:00 PM.',
 * //   arrives: 'Arrives Tuesday, March 26, by 8:00 PM · today',
 * //   statusText: 'Your package is out for delivery.', action: false,
 * //   nextStep: 'Keep an eye out for it today.', status: 'out_for_delivery', milestone: 'out_for_delivery', … }
 */
export function describe(
  shipmentOrEvent: Shipment | TrackingEvent,
  options: DescribeOptions = {},
): Description {
  const value: unknown = shipmentOrEvent
  if (!isRecord(value)) throw new ValidationError('shipmentOrEvent', 'expected a Shipment or a TrackingEvent')
  const ctx = context(options)
  if (Array.isArray(value.events)) {
    checkKinds(value.status, value.milestone, 'shipment')
    return describeShipment(value as unknown as Shipment, ctx)
  }
  if (typeof value.occurredAt === 'string' && !Number.isNaN(wallTimeOf(value.occurredAt))) {
    checkKinds(value.status, value.milestone, 'event')
    return describeEvent(value as unknown as TrackingEvent, ctx)
  }
  throw new ValidationError(
    'shipmentOrEvent',
    'expected a Shipment (with events) or a TrackingEvent (with occurredAt)',
  )
}

/**
 * A notification (title and body) for an alert, in the recipient's language. "Today" and "tomorrow" are
 * relative to `now`, which defaults to when the alert was raised.
 * @example describeAlert(alert, { locale: 'de', timeZone: 'Europe/Berlin' }).title // 'In Zustellung'
 */
export function describeAlert(alert: Alert, options: DescribeOptions = {}): AlertDescription {
  if (!isRecord(alert) || !Object.hasOwn(messagesFor('en').alert, String(alert.kind)))
    throw new ValidationError(
      'alert.kind',
      `'${isRecord(alert) ? String(alert.kind) : alert}' is not an alert kind`,
    )
  const raisedAt = Date.parse(alert.raisedAt)
  const ctx = context({
    ...options,
    now: options.now ?? (Number.isNaN(raisedAt) ? new Date() : new Date(raisedAt)),
  })
  const m = ctx.messages
  const phrase = (window: DeliveryWindow | undefined, future: boolean) => {
    if (!window) return undefined
    const end = windowEnd(window)
    if (future && (end === undefined || end < ctx.now.getTime())) return undefined
    const parts = etaParts(window, ctx)
    return parts ? m.eta(parts) : undefined
  }
  const eta = phrase(alert.estimatedDelivery, true)
  const previous = phrase(alert.previousEstimate, false)
  const text = tidy(
    m.alert[alert.kind]({
      ...(eta ? { eta } : {}),
      ...(previous ? { previous } : {}),
      ...(alert.hoursSinceLastEvent !== undefined
        ? { duration: duration(alert.hoursSinceLastEvent, ctx.intlLocale) }
        : {}),
    }),
  )
  return {
    title: m.alertTitle[alert.kind],
    text,
    kind: alert.kind,
    severity: alert.severity,
    language: m.language,
  }
}
