/**
 * The state of routed alerts in the `Store`, and its pure transitions. Layout:
 * - `alerting:alert:<dedupeKey>`: a `RoutedAlert` (owner, deliveries, escalation, acknowledgement);
 * - `alerting:open:<dedupeKey>`: present while the alert has work left (a delivery not yet made, an escalation
 *   not yet due, an acknowledgement awaited), holding when that work is next due. `tick()` lists only this prefix,
 *   never every alert.
 * Both keys change together in one `store.update`. A delivery is sent by whoever holds its lease (taken in an
 * update); a lease that ends (its process stopped) lets another process take the delivery over.
 */
import { createHash } from 'node:crypto'
import type { Alert } from '../model/core.js'
import type { AlertRule, DeliveryStage } from './routing-rules.js'

export const ALERT_PREFIX = 'alerting:alert:'
export const OPEN_PREFIX = 'alerting:open:'

export const alertKeyOf = (dedupeKey: string) => `${ALERT_PREFIX}${dedupeKey}`
export const openKeyOf = (dedupeKey: string) => `${OPEN_PREFIX}${dedupeKey}`

/** One message to one channel. */
export interface Delivery {
  /** Stable message id (the same on every attempt): receivers de-duplicate on it. */
  id: string
  channel: string
  stage: DeliveryStage
  owner: string
  state: 'pending' | 'delivered'
  attempts: number
  /** Held by a router while it sends. */
  lease?: { owner: string; until: number }
  /** A failed attempt is retried from this instant (epoch ms). */
  notBefore?: number
  deliveredAt?: string
  /** The last failure, secrets removed. */
  lastError?: string
}

/** An alert as the router keeps it. */
export interface RoutedAlert {
  key: string
  alert: Alert
  /** The rule that matched; absent when none did (the alert is kept, awaiting acknowledgement). */
  rule?: string
  owner?: string
  customer?: string
  routedAt: string
  /** Where and when (epoch ms) it escalates if not acknowledged. */
  escalation?: { owner: string; channels: string[]; at: number }
  escalatedAt?: string
  ackedAt?: string
  ackedBy?: string
  deliveries: Delivery[]
}

/** The open marker: when the alert's next piece of work is due (epoch ms), null for "awaiting acknowledgement". */
export interface OpenMarker {
  due: number | null
}

/** A message id from the alert, the stage and the channel: equal for every attempt, distinct otherwise. */
export function deliveryId(dedupeKey: string, stage: DeliveryStage, channel: string): string {
  const digest = createHash('sha256').update(`${dedupeKey}\u0000${stage}\u0000${channel}`).digest('hex')
  return `msg_${digest.slice(0, 32)}`
}

function deliveriesFor(
  key: string,
  stage: DeliveryStage,
  owner: string,
  channels: readonly string[],
): Delivery[] {
  return channels.map((channel) => ({
    id: deliveryId(key, stage, channel),
    channel,
    stage,
    owner,
    state: 'pending',
    attempts: 0,
  }))
}

/** A new routed alert: deliveries to the rule's channels, an escalation time when the rule escalates. */
export function newRoutedAlert(
  alert: Alert,
  rule: AlertRule | undefined,
  customer: string | undefined,
  now: number,
  escalateAfter: number | undefined,
): RoutedAlert {
  const key = alert.dedupeKey
  const routed: RoutedAlert = {
    key,
    alert,
    routedAt: new Date(now).toISOString(),
    ...(customer ? { customer } : {}),
    deliveries: [],
  }
  if (!rule) return routed
  routed.rule = rule.name
  routed.owner = rule.owner
  routed.deliveries = deliveriesFor(key, 'routed', rule.owner, rule.channels)
  const after = rule.escalateTo?.after ?? escalateAfter
  if (rule.escalateTo && after !== undefined)
    routed.escalation = {
      owner: rule.escalateTo.owner,
      channels: [...rule.escalateTo.channels],
      at: now + after,
    }
  return routed
}

/** Escalates when due and not acknowledged (once: `escalatedAt` is set in the same update). True when it did. */
export function escalateIfDue(routed: RoutedAlert, now: number): boolean {
  const { escalation } = routed
  if (!escalation || routed.ackedAt || routed.escalatedAt || now < escalation.at) return false
  routed.escalatedAt = new Date(now).toISOString()
  routed.deliveries.push(...deliveriesFor(routed.key, 'escalated', escalation.owner, escalation.channels))
  return true
}

const free = (d: Delivery, now: number) =>
  d.state === 'pending' && (!d.lease || d.lease.until <= now) && (d.notBefore ?? 0) <= now

/** Takes the lease of every delivery due now and held by nobody; returns copies of them. */
export function claimDue(routed: RoutedAlert, owner: string, now: number, leaseMs: number): Delivery[] {
  const claimed: Delivery[] = []
  for (const d of routed.deliveries)
    if (free(d, now)) {
      d.lease = { owner, until: now + leaseMs }
      claimed.push({ ...d })
    }
  return claimed
}

/**
 * Records the outcome of a send made under `owner`'s lease. A delivery another router already completed is left
 * as it is. Returns false when the delivery is not there.
 */
export function settleDelivery(
  routed: RoutedAlert,
  id: string,
  owner: string,
  now: number,
  outcome: { ok: true } | { ok: false; error: string; retryInMs: number },
): boolean {
  const d = routed.deliveries.find((x) => x.id === id)
  if (!d) return false
  if (d.state === 'delivered') return true
  d.attempts++
  if (d.lease?.owner === owner) delete d.lease
  if (outcome.ok) {
    d.state = 'delivered'
    d.deliveredAt = new Date(now).toISOString()
    delete d.notBefore
    delete d.lastError
  } else {
    d.notBefore = now + outcome.retryInMs
    d.lastError = outcome.error
  }
  return true
}

/** When the alert's next work is due, or undefined when it has none left (the open marker is removed). */
export function nextDue(routed: RoutedAlert): OpenMarker | undefined {
  let due: number | undefined
  const consider = (at: number) => {
    due = due === undefined ? at : Math.min(due, at)
  }
  for (const d of routed.deliveries)
    if (d.state === 'pending') consider(Math.max(d.lease?.until ?? 0, d.notBefore ?? 0))
  if (routed.escalation && !routed.ackedAt && !routed.escalatedAt) consider(routed.escalation.at)
  if (due !== undefined) return { due }
  // Matched by no rule, or escalating: listed until someone acknowledges it.
  if ((routed.rule === undefined || routed.escalation) && !routed.ackedAt) return { due: null }
  return undefined
}

/** Retry delay after `attempts` failures: `baseMs` doubled each time, at most `maxMs`. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1))
}
