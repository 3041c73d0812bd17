/**
 * `createTracker`: sources in, one deduplicated timeline per shipment out. A small facade over named parts:
 * - layout.ts: where things live in the `Store` (one record per tracking number, its outbox);
 * - identity.ts: which stored shipment a report belongs to (carrier ids, recycled numbers);
 * - change.ts: what a report changes (merge.ts for events, status, anomalies, alerts);
 * - outbox.ts: announcing each stored change at least once, by exactly one instance at a time;
 * - emitter.ts: the listeners.
 * Each report is placed, merged and stored with its announcement in ONE atomic `store.update` of its number's
 * record and outbox (one read, one write), so concurrent ingests of one shipment, in one process or in many
 * sharing a server store, never lose an event; then the change is announced and its outbox entry removed.
 */
import type { Adapter, NormalizeContext } from '../adapter/index.js'
import { trackAndNormalize } from '../adapter/track-and-normalize.js'
import { ConfigError, ValidationError } from '../errors/index.js'
import { detectCarrier, rankAdapters } from '../identifiers/index.js'
import {
  type Alert,
  eventInstant,
  type NormalizeResult,
  type NormalizeWarning,
  type NotFound,
  type Shipment,
  type TrackingEvent,
} from '../model/core.js'
import { count, inSpan, record } from '../observe/telemetry.js'
import { memoryStore, type StoreTransaction, type StoreValue } from '../store/index.js'
import { BoundedMap } from '../time/bounded-map.js'
import { assertZone } from '../time/index.js'
import { timedAlerts } from './alerts.js'
import { applyReport, type ReportContext, unannounced } from './change.js'
import { type DescribeOptions, type Description, describe as describeTarget } from './describe.js'
import { Emitter, type Listener } from './emitter.js'
import { placeReport } from './identity.js'
import {
  NUMBER_PREFIX,
  type NumberRecord,
  numberKey,
  numberKeyOfOutbox,
  ORDER_PREFIX,
  type OrderRecord,
  OUTBOX_PREFIX,
  outboxKeyOf,
  SSCC_PREFIX,
  type SsccRecord,
  ssccKey,
  TIMERS_LEASE_KEY,
  upgradeLayout,
} from './layout.js'
import { claimFree, emptyOutbox, type Outbox, type OutboxEntry, settle } from './outbox.js'
import { shipmentWithinDepth } from './raw-depth.js'
import { remapRecord } from './reprocess.js'
import {
  firstScanLagMs,
  fromShipper,
  reconcile,
  type ShipperEvent,
  type ShipperEventInput,
  shipperEventId,
  ssccsOf,
  withShipperEvents,
} from './shipper.js'
import {
  decodePayload,
  type KeptPayload,
  type KeptSource,
  keepPayload,
  payloadKey,
  prunePayloads as pruneKeptPayloads,
  reclaimPayload,
  type SourceRef,
} from './sources.js'
import type {
  IngestInput,
  IngestResult,
  IngestResultOptions,
  ReconciliationSummary,
  ReprocessOptions,
  ReprocessReport,
  ShipperIngestResult,
  SourcePayload,
  TrackedRecord,
  TrackerEvent,
  TrackerEventMap,
  TrackerOptions,
  TrackOptions,
  TrackResult,
} from './types.js'

/** Ids from the global Web Crypto (Node ≥ 19): no `node:crypto` import facade at every root import (#26). */
const randomUUID = (): string => globalThis.crypto.randomUUID()

export { pickEstimate } from './estimate.js'

const DAY_MS = 86_400_000

/** Unreferenced payloads younger than this are kept by `prunePayloads` (an ingest may be about to refer to them). */
const UNREFERENCED_GRACE_MS = 10 * 60_000
export interface Tracker {
  /** Fetches a number from its carrier (detected when not given; ambiguous numbers tried in rank order). */
  track(trackingNumber: string, options?: TrackOptions): Promise<TrackResult>
  /** Normalizes any payload an adapter understands and merges it in. */
  ingest(input: IngestInput): Promise<IngestResult>
  /** Merges already-normalized shipments (from the poller, a webhook handler or an SFTP source). */
  ingestResult(result: NormalizeResult, options?: IngestResultOptions): Promise<IngestResult>
  /** Every stored shipment for a number (several when the number was recycled). */
  get(carrier: string, trackingNumber: string): Promise<Shipment[]>
  /**
   * The kept payloads (see `keepPayloads`) the stored shipments of a number were read from, oldest first, each
   * once: the carrier's own answers, such as the latest REST answer, which `shipment.raw` does not repeat inline.
   * Payloads deleted by `prunePayloads`, or never kept, are not there.
   * @example const [latest] = (await tracker.payloads('ups', '1Z999AA10123456784')).slice(-1)
   */
  payloads(carrier: string, trackingNumber: string): Promise<SourcePayload[]>
  /** Every stored shipment. */
  shipments(): AsyncIterable<Shipment>
  /**
   * Raises time-based alerts (late against the first promise, stalled); call it on a schedule. One instance at a
   * time runs it (a lease in the store); a call made while another instance runs it returns `[]` at once.
   */
  checkTimers(): Promise<Alert[]>
  /**
   * Announces every stored change whose announcement nobody holds (its instance stopped, or a listener threw);
   * returns how many were announced. Runs on its own every `outbox.drainEveryMs`; call it yourself to be prompt.
   */
  drainOutbox(): Promise<number>
  /**
   * Rebuilds stored timelines from their kept payloads with the current adapters (after a mapping fix), in the
   * same atomic update as ingest, so it is safe while ingest goes on. Stored events whose meaning changed are
   * corrected and announced as `update` with `kind: 'correction'`; alerts the new meaning calls for are raised.
   * With `checkpoint`, a run stopped part-way resumes where it was.
   */
  reprocess(options?: ReprocessOptions): Promise<ReprocessReport>
  /**
   * The retention policy for kept payloads; returns how many were deleted.
   * - `olderThan`: deletes those received before it. The shipments they changed keep their timelines, but a later
   *   `reprocess` cannot read those payloads again.
   * - `unreferenced: true`: deletes those no shipment refers to any more (earlier REST answers superseded by a
   *   newer one that holds all their events), received more than ten minutes ago (an ingest in flight may be
   *   about to refer to a newer one). It reads every stored shipment, twice: run it on a schedule, not per ingest.
   *   Safe beside ingests on any instance: a payload an ingest comes to refer to meanwhile is never deleted.
   * @example await tracker.prunePayloads({ olderThan: new Date(Date.now() - 180 * 86_400_000) })
   * @example await tracker.prunePayloads({ unreferenced: true }) // nightly
   */
  prunePayloads(options: { olderThan?: Date; unreferenced?: boolean }): Promise<number>
  /**
   * The shipper's own order and warehouse events (order placed or cancelled, picked, packed, handed over with
   * pieces and weight, return authorised or received), linked to shipments by carrier and tracking number or by
   * order id, and reconciled with the carrier's events: missed pickups, scans or deliveries after a cancellation,
   * handovers the shipper never recorded, returns never received, and manifests that differ.
   */
  ingestShipperEvents(events: readonly ShipperEventInput[]): Promise<ShipperIngestResult>
  /** Manifest coverage and the first-scan lag after handover, over every number handed over. */
  reconciliation(): Promise<ReconciliationSummary>
  /** A plain customer message for a shipment or event, in the tracker's `locale` unless `options.locale` is given. */
  describe(target: Shipment | TrackingEvent, options?: DescribeOptions): Description
  /** Every stored record: the shipment plus the first promised estimate and ingest lags (input of `summarize`). */
  records(): AsyncIterable<TrackedRecord>
  on<K extends keyof TrackerEventMap>(type: K, listener: Listener<K>): () => void
  /** An async iterator of everything emitted from now on; ends when `signal` aborts. */
  events(signal?: AbortSignal): AsyncIterableIterator<TrackerEvent>
  /** Stops the outbox drain timer (the store is the caller's to close). */
  close(): Promise<void>
  readonly adapters: ReadonlyMap<string, Adapter>
}

function positive(name: string, value: number | undefined, allowZero = false): void {
  if (value === undefined) return
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new ConfigError(
      `createTracker: ${name} must be a ${allowZero ? 'number >= 0' : 'positive number'} (got ${value})`,
    )
}

/**
 * @example
 * const tracker = createTracker({ adapters: [ups({ clientId, clientSecret }), dhl({ apiKey })], store })
 * tracker.on('update', ({ shipment }) => console.log(shipment.status))
 * await tracker.track('1Z999AA10123456784')
 */
export function createTracker(options: TrackerOptions): Tracker {
  positive('keepRawPayloads', options.keepRawPayloads, true)
  positive('recycleAfterDays', options.recycleAfterDays)
  positive('outbox.leaseMs', options.outbox?.leaseMs)
  positive('outbox.drainEveryMs', options.outbox?.drainEveryMs, true)
  positive('timersLeaseMs', options.timersLeaseMs)
  assertZone(options.defaultZone, 'defaultZone')
  const store = options.store ?? memoryStore()
  const now = options.now ?? (() => new Date())
  const recycleMs = (options.recycleAfterDays ?? 60) * DAY_MS
  const leaseMs = options.outbox?.leaseMs ?? 30_000
  const drainEveryMs = options.outbox?.drainEveryMs ?? 15_000
  const timersLeaseMs = options.timersLeaseMs ?? 10 * 60_000
  const maxPayloadBytes =
    options.keepPayloads === false ? undefined : (options.keepPayloads?.maxBytes ?? 1_048_576)
  const adapters = new Map(options.adapters.map((a) => [a.id, a]))
  const emitter = new Emitter()
  /** This tracker's name in outbox leases and the timers lease. */
  const instance = randomUUID()
  let layoutReady: Promise<void> | undefined
  let drainTimer: ReturnType<typeof setInterval> | undefined

  const ready = () => {
    layoutReady ??= upgradeLayout(store).catch((error: unknown) => {
      layoutReady = undefined
      throw error
    })
    if (drainEveryMs > 0 && !drainTimer) {
      drainTimer = setInterval(() => {
        drainOutbox().catch((error: unknown) => (options.onError ?? reportError)(error))
      }, drainEveryMs)
      drainTimer.unref?.()
    }
    return layoutReady
  }

  const context = (receivedAt: Date, source?: SourceRef): ReportContext => ({
    source,
    now: now(),
    receivedAt,
    // A payload kept by hash is stored once: not inline too. Inline: the latest answer when it was not kept (too
    // large, or given to `ingestResult` without it), or the latest 20 when payloads are not kept at all.
    keepRawPayloads: options.keepRawPayloads ?? (maxPayloadBytes === undefined ? 20 : source ? 0 : 1),
    anomalies: options.anomalies,
    alerts: options.alerts ?? {},
    merge: {},
    reconcile: options.reconcile,
  })

  /** Emits one outbox entry: the update, its new anomalies, its alerts. */
  function announceEntry(entry: OutboxEntry, shipment: Shipment, previous: Shipment | undefined): void {
    if (!entry.alertsOnly)
      emitter.emit('update', {
        shipment,
        added: entry.added,
        enriched: entry.enriched,
        ...(previous ? { previous } : {}),
        ...(entry.corrections?.length ? { kind: 'correction' as const, corrections: entry.corrections } : {}),
      })
    for (const anomaly of entry.anomalies ?? []) emitter.emit('anomaly', { shipment, anomaly })
    for (const alert of entry.alerts ?? []) emitter.emit('alert', alert)
  }

  /**
   * Announces claimed entries in order, then removes them from the outbox. At the first listener error the
   * entry and those after it are released (for the next ingest of the number, or a drain) and the error thrown.
   */
  async function announce(
    outboxKey: string,
    entries: readonly { entry: OutboxEntry; shipment: Shipment; previous?: Shipment | undefined }[],
  ): Promise<void> {
    const announced = new Set<string>()
    let failure: { error: unknown } | undefined
    for (const { entry, shipment, previous } of entries) {
      try {
        announceEntry(entry, shipment, previous)
        announced.add(entry.id)
      } catch (error) {
        failure = { error }
        break
      }
    }
    const released = new Set(entries.map(({ entry }) => entry.id).filter((id) => !announced.has(id)))
    await settle(store, outboxKey, instance, announced, released)
    if (failure) throw failure.error
  }

  /**
   * Inside an ingest's atomic update: records the number on each SSCC record the report names (creating it), and
   * moves the shipper's events waiting on those SSCCs onto the number's record. True when the record's shipper
   * events changed.
   */
  function linkSsccs(
    tx: StoreTransaction,
    keys: readonly string[],
    record: NumberRecord,
    shipment: Shipment,
  ): boolean {
    let changed = false
    for (const key of keys) {
      const linked = (tx.get(key) as unknown as SsccRecord | undefined) ?? { numbers: [], events: [] }
      const number = { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }
      if (!linked.numbers.some((n) => sameNumber(n, number))) {
        linked.numbers.push(number)
        tx.set(key, linked as unknown as StoreValue)
      }
      if (!linked.events.length) continue
      const merged = withShipperEvents(record.shipper, linked.events)
      if (merged.changed) {
        record.shipper = merged.events
        changed = true
      }
    }
    return changed
  }

  async function ingestShipment(
    reported: Shipment,
    receivedAt: Date,
    source: KeptSource | undefined,
    reclaim: boolean,
  ): Promise<{ shipment: Shipment; added: number; duplicates: number; refersToSource: boolean }> {
    const incoming = shipmentWithinDepth(reported)
    const key = numberKey(incoming.carrier, incoming.trackingNumber)
    const outboxKey = outboxKeyOf(key)
    const ctx = context(receivedAt, source?.ref)
    // A payload kept before this ingest (a retry, an answer seen again) is read and written in the same update
    // that refers to it, so that a prune running meanwhile cannot delete it from under the reference.
    const reclaimed = reclaim && source ? [payloadKey(source.ref.hash)] : []
    // The SSCCs the report carries: their records are read and written in the same atomic update, so that a
    // shipper event linked only by SSCC meets the carrier's shipment whichever of the two is stored first.
    const ssccKeys = ssccsOf(incoming).map(ssccKey)
    const outcome = await store.update([key, outboxKey, ...ssccKeys, ...reclaimed], (tx) => {
      const record = (tx.get(key) as unknown as NumberRecord | undefined) ?? { shipments: {} }
      const shipperChanged = linkSsccs(tx, ssccKeys, record, incoming)
      const { slot, moved } = placeReport(record, incoming, recycleMs)
      const previous = record.shipments[slot]
      const reportCtx = { ...ctx, shipper: record.shipper }
      let applied = applyReport(previous, incoming, reportCtx)
      if (shipperChanged && !applied.change && previous) {
        // The report itself is old news, but the shipper's events it linked are not: reconcile again.
        const remapped = remapRecord(previous, [], reportCtx, false)
        if (remapped.change)
          applied = {
            record: remapped.record,
            shipment: remapped.shipment,
            change: remapped.change,
            duplicates: applied.duplicates,
          }
      }
      const outbox = (tx.get(outboxKey) as unknown as Outbox | undefined) ?? emptyOutbox()
      const nowMs = ctx.now.getTime()
      const carried = claimFree(outbox, instance, nowMs, leaseMs)
      let entry: OutboxEntry | undefined
      if (applied.change) {
        record.shipments[slot] = applied.record!
        entry = {
          id: randomUUID(),
          slot,
          ...applied.change,
          lease: { owner: instance, until: nowMs + leaseMs },
        }
        outbox.entries.push(entry)
      }
      if (applied.change || moved || shipperChanged) tx.set(key, record as unknown as StoreValue)
      if (reclaimed.length) reclaimPayload(tx, source!)
      if (entry || carried.length) tx.set(outboxKey, outbox as unknown as StoreValue)
      const toAnnounce = carried.map((e) => ({ entry: e, shipment: record.shipments[e.slot]?.shipment }))
      // Asked only while reclaiming: whether this record now keeps the payload from any prune.
      const refersToSource =
        reclaimed.length > 0 &&
        (record.shipments[slot]?.sources ?? []).some((r) => r.hash === source!.ref.hash)
      return { applied, entry, toAnnounce, previous: previous?.shipment, refersToSource }
    })
    const { applied, entry, previous, refersToSource } = outcome
    const queue: { entry: OutboxEntry; shipment: Shipment; previous?: Shipment | undefined }[] =
      outcome.toAnnounce.filter(
        (item): item is { entry: OutboxEntry; shipment: Shipment } => item.shipment !== undefined,
      )
    if (entry) {
      measure(entry, applied.shipment, receivedAt)
      queue.push({ entry, shipment: applied.shipment, previous })
    }
    if (queue.length) await announce(outboxKey, queue)
    return {
      shipment: applied.shipment,
      added: entry?.added.length ?? 0,
      duplicates: applied.duplicates,
      refersToSource,
    }
  }

  async function ingestResult(
    result: NormalizeResult,
    opts: IngestResultOptions = {},
  ): Promise<IngestResult> {
    const receivedAt = opts.receivedAt ?? now()
    const from = opts.payload
    const adapter = from && adapters.get(from.adapter)
    if (from && !adapter)
      throw new ConfigError(
        `ingestResult: payload.adapter '${from.adapter}' is not one of this tracker's adapters`,
      )
    if (!from || !adapter) return ingestNormalized(result, receivedAt, undefined)
    const kept = await keep(adapter, from.payload, from.context ?? {}, receivedAt, result)
    return ingestNormalized(kept.result, receivedAt, kept.source)
  }

  async function ingestNormalized(
    result: NormalizeResult,
    receivedAt: Date,
    source: KeptSource | undefined,
  ): Promise<IngestResult> {
    await ready()
    const carriers = [...new Set(result.shipments.map((s) => s.carrier))].join(',')
    return inSpan(
      'waybill.ingest',
      { 'waybill.carrier': carriers || undefined, 'waybill.shipments': result.shipments.length },
      async (span) => {
        const out: IngestResult = {
          shipments: [],
          notFound: result.notFound,
          warnings: result.warnings,
          added: 0,
          duplicates: 0,
        }
        // A payload kept before is reclaimed (see ingestShipment) with each shipment until one refers to it:
        // that reference then keeps it from any prune, and a payload shared by many shipments (an EDI file sent
        // again) is read once, not once per shipment.
        let reclaim = source?.existed === true
        for (const incoming of result.shipments) {
          const { shipment, added, duplicates, refersToSource } = await ingestShipment(
            incoming,
            receivedAt,
            source,
            reclaim,
          )
          if (refersToSource) reclaim = false
          out.shipments.push(shipment)
          out.added += added
          out.duplicates += duplicates
        }
        span.setAttributes({ 'waybill.events.added': out.added, 'waybill.events.duplicates': out.duplicates })
        return out
      },
    )
  }

  /** Feed latency (the carrier's event time to this ingest) and the change counters, for each stored change. */
  function measure(entry: OutboxEntry, shipment: Shipment, receivedAt: Date): void {
    const attributes = { 'waybill.carrier': shipment.carrier }
    count(
      'waybill.tracker.changes',
      1,
      { ...attributes, 'waybill.change': entry.corrections?.length ? 'correction' : 'update' },
      'Stored changes of a shipment (each announced once).',
    )
    if (entry.added.length)
      count('waybill.tracker.events', entry.added.length, attributes, 'New events stored.', '{event}')
    for (const event of entry.added) {
      const instant = eventInstant(event)
      if (!Number.isNaN(instant))
        record(
          'waybill.feed.latency',
          (receivedAt.getTime() - instant) / 1000,
          { ...attributes, 'waybill.source': event.raw.source },
          'Time from when an event happened (carrier time) to when the tracker stored it.',
          's',
        )
    }
  }

  async function drainOutbox(): Promise<number> {
    await ready()
    let count = 0
    const errors: unknown[] = []
    const outboxKeys: string[] = []
    for await (const key of store.keys(OUTBOX_PREFIX)) outboxKeys.push(key)
    for (const outboxKey of outboxKeys) {
      const key = numberKeyOfOutbox(outboxKey)
      const claimed = await store.update([key, outboxKey], (tx) => {
        const outbox = tx.get(outboxKey) as unknown as Outbox | undefined
        if (!outbox) return []
        const entries = claimFree(outbox, instance, now().getTime(), leaseMs)
        if (entries.length) tx.set(outboxKey, outbox as unknown as StoreValue)
        const record = tx.get(key) as unknown as NumberRecord | undefined
        return entries.map((entry) => ({ entry, shipment: record?.shipments[entry.slot]?.shipment }))
      })
      const queue = claimed.filter(
        (c): c is { entry: OutboxEntry; shipment: Shipment } => c.shipment !== undefined,
      )
      const orphans = new Set(claimed.filter((c) => !c.shipment).map((c) => c.entry.id))
      if (orphans.size) await settle(store, outboxKey, instance, orphans, new Set()) // their shipment is gone
      try {
        if (queue.length) await announce(outboxKey, queue)
        count += queue.length
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length)
      throw errors.length === 1 ? errors[0] : new AggregateError(errors, 'outbox listeners threw')
    return count
  }

  /** Reads a record's kept payloads again with the current adapters: the shipments they describe. */
  async function readAgain(
    refs: readonly SourceRef[],
    cache: BoundedMap<string, KeptPayload | null>,
    report: ReprocessReport,
  ): Promise<Shipment[]> {
    const readings: Shipment[] = []
    for (const ref of refs) {
      const adapter = adapters.get(ref.adapter)
      if (!adapter) {
        report.skipped.noAdapter++
        continue
      }
      let kept = cache.get(ref.hash)
      if (kept === undefined) {
        kept = ((await store.get(payloadKey(ref.hash))) as unknown as KeptPayload | undefined) ?? null
        cache.set(ref.hash, kept)
      }
      if (!kept) {
        report.skipped.payloadGone++
        continue
      }
      try {
        readings.push(...adapter.normalize(decodePayload(kept), kept.context ?? {}).shipments)
      } catch (error) {
        report.failed.push({
          adapter: ref.adapter,
          hash: ref.hash,
          message: (error as Error)?.message ?? String(error),
        })
      }
    }
    return readings.map(shipmentWithinDepth)
  }

  async function reprocess(opts: ReprocessOptions = {}): Promise<ReprocessReport> {
    await ready()
    const report: ReprocessReport = {
      scanned: 0,
      changed: 0,
      corrected: 0,
      added: 0,
      skipped: { noSources: 0, noAdapter: 0, payloadGone: 0 },
      failed: [],
    }
    const checkpointKey = opts.checkpoint ? `tracker:reprocess:${opts.checkpoint}` : undefined
    const resumeAfter = checkpointKey ? ((await store.get(checkpointKey)) as string | undefined) : undefined
    if (resumeAfter) report.resumedAfter = resumeAfter
    const since = opts.since?.getTime()
    /** Payloads read in this run, by hash (one EDI file or batch answer feeds many shipments); oldest dropped first. */
    const cache = new BoundedMap<string, KeptPayload | null>(256)
    const keys: AsyncIterable<string> | string[] = opts.shipments
      ? [...new Set(opts.shipments.map((s) => numberKey(s.carrier, s.trackingNumber)))].sort()
      : store.keys(`${NUMBER_PREFIX}${opts.carrier ? `${opts.carrier}:` : ''}`)
    let sinceCheckpoint = 0
    let lastDone = resumeAfter
    for await (const key of keys) {
      if (opts.signal?.aborted) break
      if (resumeAfter && key <= resumeAfter) continue
      const found = (await store.get(key)) as unknown as NumberRecord | undefined
      if (!found) continue
      report.scanned++
      const wanted = Object.entries(found.shipments).filter(
        ([, r]) => since === undefined || Date.parse(r.updatedAt) >= since,
      )
      const readings = new Map<string, Shipment[]>()
      for (const [slot, r] of wanted) {
        if (!r.sources?.length) report.skipped.noSources++
        else readings.set(slot, await readAgain(r.sources, cache, report))
      }
      if (readings.size) {
        const outboxKey = outboxKeyOf(key)
        const receivedAt = now()
        const queue = await store.update([key, outboxKey], (tx) => {
          const record = tx.get(key) as unknown as NumberRecord | undefined
          if (!record) return []
          const outbox = (tx.get(outboxKey) as unknown as Outbox | undefined) ?? emptyOutbox()
          const ctx = context(receivedAt)
          const items: { entry: OutboxEntry; shipment: Shipment; previous: Shipment }[] = []
          for (const [slot, shipments] of readings) {
            const tracked = record.shipments[slot]
            if (!tracked) continue
            const latest = isLatestGeneration(slot, Object.keys(record.shipments))
            const ofSlot = shipments.filter((s) => slotMatches(slot, s))
            const outcome = remapRecord(tracked, ofSlot, { ...ctx, shipper: record.shipper }, latest)
            if (!outcome.change) continue
            record.shipments[slot] = outcome.record
            const entry: OutboxEntry = {
              id: randomUUID(),
              slot,
              ...outcome.change,
              lease: { owner: instance, until: receivedAt.getTime() + leaseMs },
            }
            outbox.entries.push(entry)
            items.push({ entry, shipment: outcome.shipment, previous: tracked.shipment })
          }
          if (items.length) {
            tx.set(key, record as unknown as StoreValue)
            tx.set(outboxKey, outbox as unknown as StoreValue)
          }
          return items
        })
        for (const { entry } of queue) {
          report.changed++
          report.corrected += entry.corrections?.length ?? 0
          report.added += entry.added.length
        }
        if (queue.length) await announce(outboxKey, queue)
      }
      lastDone = key
      if (checkpointKey && ++sinceCheckpoint >= 100) {
        await store.set(checkpointKey, key)
        sinceCheckpoint = 0
      }
      opts.onProgress?.(report)
    }
    if (checkpointKey) {
      if (opts.signal?.aborted) await store.set(checkpointKey, lastDone ?? '')
      else await store.delete(checkpointKey)
    }
    return report
  }

  async function prunePayloads(opts: { olderThan?: Date; unreferenced?: boolean }): Promise<number> {
    const cutoff = opts.olderThan === undefined ? Number.NEGATIVE_INFINITY : opts.olderThan.getTime()
    if (opts.olderThan !== undefined && !(opts.olderThan instanceof Date && !Number.isNaN(cutoff)))
      throw new ConfigError('prunePayloads: olderThan must be a valid Date')
    if (opts.olderThan === undefined && opts.unreferenced !== true)
      throw new ConfigError('prunePayloads: give olderThan (a Date), unreferenced: true, or both')
    return pruneKeptPayloads(
      store,
      {
        receivedBefore: cutoff,
        unreferencedBefore: now().getTime() - UNREFERENCED_GRACE_MS,
        ...(opts.unreferenced ? { referenced: referencedPayloads } : {}),
      },
      `${instance} ${randomUUID()}`,
    )
  }

  /** Hashes of the payloads some stored shipment refers to. */
  async function referencedPayloads(): Promise<Set<string>> {
    await ready()
    const hashes = new Set<string>()
    for await (const key of store.keys(NUMBER_PREFIX)) {
      const record = (await store.get(key)) as unknown as NumberRecord | undefined
      for (const tracked of Object.values(record?.shipments ?? {}))
        for (const ref of tracked.sources ?? []) hashes.add(ref.hash)
    }
    return hashes
  }

  async function ingestShipperEvents(inputs: readonly ShipperEventInput[]): Promise<ShipperIngestResult> {
    await ready()
    // zod loads with the schema, on the first call (not with the tracker).
    const { shipperEventSchema } = await import('./shipper-schema.js')
    const events: ShipperEvent[] = inputs.map((input, index) => {
      const parsed = shipperEventSchema.safeParse(input)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new ValidationError(`shipperEvents[${index}].${issue.path.join('.') || 'event'}`, issue.message)
      }
      return { ...parsed.data, id: shipperEventId(parsed.data) }
    })
    const result: ShipperIngestResult = { added: 0, numbers: [], waitingForTrackingNumber: 0 }
    const byNumber = new Map<string, { carrier: string; trackingNumber: string; events: ShipperEvent[] }>()
    const forNumber = (carrier: string, trackingNumber: string) => {
      const key = numberKey(carrier, trackingNumber)
      let entry = byNumber.get(key)
      if (!entry) {
        entry = { carrier, trackingNumber, events: [] }
        byNumber.set(key, entry)
      }
      return entry
    }
    // Events are linked by their tracking number; without one, by their SSCC (to every number whose carrier
    // shipment carries it, now or once the carrier reports it) and by their order (to every number the order
    // shipped under). SSCCs first, so that an order learns the numbers its SSCCs link to.
    const routed = new Set<string>()
    const ssccNumbers = new Map<string, { carrier: string; trackingNumber: string }[]>()
    const bySscc = new Map<string, ShipperEvent[]>()
    for (const event of events)
      if (event.sscc && !event.trackingNumber)
        bySscc.set(event.sscc, [...(bySscc.get(event.sscc) ?? []), event])
    for (const [sscc, ofSscc] of bySscc) {
      const key = ssccKey(sscc)
      const linked = await store.update([key], (tx) => {
        const current = (tx.get(key) as unknown as SsccRecord | undefined) ?? { numbers: [], events: [] }
        const merged = withShipperEvents(current.events, ofSscc)
        if (merged.changed) tx.set(key, { ...current, events: merged.events } as unknown as StoreValue)
        return { ...current, events: merged.events }
      })
      ssccNumbers.set(sscc, linked.numbers)
      for (const n of linked.numbers) {
        forNumber(n.carrier, n.trackingNumber).events.push(...linked.events)
        for (const e of ofSscc) routed.add(e.id)
      }
    }
    const orders = new Map<string, ShipperEvent[]>()
    for (const event of events)
      if (event.orderId) orders.set(event.orderId, [...(orders.get(event.orderId) ?? []), event])
    for (const [orderId, ofOrder] of orders) {
      const key = `${ORDER_PREFIX}${orderId}`
      const order = await store.update([key], (tx) => {
        const current = (tx.get(key) as unknown as OrderRecord | undefined) ?? { numbers: [], events: [] }
        const merged = withShipperEvents(current.events, ofOrder)
        const numbers = [...current.numbers]
        const learn = (n: { carrier: string; trackingNumber: string }) => {
          if (!numbers.some((known) => sameNumber(known, n))) numbers.push(n)
        }
        for (const e of ofOrder) {
          if (e.carrier && e.trackingNumber) learn({ carrier: e.carrier, trackingNumber: e.trackingNumber })
          else if (e.sscc) for (const n of ssccNumbers.get(e.sscc) ?? []) learn(n)
        }
        const next: OrderRecord = { numbers, events: merged.events }
        if (merged.changed || numbers.length !== current.numbers.length)
          tx.set(key, next as unknown as StoreValue)
        return next
      })
      for (const n of order.numbers) {
        forNumber(n.carrier, n.trackingNumber).events.push(...order.events)
        for (const e of ofOrder) routed.add(e.id)
      }
    }
    for (const event of events)
      if (event.carrier && event.trackingNumber) {
        forNumber(event.carrier, event.trackingNumber).events.push(event)
        routed.add(event.id)
      }
    result.waitingForTrackingNumber = events.filter((e) => !routed.has(e.id)).length

    const receivedAt = now()
    for (const [key, { carrier, trackingNumber, events: incoming }] of byNumber) {
      const outboxKey = outboxKeyOf(key)
      const { added, queue } = await store.update([key, outboxKey], (tx) => {
        const record = (tx.get(key) as unknown as NumberRecord | undefined) ?? { shipments: {} }
        const merged = withShipperEvents(record.shipper, incoming)
        if (!merged.changed) return { added: 0, queue: [] }
        const added = merged.events.length - (record.shipper?.length ?? 0)
        record.shipper = merged.events
        const outbox = (tx.get(outboxKey) as unknown as Outbox | undefined) ?? emptyOutbox()
        const ctx = { ...context(receivedAt), shipper: merged.events }
        const items: { entry: OutboxEntry; shipment: Shipment; previous: Shipment }[] = []
        for (const [slot, tracked] of Object.entries(record.shipments)) {
          // A reprocess of the shipment with no new reading: the findings change, and a return the shipper
          // authorised goes on the timeline.
          const outcome = remapRecord(tracked, [], ctx, false)
          if (!outcome.change) continue
          record.shipments[slot] = outcome.record
          const entry: OutboxEntry = {
            id: randomUUID(),
            slot,
            added: outcome.change.added,
            enriched: outcome.change.enriched,
            ...(outcome.change.anomalies ? { anomalies: outcome.change.anomalies } : {}),
            ...(outcome.change.alerts ? { alerts: outcome.change.alerts } : {}),
            lease: { owner: instance, until: receivedAt.getTime() + leaseMs },
          }
          outbox.entries.push(entry)
          items.push({ entry, shipment: outcome.shipment, previous: tracked.shipment })
        }
        tx.set(key, record as unknown as StoreValue)
        if (items.length) tx.set(outboxKey, outbox as unknown as StoreValue)
        return { added, queue: items }
      })
      result.added += added
      if (added) result.numbers.push({ carrier, trackingNumber })
      if (queue.length) await announce(outboxKey, queue)
    }
    return result
  }

  async function reconciliation(): Promise<ReconciliationSummary> {
    await ready()
    let handedOver = 0
    let reportedByCarrier = 0
    const lags: number[] = []
    for await (const key of store.keys(NUMBER_PREFIX)) {
      const record = (await store.get(key)) as unknown as NumberRecord | undefined
      if (!record?.shipper?.some((e) => e.type === 'handed_over')) continue
      handedOver++
      const shipments = Object.values(record.shipments).map((r) => r.shipment)
      const lag = shipments.map((s) => firstScanLagMs(s, record.shipper!)).find((ms) => ms !== undefined)
      if (lag !== undefined) {
        reportedByCarrier++
        lags.push(lag / 3_600_000)
      } else if (shipments.some((s) => s.events.some((e) => e.status !== 'pre_transit' && !fromShipper(e))))
        reportedByCarrier++
    }
    lags.sort((a, b) => a - b)
    const at = (q: number) =>
      lags.length ? lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]! : null
    return {
      handedOver,
      reportedByCarrier,
      coverage: handedOver ? reportedByCarrier / handedOver : null,
      firstScanLagHours: { median: at(0.5), p90: at(0.9), count: lags.length },
    }
  }

  async function checkTimers(): Promise<Alert[]> {
    await ready()
    if (!(await store.setIfAbsent(TIMERS_LEASE_KEY, instance, { ttlMs: timersLeaseMs }))) return []
    const raised: Alert[] = []
    const errors: unknown[] = []
    try {
      const rules = options.alerts ?? {}
      for await (const key of store.keys(NUMBER_PREFIX)) {
        const found = (await store.get(key)) as unknown as NumberRecord | undefined
        if (!found || !dueAlerts(found, rules).length) continue
        const outboxKey = outboxKeyOf(key)
        const queue = await store.update([key, outboxKey], (tx) => {
          const record = tx.get(key) as unknown as NumberRecord | undefined
          if (!record) return []
          const outbox = (tx.get(outboxKey) as unknown as Outbox | undefined) ?? emptyOutbox()
          const nowMs = now().getTime()
          const items: { entry: OutboxEntry }[] = []
          for (const { slot, alerts } of dueAlerts(record, rules)) {
            const alerted = { ...(slot === undefined ? record.alerted : record.shipments[slot]!.alerted) }
            const fresh = unannounced(alerts, alerted)
            if (!fresh.length) continue
            if (slot === undefined) record.alerted = alerted
            else record.shipments[slot] = { ...record.shipments[slot]!, alerted }
            const entry: OutboxEntry = {
              id: randomUUID(),
              slot: slot ?? '',
              added: [],
              enriched: [],
              alerts: fresh,
              alertsOnly: true,
              lease: { owner: instance, until: nowMs + leaseMs },
            }
            outbox.entries.push(entry)
            items.push({ entry })
          }
          if (items.length) {
            tx.set(key, record as unknown as StoreValue)
            tx.set(outboxKey, outbox as unknown as StoreValue)
          }
          return items
        })
        for (const { entry } of queue) {
          try {
            for (const alert of entry.alerts ?? []) emitter.emit('alert', alert)
            raised.push(...(entry.alerts ?? []))
            await settle(store, outboxKey, instance, new Set([entry.id]), new Set())
          } catch (error) {
            errors.push(error)
            await settle(store, outboxKey, instance, new Set(), new Set([entry.id]))
          }
        }
      }
      await ssccTimers(rules, raised, errors)
    } finally {
      // Freed for the next run; if this fails, the lease ends on its own after `timersLeaseMs`.
      await store
        .update([TIMERS_LEASE_KEY], (tx) => {
          if (tx.get(TIMERS_LEASE_KEY) === instance) tx.delete(TIMERS_LEASE_KEY)
        })
        .catch(() => undefined)
    }
    if (errors.length)
      throw errors.length === 1 ? errors[0] : new AggregateError(errors, "'alert' listeners threw")
    return raised
  }

  /**
   * The reconciliation's time-based alerts for shipper events linked only by an SSCC that no carrier shipment
   * carries yet (a handover the carrier never scanned): raised with the event's carrier (when it names one) and
   * the SSCC in place of a tracking number. Announced, then recorded on the SSCC's record (at least once: the
   * timers lease keeps other instances out meanwhile).
   */
  async function ssccTimers(
    rules: NonNullable<TrackerOptions['alerts']>,
    raised: Alert[],
    errors: unknown[],
  ): Promise<void> {
    const at = now()
    for await (const key of store.keys(SSCC_PREFIX)) {
      const found = (await store.get(key)) as unknown as SsccRecord | undefined
      if (!found?.events.length || found.numbers.length) continue
      const sscc = key.slice(SSCC_PREFIX.length)
      const carrier = found.events.find((e) => e.carrier)?.carrier ?? ''
      const due = reconcile(
        undefined,
        { carrier, trackingNumber: sscc },
        found.events,
        at,
        options.reconcile,
      ).alerts.filter((a) => !rules.disabled?.includes(a.kind) && found.alerted?.[a.dedupeKey] === undefined)
      if (!due.length) continue
      try {
        for (const alert of due) emitter.emit('alert', alert)
      } catch (error) {
        errors.push(error)
        continue
      }
      raised.push(...due)
      await store.update([key], (tx) => {
        const current = tx.get(key) as unknown as SsccRecord | undefined
        if (!current) return
        const alerted = { ...current.alerted }
        for (const alert of due) alerted[alert.dedupeKey] = alert.raisedAt
        tx.set(key, { ...current, alerted } as unknown as StoreValue)
      })
    }
  }

  /**
   * The time-based alerts a number's record has due and not yet announced, per slot: late and stalled per shipment,
   * and the reconciliation's (a missed pickup, a return not received), also for a number the carrier has not
   * reported yet (slot undefined).
   */
  function dueAlerts(
    record: NumberRecord,
    rules: NonNullable<TrackerOptions['alerts']>,
  ): { slot: string | undefined; alerts: Alert[] }[] {
    const at = now()
    const out: { slot: string | undefined; alerts: Alert[] }[] = []
    const wanted = (a: Alert) => !rules.disabled?.includes(a.kind)
    const slots = Object.entries(record.shipments)
    for (const [slot, tracked] of slots) {
      const alerts = timedAlerts({ record: tracked, now: at, rules })
      if (record.shipper?.length)
        alerts.push(
          ...reconcile(tracked.shipment, tracked.shipment, record.shipper, at, options.reconcile).alerts,
        )
      const due = alerts.filter((a) => wanted(a) && tracked.alerted?.[a.dedupeKey] === undefined)
      if (due.length) out.push({ slot, alerts: due })
    }
    const target = record.shipper?.find((e) => e.carrier && e.trackingNumber)
    if (!slots.length && target) {
      const alerts = reconcile(
        undefined,
        { carrier: target.carrier!, trackingNumber: target.trackingNumber! },
        record.shipper!,
        at,
        options.reconcile,
      ).alerts.filter((a) => wanted(a) && record.alerted?.[a.dedupeKey] === undefined)
      if (alerts.length) out.push({ slot: undefined, alerts })
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

  /**
   * Keeps a payload for `reprocess` (when the options allow) and returns its reference. A payload over
   * `keepPayloads.maxBytes` is not kept, and `result` gets a warning saying so (never silently).
   */
  async function keep(
    adapter: Adapter,
    payload: unknown,
    ctx: NormalizeContext,
    receivedAt: Date,
    result: NormalizeResult,
  ): Promise<{ source: KeptSource | undefined; result: NormalizeResult }> {
    if (maxPayloadBytes === undefined || !adapters.has(adapter.id) || !result.shipments.length)
      return { source: undefined, result }
    const source = await keepPayload(store, adapter.id, payload, ctx, receivedAt, maxPayloadBytes)
    if (source) return { source, result }
    const warning: NormalizeWarning = {
      code: 'other',
      message: `the ${adapter.id} payload is over keepPayloads.maxBytes (${maxPayloadBytes} bytes) and was not kept: reprocess() cannot read it again`,
    }
    return { source, result: { ...result, warnings: [...result.warnings, warning] } }
  }

  async function ingest(input: IngestInput): Promise<IngestResult> {
    const adapter = adapterFor(input.source)
    const ctx = { ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}), ...input.context }
    const result = adapter.normalize(input.payload, ctx)
    const receivedAt = now()
    const kept = await keep(adapter, input.payload, ctx, receivedAt, result)
    return ingestNormalized(kept.result, receivedAt, kept.source)
  }

  async function track(trackingNumber: string, opts: TrackOptions = {}): Promise<TrackResult> {
    const candidates = opts.carrier
      ? [opts.carrier]
      : rankAdapters(trackingNumber, adapters.values()).map((a) => a.id)
    if (opts.carrier) adapterFor(opts.carrier)
    // The number as the carrier knows it (a scanned `420` ZIP prefix or `(00)` taken off), when the formats table
    // reads it for that carrier; else as given, trimmed.
    const detected = detectCarrier(trackingNumber)
    const numberFor = (id: string) =>
      detected.find((c) => c.carrier === id)?.trackingNumber ?? trackingNumber.trim()
    const tried: string[] = []
    const notFound: NotFound[] = []
    const warnings: NormalizeWarning[] = []
    for (const id of candidates) {
      const adapter = adapterFor(id)
      if (!adapter.track) throw new ConfigError(`adapter '${id}' cannot track (it has no track())`)
      tried.push(id)
      const { context, payloads } = await trackAndNormalize(adapter, [numberFor(id)], {
        signal: opts.signal,
        http: opts.http,
        ...(options.defaultZone ? { defaultZone: options.defaultZone } : {}),
      })
      const found: Shipment[] = []
      for (const { payload, result, error } of payloads) {
        if (!result) throw error
        warnings.push(...result.warnings)
        notFound.push(...result.notFound)
        if (!result.shipments.length) continue
        const receivedAt = now()
        const kept = await keep(adapter, payload, context, receivedAt, result)
        if (kept.result !== result) warnings.push(...kept.result.warnings.slice(result.warnings.length))
        const ingested = await ingestNormalized(kept.result, receivedAt, kept.source)
        found.push(...ingested.shipments)
      }
      if (found.length) return { found: true, carrier: id, shipments: found, warnings }
    }
    return { found: false, trackingNumber, tried, notFound, warnings }
  }

  async function get(carrier: string, trackingNumber: string): Promise<Shipment[]> {
    await ready()
    const record = await store.get<NumberRecord & StoreValue>(numberKey(carrier, trackingNumber))
    return record ? Object.values(record.shipments).map((r) => r.shipment) : []
  }

  async function payloads(carrier: string, trackingNumber: string): Promise<SourcePayload[]> {
    await ready()
    const record = await store.get<NumberRecord & StoreValue>(numberKey(carrier, trackingNumber))
    const refs = new Map<string, SourceRef>()
    for (const tracked of Object.values(record?.shipments ?? {}))
      for (const ref of tracked.sources ?? []) if (!refs.has(ref.hash)) refs.set(ref.hash, ref)
    const found: SourcePayload[] = []
    for (const ref of [...refs.values()].sort(
      (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt),
    )) {
      const kept = (await store.get(payloadKey(ref.hash))) as unknown as KeptPayload | undefined
      if (!kept) continue
      found.push({
        adapter: kept.adapter,
        receivedAt: kept.receivedAt,
        ...(kept.context ? { context: kept.context } : {}),
        payload: decodePayload(kept),
      })
    }
    return found
  }

  async function* records(): AsyncIterable<TrackedRecord> {
    await ready()
    for await (const key of store.keys(NUMBER_PREFIX)) {
      const record = (await store.get(key)) as unknown as NumberRecord | undefined
      if (record) yield* Object.values(record.shipments)
    }
  }

  async function* shipments(): AsyncIterable<Shipment> {
    for await (const record of records()) yield record.shipment
  }

  const describe = (target: Shipment | TrackingEvent, opts: DescribeOptions = {}) =>
    describeTarget(target, { ...(options.locale ? { locale: options.locale } : {}), ...opts })

  return {
    track,
    ingest,
    ingestResult,
    get,
    payloads,
    shipments,
    records,
    checkTimers,
    drainOutbox,
    reprocess,
    prunePayloads,
    ingestShipperEvents,
    reconciliation,
    describe,
    on: (type, listener) => emitter.on(type, listener),
    events: (signal) => emitter.events(signal),
    async close() {
      if (drainTimer) clearInterval(drainTimer)
      drainTimer = undefined
    },
    adapters,
  }
}

/** The same carrier number (numbers compare without case). */
function sameNumber(
  a: { carrier: string; trackingNumber: string },
  b: { carrier: string; trackingNumber: string },
): boolean {
  return a.carrier === b.carrier && a.trackingNumber.toUpperCase() === b.trackingNumber.toUpperCase()
}

/** True when no other slot is a later generation of the same shipment (`base`, `base#2`, `base#3`, …). */
function isLatestGeneration(slot: string, slots: readonly string[]): boolean {
  const generation = (s: string) => Number(/#(\d+)$/.exec(s)?.[1] ?? 1)
  const base = slot.replace(/#\d+$/, '')
  return !slots.some((other) => other.replace(/#\d+$/, '') === base && generation(other) > generation(slot))
}

/** True when a shipment read from a payload belongs to a stored slot (same carrier, number and carrier id). */
function slotMatches(slot: string, shipment: Shipment): boolean {
  const base = slot.replace(/#\d+$/, '')
  return (
    base ===
    `${shipment.carrier}:${shipment.trackingNumber.toUpperCase()}:${shipment.carrierShipmentId ?? ''}`
  )
}

function reportError(error: unknown): void {
  process.emitWarning(
    `waybill tracker: announcing the outbox failed: ${(error as Error)?.message ?? error}`,
    'WaybillOutboxWarning',
  )
}
