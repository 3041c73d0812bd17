/**
 * `runDemo`: the end-to-end scenario behind `waybill demo` / `npm start`. Everything runs on loopback with
 * embedded data and no credentials, through the real code paths: the poller calls the REST adapters over HTTP
 * (OAuth, rate limits, a refreshed token, a 429 with Retry-After), an SFTP source collects an X12 214 drop from an
 * in-process SSH server with a pinned host key, and two signed webhook deliveries are verified and ingested.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { dhl } from '../../adapters/dhl/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { edi214 } from '../../adapters/edi214/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { normalizeSscc } from '../../src/identifiers/index.js'
import type { Alert, Anomaly, Milestone, Shipment, Status } from '../../src/model/core.js'
import { createPoller } from '../../src/polling/index.js'
import { sftpSource } from '../../src/sftp/index.js'
import { memoryStore } from '../../src/store/index.js'
import {
  createTracker,
  type KpiSummary,
  type ReconciliationSummary,
  type ReprocessReport,
  type ShipperEventInput,
  type ShipperIngestResult,
  summarize,
  type TrackedRecord,
} from '../../src/tracker/index.js'
import { createWebhookHandler, sign } from '../../src/webhooks/index.js'
import { type AccessLogEntry, startCarrierApis } from './carrier-apis.js'
import {
  easypostPayload,
  ediDrop,
  NORTHWIND,
  NORTHWIND_FIXED,
  northwind214,
  REST_PICKS,
  restPayload,
  STORY_NOW,
  trackAlertPayload,
  WAREHOUSE_FEED_NAME,
  warehouseFeed,
} from './payloads.js'

export interface DemoSourceFacts {
  rest: {
    /** Polls that failed (the poller backs off and tries again later). */
    errors: string[]
    requests: number
    byCarrier: Record<string, number>
    tokens: number
    retriedAfter401: number
    throttled: number
  }
  sftp: { files: string[]; hostKey: string; skipped?: string }
  webhooks: { deliveries: number; accepted: number; rejected: number; duplicateDeliveries: number }
}

/** The warehouse's own events and how they reconcile with the carriers'. */
export interface DemoShipperFacts {
  file: string
  events: ShipperEventInput[]
  ingested: ShipperIngestResult
  reconciliation: ReconciliationSummary
  /** Carrier shipments the feed's SSCC-only events were linked to. */
  linkedBySscc: { sscc: string; carrier: string; trackingNumber: string }[]
}

/** A stored event a reprocess corrected, before and after. */
export interface DemoCorrection {
  carrier: string
  trackingNumber: string
  code: string | undefined
  occurredAt: string
  fields: string[]
  before: { status: Status; milestone: Milestone }
  after: { status: Status; milestone: Milestone }
}

export interface DemoReport {
  storyTime: string
  shipments: Shipment[]
  records: TrackedRecord[]
  alerts: Alert[]
  anomalies: { carrier: string; trackingNumber: string; anomaly: Anomaly }[]
  sources: DemoSourceFacts
  shipper: DemoShipperFacts
  /** The mapping fix and what `reprocess` corrected with it. */
  reprocess: { fix: string; report: ReprocessReport; corrections: DemoCorrection[] }
  events: number
  duplicatesMerged: number
  kpis: KpiSummary
  durationMs: number
}

const WEBHOOK_SECRETS = { ups: 'demo-track-alert-credential', easypost: 'demo-easypost-webhook-secret' }

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25))
}

/** Runs the whole scenario and returns what happened; `onStep` hears each phase (for progress output). */
export async function runDemo(options: { onStep?: (text: string) => void } = {}): Promise<DemoReport> {
  const started = performance.now()
  const step = options.onStep ?? (() => {})
  const log: AccessLogEntry[] = []
  const now = () => new Date(STORY_NOW)
  const store = memoryStore()
  let duplicatesMerged = 0
  const pollErrors: string[] = []

  // 1. Loopback carrier APIs serving the story's payloads.
  const payloads = { ups: new Map(), fedex: new Map(), usps: new Map(), dhl: new Map() } as Record<
    keyof typeof REST_PICKS,
    Map<string, unknown>
  >
  const adaptersFor = { ups: ups(), fedex: fedex(), usps: usps(), dhl: dhl() }
  for (const carrier of Object.keys(REST_PICKS) as (keyof typeof REST_PICKS)[]) {
    for (const pick of REST_PICKS[carrier]) {
      const payload = restPayload(carrier, pick)
      const number = adaptersFor[carrier].normalize(payload).shipments[0]?.trackingNumber
      if (number) payloads[carrier].set(number, payload)
    }
  }
  const apis = await startCarrierApis(payloads, log)
  const creds = { clientId: 'demo-client', clientSecret: 'demo-secret' }
  const adapters: Adapter[] = [
    ups({ ...creds, baseUrl: apis.ups.baseUrl }),
    fedex({ ...creds, baseUrl: apis.fedex.baseUrl }),
    usps({ ...creds, baseUrl: apis.usps.baseUrl }),
    dhl({ apiKey: 'demo-dhl-key', baseUrl: apis.dhl.baseUrl }),
    easypost(),
    // 214s pushed over AS2 go through `ingest` (their payloads are kept for `reprocess`). Northwind's profile as
    // first set up: without its own meaning of AV.
    edi214({ partners: [NORTHWIND] }),
  ]
  const tracker = createTracker({ adapters, store, now, locale: 'en' })
  const alerts: Alert[] = []
  const anomalies: DemoReport['anomalies'] = []
  tracker.on('alert', (alert) => alerts.push(alert))
  tracker.on('anomaly', ({ shipment, anomaly }) =>
    anomalies.push({ carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, anomaly }),
  )
  const ingest = async (shipments: Shipment[]) => {
    const result = await tracker.ingestResult({ shipments, notFound: [], warnings: [] })
    duplicatesMerged += result.duplicates
  }

  const tmp = mkdtempSync(join(tmpdir(), 'waybill-demo-'))
  const closers: (() => Promise<void>)[] = [...Object.values(apis).map((api) => () => api.close())]
  try {
    // 0. The warehouse's handover file: the shipper's own side, reconciled with whatever the carriers report.
    step(`reading the warehouse handover feed (${WAREHOUSE_FEED_NAME})`)
    const feedPath = join(tmp, WAREHOUSE_FEED_NAME)
    writeFileSync(feedPath, warehouseFeed())
    const shipperEvents = readFileSync(feedPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as ShipperEventInput)
    const shipperIngested = await tracker.ingestShipperEvents(shipperEvents)

    // 2. The poller keeps the REST shipments fresh within each carrier's limits.
    step('polling UPS, FedEx, USPS and DHL (loopback APIs, OAuth, rate limits)')
    const poller = createPoller({
      adapters: adapters.filter((a) => a.track),
      store,
      onEvents: (change) => ingest([change.shipment]),
      onChange: (c) => {
        if (process.env.WAYBILL_DEMO_DEBUG && c.type === 'error')
          console.error(c.carrier, c.trackingNumber, c.error)
      },
    })
    const numbers = Object.entries(payloads).flatMap(([carrier, map]) =>
      [...map.keys()].map((n) => [carrier, n] as const),
    )
    for (const [carrier, number] of numbers) await poller.add(carrier, number)
    await poller.start()
    await waitFor(() => poller.stats().polls + poller.stats().errors >= numbers.length, 12_000)
    await poller.stop()

    // 3. An X12 214 drop collected over SFTP, host key pinned, exactly once.
    step('collecting the X12 214 drop over SFTP')
    const root = join(tmp, 'sftp')
    mkdirSync(join(root, 'outbound'), { recursive: true })
    const upsDelivered = [...payloads.ups.keys()][0]!
    const past = new Date(Date.now() - 3_600_000)
    for (const [name, text] of Object.entries(ediDrop(upsDelivered))) {
      writeFileSync(join(root, 'outbound', name), text)
      utimesSync(join(root, 'outbound', name), past, past)
    }
    const files: string[] = []
    let hostKey = ''
    let sftpSkipped: string | undefined
    const testing = await import('../../src/sftp/testing/server.js').catch(() => undefined)
    const server =
      testing &&
      (await testing
        .startSftpServer({ root, users: [{ username: 'carrier', password: 'demo-password' }] })
        .catch(() => undefined))
    if (!server)
      sftpSkipped =
        'the optional peers ssh2 and ssh2-sftp-client are not installed: npm i ssh2 ssh2-sftp-client'
    else {
      closers.push(() => server.close())
      hostKey = server.hostKeyFingerprint
      const source = sftpSource({
        connection: {
          host: '127.0.0.1',
          port: server.port,
          username: 'carrier',
          password: 'demo-password',
          hostKey,
        },
        remoteDir: '/outbound',
        archiveDir: '/archive',
        errorDir: '/error',
        settle: { intervalMs: 0, minAgeMs: 0 },
        parser: edi214({
          partners: [
            { senderIds: ['UPSDEMO'], carrier: 'ups', scac: 'UPSN' },
            { senderIds: ['ACMEFRT'], carrier: 'acme-freight', scac: 'ACMF' },
          ],
        }),
        store,
      })
      for (let i = 0; i < 2; i++) {
        const polled = await source.pollOnce()
        files.push(...polled.files.map((f) => `${f.name} (${f.status}, ${f.events} events)`))
        await ingest(polled.shipments)
      }
    }

    // 4. Signed webhook deliveries: UPS Track Alert and an EasyPost tracker update, sent with undici.
    step('receiving signed webhook deliveries')
    let accepted = 0
    const handler = createWebhookHandler({
      sources: { ups: adapters[0]!, easypost: adapters[4]! },
      secrets: { ups: [WEBHOOK_SECRETS.ups], easypost: [WEBHOOK_SECRETS.easypost] },
      store,
      now,
      onEvents: async (batch) => {
        accepted++
        const result = await tracker.ingestResult(batch.result)
        duplicatesMerged += result.duplicates
      },
    })
    const hooks = createServer((req, res) => void handler.node(req, res))
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise<void>((resolve) => hooks.close(() => resolve())))
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/webhooks`
    const deliveries = [
      {
        source: 'ups',
        body: JSON.stringify(trackAlertPayload([...payloads.ups.keys()][1]!)),
        headers: { credential: WEBHOOK_SECRETS.ups },
      },
      {
        source: 'easypost',
        body: JSON.stringify(easypostPayload()),
        headers: await sign('easypost', {
          rawBody: JSON.stringify(easypostPayload()),
          secret: WEBHOOK_SECRETS.easypost,
          timestamp: now(),
        }),
      },
    ]
    const statuses: number[] = []
    for (const d of [...deliveries, deliveries[1]!]) {
      const res = await request(`${hookUrl}/${d.source}`, {
        method: 'POST',
        body: d.body,
        headers: { 'content-type': 'application/json', ...d.headers },
      })
      await res.body.dump()
      statuses.push(res.statusCode)
    }
    const tampered = await request(`${hookUrl}/easypost`, {
      method: 'POST',
      body: deliveries[1]!.body.replace('in_transit', 'delivered'),
      headers: deliveries[1]!.headers,
    })
    await tampered.body.dump()
    statuses.push(tampered.statusCode)

    // 5. An X12 214 pushed over AS2 by an LTL carrier without an API, read with Northwind's profile as it was.
    step('ingesting an X12 214 pushed over AS2')
    const nw = await tracker.ingest({ source: 'edi214', payload: northwind214(), context: { source: 'edi' } })
    duplicatesMerged += nw.duplicates

    // 6. The mapping fix: Northwind's AV means "ready for pick-up at the terminal". Reprocess its stored 214s
    // with the fixed profile (as `waybill reprocess --carrier northwind-ltl` does); corrections are announced.
    step("fixing Northwind's AV mapping and reprocessing its stored payloads")
    const fixed = createTracker({
      adapters: [...adapters.slice(0, -1), edi214({ partners: [NORTHWIND_FIXED] })],
      store,
      now,
      locale: 'en',
      outbox: { drainEveryMs: 0 },
    })
    const corrections: DemoCorrection[] = []
    fixed.on('alert', (alert) => alerts.push(alert))
    fixed.on('anomaly', ({ shipment, anomaly }) =>
      anomalies.push({ carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, anomaly }),
    )
    fixed.on('update', ({ kind, corrections: changed, previous, shipment }) => {
      if (kind !== 'correction') return
      for (const { event, fields } of changed ?? []) {
        const before = previous?.events.find((e) => e.id === event.id)
        corrections.push({
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          code: event.raw.code,
          occurredAt: event.occurredAt,
          fields,
          before: { status: before?.status ?? 'unknown', milestone: before?.milestone ?? 'unknown' },
          after: { status: event.status, milestone: event.milestone },
        })
      }
    })
    const reprocessed = await fixed.reprocess({ carrier: NORTHWIND.carrier })
    await fixed.close()

    // 7. Time-based alerts (a missed pickup among them), reconciliation, records and KPIs.
    step('checking alerts, reconciling with the warehouse and computing delivery KPIs')
    await tracker.checkTimers()
    const reconciliation = await tracker.reconciliation()
    const records: TrackedRecord[] = []
    for await (const record of tracker.records()) records.push(record)
    const shipments = records.map((r) => r.shipment)
    const tracking = log.filter((e) => !e.path.includes('token'))
    return {
      storyTime: STORY_NOW.toISOString(),
      shipments,
      records,
      alerts,
      anomalies,
      sources: {
        rest: {
          errors: pollErrors,
          requests: log.length,
          byCarrier: Object.fromEntries(
            Object.keys(payloads).map((c) => [c, log.filter((e) => e.carrier === c).length]),
          ),
          tokens: log.filter((e) => e.path.includes('token')).length,
          retriedAfter401: tracking.filter((e) => e.status === 401).length,
          throttled: tracking.filter((e) => e.status === 429).length,
        },
        sftp: { files, hostKey, ...(sftpSkipped ? { skipped: sftpSkipped } : {}) },
        webhooks: {
          deliveries: statuses.length,
          accepted,
          rejected: statuses.filter((s) => s === 401).length,
          duplicateDeliveries: statuses.length - accepted - statuses.filter((s) => s >= 400).length,
        },
      },
      shipper: {
        file: WAREHOUSE_FEED_NAME,
        events: shipperEvents,
        ingested: shipperIngested,
        reconciliation,
        linkedBySscc: shipments.flatMap((shipment) =>
          shipperEvents
            .filter((e) => e.sscc && !e.trackingNumber && shipment.identifiers.sscc === normalizeSscc(e.sscc))
            .map((e) => ({
              sscc: normalizeSscc(e.sscc!),
              carrier: shipment.carrier,
              trackingNumber: shipment.trackingNumber,
            })),
        ),
      },
      reprocess: {
        fix: `partner ${NORTHWIND.senderIds[0]}: AV = available for pick-up at the terminal (was read as in transit)`,
        report: reprocessed,
        corrections,
      },
      events: shipments.reduce((n, s) => n + s.events.length, 0),
      duplicatesMerged,
      kpis: summarize(records, { now: STORY_NOW }),
      durationMs: Math.round(performance.now() - started),
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {})
    rmSync(tmp, { recursive: true, force: true })
  }
}
