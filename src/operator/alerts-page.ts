/**
 * The operator view's alert queue (alerts a router has work left on or awaits an acknowledgement for) and its
 * acknowledge action: a same-origin POST of a form (`key`) or of JSON (`{ "key": … }`), behind the credential.
 */
import { ValidationError } from '../errors/index.js'
import { carrierDisplayName } from '../identifiers/branding.js'
import { escapeHtml as e } from '../ui/escape.js'
import type { AlertRouter } from './alert-router.js'
import { formatInstant, label } from './format.js'
import { facts, shipmentHref, toneBadge } from './html.js'
import type { RoutedAlert } from './routing-state.js'

/** The largest acknowledge request body read. */
const MAX_ACK_BYTES = 8 * 1024

export async function openAlerts(
  router: AlertRouter,
  max: number,
): Promise<{ total: number; rows: RoutedAlert[] }> {
  const rows: RoutedAlert[] = []
  let total = 0
  for await (const routed of router.open()) {
    total++
    if (rows.length < max) rows.push(routed)
  }
  return { total, rows }
}

function deliveriesText(routed: RoutedAlert): string {
  return routed.deliveries
    .map((d) => `${d.channel} (${d.stage}): ${d.state}${d.lastError ? `, last error: ${d.lastError}` : ''}`)
    .join('; ')
}

function alertCard(routed: RoutedAlert, basePath: string): string {
  const a = routed.alert
  const tone = a.severity === 'critical' ? 'danger' : a.severity === 'warning' ? 'warn' : 'neutral'
  const escalation = routed.escalatedAt
    ? `escalated to ${routed.escalation?.owner ?? ''} at ${formatInstant(routed.escalatedAt)}`
    : routed.escalation
      ? `to ${routed.escalation.owner} at ${formatInstant(new Date(routed.escalation.at).toISOString())} unless acknowledged`
      : undefined
  const name = `${carrierDisplayName(a.carrier)} ${a.trackingNumber}`
  const action = routed.ackedAt
    ? ''
    : `<form class="op-form" method="post" action="${e(`${basePath}/alerts/ack`)}"><input type="hidden" name="key" value="${e(routed.key)}"><button class="op-button" type="submit" aria-label="${e(`Acknowledge ${label(a.kind).toLowerCase()} for ${name}`)}">Acknowledge</button></form>`
  return `<li class="op-card"><p><a class="op-title" href="${e(shipmentHref(basePath, a.carrier, a.trackingNumber))}">${e(name)}</a> ${toneBadge(tone, label(a.severity))}</p>
${facts([
  ['Alert', label(a.kind)],
  ['Raised', formatInstant(a.raisedAt)],
  ['Owner', routed.owner ?? 'no rule matched'],
  ['Rule', routed.rule],
  ['Customer', routed.customer],
  ['Escalation', escalation],
  ['Deliveries', deliveriesText(routed)],
  [
    'Acknowledged',
    routed.ackedAt ? `${formatInstant(routed.ackedAt)} by ${routed.ackedBy ?? ''}` : undefined,
  ],
])}${action}</li>`
}

export function alertsBody(list: { total: number; rows: RoutedAlert[] }, basePath: string): string {
  if (!list.total) return '<p class="op-note">No alert awaits delivery or acknowledgement.</p>'
  const more =
    list.total > list.rows.length
      ? `<p class="op-note">${list.total - list.rows.length} more not shown.</p>`
      : ''
  return `<p class="op-note">Alerts with a delivery still to make, or awaiting acknowledgement (those that escalate, and those no rule matched).</p>
<ul class="op-list">${list.rows.map((r) => alertCard(r, basePath)).join('\n')}</ul>${more}`
}

/**
 * True when a POST comes from this view's own pages (or from a client that is not a browser). A browser says where
 * a request comes from in `Sec-Fetch-Site` (decisive when present) and `Origin` (`null` under this view's
 * `no-referrer` policy, which proves nothing and is refused when `Sec-Fetch-Site` is absent). A cross-site form is
 * refused: an HTTP Basic login would otherwise ride along.
 */
export function sameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site')
  if (site !== null) return site === 'same-origin' || site === 'none'
  const origin = request.headers.get('origin')
  return origin === null || origin === new URL(request.url).origin
}

/** The alert key (and optional `by`) of an acknowledge request, from a form or a JSON body. */
export async function readAck(request: Request): Promise<{ key: string; by?: string }> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > MAX_ACK_BYTES) throw new ValidationError('body', `is larger than ${MAX_ACK_BYTES} bytes`)
  const text = await request.text()
  if (text.length > MAX_ACK_BYTES) throw new ValidationError('body', `is larger than ${MAX_ACK_BYTES} bytes`)
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  let key: unknown
  let by: unknown
  if (type.startsWith('application/json')) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new ValidationError('body', 'is not JSON')
    }
    if (typeof value !== 'object' || value === null)
      throw new ValidationError('body', 'must be an object { key }')
    ;({ key, by } = value as { key?: unknown; by?: unknown })
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text)
    key = form.get('key')
    by = form.get('by') ?? undefined
  } else
    throw new ValidationError('content-type', 'must be application/json or application/x-www-form-urlencoded')
  if (typeof key !== 'string' || key === '')
    throw new ValidationError('key', 'must name the alert (its dedupe key)')
  if (by !== undefined && (typeof by !== 'string' || by.length > 100))
    throw new ValidationError('by', 'must be text of at most 100 characters')
  return by ? { key, by } : { key }
}
