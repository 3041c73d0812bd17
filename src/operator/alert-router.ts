/**
 * `createAlertRouter`: alerts to owners and channels by rules (severity, carrier, kind, customer), escalated once
 * when nobody acknowledges them in time, acknowledged through `ack` (or the operator view). All state lives in the
 * `Store` (routing-state.ts), so that several processes sharing a store route each alert once: the alert is
 * recorded in one atomic update (a second `route` of it finds it there), and each delivery is sent by the holder
 * of its lease. A process that stops mid-send leaves its lease to run out; another then sends again with the same
 * message id, which receivers de-duplicate on.
 */
import { randomUUID } from 'node:crypto'
import { ConfigError, ValidationError } from '../errors/index.js'
import type { Alert } from '../model/core.js'
import type { Store, StoreTransaction, StoreValue } from '../store/index.js'
import type { Tracker } from '../tracker/tracker.js'
import { customerOf } from './lists.js'
import { createSenders } from './routing-channels.js'
import {
  type AlertChannel,
  type AlertRule,
  checkChannels,
  checkDuration,
  checkRules,
  matchRule,
  needsCustomer,
} from './routing-rules.js'
import {
  ALERT_PREFIX,
  alertKeyOf,
  claimDue,
  type Delivery,
  escalateIfDue,
  newRoutedAlert,
  nextDue,
  OPEN_PREFIX,
  type OpenMarker,
  openKeyOf,
  type RoutedAlert,
  retryDelay,
  settleDelivery,
} from './routing-state.js'

export interface AlertRouterOptions {
  /** Tried in order; the first matching rule owns the alert. An alert no rule matches is kept and listed. */
  rules: readonly AlertRule[]
  /** Channels by name, as the rules name them. */
  channels: Readonly<Record<string, AlertChannel>>
  /**
   * Milliseconds an alert may stay unacknowledged before it goes to its rule's `escalateTo` (once). Needed when a
   * rule escalates without its own `after`.
   * @example 30 * 60_000
   */
  escalateAfter?: number
  /** Where routed alerts, deliveries and acknowledgements live; share it between processes. */
  store: Store
  /**
   * How long a router holds a delivery it is sending before another may take it over (longer than a send takes).
   * @default 60_000
   */
  leaseMs?: number
  /** A failed delivery is retried after this, doubling per failure up to one hour. @default 30_000 */
  retryAfterMs?: number
  /**
   * How long an alert with nothing left to do (delivered, and acknowledged or not escalating) is kept before the
   * store lets it expire. Within it, the same alert announced again is recognised and not sent again.
   * @default 30 days
   */
  keepClosedMs?: number
  /** How often this router runs `tick()` on its own; 0: only when you call it. @default 15_000 */
  tickEveryMs?: number
  /**
   * Told about each failed delivery (it is kept and retried), each alert no rule matched, and errors of the
   * background tick.
   * @default process.emitWarning
   */
  onWarning?: (message: string, error?: unknown) => void
  /** @default () => new Date() */
  now?: () => Date
}

/** What one `tick` did. */
export interface TickReport {
  /** Deliveries sent successfully. */
  delivered: number
  /** Deliveries that failed (kept, retried later). */
  failed: number
  /** Alerts escalated. */
  escalated: number
}

export interface AlertRouter {
  /**
   * Records the alert (once per `dedupeKey`, whichever process calls first) and sends its deliveries. A second
   * call for the same alert changes nothing and sends nothing new.
   * @param context.customer the shipment's customer, for rules that match on it
   */
  route(alert: Alert, context?: { customer?: string }): Promise<RoutedAlert>
  /** Acknowledges an alert: no escalation after this. `already` is true when it had been acknowledged. */
  ack(dedupeKey: string, by: string): Promise<{ alert: RoutedAlert; already: boolean }>
  /** Sends deliveries that are due (retries, deliveries a stopped process left) and escalates what is due. */
  tick(): Promise<TickReport>
  get(dedupeKey: string): Promise<RoutedAlert | undefined>
  /** Alerts with work left or awaiting acknowledgement (an index: closed alerts are not read). */
  open(): AsyncIterable<RoutedAlert>
  /**
   * Routes every alert the tracker announces, with the shipment's customer when a rule needs it. Returns the
   * function that detaches it.
   */
  attach(tracker: Pick<Tracker, 'on' | 'get'>): () => void
  /** Stops the background tick and closes the channels' connections (the store is the caller's). */
  close(): Promise<void>
}

const HOUR = 3_600_000

function checkOptions(options: AlertRouterOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError('createAlertRouter: options are required')
  const { store } = options
  if (!store || typeof store.update !== 'function' || typeof store.keys !== 'function')
    throw new ConfigError('createAlertRouter: store must be a Store')
  if (options.escalateAfter !== undefined)
    checkDuration('createAlertRouter: escalateAfter', options.escalateAfter)
  if (options.leaseMs !== undefined) checkDuration('createAlertRouter: leaseMs', options.leaseMs)
  if (options.retryAfterMs !== undefined)
    checkDuration('createAlertRouter: retryAfterMs', options.retryAfterMs)
  const every = options.tickEveryMs
  if (every !== undefined && (typeof every !== 'number' || !Number.isFinite(every) || every < 0))
    throw new ConfigError(`createAlertRouter: tickEveryMs must be a number >= 0 (got ${String(every)})`)
  if (options.now !== undefined && typeof options.now !== 'function')
    throw new ConfigError('createAlertRouter: now must be a function returning a Date')
}

function checkAlert(alert: Alert): void {
  if (typeof alert !== 'object' || alert === null) throw new ValidationError('alert', 'expected an Alert')
  for (const field of ['dedupeKey', 'kind', 'severity', 'carrier', 'trackingNumber'] as const)
    if (typeof alert[field] !== 'string' || alert[field] === '')
      throw new ValidationError(`alert.${field}`, 'must be a non-empty string')
}

const asValue = (value: unknown) => value as StoreValue

/**
 * @example
 * const router = createAlertRouter({
 *   store,
 *   escalateAfter: 30 * 60_000,
 *   channels: {
 *     desk: { type: 'webhook', url: 'https://desk.example/hooks/waybill', secret: process.env.DESK_SECRET! },
 *     lead: { type: 'email', to: ['lead@shop.example'], send: mailer.send, link: (a) => `https://shop.example/t/${a.trackingNumber}` },
 *   },
 *   rules: [
 *     { name: 'critical', match: { severity: 'critical' }, owner: 'ops', channels: ['desk'], escalateTo: { owner: 'lead', channels: ['lead'] } },
 *     { name: 'rest', owner: 'ops', channels: ['desk'] },
 *   ],
 * })
 * router.attach(tracker)
 */
export function createAlertRouter(options: AlertRouterOptions): AlertRouter {
  checkOptions(options)
  const channels = checkChannels(options.channels)
  const rules = checkRules(options.rules, channels, options.escalateAfter)
  const { store } = options
  const now = options.now ?? (() => new Date())
  const leaseMs = options.leaseMs ?? 60_000
  const retryAfterMs = options.retryAfterMs ?? 30_000
  const tickEveryMs = options.tickEveryMs ?? 15_000
  const keepClosedMs = options.keepClosedMs ?? 30 * 24 * HOUR
  const warn =
    options.onWarning ??
    ((message: string) => process.emitWarning(`waybill alert router: ${message}`, 'WaybillAlertWarning'))
  const senders = createSenders(channels)
  /** This router's name in delivery leases. */
  const instance = randomUUID()
  let timer: ReturnType<typeof setInterval> | undefined

  const ensureTimer = () => {
    if (tickEveryMs <= 0 || timer) return
    timer = setInterval(() => {
      tick().catch((error: unknown) => warn(`tick failed: ${(error as Error)?.message ?? error}`, error))
    }, tickEveryMs)
    timer.unref?.()
  }

  /** Writes the alert and its open marker together; a closed alert expires after `keepClosedMs`. */
  function save(tx: StoreTransaction, routed: RoutedAlert): void {
    const marker = nextDue(routed)
    if (marker) {
      tx.set(alertKeyOf(routed.key), asValue(routed))
      tx.set(openKeyOf(routed.key), asValue(marker))
    } else {
      tx.set(alertKeyOf(routed.key), asValue(routed), { ttlMs: keepClosedMs })
      tx.delete(openKeyOf(routed.key))
    }
  }

  /** Claims what is due in one update (escalating first when due), then sends each claimed delivery. */
  async function work(
    key: string,
    create?: () => RoutedAlert,
  ): Promise<{ routed: RoutedAlert | undefined; report: TickReport }> {
    const report: TickReport = { delivered: 0, failed: 0, escalated: 0 }
    const keys = [alertKeyOf(key), openKeyOf(key)]
    const claimed = await store.update(keys, (tx) => {
      let routed = tx.get(keys[0]!) as unknown as RoutedAlert | undefined
      let created = false
      if (!routed && create) {
        routed = create()
        created = true
      }
      if (!routed) return undefined
      const at = now().getTime()
      if (escalateIfDue(routed, at)) report.escalated++
      const due = claimDue(routed, instance, at, leaseMs)
      if (created || due.length || report.escalated) save(tx, routed)
      return { routed, due, created }
    })
    if (!claimed) return { routed: undefined, report }
    if (claimed.created && claimed.routed.rule === undefined)
      warn(`alert '${key}' (${claimed.routed.alert.kind}) matched no rule: kept, awaiting acknowledgement`)
    let routed = claimed.routed
    for (const delivery of claimed.due) {
      const outcome = await send(routed, delivery)
      if (outcome.ok) report.delivered++
      else report.failed++
      routed = (await settle(key, delivery, outcome)) ?? routed
    }
    return { routed, report }
  }

  async function send(
    routed: RoutedAlert,
    delivery: Delivery,
  ): Promise<{ ok: true } | { ok: false; error: string; retryInMs: number }> {
    try {
      await senders.get(delivery.channel)!.send(routed, delivery, now())
      return { ok: true }
    } catch (error) {
      const message = (error as Error)?.message ?? String(error)
      warn(
        `delivery of '${routed.key}' to ${delivery.channel} failed (kept, retried later): ${message}`,
        error,
      )
      return { ok: false, error: message, retryInMs: retryDelay(delivery.attempts + 1, retryAfterMs, HOUR) }
    }
  }

  async function settle(
    key: string,
    delivery: Delivery,
    outcome: Parameters<typeof settleDelivery>[4],
  ): Promise<RoutedAlert | undefined> {
    const keys = [alertKeyOf(key), openKeyOf(key)]
    return store.update(keys, (tx) => {
      const routed = tx.get(keys[0]!) as unknown as RoutedAlert | undefined
      if (!routed) return undefined
      if (settleDelivery(routed, delivery.id, instance, now().getTime(), outcome)) save(tx, routed)
      return routed
    })
  }

  async function route(alert: Alert, context: { customer?: string } = {}): Promise<RoutedAlert> {
    checkAlert(alert)
    ensureTimer()
    const create = () =>
      newRoutedAlert(
        alert,
        matchRule(rules, alert, context.customer),
        context.customer,
        now().getTime(),
        options.escalateAfter,
      )
    const { routed } = await work(alert.dedupeKey, create)
    return routed!
  }

  async function ack(dedupeKey: string, by: string): Promise<{ alert: RoutedAlert; already: boolean }> {
    if (typeof dedupeKey !== 'string' || dedupeKey === '')
      throw new ValidationError('dedupeKey', 'must be a non-empty string')
    if (typeof by !== 'string' || by.trim() === '')
      throw new ValidationError('by', 'must name who acknowledges')
    const keys = [alertKeyOf(dedupeKey), openKeyOf(dedupeKey)]
    const result = await store.update(keys, (tx) => {
      const routed = tx.get(keys[0]!) as unknown as RoutedAlert | undefined
      if (!routed) return undefined
      if (routed.ackedAt) return { alert: routed, already: true }
      routed.ackedAt = now().toISOString()
      routed.ackedBy = by.trim().slice(0, 200)
      save(tx, routed)
      return { alert: routed, already: false }
    })
    if (!result) throw new ValidationError('dedupeKey', `no routed alert has the key '${dedupeKey}'`)
    return result
  }

  async function tick(): Promise<TickReport> {
    const total: TickReport = { delivered: 0, failed: 0, escalated: 0 }
    const at = now().getTime()
    const due: string[] = []
    for await (const key of store.keys(OPEN_PREFIX)) {
      const marker = await store.get<OpenMarker & StoreValue>(key)
      if (marker && marker.due !== null && marker.due <= at) due.push(key.slice(OPEN_PREFIX.length))
    }
    for (const key of due) {
      const { report } = await work(key)
      total.delivered += report.delivered
      total.failed += report.failed
      total.escalated += report.escalated
    }
    return total
  }

  async function* open(): AsyncIterable<RoutedAlert> {
    for await (const key of store.keys(OPEN_PREFIX)) {
      const routed = await store.get(`${ALERT_PREFIX}${key.slice(OPEN_PREFIX.length)}`)
      if (routed) yield routed as unknown as RoutedAlert
    }
  }

  function attach(tracker: Pick<Tracker, 'on' | 'get'>): () => void {
    const lookup = needsCustomer(rules)
    return tracker.on('alert', (alert) => {
      const routing = (async () => {
        let customer: string | undefined
        if (lookup) {
          const shipments = await tracker.get(alert.carrier, alert.trackingNumber)
          const found = shipments.map(customerOf).find((c) => c !== undefined)
          if (found) customer = found
        }
        await route(alert, customer ? { customer } : {})
      })()
      routing.catch((error: unknown) =>
        warn(`routing '${alert.dedupeKey}' failed: ${(error as Error)?.message ?? error}`, error),
      )
    })
  }

  return {
    route,
    ack,
    tick,
    get: async (dedupeKey) => (await store.get(alertKeyOf(dedupeKey))) as unknown as RoutedAlert | undefined,
    open,
    attach,
    async close() {
      if (timer) clearInterval(timer)
      timer = undefined
      await Promise.all([...senders.values()].map((s) => s.close()))
    },
  }
}
