/**
 * The tracking view's HTML, shared by the full page and the `<waybill-tracking>` widget: the delivery estimate as
 * the heading, the status and when it was last updated, the current message, next step, progress over the customer
 * milestones, facts and the timeline. Every string that comes from data (carrier text, places, brand, numbers) goes
 * through {@link escapeHtml}.
 */
import { ValidationError } from '../errors/index.js'
import { carrierDisplayName } from '../identifiers/branding.js'
import type { Shipment, TrackingEvent } from '../model/core.js'
import { wallTimeOf } from '../model/event-time.js'
import { describe } from '../tracker/describe.js'
import { cityOnly } from '../tracker/messages/place.js'
import { brandPalette, type Palette } from './contrast.js'
import { escapeHtml as e, safeUrl } from './escape.js'
import { type ProgressView, progressView } from './progress.js'
import { type StepProblem, type UiStrings, uiStrings } from './strings.js'
import { offsetLabel, zoneLabel } from './time.js'

/** A shop's brand on the page, the widget and emails. */
export interface Brand {
  /** Shown in the header (and as the logo's text alternative). @example 'Acme Outdoor' */
  name?: string
  /**
   * Accent colour, `#rgb` or `#rrggbb`. Used only in a colour scheme where it reaches 4.5:1 against the
   * background; the default accent is used where it does not.
   * @example '#0b6e4f'
   */
  color?: string
  /** Absolute `https:`/`http:` URL (or a `data:image/…` URL) of the logo. @example 'https://shop.example/logo.svg' */
  logoUrl?: string
}

export interface TrackingViewOptions {
  /** BCP 47 locale of the recipient; unsupported languages get English. @default 'en' @example 'fr-CA' */
  locale?: string
  /**
   * IANA zone of the recipient, for the delivery estimate. When omitted: on the page, the zone of the shipment's
   * destination when its place determines one; in the widget, the browser's zone; else the offset the estimate was
   * given with. Timeline events are always shown in the local time of where they happened, with that zone's name.
   * @default the destination's zone (page), the browser's zone (widget)
   * @example 'America/Chicago'
   */
  timeZone?: string
  brand?: Brand
  /** Display name of the carrier (the shipment only has its id). @default the branding table's name for the carrier id (`carrierDisplayName`) @example 'UPS' */
  carrierName?: string
  /** What "now" is, for "today"/"tomorrow" and past estimates. @default new Date() */
  now?: Date
}

export interface TrackingView {
  /** BCP 47 tag for the `lang` attribute: the language actually used. */
  lang: string
  title: string
  palette: Palette
  brandHtml: string
  mainHtml: string
}

const ETA_STATUSES = new Set<Shipment['status']>([
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'exception',
])
const TONE: Record<StepProblem, string> = {
  problem: 'warn',
  customs: 'wait',
  delay: 'wait',
  held: 'wait',
  attempt: 'warn',
  pickup: 'move',
  return_started: 'return',
  return: 'return',
  returned: 'return',
  failure: 'danger',
  cancelled: 'danger',
}
const ICON: Record<string, string> = { warn: '!', danger: '!', return: '\u21a9' }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks what the view reads, so that bad input is a ValidationError naming the field, never a TypeError. */
export function checkShipment(shipment: unknown): asserts shipment is Shipment {
  if (!isRecord(shipment)) throw new ValidationError('shipment', 'expected a Shipment object')
  if (typeof shipment.trackingNumber !== 'string' || !shipment.trackingNumber)
    throw new ValidationError('shipment.trackingNumber', 'expected a non-empty string')
  if (typeof shipment.carrier !== 'string') throw new ValidationError('shipment.carrier', 'expected a string')
  if (!Array.isArray(shipment.events)) throw new ValidationError('shipment.events', 'expected an array')
  shipment.events.forEach((event: unknown, i) => {
    if (!isRecord(event))
      throw new ValidationError(`shipment.events[${i}]`, 'expected a TrackingEvent object')
    if (typeof event.occurredAt !== 'string' || Number.isNaN(wallTimeOf(event.occurredAt)))
      throw new ValidationError(`shipment.events[${i}].occurredAt`, 'expected an ISO 8601 date-time')
    if (event.raw !== undefined && !isRecord(event.raw))
      throw new ValidationError(`shipment.events[${i}].raw`, 'expected an object')
  })
}

function checkBrand(brand: Brand | undefined): void {
  if (brand === undefined) return
  if (!isRecord(brand)) throw new ValidationError('brand', 'expected an object')
  if (brand.name !== undefined && typeof brand.name !== 'string')
    throw new ValidationError('brand.name', 'expected a string')
  if (brand.color !== undefined && !/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.test(String(brand.color)))
    throw new ValidationError('brand.color', 'expected a hex colour such as #0b6e4f')
  if (brand.logoUrl !== undefined && !safeUrl(brand.logoUrl, true))
    throw new ValidationError('brand.logoUrl', 'expected an absolute http(s) or data:image URL')
}

/** The BCP 47 tag to declare: the caller's tag when its language has messages, else the language used. */
export function langTag(locale: string | undefined, language: string): string {
  const tag = (locale ?? '').trim().replace(/_/g, '-')
  if (!tag || tag.toLowerCase().split('-')[0] !== language) return language
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? language
  } catch {
    return language
  }
}

function badge(view: ProgressView, s: UiStrings, status: Shipment['status']): string {
  if (view.problem) {
    const tone = TONE[view.problem]
    const icon = ICON[tone] ? `<span aria-hidden="true">${ICON[tone]}</span>` : ''
    return `<span class="wb-badge" data-tone="${tone}">${icon}${e(s.problem[view.problem])}</span>`
  }
  const step = view.steps[view.current]
  if (!step) return ''
  const tone = status === 'delivered' ? 'ok' : 'move'
  const icon = status === 'delivered' ? '<span aria-hidden="true">\u2713</span>' : ''
  return `<span class="wb-badge" data-tone="${tone}">${icon}${e(s.steps[step.step])}</span>`
}

/** "updated 8:02 AM in Chicago": the latest event's time where it happened (the time alone when it was today). */
function updatedText(latest: TrackingEvent | undefined, s: UiStrings, o: TrackingViewOptions): string {
  if (!latest) return ''
  const d = describe(latest, { locale: o.locale, ...(o.now ? { now: o.now } : {}) })
  const today = d.today === true && d.time !== undefined
  return s.updated(today ? (d.time as string) : (d.when as string), today, cityOnly(latest.location))
}

/**
 * The status badge and when the shipment was last heard of: "Out for delivery · updated 8:02 AM in Chicago". The
 * badge's outline separates the two on screen (a dot would start a line where they wrap); screen readers hear a
 * comma.
 */
function headlineHtml(label: string, updated: string): string {
  if (!label && !updated) return ''
  const sep = label && updated ? '<span class="wb-sr">, </span>' : ''
  const text = updated ? `<span class="wb-updated">${sep}${e(updated)}</span>` : ''
  return `<p class="wb-headline">${label}${text}</p>`
}

/**
 * A titled part of the view: a labelled `section` (a region landmark) on the page, a plain `div` in an embedded
 * widget, where several copies on one page must not repeat landmarks.
 */
function part(layout: Layout, id: string, className: string, heading: string, body: string): string {
  const h = `h${layout.headingLevel + 1}`
  const title = `<${h} class="wb-h" id="${id}">${e(heading)}</${h}>`
  const cls = className ? ` class="${className}"` : ''
  return layout.landmarks
    ? `<section aria-labelledby="${id}"${cls}>${title}${body}</section>`
    : `<div${cls}>${title}${body}</div>`
}

function progressHtml(view: ProgressView, s: UiStrings, layout: Layout): string {
  const tone = view.problem ? TONE[view.problem] : 'move'
  const items = view.steps.map(({ step, state }, index) => {
    const isCurrent = state === 'current' || (state === 'done' && index === view.current)
    let icon = state === 'done' ? '\u2713' : state === 'skipped' ? '\u00d7' : String(index + 1)
    if (state === 'current' && ICON[tone]) icon = ICON[tone] as string
    const problem =
      state === 'current' && view.problem
        ? `<span class="wb-step-problem">${e(s.problem[view.problem])}</span>`
        : ''
    return (
      `<li class="wb-step" data-state="${state}"${state === 'current' ? ` data-tone="${tone}"` : ''}` +
      `${isCurrent ? ' aria-current="step"' : ''}><span class="wb-dot" aria-hidden="true">${icon}</span>` +
      `<span class="wb-step-label"><span class="wb-sr">${e(s.stepState[state])} </span>${e(s.steps[step])}${problem}</span></li>`
    )
  })
  return part(layout, 'wb-progress', 'wb-card', s.progress, `<ol class="wb-steps">${items.join('')}</ol>`)
}

/** Once delivered: when (in the local time of the place) and who signed. */
function deliveredHtml(
  shipment: Shipment,
  s: UiStrings,
  layout: Layout,
  o: TrackingViewOptions,
  lang: string,
): string {
  if (shipment.status !== 'delivered') return ''
  const last = [...shipment.events].reverse().find((ev) => ev.status === 'delivered')
  if (!last) return ''
  const at = describe(last, { locale: o.locale, ...(o.now ? { now: o.now } : {}) })
  const zone = zoneSpan(last, lang, s)
  const signed = shipment.signedBy ? `<p>${e(s.signedBy + s.colon + shipment.signedBy)}</p>` : ''
  const when = `<p><time datetime="${e(last.occurredAt)}">${e(at.when)}${zone}</time></p>`
  return part(layout, 'wb-eta', 'wb-card', s.delivered, when + signed)
}

/** The zone the estimate is shown in ("Times shown in CDT."); nothing for a date-only estimate. */
function estimateZoneNote(shipment: Shipment, s: UiStrings, o: TrackingViewOptions, lang: string): string {
  const window = shipment.estimatedDelivery
  if (!window || window.precision === 'day') return ''
  const zone = zoneLabel(window.to ?? window.from ?? '', o.timeZone, lang)
  return zone ? `<p class="wb-note">${e(s.timesShownIn(zone))}</p>` : ''
}

/**
 * The zone an event's time is shown in, kept on one line; nothing for a date-only fact. A time without zone says
 * so; a time in the repeated hour of a DST change also shows its offset (the same wall time happened twice).
 */
function zoneSpan(event: TrackingEvent, lang: string, s: UiStrings): string {
  if (event.precision === 'day') return ''
  if (event.zoneSource === 'unknown') return ` <span class="wb-zone">(${e(s.localTimeNoZone)})</span>`
  const label = zoneLabel(event.occurredAt, event.timeZone, lang)
  const offset = offsetLabel(event.occurredAt)
  const shown = event.ambiguous && label !== offset ? `${label} (${offset})` : label
  return ` <span class="wb-zone">${e(shown)}</span>`
}

function eventHtml(event: TrackingEvent, s: UiStrings, o: TrackingViewOptions, lang: string): string {
  const d = describe(event, { locale: o.locale, ...(o.now ? { now: o.now } : {}) })
  const zone = zoneSpan(event, lang, s)
  const where = d.where ? `<p class="wb-where">${e(d.where)}</p>` : ''
  const rawText = event.raw?.text ?? event.description
  const code = event.raw?.code
  let details = ''
  if (rawText || code) {
    const text = rawText ? `<p class="wb-raw">${e(rawText)}</p>` : ''
    const codeLine = code ? `<p>${e(s.carrierCode + s.colon)}<code>${e(code)}</code></p>` : ''
    details = `<details><summary>${e(s.carrierDetails)}</summary>${text}${codeLine}</details>`
  }
  return `<li class="wb-event"><p class="wb-when"><time datetime="${e(event.occurredAt)}">${e(d.when)}${zone}</time></p>${where}<p>${e(d.text)}</p>${details}</li>`
}

function factsHtml(shipment: Shipment, s: UiStrings, o: TrackingViewOptions): string {
  const rows: [string, string][] = []
  const carrier = o.carrierName ?? (shipment.carrier ? carrierDisplayName(shipment.carrier) : '')
  if (carrier) rows.push([s.carrier, carrier])
  if (shipment.service?.name) rows.push([s.service, shipment.service.name])
  if (!rows.length) return ''
  const items = rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')
  return `<div class="wb-card"><dl class="wb-facts">${items}</dl></div>`
}

/** Where the view sits: its own page, or inside someone else's. */
export interface Layout {
  /** Level of the view's top heading: 1 for a page, 2 (the widget's default) inside another page. */
  headingLevel: number
  /** Whether the titled parts are labelled `section`s (region landmarks): on the page, not in an embedded widget. */
  landmarks: boolean
  /** The recipient's zone when `options.timeZone` is not set. */
  defaultZone?: (shipment: Shipment) => string | undefined
}

/** Builds the view's HTML parts for a page (`headingLevel` 1, landmarks) or a widget (see {@link Layout}). */
export function trackingView(
  shipment: Shipment,
  options: TrackingViewOptions = {},
  layout: Layout = { headingLevel: 1, landmarks: true },
): TrackingView {
  checkShipment(shipment)
  checkBrand(options.brand)
  const base = { locale: options.locale, ...(options.now ? { now: options.now } : {}) }
  const timeZone = options.timeZone ?? layout.defaultZone?.(shipment)
  const d = describe(shipment, { ...base, ...(timeZone ? { timeZone } : {}) })
  const s = uiStrings(d.language)
  const lang = langTag(options.locale, d.language)
  const h1 = `h${layout.headingLevel}`
  const view = progressView(shipment)
  const brand = options.brand
  const logo = brand?.logoUrl ? safeUrl(brand.logoUrl, true) : undefined
  let brandHtml = ''
  if (logo) brandHtml = `<img src="${e(logo)}" alt="${e(brand?.name ?? '')}">`
  else if (brand?.name) brandHtml = `<p class="wb-brand-name">${e(brand.name)}</p>`
  const next = d.nextStep ? part(layout, 'wb-next', 'wb-card', s.nextStep, `<p>${e(d.nextStep)}</p>`) : ''
  const events = [...shipment.events].reverse()
  const timeline = events.length
    ? `<p class="wb-note">${e(s.newestFirst)}</p><ol class="wb-timeline">${events.map((ev) => eventHtml(ev, s, options, lang)).join('')}</ol>`
    : `<p>${e(s.noEvents)}</p>`
  const estimateOptions = { ...options, ...(timeZone ? { timeZone } : {}) }
  // the answer to "when will it arrive?" comes first: the estimate is the heading, the state follows it
  const lead = d.arrives
    ? [
        `<${h1} id="wb-status" class="wb-title">${e(d.arrives)}</${h1}>`,
        estimateZoneNote(shipment, s, estimateOptions, lang),
        headlineHtml(badge(view, s, shipment.status), updatedText(events[0], s, options)),
        `<p class="wb-lede">${e(d.statusText)}</p>`,
      ]
    : [
        `<${h1} id="wb-status" class="wb-title">${e(d.statusText)}</${h1}>`,
        headlineHtml(badge(view, s, shipment.status), updatedText(events[0], s, options)),
        ETA_STATUSES.has(shipment.status) ? `<p class="wb-note">${e(s.noEstimate)}</p>` : '',
      ]
  const mainHtml = [
    `<p class="wb-eyebrow">${e(s.trackingNumber + s.colon + shipment.trackingNumber)}</p>`,
    ...lead,
    deliveredHtml(shipment, s, layout, options, lang),
    next,
    progressHtml(view, s, layout),
    factsHtml(shipment, s, options),
    part(layout, 'wb-history', '', s.history, timeline),
  ]
    .filter(Boolean)
    .join('\n')
  return {
    lang,
    title: s.pageTitle(shipment.trackingNumber),
    palette: brandPalette(brand?.color),
    brandHtml,
    mainHtml,
  }
}
