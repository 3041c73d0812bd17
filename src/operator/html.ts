/**
 * HTML for the operator view: the document around every page and the pieces the pages share (shipment cards,
 * fact lists). Every value that came from a carrier, a store or a request is escaped.
 */
import { carrierDisplayName } from '../identifiers/branding.js'
import { escapeHtml as e } from '../ui/escape.js'
import { formatPlace, formatTime, formatWindow, label } from './format.js'
import type { OperatorRow } from './lists.js'
import { OPERATOR_CSS } from './styles.js'

/** No script, no external asset; forms post back to this origin only. */
export const OPERATOR_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** The sections of the view, in navigation order: path under the base path and title. */
export const SECTIONS = [
  { path: '/', title: 'Overview' },
  { path: '/exceptions', title: 'Exception queue' },
  { path: '/late', title: 'Late' },
  { path: '/stalled', title: 'Stalled' },
  { path: '/returns', title: 'Returns pending' },
  { path: '/freshness', title: 'Data freshness' },
  { path: '/kpis', title: 'KPIs' },
] as const

export interface PageFrame {
  title: string
  basePath: string
  /** The section path this page belongs to (marked current in the navigation). */
  section?: string
  /** Extra sections (the alert queue when a router is attached). */
  extraSections?: readonly { path: string; title: string }[]
  body: string
}

/** A complete HTML document: header with navigation, one main landmark. */
export function page(frame: PageFrame): string {
  const sections = [...SECTIONS, ...(frame.extraSections ?? [])]
  const links = sections
    .map((s) => {
      const current = s.path === frame.section ? ' aria-current="page"' : ''
      return `<li><a href="${e(frame.basePath + s.path)}"${current}>${e(s.title)}</a></li>`
    })
    .join('')
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${e(frame.title)} · waybill operator</title>
<style>${OPERATOR_CSS}</style>
</head>
<body>
<a class="op-skip" href="#main">Skip to content</a>
<header class="op-header">
<p>waybill operator</p>
<nav class="op-nav" aria-label="Sections"><ul>${links}</ul></nav>
</header>
<main class="op-main" id="main">
<h1>${e(frame.title)}</h1>
${frame.body}
</main>
</body>
</html>
`
}

/** The link to a shipment's timeline page. */
export function shipmentHref(basePath: string, carrier: string, trackingNumber: string): string {
  return `${basePath}/shipments/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`
}

/** A definition list of the facts that have a value. */
export function facts(pairs: readonly (readonly [string, string | undefined])[]): string {
  const items = pairs
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `<dt>${e(name)}</dt><dd>${e(value)}</dd>`)
    .join('')
  return items ? `<dl class="op-facts">${items}</dl>` : ''
}

/** The tone of a status badge. */
export function toneOf(status: string): 'danger' | 'warn' | 'ok' | 'neutral' {
  if (status === 'failure' || status === 'exception') return 'danger'
  if (status === 'delivery_attempted' || status === 'returned_to_sender') return 'warn'
  if (status === 'delivered') return 'ok'
  return 'neutral'
}

export function badge(status: string, text = label(status)): string {
  return toneBadge(toneOf(status), text)
}

export function toneBadge(tone: ReturnType<typeof toneOf>, text: string): string {
  return `<span class="op-badge" data-tone="${tone}">${e(text)}</span>`
}

/** One shipment as a card: carrier and number (linked to its timeline), status, last event, estimate. */
export function rowCard(row: OperatorRow, basePath: string): string {
  const last = row.lastEvent
  const lastText = last
    ? [formatTime(last.occurredAt), last.description, formatPlace(last.location)].filter(Boolean).join(' · ')
    : undefined
  const estimate =
    row.firstEstimate &&
    row.estimatedDelivery &&
    formatWindow(row.firstEstimate) !== formatWindow(row.estimatedDelivery)
      ? `${formatWindow(row.estimatedDelivery)} (first promised ${formatWindow(row.firstEstimate)})`
      : (row.estimatedDelivery ?? row.firstEstimate)
        ? formatWindow((row.estimatedDelivery ?? row.firstEstimate)!)
        : undefined
  const name = `${carrierDisplayName(row.carrier)} ${row.trackingNumber}`
  return `<li class="op-card"><p><a class="op-title" href="${e(shipmentHref(basePath, row.carrier, row.trackingNumber))}">${e(name)}</a> ${badge(row.status)}</p>
${facts([
  ['Milestone', label(row.milestone)],
  ['Reason', row.reason],
  ['Last event', lastText],
  ['No event for', row.hoursSinceLastEvent === undefined ? undefined : `${row.hoursSinceLastEvent} h`],
  ['Estimate', estimate],
  ['Customer', row.customer],
  ['Anomalies', row.anomalies ? String(row.anomalies) : undefined],
])}</li>`
}

/** A list of shipment cards, at most `max`, with a note on how many were left out. */
export function rowList(rows: readonly OperatorRow[], basePath: string, max: number, empty: string): string {
  if (!rows.length) return `<p class="op-note">${e(empty)}</p>`
  const shown = rows.slice(0, max)
  const more =
    rows.length > max
      ? `<p class="op-note">${rows.length - max} more not shown (the ${max} longest waiting are).</p>`
      : ''
  return `<ul class="op-list">${shown.map((row) => rowCard(row, basePath)).join('\n')}</ul>${more}`
}
