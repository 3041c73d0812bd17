/** Public types of the tracker: options, results and the events it emits. */
import type { Adapter, NormalizeContext, TrackContext } from '../adapter/index.js'
import type {
  Alert,
  Anomaly,
  DeliveryWindow,
  NormalizeWarning,
  NotFound,
  Shipment,
  TrackingEvent,
} from '../model/core.js'
import type { Store } from '../store/index.js'
import type { ReconcileRules } from './shipper.js'

/** Thresholds of the data-quality checks. */
export interface AnomalyOptions {
  /** An event this far past "now" is `future_event`. @default 15 min */
  futureSkewMs?: number
  /** Fastest believable travel between two scans, km/h (air freight door to door). @default 1000 */
  maxSpeedKmh?: number
}

/** Alert rules: which kinds are raised, at which severity, and when a shipment counts as stalled. */
export interface AlertRules {
  /** Kinds not to raise. @default [] */
  disabled?: readonly Alert['kind'][]
  /** Severity per kind (overrides the defaults). */
  severity?: Partial<Record<Alert['kind'], Alert['severity']>>
  /**
   * Hours without a new event before `stalled`, per status, and per service level (a service name or code
   * containing a key, e.g. `express`, `ground`). The service entry wins when both match.
   * @default { pre_transit: 72, in_transit: 48, out_for_delivery: 12, exception: 24, default: 48 }
   */
  stalledAfterHours?: Partial<Record<Shipment['status'] | 'default', number>> & {
    byService?: Record<string, number>
  }
}

export interface TrackerOptions {
  /** The adapters the tracker reads and, for those with `track`, fetches with. */
  adapters: readonly Adapter[]
  /** Where shipments, raised alerts and de-duplication state live. @default memoryStore() */
  store?: Store
  /** IANA zone for times neither the carrier nor the place gives (marked `fallback`). */
  defaultZone?: string
  /** Locale of customer messages. @default 'en' */
  locale?: string
  anomalies?: AnomalyOptions
  alerts?: AlertRules
  /**
   * Payloads given to `ingest`/`track` are kept once each by content hash and referenced from the shipments they
   * changed, so that `reprocess()` can rebuild timelines with the current adapters. Payloads larger than
   * `maxBytes` are not kept (those shipments are rebuilt from the payloads that were). `false`: keep none.
   * @default { maxBytes: 1_048_576 }
   */
  keepPayloads?: false | { maxBytes?: number }
  /**
   * Raw payloads kept inline per shipment on `shipment.raw` (oldest dropped first; 0: none). By default a payload
   * kept by hash (see `keepPayloads`) is stored once, there, and not inline: `shipment.raw` then holds the latest
   * answer only when it was not kept (over `keepPayloads.maxBytes`, or given to `ingestResult` without it), and
   * `tracker.payloads()` reads the kept ones. A number set here keeps that many inline whether kept or not.
   * @default 0 for a payload kept by hash, 1 for one that is not; 20 with `keepPayloads: false`
   */
  keepRawPayloads?: number
  /** A known shipment that ended this many days before a new report starts over as a recycled number. @default 60 */
  recycleAfterDays?: number
  /** @default () => new Date() */
  now?: () => Date
  /**
   * The outbox that announces each stored change: how long an instance holds an entry it announces before
   * another may take it over (`leaseMs`), and how often this tracker looks for entries nobody holds
   * (`drainEveryMs`; 0: only when you call `drainOutbox()` or the number is next ingested).
   * @default { leaseMs: 30_000, drainEveryMs: 15_000 }
   */
  outbox?: { leaseMs?: number; drainEveryMs?: number }
  /**
   * Thresholds of the reconciliation of the shipper's own events (`ingestShipperEvents`) with the carrier's.
   * @default { missedPickupHours: 24, returnReceiptDays: 7, weightTolerance: 0.1 }
   */
  reconcile?: ReconcileRules
  /** How long a `checkTimers` run holds its lease (a run that stops early frees it after this). @default 600_000 */
  timersLeaseMs?: number
  /**
   * Receives errors of the background outbox drain (a listener that threw).
   * @default process.emitWarning
   */
  onError?: (error: unknown) => void
}

export interface TrackOptions extends TrackContext {
  /** Skip detection and ask this carrier. */
  carrier?: string
}

export type TrackResult =
  | { found: true; carrier: string; shipments: Shipment[]; warnings: NormalizeWarning[] }
  | {
      found: false
      trackingNumber: string
      tried: string[]
      notFound: NotFound[]
      warnings: NormalizeWarning[]
    }

export interface IngestInput {
  /** The adapter id (or the adapter) that understands the payload. */
  source: string | Adapter
  payload: unknown
  context?: NormalizeContext
}

export interface IngestResultOptions {
  /** When the report arrived. @default now */
  receivedAt?: Date
  /**
   * The payload the result was normalized from, with the adapter (one of the tracker's, by id) and context that
   * read it: kept so that `reprocess()` can read it again. A source that has the carrier's payload (a webhook
   * handler, a poller, an SFTP source) should pass it.
   * @example await tracker.ingestResult(result, { payload: { adapter: 'ups', payload: body, context: { source: 'webhook' } } })
   */
  payload?: { adapter: string; payload: unknown; context?: NormalizeContext }
}

/** A kept payload as `tracker.payloads()` gives it back. */
export interface SourcePayload {
  /** The adapter that read it. */
  adapter: string
  /** ISO instant it was first received. */
  receivedAt: string
  /** The context it was normalized with. */
  context?: NormalizeContext
  /** The payload as it was given (bytes come back as a `Uint8Array`). */
  payload: unknown
}

export interface IngestResult {
  shipments: Shipment[]
  notFound: NotFound[]
  warnings: NormalizeWarning[]
  /** New events across all shipments. */
  added: number
  /** Reports merged into events already known. */
  duplicates: number
}

/** What the tracker emits; each only when something changed. */
export interface TrackerEventMap {
  update: {
    shipment: Shipment
    added: TrackingEvent[]
    enriched: TrackingEvent[]
    previous?: Shipment
    /** `correction`: a reprocess changed what stored events mean (see `corrections`). */
    kind?: 'correction'
    /** Stored events whose meaning a reprocess changed, as they are now, with the fields that changed. */
    corrections?: { event: TrackingEvent; fields: string[] }[]
  }
  alert: Alert
  anomaly: { shipment: Shipment; anomaly: Anomaly }
}

export type TrackerEvent = {
  [K in keyof TrackerEventMap]: { type: K } & TrackerEventMap[K]
}[keyof TrackerEventMap]

/** What the tracker keeps per shipment besides the snapshot. */
export interface TrackedRecord {
  shipment: Shipment
  /** The first estimate ever seen: "late" is measured against it. */
  firstEstimate?: DeliveryWindow
  /** ISO instant of the last change. */
  updatedAt: string
  /** ISO instant of each ingest that brought a new event (freshness KPI). */
  ingestLag?: number[]
  /** Alerts announced for this shipment: dedupe key → when raised (recorded in the same write as the change). */
  alerted?: Record<string, string>
  /** The kept payloads that changed this shipment (see `tracker.reprocess`). */
  sources?: { hash: string; adapter: string; receivedAt: string; snapshot?: true }[]
}

export interface ReprocessOptions {
  /** Only this carrier's shipments. @default every carrier */
  carrier?: string
  /** Only shipments changed at or after this instant. @default every shipment */
  since?: Date
  /** Only these shipments. */
  shipments?: readonly { carrier: string; trackingNumber: string }[]
  /**
   * A name for this run: its position is saved every 100 numbers (and when `signal` aborts), so a run with the same
   * name resumes after it; a run that finishes clears it.
   * @example 'fix-ups-codes-2026-12'
   */
  checkpoint?: string
  /** Stops the run after the number in progress. */
  signal?: AbortSignal
  /** Called after each tracking number with the figures so far. */
  onProgress?: (report: ReprocessReport) => void
}

export interface ReprocessReport {
  /** Tracking numbers looked at. */
  scanned: number
  /** Shipments whose timeline changed. */
  changed: number
  /** Events corrected (their meaning changed). */
  corrected: number
  /** Events found that the timelines lacked. */
  added: number
  skipped: {
    /** Shipments with no kept payload (ingested before payloads were kept, or through `ingestResult`). */
    noSources: number
    /** Payloads whose adapter this tracker does not have. */
    noAdapter: number
    /** Payloads no longer in the store. */
    payloadGone: number
  }
  /** Payloads the current adapter could not read (they are left as they were). */
  failed: { adapter: string; hash: string; message: string }[]
  /** The number key a checkpointed run resumed after. */
  resumedAfter?: string
}

/** What `ingestShipperEvents` did. */
export interface ShipperIngestResult {
  /** Events new to the tracker (the rest were known by id). */
  added: number
  /** Tracking numbers whose reconciliation ran again. */
  numbers: { carrier: string; trackingNumber: string }[]
  /** Events kept under their order only: no tracking number is known for the order yet. */
  waitingForTrackingNumber: number
}

/** Reconciliation figures over every tracking number the shipper reported a handover for. */
export interface ReconciliationSummary {
  /** Numbers handed over to a carrier. */
  handedOver: number
  /** Of those, how many the carrier reports at all (a scan after the label). */
  reportedByCarrier: number
  /** `reportedByCarrier / handedOver` (the manifest coverage), or null with no handover. */
  coverage: number | null
  /** Time from handover to the first carrier scan, in hours: median and 90th percentile (null without data). */
  firstScanLagHours: { median: number | null; p90: number | null; count: number }
}
