/**
 * Alert-routing rules and channels: their types, their validation (once, when the router is made, with a
 * `ConfigError` naming the rule or channel and the field) and `matchRule`, which picks the first rule whose
 * conditions all hold for an alert.
 */
import { ConfigError } from '../errors/index.js'
import { ALERT_KINDS, type Alert, type AlertKind } from '../model/core.js'
import { prepareStandardSecret } from '../webhooks/standard-webhooks.js'

export type Severity = Alert['severity']
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical']

type OneOrMany<T> = T | readonly T[]

/** The conditions of a rule; each one given must hold (an empty match takes every alert). */
export interface AlertMatch {
  /** @example ['warning', 'critical'] */
  severity?: OneOrMany<Severity>
  /** Carrier ids. @example 'ups' */
  carrier?: OneOrMany<string>
  /** Alert kinds. @example ['late', 'stalled'] */
  kind?: OneOrMany<AlertKind>
  /**
   * Customers: the shipment's `customer_reference` (else `order`, else `purchase_order`) reference, compared
   * exactly. An alert whose shipment has none never matches a rule with this condition.
   * @example 'ACME-RETAIL'
   */
  customer?: OneOrMany<string>
}

/** Who is told when nobody acknowledged an alert in time. */
export interface EscalationTarget {
  owner: string
  /** Names of channels in the router's `channels`. */
  channels: readonly string[]
  /** Overrides the router's `escalateAfter` for this rule (milliseconds). */
  after?: number
}

/**
 * One routing rule. Rules are tried in order; the first that matches owns the alert.
 * @example { name: 'late-ups', match: { carrier: 'ups', kind: 'late' }, owner: 'ups-desk', channels: ['desk-hook'],
 *   escalateTo: { owner: 'ops-lead', channels: ['lead-mail'] } }
 */
export interface AlertRule {
  /** Unique; recorded with each routed alert and sent with it. */
  name: string
  /** @default {} (every alert) */
  match?: AlertMatch
  owner: string
  /** Names of channels in the router's `channels`. */
  channels: readonly string[]
  /** Where the alert goes when not acknowledged within `escalateAfter`; without it, the alert is not escalated. */
  escalateTo?: EscalationTarget
}

/** What an email channel hands to your sender: the content `renderNotification` builds, and who it is for. */
export interface AlertEmail {
  /** Stable per alert, stage and channel: use it as an idempotency key. */
  id: string
  to: readonly string[]
  subject: string
  text: string
  html: string
  alert: Alert
  owner: string
  stage: DeliveryStage
}

export type DeliveryStage = 'routed' | 'escalated'

/** A signed POST of the alert (Standard Webhooks, `waybill.alert.routed` / `waybill.alert.escalated`). */
export interface WebhookChannel {
  type: 'webhook'
  /** An `https:` URL (`http:` only with `allowHttp`). */
  url: string
  /** Standard Webhooks secret (`whsec_` + base64). */
  secret: string
  /** Allow a plain `http:` URL (a loopback receiver in tests). @default false */
  allowHttp?: boolean
  /** An undici `Dispatcher` (a proxy `Agent`, `MockAgent` in tests). @default a keep-alive Agent */
  dispatcher?: import('undici').Dispatcher
  /** The whole attempt, connect to response. @default 10_000 */
  timeoutMs?: number
}

/** Email content for the alert, given to your `send` (waybill sends no mail itself). */
export interface EmailChannel {
  type: 'email'
  to: readonly string[]
  /** Sends one message; throw to have it retried later. */
  send(message: AlertEmail): Promise<void>
  /** The tracking page for the alert's shipment (absolute http(s) URL). */
  link(alert: Alert): string
  /** BCP 47 locale of the recipients. @default 'en' */
  locale?: string
}

export type AlertChannel = WebhookChannel | EmailChannel

const list = <T>(value: OneOrMany<T> | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? (value as readonly T[]) : [value as T]

function nonEmptyString(where: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(`${where} must be a non-empty string`)
  return value
}

function checkChannelNames(
  where: string,
  names: unknown,
  channels: Readonly<Record<string, AlertChannel>>,
): void {
  if (!Array.isArray(names) || names.length === 0)
    throw new ConfigError(`${where} must name at least one channel`)
  for (const name of names)
    if (typeof name !== 'string' || !Object.hasOwn(channels, name))
      throw new ConfigError(
        `${where}: no channel '${String(name)}' (known: ${Object.keys(channels).join(', ') || 'none'})`,
      )
}

function checkValues<T extends string>(
  where: string,
  value: OneOrMany<T> | undefined,
  allowed?: readonly T[],
): void {
  const values = list(value)
  if (values === undefined) return
  if (!values.length) throw new ConfigError(`${where} must not be an empty list`)
  for (const v of values) {
    if (typeof v !== 'string' || v === '') throw new ConfigError(`${where} must hold non-empty strings`)
    if (allowed && !allowed.includes(v))
      throw new ConfigError(`${where}: '${v}' is not one of ${allowed.join(', ')}`)
  }
}

export function checkDuration(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${where} must be a positive number of milliseconds (got ${String(value)})`)
  return value
}

/** Validates the channels; the secrets are checked, never printed. */
export function checkChannels(channels: unknown): Readonly<Record<string, AlertChannel>> {
  if (typeof channels !== 'object' || channels === null || !Object.keys(channels).length)
    throw new ConfigError('createAlertRouter: channels must name at least one channel')
  for (const [name, channel] of Object.entries(channels as Record<string, AlertChannel>)) {
    const where = `createAlertRouter: channels.${name}`
    if (typeof channel !== 'object' || channel === null) throw new ConfigError(`${where} must be an object`)
    if (channel.type === 'webhook') {
      let url: URL
      try {
        url = new URL(channel.url)
      } catch {
        throw new ConfigError(`${where}.url is not a URL`)
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && channel.allowHttp))
        throw new ConfigError(`${where}.url must be https: (got ${url.protocol}; allowHttp permits http:)`)
      try {
        prepareStandardSecret(nonEmptyString(`${where}.secret`, channel.secret))
      } catch (error) {
        if (error instanceof ConfigError) throw error
        throw new ConfigError(`${where}.secret is not a Standard Webhooks secret (whsec_ + base64)`)
      }
      if (channel.timeoutMs !== undefined) checkDuration(`${where}.timeoutMs`, channel.timeoutMs)
    } else if (channel.type === 'email') {
      if (
        !Array.isArray(channel.to) ||
        !channel.to.length ||
        channel.to.some((to) => typeof to !== 'string' || !to.includes('@'))
      )
        throw new ConfigError(`${where}.to must list at least one email address`)
      if (typeof channel.send !== 'function') throw new ConfigError(`${where}.send must be a function`)
      if (typeof channel.link !== 'function') throw new ConfigError(`${where}.link must be a function`)
    } else throw new ConfigError(`${where}.type must be 'webhook' or 'email'`)
  }
  return channels as Record<string, AlertChannel>
}

/** Validates the rules against the channels; names are unique, conditions use known values. */
export function checkRules(
  rules: unknown,
  channels: Readonly<Record<string, AlertChannel>>,
  escalateAfter: number | undefined,
): readonly AlertRule[] {
  if (!Array.isArray(rules) || !rules.length)
    throw new ConfigError('createAlertRouter: rules must hold at least one rule')
  const names = new Set<string>()
  rules.forEach((rule: AlertRule, index) => {
    const where = `createAlertRouter: rules[${index}]`
    if (typeof rule !== 'object' || rule === null) throw new ConfigError(`${where} must be an object`)
    const name = nonEmptyString(`${where}.name`, rule.name)
    if (names.has(name)) throw new ConfigError(`${where}.name '${name}' is used by another rule`)
    names.add(name)
    nonEmptyString(`${where}.owner`, rule.owner)
    checkChannelNames(`${where}.channels`, rule.channels, channels)
    const match = rule.match ?? {}
    if (typeof match !== 'object' || match === null) throw new ConfigError(`${where}.match must be an object`)
    for (const key of Object.keys(match))
      if (!['severity', 'carrier', 'kind', 'customer'].includes(key))
        throw new ConfigError(`${where}.match.${key} is not a condition (severity, carrier, kind, customer)`)
    checkValues(`${where}.match.severity`, match.severity, SEVERITIES)
    checkValues(`${where}.match.kind`, match.kind, ALERT_KINDS)
    checkValues(`${where}.match.carrier`, match.carrier)
    checkValues(`${where}.match.customer`, match.customer)
    if (rule.escalateTo !== undefined) {
      const target = rule.escalateTo
      nonEmptyString(`${where}.escalateTo.owner`, target?.owner)
      checkChannelNames(`${where}.escalateTo.channels`, target.channels, channels)
      if (target.after !== undefined) checkDuration(`${where}.escalateTo.after`, target.after)
      else if (escalateAfter === undefined)
        throw new ConfigError(`${where}.escalateTo needs a time: set escalateAfter (or escalateTo.after)`)
    }
  })
  return rules
}

const holds = <T>(condition: OneOrMany<T> | undefined, value: T | undefined): boolean => {
  const values = list(condition)
  return values === undefined || (value !== undefined && values.includes(value))
}

/**
 * The first rule whose every condition holds for the alert, or undefined.
 * @example matchRule(rules, alert, 'ACME-RETAIL')?.owner
 */
export function matchRule(
  rules: readonly AlertRule[],
  alert: Alert,
  customer: string | undefined,
): AlertRule | undefined {
  return rules.find((rule) => {
    const m = rule.match ?? {}
    return (
      holds(m.severity, alert.severity) &&
      holds(m.carrier, alert.carrier) &&
      holds(m.kind, alert.kind) &&
      holds(m.customer, customer)
    )
  })
}

/** True when some rule matches on the customer (the router then looks the shipment up). */
export function needsCustomer(rules: readonly AlertRule[]): boolean {
  return rules.some((rule) => rule.match?.customer !== undefined)
}
