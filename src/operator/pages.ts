/** The operator view's pages, each from the data it shows: lists, freshness, KPIs and one shipment's timeline. */
import { carrierDisplayName } from '../identifiers/branding.js'
import type { Shipment, TrackingEvent } from '../model/core.js'
import type { DeliveryKpis, KpiSummary } from '../tracker/kpis.js'
import { escapeHtml as e } from '../ui/escape.js'
import {
  formatAge,
  formatInstant,
  formatNumber,
  formatPlace,
  formatRate,
  formatTime,
  formatWindow,
  label,
} from './format.js'
import { badge, facts, rowList, SECTIONS } from './html.js'
import { KPI_DEFINITIONS } from './kpi-definitions.js'
import type { OperatorLists, OperatorRow } from './lists.js'

export interface PageContext {
  basePath: string
  now: Date
  maxRows: number
}

const count = (groups: Record<string, OperatorRow[]>) =>
  Object.values(groups).reduce((sum, rows) => sum + rows.length, 0)

/** How many shipments each list holds, for the overview and its JSON. */
export function listCounts(lists: OperatorLists): Record<string, number> {
  return {
    exceptions: lists.exceptions.length,
    late: count(lists.late),
    stalled: count(lists.stalled),
    returns: lists.returns.length,
  }
}

/**
 * The overview: a count per list (and of open alerts when a router is attached), and per carrier the last change
 * stored.
 */
export function overviewBody(lists: OperatorLists, ctx: PageContext, openAlerts?: number): string {
  const titles = new Map<string, string>(SECTIONS.map((s) => [s.path.slice(1), s.title]))
  titles.set('alerts', 'Alerts')
  const tile = (key: string, n: number, unit: string) =>
    `<li class="op-count"><a href="${e(`${ctx.basePath}/${key}`)}">${e(titles.get(key) ?? key)}</a><strong>${n}</strong> ${unit}${n === 1 ? '' : 's'}</li>`
  const tiles =
    Object.entries(listCounts(lists))
      .map(([key, n]) => tile(key, n, 'shipment'))
      .join('') + (openAlerts === undefined ? '' : tile('alerts', openAlerts, 'open alert'))
  const carriers = lists.freshness.carriers
    .map(
      (c) =>
        `<li class="op-card"><h3>${e(carrierDisplayName(c.carrier))}</h3>${facts([
          ['Shipments', String(c.shipments)],
          ['Last change stored', `${formatInstant(c.lastStoredAt)} (${formatAge(c.lastStoredAt, ctx.now)})`],
        ])}</li>`,
    )
    .join('')
  return `<ul class="op-counts">${tiles}</ul>
<h2>Carriers</h2>
${carriers ? `<ul class="op-list">${carriers}</ul>` : '<p class="op-note">No shipment is stored yet.</p>'}`
}

export function exceptionsBody(lists: OperatorLists, ctx: PageContext): string {
  return `<p class="op-note">Shipments in exception, with a failed delivery attempt, or failed; the longest waiting first.</p>
${rowList(lists.exceptions, ctx.basePath, ctx.maxRows, 'No shipment needs attention.')}`
}

function groupedBody(
  groups: Record<string, OperatorRow[]>,
  ctx: PageContext,
  note: string,
  empty: string,
): string {
  const carriers = Object.entries(groups)
  if (!carriers.length) return `<p class="op-note">${e(note)}</p><p class="op-note">${e(empty)}</p>`
  return `<p class="op-note">${e(note)}</p>${carriers
    .map(
      ([carrier, rows]) =>
        `<h2>${e(carrierDisplayName(carrier))} (${rows.length})</h2>\n${rowList(rows, ctx.basePath, ctx.maxRows, '')}`,
    )
    .join('\n')}`
}

export function lateBody(lists: OperatorLists, ctx: PageContext): string {
  return groupedBody(
    lists.late,
    ctx,
    'Open shipments past the end of their first promised delivery window, by carrier.',
    'No shipment is late.',
  )
}

export function stalledBody(lists: OperatorLists, ctx: PageContext): string {
  return groupedBody(
    lists.stalled,
    ctx,
    'Open shipments with no new event for longer than their status and service allow (the tracker’s stalled rule), by carrier.',
    'No shipment is stalled.',
  )
}

export function returnsBody(lists: OperatorLists, ctx: PageContext): string {
  return `<p class="op-note">Parcels on their way back to the sender and not yet received back.</p>
${rowList(lists.returns, ctx.basePath, ctx.maxRows, 'No return is pending.')}`
}

export function freshnessBody(lists: OperatorLists, ctx: PageContext): string {
  const { carriers, sources } = lists.freshness
  if (!carriers.length) return '<p class="op-note">No shipment is stored yet.</p>'
  const carrierCards = carriers
    .map(
      (c) =>
        `<li class="op-card"><h3>${e(carrierDisplayName(c.carrier))}</h3>${facts([
          ['Shipments', String(c.shipments)],
          ['Last change stored', `${formatInstant(c.lastStoredAt)} (${formatAge(c.lastStoredAt, ctx.now)})`],
          ['Median event-to-ingest lag', formatNumber(c.medianLagMinutes, ' min')],
        ])}</li>`,
    )
    .join('')
  const sourceCards = sources
    .map(
      (s) =>
        `<li class="op-card"><h3>${e(carrierDisplayName(s.carrier))}: ${e(s.source)}</h3>${facts([
          ['Events reported', String(s.events)],
          ['Newest event time', formatTime(s.newestEventAt)],
          [
            'Last payload received',
            s.lastPayloadAt
              ? `${formatInstant(s.lastPayloadAt)} (${formatAge(s.lastPayloadAt, ctx.now)})`
              : undefined,
          ],
        ])}</li>`,
    )
    .join('')
  return `<p class="op-note">From what the tracker stores: the newest change per carrier, the lag between an event and its ingest, and per kind of source (REST, webhook, EDI, file, shipper) the newest event it reported.</p>
<h2>Per carrier</h2><ul class="op-list">${carrierCards}</ul>
<h2>Per source</h2><ul class="op-list">${sourceCards}</ul>`
}

function kpiFacts(k: DeliveryKpis): string {
  return facts([
    ['Shipments', String(k.shipments)],
    ['On time', `${formatRate(k.onTime.rate)} (${k.onTime.onTime} of ${k.onTime.measured} measured)`],
    [
      'Transit time',
      `median ${formatNumber(k.transitHours.median, ' h')}, p90 ${formatNumber(k.transitHours.p90, ' h')}`,
    ],
    [
      'Dwell time',
      `median ${formatNumber(k.dwellHours.median, ' h')}, p90 ${formatNumber(k.dwellHours.p90, ' h')}`,
    ],
    ['Exception rate', `${formatRate(k.exceptions.rate)} (${k.exceptions.count})`],
    ['Tracking coverage', `${formatRate(k.coverage.rate)} (${k.coverage.complete} complete)`],
    [
      'Data freshness',
      `median ${formatNumber(k.freshnessMinutes.median, ' min')}, p90 ${formatNumber(k.freshnessMinutes.p90, ' min')}`,
    ],
    [
      'Events without a zone',
      `${k.unknownZone.events} (${k.unknownZone.shipmentsNotMeasured} shipments not measured)`,
    ],
  ])
}

export function kpisBody(summary: KpiSummary): string {
  const groups = [
    `<li class="op-card"><h3>All carriers</h3>${kpiFacts(summary.overall)}</li>`,
    ...Object.entries(summary.byCarrier).map(
      ([carrier, k]) => `<li class="op-card"><h3>${e(carrierDisplayName(carrier))}</h3>${kpiFacts(k)}</li>`,
    ),
  ].join('\n')
  const definitions = KPI_DEFINITIONS.map((d) => `<dt>${e(d.name)}</dt><dd>${e(d.definition)}</dd>`).join('')
  return `<ul class="op-list">${groups}</ul>
<h2>Definitions</h2>
<dl class="op-facts">${definitions}</dl>`
}

function rawBlock(title: string, raw: TrackingEvent['raw']): string {
  return `<p class="op-note">${e(title)}</p><pre class="op-raw">${e(JSON.stringify(raw, null, 2))}</pre>`
}

function eventItem(event: TrackingEvent): string {
  const also = (event.alsoReportedBy ?? [])
    .map((raw, i) => rawBlock(`Also reported by ${raw.source} (${i + 1})`, raw))
    .join('')
  return `<li class="op-event"><p><strong>${e(formatTime(event.occurredAt))}</strong> ${badge(event.status)}</p>
<p>${e(event.description || label(event.milestone))}</p>
${facts([
  ['Milestone', label(event.milestone)],
  ['Reason', event.reason],
  ['Place', formatPlace(event.location)],
  ['Zone', `${event.timeZone ?? 'none'} (from ${event.zoneSource})`],
  ['Event id', event.id],
])}
${rawBlock(`Raw record from ${event.raw.source}`, event.raw)}${also}</li>`
}

function shipmentSection(shipment: Shipment, index: number, total: number): string {
  const heading =
    total > 1
      ? `<h2>Shipment ${index + 1} of ${total}${shipment.carrierShipmentId ? ` (${e(shipment.carrierShipmentId)})` : ''}</h2>`
      : ''
  const anomalies = shipment.anomalies?.length
    ? `<h2>Anomalies</h2><ul>${shipment.anomalies.map((a) => `<li>${e(label(a.kind))}: ${e(a.message)}</li>`).join('')}</ul>`
    : ''
  const events = [...shipment.events].reverse()
  return `<section aria-label="${e(`${carrierDisplayName(shipment.carrier)} ${shipment.trackingNumber} #${index + 1}`)}">${heading}
<p>${badge(shipment.status)}</p>
${facts([
  ['Carrier', carrierDisplayName(shipment.carrier)],
  ['Milestone', label(shipment.milestone)],
  ['Reason', shipment.reason],
  ['Service', shipment.service?.name ?? shipment.service?.code],
  ['Estimate', shipment.estimatedDelivery ? formatWindow(shipment.estimatedDelivery) : undefined],
  ['From', formatPlace(shipment.origin)],
  ['To', formatPlace(shipment.destination)],
  ['References', shipment.identifiers.references.map((r) => `${label(r.type)} ${r.value}`).join(', ')],
])}
${anomalies}
<h2>Events (${events.length}, newest first)</h2>
${events.length ? `<ol class="op-events">${events.map(eventItem).join('\n')}</ol>` : '<p class="op-note">No event.</p>'}
</section>`
}

export function shipmentBody(shipments: readonly Shipment[]): string {
  return shipments.map((s, i) => shipmentSection(s, i, shipments.length)).join('\n')
}
