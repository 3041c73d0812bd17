/** Human-readable output of the demo: each shipment's timeline, alerts, anomalies, sources and KPIs. */
import { carrierDisplayName } from '../../src/identifiers/index.js'
import type { DeliveryKpis } from '../../src/tracker/index.js'
import { describe } from '../../src/tracker/index.js'
import { fitColumns, tableTime } from '../timeline.js'
import type { DemoReport } from './scenario.js'

const dim = (s: string, color: boolean) => (color ? `\x1b[2m${s}\x1b[0m` : s)
const bold = (s: string, color: boolean) => (color ? `\x1b[1m${s}\x1b[0m` : s)

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const hours = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} h`)
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`)

function kpiLine(name: string, k: DeliveryKpis): string {
  return `  ${name.padEnd(14)} ${String(k.shipments).padStart(3)} shipments · on time ${pct(k.onTime.rate)} (${k.onTime.onTime}/${k.onTime.measured}) · transit median ${hours(k.transitHours.median)} p90 ${hours(k.transitHours.p90)} · dwell median ${hours(k.dwellHours.median)} · exceptions ${pct(k.exceptions.rate)} · coverage ${pct(k.coverage.rate)} · freshness median ${k.freshnessMinutes.median === null ? '—' : `${Math.round(k.freshnessMinutes.median)} min`}`
}

/** The warehouse feed: what it held, how it was linked, and how it reconciles with the carriers. */
function shipperSection(report: DemoReport, color: boolean): string[] {
  const { file, events, ingested, reconciliation: r, linkedBySscc } = report.shipper
  const kinds = new Map<string, number>()
  for (const e of events) kinds.set(e.type, (kinds.get(e.type) ?? 0) + 1)
  const lag = r.firstScanLagHours
  const missed = report.alerts.filter((a) => a.kind === 'missed_pickup')
  const returns = report.shipments.flatMap((s) =>
    s.events
      .filter((e) => e.milestone === 'return_initiated')
      .map(
        (e) =>
          `${s.carrier} ${s.trackingNumber} (${e.raw.source === 'shipper' ? 'authorised by the shipper' : 'reported by the carrier'}, still ${s.status})`,
      ),
  )
  return [
    bold(`Warehouse handover feed (${file})`, color),
    `  ${events.length} events: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; ${ingested.numbers.length} tracking numbers reconciled`,
    ...linkedBySscc.map((l) => `  linked by SSCC ${l.sscc} (X12 MAN*GM) → ${l.carrier} ${l.trackingNumber}`),
    `  coverage ${pct(r.coverage)} (${r.reportedByCarrier} of ${r.handedOver} handed over reported by the carrier) · first scan after handover median ${hours(lag.median)} p90 ${hours(lag.p90)}`,
    ...missed.map(
      (a) => `  missed pickup: ${a.carrier} ${a.trackingNumber}: handed over, no carrier scan within 24 h`,
    ),
    ...returns.map((text) => `  return started: ${text}`),
  ]
}

/** The mapping fix and the corrections `reprocess` announced. */
function reprocessSection(report: DemoReport, color: boolean): string[] {
  const { fix, report: r, corrections } = report.reprocess
  return [
    bold(`Corrections (reprocess after a mapping fix: ${fix})`, color),
    ...corrections.map(
      (c) =>
        `  ${c.carrier} ${c.trackingNumber} ${c.code ?? ''} at ${c.occurredAt}: ${c.fields
          .filter((f) => f === 'status' || f === 'milestone')
          .map((f) => `${f} ${c.before[f as 'status']} → ${c.after[f as 'status']}`)
          .join(
            ', ',
          )}${c.fields.some((f) => f !== 'status' && f !== 'milestone') ? ` (also ${c.fields.filter((f) => f !== 'status' && f !== 'milestone').join(', ')})` : ''}`,
    ),
    `  ${plural(r.scanned, 'number')} scanned, ${r.changed} changed, ${plural(r.corrected, 'event')} corrected, each announced as an update of kind 'correction'`,
  ]
}

/** The report as text for a terminal. */
export function formatReport(
  report: DemoReport,
  options: { color?: boolean; pages?: string[]; width?: number } = {},
): string {
  const color = options.color ?? false
  const out: string[] = []
  out.push(bold(`waybill demo — the story as of ${report.storyTime}`, color), '')
  for (const s of report.shipments) {
    const headline = describe(s, { locale: 'en' }).text
    out.push(
      bold(
        `${carrierDisplayName(s.carrier)} ${s.trackingNumber}  ·  ${s.status}${s.service?.name ? `  ·  ${s.service.name}` : ''}`,
        color,
      ),
    )
    out.push(`  ${headline}`)
    // One row per event, one time format (local time at the place and its offset), columns fitted to the
    // terminal; the zone column says where the zone came from when the carrier did not give it.
    const rows = s.events.map((e) => [
      tableTime(e.occurredAt, e.precision),
      e.timeZone
        ? `${e.timeZone}${e.zoneSource === 'carrier' ? '' : ` (from ${e.zoneSource})`}`
        : /(?:Z|[+-]\d{2}:?\d{2})$/.test(e.occurredAt)
          ? 'offset only'
          : 'zone unknown',
      [e.location?.city, e.location?.region, e.location?.countryCode].filter(Boolean).join(', ') || '—',
      e.status,
      [e.raw.source, ...(e.alsoReportedBy ?? []).map((r) => r.source)].join('+'),
      describe(e, { locale: 'en' }).text,
    ])
    const faint = (cell: string) => dim(cell, color)
    out.push(...fitColumns(rows, options.width, '  ', [undefined, faint, undefined, undefined, faint]))
    if (s.estimatedDelivery) {
      const { from, to, precision } = s.estimatedDelivery
      const range = [from, to]
        .filter((t): t is string => Boolean(t))
        .map((t) => tableTime(t, precision).trimEnd())
      out.push(dim(`  estimated delivery: ${[...new Set(range)].join(' – ')}`, color))
    }
    out.push('')
  }
  out.push(bold(`Alerts (${report.alerts.length})`, color))
  for (const a of report.alerts)
    out.push(`  ${a.severity.padEnd(8)} ${a.kind.padEnd(21)} ${a.carrier} ${a.trackingNumber}`)
  out.push('', bold(`Anomalies (${report.anomalies.length})`, color))
  for (const { carrier, trackingNumber, anomaly } of report.anomalies)
    out.push(`  ${anomaly.kind.padEnd(21)} ${carrier} ${trackingNumber}: ${anomaly.message}`)
  out.push('', ...shipperSection(report, color), '', ...reprocessSection(report, color))
  const { rest, sftp, webhooks } = report.sources
  out.push('', bold('Sources', color))
  out.push(
    `  REST      ${rest.requests} requests (${Object.entries(rest.byCarrier)
      .map(([c, n]) => `${c} ${n}`)
      .join(
        ', ',
      )}), ${rest.tokens} OAuth tokens, ${rest.retriedAfter401} expired token refreshed, ${rest.throttled} throttled (Retry-After honoured)`,
  )
  out.push(
    sftp.skipped
      ? `  SFTP      skipped: ${sftp.skipped}`
      : `  SFTP      ${sftp.files.join('; ')} — host key pinned ${sftp.hostKey}`,
  )
  out.push(
    `  webhooks  ${webhooks.deliveries} deliveries: ${webhooks.accepted} accepted, ${webhooks.duplicateDeliveries} duplicate delivery ignored, ${webhooks.rejected} tampered body rejected (401)`,
  )
  out.push(
    `  timeline  ${report.shipments.length} shipments, ${report.events} events, ${report.duplicatesMerged} duplicate reports merged across sources`,
  )
  out.push('', bold('Delivery KPIs', color), kpiLine('overall', report.kpis.overall))
  for (const [carrier, k] of Object.entries(report.kpis.byCarrier)) out.push(kpiLine(carrier, k))
  if (options.pages?.length)
    out.push('', bold('Tracking pages', color), ...options.pages.map((p) => `  ${p}`))
  out.push('', dim(`done in ${(report.durationMs / 1000).toFixed(1)} s`, color))
  return `${out.join('\n')}\n`
}
