/**
 * `createTracker`: sources in, one deduplicated timeline per shipment out. Normalizes through the adapters,
 * merges reports of the same event, derives status, runs data-quality checks and alert rules, persists through
 * the Store, and emits only what changed.
 */
import type { Adapter } from '../adapter/index.js'
import { ConfigError } from '../errors/index.js'
import { detectCarrier } from '../identifiers/index.js'
import {
  type Alert,
  buildShipment,
  type DeliveryWindow,
  isTerminal,
  type NormalizeResult,
  type NormalizeWarning,
  type NotFound,
  type Shipment,
  type TrackingEvent,
} from '../model/index.js'
import { memoryStore, type StoreValue } from '../store/index.js'
import { evaluateAlerts, timedAlerts } from './alerts.js'
import { detectAnomalies } from './anomalies.js'
import { type DescribeOptions, type Description, describe as describeTarget } from './describe.js'
import { type MergeOptions, mergeEvents } from './merge.js'
import type {
  IngestInput,
  IngestResult,
  TrackedRecord,
  TrackerEvent,
  TrackerEventMap,
  TrackerOptions,
  TrackOptions,
  TrackResult,
} from './types.js'

const DAY_MS = 86_400_000
const PREFIX = 'tracker:'
/** The value of an alert key claimed but not yet announced (an announced alert's value is its `raisedAt`). */
const UNANNOUNCED = 'pending:'

type Listener<K extends keyof TrackerEventMap> = (payload: TrackerEventMap[K]) => void

export interface Tracker {
  /** Fetches a number from its carrier (detected when not given; ambiguous numbers tried in rank order). */
  track(trackingNumber: string, options?: TrackOptions): Promise<TrackResult>
  /** Normalizes any payload an adapter understands and merges it in. */
  ingest(input: IngestInput): Promise<IngestResult>
  /** Merges already-normalized shipments (from the poller, a webhook handler or an SFTP source). */
  ingestResult(result: NormalizeResult, options?: { receivedAt?: Date }): Promise<IngestResult>
  /** Every stored shipment for a number (several when the number was recycled). */
  get(carrier: string, trackingNumber: string): Promise<Shipment[]>
  /** Every stored shipment. */
  shipments(): AsyncIterable<Shipment>
  /** Raises time-based alerts (late against the first promise, stalled); call it on a schedule. */
  checkTimers(): Promise<Alert[]>
  /** A plain customer message for a shipment or event, in the tracker's `locale` unless `options.locale` is given. */
  describe(target: Shipment | TrackingEvent, options?: DescribeOptions): Description
  /** Every stored record: the shipment plus the first promised estimate and ingest lags (input of `summarize`). */
  records(): AsyncIterable<TrackedRecord>
  on<K extends keyof TrackerEventMap>(type: K, listener: Listener<K>): () => void
  /** An async iterator of everything emitted from now on; ends when `signal` aborts. */
  events(signal?: AbortSignal): AsyncIterableIterator<TrackerEvent>
  readonly adapters: ReadonlyMap<string, Adapter>
}

function shipmentKey(s: Pick<Shipment, 'carrier' | 'trackingNumber' | 'carrierShipmentId'>): string {
  return `${s.carrier}:${s.trackingNumber.toUpperCase()}:${s.carrierShipmentId ?? ''}`
}

function lastEventAt(s: Shipment): number {
  const last = s.events[s.events.length - 1]
  return last ? Date.parse(last.occurredAt) : Number.NEGATIVE_INFINITY
}

/**
 * @example
 * const tracker = createTracker({ adapters: [ups({ clientId, clientSecret }), dhl({ apiKey })] })
 * tracker.on('update', ({ shipment }) => console.log(shipment.status))
 * await tracker.track('1Z999AA10123456784')
 */
/** An outbox with what an earlier one could not announce (a listener threw) put in front of it. */
function withCarried(
  carried: TrackedRecord['pending'],
  pending: NonNullable<TrackedRecord['pending']>,
): NonNullable<TrackedRecord['pending']> {
  if (!carried) return pending
  const anomalies = [...(carried.anomalies ?? []), ...(pending.anomalies ?? [])]
  const alerts = [...(carried.alerts ?? []), ...(pending.alerts ?? [])]
  return {
    added: [...carried.added, ...pending.added],
    enriched: [...carried.enriched, ...pending.enriched],
    ...(anomalies.length ? { anomalies } : {}),
    ...(alerts.length ? { alerts } : {}),
  }
}

export function createTracker(options: TrackerOptions): Tracker {
  const store = options.store ?? memoryStore()
  const now = options.now ?? (() => new Date())
  const keepRaw = options.keepRawPayloads ?? 20
  const recycleMs = (options.recycleAfterDays ?? 60) * DAY_MS
  const mergeOptions: MergeOptions = {}
  const adapters = new Map(options.adapters.map((a) => [a.id, a]))
  const listeners = new Map<keyof TrackerEventMap, Set<(payload: never) => void>>()

  /**
   * Calls every listener of `type`, even when one throws; then throws what they threw (an AggregateError when more
   * than one did), so that one failing listener neither starves the others nor goes unnoticed.
   */
  function emit<K extends keyof TrackerEventMap>(type: K, payload: TrackerEventMap[K]): void {
    const errors: unknown[] = []
    for (const listener of listeners.get(type) ?? []) {
      try {
        ;(listener as Listener<K>)(payload)
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length)
      throw errors.length === 1
        ? errors[0]
        : new AggregateError(errors, `${errors.length} '${type}' listeners threw`)
  }

  async function load(key: string): Promise<TrackedRecord | undefined> {
    return (await store.get(`${PREFIX}shipment:${key}`)) as TrackedRecord | undefined
  }

  /** The number's shipments as stored (every id and generation), with their store keys. */
  async function knownOfNumber(incoming: Shipment): Promise<{ key: string; record: TrackedRecord }[]> {
    const out: { key: string; record: TrackedRecord }[] = []
    const prefix = `${PREFIX}index:${incoming.carrier}:${incoming.trackingNumber.toUpperCase()}:`
    for await (const indexKey of store.keys(prefix)) {
      const key = (await store.get(indexKey)) as string
      const record = await load(key)
      if (record) out.push({ key, record })
    }
    return out
  }

  /** True when `incoming` starts after `known` ended in a terminal status, by more than the recycle gap. */
  function reusesNumber(known: Shipment, incoming: Shipment): boolean {
    const firstNew = incoming.events[0] ? Date.parse(incoming.events[0].occurredAt) : Number.NaN
    return isTerminal(known.status, known.milestone) && firstNew - lastEventAt(known) > recycleMs
  }

  /**
   * Some sources give the carrier's own shipment id (FedEx `trackingNumberUniqueId`) and others do not (webhooks
   * relayed by aggregators). Reports of one number with and without the id are one shipment:
   * - the first report with an id takes over the number's current shipment known only without one;
   * - a report without an id goes to the number's shipment with an id that was active last.
   * Two different ids stay two shipments (a recycled number), and a report that starts long after a finished
   * shipment still opens a new one.
   */
  async function linkCarrierShipmentId(incoming: Shipment): Promise<string | undefined> {
    const known = await knownOfNumber(incoming)
    if (!known.length) return undefined
    if (!incoming.carrierShipmentId) {
      let latest: { key: string; record: TrackedRecord } | undefined
      for (const entry of known)
        if (
          entry.record.shipment.carrierShipmentId &&
          (!latest || lastEventAt(entry.record.shipment) > lastEventAt(latest.record.shipment))
        )
          latest = entry
      return latest && !reusesNumber(latest.record.shipment, incoming) ? latest.key : undefined
    }
    const key = shipmentKey(incoming)
    if (known.some((entry) => entry.key === key || entry.key.startsWith(`${key}#`))) return undefined
    const bareBase = shipmentKey({ ...incoming, carrierShipmentId: undefined })
    const generations = ((await store.get(`${PREFIX}generations:${bareBase}`)) as number | undefined) ?? 1
    const bareKey = generations > 1 ? `${bareBase}#${generations}` : bareBase
    const bare = known.find((entry) => entry.key === bareKey)
    if (!bare || reusesNumber(bare.record.shipment, incoming)) return undefined
    // Move the record under the id's key (the merge that follows records the id on the shipment).
    const number = incoming.trackingNumber.toUpperCase()
    await store.set(`${PREFIX}shipment:${key}`, bare.record as unknown as StoreValue)
    await store.set(`${PREFIX}index:${incoming.carrier}:${number}:${key}`, key)
    await store.delete(`${PREFIX}shipment:${bareKey}`)
    await store.delete(`${PREFIX}index:${incoming.carrier}:${number}:${bareKey}`)
    return key
  }

  /** The store key a reported shipment belongs to: a recycled number gets a new generation. */
  async function resolveKey(incoming: Shipment): Promise<string> {
    const linked = await linkCarrierShipmentId(incoming)
    if (linked) return linked
    const base = shipmentKey(incoming)
    const generations = ((await store.get(`${PREFIX}generations:${base}`)) as number | undefined) ?? 1
    const keyOf = (generation: number) => (generation > 1 ? `${base}#${generation}` : base)
    const key = keyOf(generations)
    const record = await load(key)
    if (!record || incoming.carrierShipmentId) return key
    const known = record.shipment
    const firstNew = incoming.events[0] ? Date.parse(incoming.events[0].occurredAt) : Number.NaN
    // A late report of an earlier generation (all of it before the current one began) goes back to that one,
    // so that a replayed old payload never merges into the shipment that reuses the number.
    const lastNew = lastEventAt(incoming)
    let generation = generations
    let current = known
    while (generation > 1 && current.events[0] && lastNew < Date.parse(current.events[0].occurredAt)) {
      const older = await load(keyOf(generation - 1))
      if (!older) break
      generation--
      current = older.shipment
    }
    if (generation < generations) return keyOf(generation)
    const recycled = isTerminal(known.status, known.milestone) && firstNew - lastEventAt(known) > recycleMs
    if (!recycled) return key
    await store.set(`${PREFIX}generations:${base}`, generations + 1)
    return `${base}#${generations + 1}`
  }

  async function mergeShipment(
    incoming: Shipment,
    receivedAt: Date,
  ): Promise<{ shipment: Shipment; added: number; duplicates: number }> {
    const key = await resolveKey(incoming)
    const record = await load(key)
    // What the last change left to announce goes first. When a listener throws on it, the new data is still merged
    // and stored (with the old announcements carried into its outbox for the next time) before the error is thrown.
    let carried: TrackedRecord['pending']
    let listenerError: { error: unknown } | undefined
    if (record?.pending) {
      try {
        await announcePending(key, record)
      } catch (error) {
        carried = record.pending
        delete record.pending
        listenerError = { error }
      }
    }
    const previous = record?.shipment
    const merged = mergeEvents(previous?.events ?? [], incoming.events, mergeOptions)
    const raw = [
      ...(previous?.raw ?? []),
      ...incoming.raw.filter(
        (p) => !(previous?.raw ?? []).some((q) => JSON.stringify(q) === JSON.stringify(p)),
      ),
    ]
    const references = [...(previous?.identifiers.references ?? [])]
    for (const ref of incoming.identifiers.references)
      if (!references.some((r) => r.type === ref.type && r.value === ref.value)) references.push(ref)
    const base = previous ? { ...previous, ...stripUndefined(incoming) } : incoming
    const estimate = pickEstimate(previous?.estimatedDelivery, incoming.estimatedDelivery)
    const draft = {
      ...base,
      ...(estimate ? { estimatedDelivery: estimate } : {}),
      identifiers: { ...previous?.identifiers, ...incoming.identifiers, references },
      events: merged.events,
      raw: raw.slice(-keepRaw),
    }
    delete (draft as Partial<Shipment>).deliveredAt
    let shipment = buildShipment(draft)
    const anomalies = detectAnomalies(shipment, { ...options.anomalies, now: now() })
    if (anomalies.length) shipment = { ...shipment, anomalies }
    else delete shipment.anomalies
    const changed =
      !previous ||
      merged.added.length > 0 ||
      merged.enriched.length > 0 ||
      stableJson(previous) !== stableJson(shipment)
    if (!changed) {
      if (listenerError) throw listenerError.error // (the stored record still holds its outbox)
      return { shipment, added: 0, duplicates: merged.duplicates }
    }

    const firstEstimate = record?.firstEstimate ?? shipment.estimatedDelivery
    const lag = merged.added.map((e) => receivedAt.getTime() - Date.parse(e.occurredAt))
    const known = new Set((previous?.anomalies ?? []).map((a) => a.key))
    const newAnomalies = anomalies.filter((anomaly) => !known.has(anomaly.key))
    const alerts = evaluateAlerts({
      previous,
      current: shipment,
      firstEstimate,
      now: now(),
      rules: options.alerts ?? {},
    })
    const next: TrackedRecord = {
      shipment,
      ...(firstEstimate ? { firstEstimate } : {}),
      updatedAt: receivedAt.toISOString(),
      ingestLag: [...(record?.ingestLag ?? []), ...lag].slice(-50),
      pending: withCarried(carried, {
        added: merged.added,
        enriched: merged.enriched,
        ...(newAnomalies.length ? { anomalies: newAnomalies } : {}),
        ...(alerts.length ? { alerts } : {}),
      }),
    }
    // The index first (writing it twice is harmless), then the record with everything it has still to announce
    // (its outbox), announced next and cleared last: a stop anywhere in between loses nothing.
    if (!record)
      await store.set(
        `${PREFIX}index:${shipment.carrier}:${shipment.trackingNumber.toUpperCase()}:${key}`,
        key,
      )
    await store.set(`${PREFIX}shipment:${key}`, next as unknown as StoreValue)
    if (listenerError) throw listenerError.error // announced with the carried ones at the next touch

    emit('update', {
      shipment,
      added: merged.added,
      enriched: merged.enriched,
      ...(previous ? { previous } : {}),
    })
    for (const anomaly of newAnomalies) emit('anomaly', { shipment, anomaly })
    for (const alert of alerts) await raise(alert)
    delete next.pending
    await store.set(`${PREFIX}shipment:${key}`, next as unknown as StoreValue)
    return { shipment, added: merged.added.length, duplicates: merged.duplicates }
  }

  /**
   * Announces what a change stored but did not finish announcing (the process stopped in between): the update, its
   * new anomalies and its alerts, then clears it. Announced at least once: what was announced just before a stop can
   * be announced again after the restart, except alerts already recorded as announced (see `raise`).
   */
  async function announcePending(key: string, record: TrackedRecord): Promise<void> {
    const pending = record.pending
    if (!pending) return
    const { shipment } = record
    emit('update', { shipment, added: pending.added, enriched: pending.enriched })
    for (const anomaly of pending.anomalies ?? []) emit('anomaly', { shipment, anomaly })
    for (const alert of pending.alerts ?? []) await raise(alert)
    delete record.pending
    await store.set(`${PREFIX}shipment:${key}`, record as unknown as StoreValue)
  }

  /** Alert keys this tracker is announcing right now, so that a concurrent call does not take one over. */
  const announcing = new Set<string>()

  /**
   * Raises an alert once per `dedupeKey`; true when this call announced it. The key is claimed as not yet announced
   * (`pending:<raisedAt>`), the alert emitted, then the key set to its final value (`raisedAt`, which means
   * "announced"). A key a stopped process left claimed but not announced is announced by the next call with it.
   * A listener that throws leaves the key claimed, so the alert is announced again on the next call.
   */
  async function raise(alert: Alert): Promise<boolean> {
    const key = `${PREFIX}alert:${alert.dedupeKey}`
    if (announcing.has(key)) return false
    announcing.add(key)
    try {
      if (!(await store.setIfAbsent(key, `${UNANNOUNCED}${alert.raisedAt}`))) {
        const value = await store.get(key)
        if (typeof value !== 'string' || !value.startsWith(UNANNOUNCED)) return false
      }
      emit('alert', alert)
      await store.set(key, alert.raisedAt)
      return true
    } finally {
      announcing.delete(key)
    }
  }

  async function ingestResult(
    result: NormalizeResult,
    opts: { receivedAt?: Date } = {},
  ): Promise<IngestResult> {
    const receivedAt = opts.receivedAt ?? now()
    const out: IngestResult = {
      shipments: [],
      notFound: result.notFound,
      warnings: result.warnings,
      added: 0,
      duplicates: 0,
    }
    for (const incoming of result.shipments) {
      const { shipment, added, duplicates } = await mergeShipment(incoming, receivedAt)
      out.shipments.push(shipment)
      out.added += added
      out.duplicates += duplicates
    }
    return out
  }

  function adapterFor(source: string | Adapter): Adapter {
    if (typeof source !== 'string') return source
    const adapter = adapters.get(source)
    if (!adapter)
      throw new ConfigError(`no adapter '${source}' (known: ${[...adapters.keys()].join(', ') || 'none'})`)
    return adapter
  }

  async function ingest(input: IngestInput): Promise<IngestResult> {
    const adapter = adapterFor(input.source)
    const context = { ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}), ...input.context }
    return ingestResult(adapter.normalize(input.payload, context))
  }

  async function track(trackingNumber: string, opts: TrackOptions = {}): Promise<TrackResult> {
    const candidates = opts.carrier
      ? [opts.carrier]
      : detectCarrier(trackingNumber)
          .map((c) => c.carrier as string)
          .filter((id) => adapters.get(id)?.track)
    if (opts.carrier) adapterFor(opts.carrier)
    const tried: string[] = []
    const notFound: NotFound[] = []
    const warnings: NormalizeWarning[] = []
    for (const id of candidates) {
      const adapter = adapterFor(id)
      if (!adapter.track) throw new ConfigError(`adapter '${id}' cannot track (it has no track())`)
      tried.push(id)
      const payloads = await adapter.track([trackingNumber], opts)
      const result: NormalizeResult = { shipments: [], notFound: [], warnings: [] }
      for (const payload of payloads) {
        const r = adapter.normalize(payload, {
          source: 'rest',
          requested: [trackingNumber],
          ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}),
        })
        result.shipments.push(...r.shipments)
        result.notFound.push(...r.notFound)
        result.warnings.push(...r.warnings)
      }
      warnings.push(...result.warnings)
      if (result.shipments.length) {
        const ingested = await ingestResult(result)
        return { found: true, carrier: id, shipments: ingested.shipments, warnings }
      }
      notFound.push(...result.notFound)
    }
    return { found: false, trackingNumber, tried, notFound, warnings }
  }

  async function get(carrier: string, trackingNumber: string): Promise<Shipment[]> {
    const out: Shipment[] = []
    for await (const indexKey of store.keys(`${PREFIX}index:${carrier}:${trackingNumber.toUpperCase()}:`)) {
      const key = (await store.get(indexKey)) as string
      const record = await load(key)
      if (record) out.push(record.shipment)
    }
    return out
  }

  async function* shipments(): AsyncIterable<Shipment> {
    for await (const key of store.keys(`${PREFIX}shipment:`)) {
      const record = (await store.get(key)) as TrackedRecord | undefined
      if (record) yield record.shipment
    }
  }

  async function* records(): AsyncIterable<TrackedRecord> {
    for await (const key of store.keys(`${PREFIX}shipment:`)) {
      const record = (await store.get(key)) as TrackedRecord | undefined
      if (record) yield record
    }
  }

  async function checkTimers(): Promise<Alert[]> {
    const raised: Alert[] = []
    for await (const key of store.keys(`${PREFIX}shipment:`)) {
      const record = (await store.get(key)) as TrackedRecord | undefined
      if (!record) continue
      for (const alert of timedAlerts({ record, now: now(), rules: options.alerts ?? {} }))
        if (await raise(alert)) raised.push(alert)
    }
    return raised
  }

  function on<K extends keyof TrackerEventMap>(type: K, listener: Listener<K>): () => void {
    let set = listeners.get(type)
    if (!set) {
      set = new Set()
      listeners.set(type, set)
    }
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  function events(signal?: AbortSignal): AsyncIterableIterator<TrackerEvent> {
    const queue: TrackerEvent[] = []
    let wake: (() => void) | undefined
    let done = signal?.aborted ?? false
    const offs = (['update', 'alert', 'anomaly'] as const).map((type) =>
      on(type, (payload) => {
        queue.push({ type, ...payload } as TrackerEvent)
        wake?.()
      }),
    )
    const finish = () => {
      done = true
      for (const off of offs) off()
      wake?.()
    }
    signal?.addEventListener('abort', finish, { once: true })
    const iterator: AsyncIterableIterator<TrackerEvent> = {
      async next() {
        while (!queue.length && !done) await new Promise<void>((resolve) => (wake = resolve))
        const value = queue.shift()
        return value ? { value, done: false } : { value: undefined, done: true }
      },
      async return() {
        finish()
        return { value: undefined, done: true }
      },
      [Symbol.asyncIterator]() {
        return iterator
      },
    }
    return iterator
  }

  const describe = (target: Shipment | TrackingEvent, opts: DescribeOptions = {}) =>
    describeTarget(target, { ...(options.locale ? { locale: options.locale } : {}), ...opts })

  return { track, ingest, ingestResult, get, shipments, records, checkTimers, describe, on, events, adapters }
}

/** JSON with object keys sorted, so that two equal snapshots compare equal whatever order their keys were set in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  )
}

const PRECISION = { day: 0, minute: 1, second: 2 } as const

/**
 * The estimate to keep when a new report arrives: the new one, unless it is coarser than the one we have and
 * agrees with it (a date-only "delivery today" from a push must not replace the 12:00–16:00 window from the API).
 */
export function pickEstimate(
  previous: DeliveryWindow | undefined,
  incoming: DeliveryWindow | undefined,
): DeliveryWindow | undefined {
  if (!previous || !incoming) return incoming ?? previous
  if (PRECISION[incoming.precision] >= PRECISION[previous.precision]) return incoming
  const day = (iso: string | undefined) => iso?.slice(0, 10)
  const sameDays =
    day(incoming.from ?? incoming.to) === day(previous.from ?? previous.to) &&
    day(incoming.to ?? incoming.from) === day(previous.to ?? previous.from)
  return sameDays ? previous : incoming
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
