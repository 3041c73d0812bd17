/**
 * The offline demo as a served instance (`waybill serve --demo`): the demo's loopback carrier APIs and its SFTP
 * drop become the sources of a `waybill/serve` configuration on 127.0.0.1 (poll jobs for the REST shipments, an SFTP
 * watcher for the X12 214 drop, signed webhook endpoints for UPS and EasyPost), the carriers' webhook deliveries
 * are sent to it as the carriers would, and its pages, API and metrics can then be opened in a browser.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dhl } from '../../adapters/dhl/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { edi214 } from '../../adapters/edi214/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import type { Adapter } from '../../src/adapter/index.js'
import { createServer, type ServeConfig, signPageLink, type WaybillServer } from '../../src/serve/index.js'
import { sign } from '../../src/webhooks/index.js'
import { type AccessLogEntry, type DemoPayloads, startCarrierApis } from './carrier-apis.js'
import {
  easypostPayload,
  ediDrop,
  REST_PICKS,
  restPayload,
  STORY_NOW,
  trackAlertPayload,
} from './payloads.js'

const WEBHOOK_SECRETS = { ups: 'demo-track-alert-credential', easypost: 'demo-easypost-webhook-secret' }

/** A running served demo. */
export interface ServedDemo {
  server: WaybillServer
  url: string
  /** Signed page links of every stored shipment, absolute. */
  links(): Promise<string[]>
  /** The API key of this run (random per run). */
  apiKey: string
  /** Webhook deliveries sent and the status each got. */
  deliveries: { source: string; status: number }[]
  close(): Promise<void>
}

/** The REST payloads the loopback carriers serve, by tracking number. */
function demoPayloads(): DemoPayloads {
  const payloads: DemoPayloads = { ups: new Map(), fedex: new Map(), usps: new Map(), dhl: new Map() }
  const readers = { ups: ups(), fedex: fedex(), usps: usps(), dhl: dhl() }
  for (const carrier of Object.keys(REST_PICKS) as (keyof typeof REST_PICKS)[]) {
    for (const pick of REST_PICKS[carrier]) {
      const payload = restPayload(carrier, pick)
      const number = readers[carrier].normalize(payload).shipments[0]?.trackingNumber
      if (number) payloads[carrier].set(number, payload)
    }
  }
  return payloads
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25))
}

/** Starts the demo's carriers and serves them; `close()` stops everything and removes the temporary folder. */
export async function startServedDemo(listen: { port?: number; host?: string } = {}): Promise<ServedDemo> {
  const log: AccessLogEntry[] = []
  const payloads = demoPayloads()
  const apis = await startCarrierApis(payloads, log)
  const tmp = mkdtempSync(join(tmpdir(), 'waybill-served-demo-'))
  const closers: (() => Promise<void>)[] = Object.values(apis).map((api) => () => api.close())
  closers.push(async () => rmSync(tmp, { recursive: true, force: true }))
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
  try {
    const creds = { clientId: 'demo-client', clientSecret: 'demo-secret' }
    const adapters: Adapter[] = [
      ups({ ...creds, baseUrl: apis.ups.baseUrl }),
      fedex({ ...creds, baseUrl: apis.fedex.baseUrl }),
      usps({ ...creds, baseUrl: apis.usps.baseUrl }),
      dhl({ apiKey: 'demo-dhl-key', baseUrl: apis.dhl.baseUrl }),
      easypost(),
    ]
    const sftp = await sftpDrop(tmp, [...payloads.ups.keys()][0]!)
    if (sftp) closers.push(sftp.close)
    const apiKey = `demo-api-${randomBytes(12).toString('hex')}`
    const pagesSecret = randomBytes(32).toString('base64url')
    const config: ServeConfig = {
      adapters,
      tracker: { locale: 'en' },
      poll: {
        jobs: (Object.keys(payloads) as (keyof DemoPayloads)[]).map((carrier) => ({
          adapter: carrier,
          numbers: [...payloads[carrier].keys()],
        })),
      },
      ...(sftp ? { sftp: [sftp.watch] } : {}),
      webhooks: [
        { name: 'ups', adapter: 'ups', secret: WEBHOOK_SECRETS.ups },
        { name: 'easypost', adapter: 'easypost', secret: WEBHOOK_SECRETS.easypost },
      ],
      pages: { secret: pagesSecret },
      api: { keys: [apiKey] },
      timers: { everyMs: 60_000 },
      server: { host: listen.host ?? '127.0.0.1', port: listen.port ?? 8080 },
    }
    const server = await createServer(config, { now: () => new Date(STORY_NOW) })
    closers.push(() => server.close())
    const url = await server.listen()

    // The carriers' pushes, signed as they sign them, sent to the served endpoints.
    const deliveries: ServedDemo['deliveries'] = []
    const bodies = [
      {
        source: 'ups',
        body: JSON.stringify(trackAlertPayload([...payloads.ups.keys()][1]!)),
        headers: { credential: WEBHOOK_SECRETS.ups } as Record<string, string>,
      },
      { source: 'easypost', body: JSON.stringify(easypostPayload()), headers: {} as Record<string, string> },
    ]
    bodies[1]!.headers = await sign('easypost', {
      rawBody: bodies[1]!.body,
      secret: WEBHOOK_SECRETS.easypost,
      timestamp: new Date(STORY_NOW),
    })
    for (const d of bodies) {
      const res = await fetch(`${url}/webhooks/${d.source}`, {
        method: 'POST',
        body: d.body,
        headers: { 'content-type': 'application/json', ...d.headers },
      })
      await res.arrayBuffer()
      deliveries.push({ source: d.source, status: res.status })
    }
    const numbers = Object.values(payloads).reduce((n, map) => n + map.size, 0)
    await waitFor(() => {
      const status = server.sources()
      return (status?.poll.polls ?? 0) + (status?.poll.errors ?? 0) >= numbers
    }, 15_000)
    if (sftp) await waitFor(() => (server.sources()?.sftp[sftp.watch.name]?.files ?? 0) > 0, 10_000)

    return {
      server,
      url,
      apiKey,
      deliveries,
      async links() {
        const out: string[] = []
        for await (const shipment of server.tracker.shipments())
          out.push(
            `${url}${signPageLink({ carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }, pagesSecret)}`,
          )
        return out
      },
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}

/** The demo's X12 214 drop on the in-process SFTP server, or undefined when the optional ssh2 peers are missing. */
async function sftpDrop(
  tmp: string,
  upsDelivered: string,
): Promise<{ watch: NonNullable<ServeConfig['sftp']>[number]; close: () => Promise<void> } | undefined> {
  const root = join(tmp, 'sftp')
  mkdirSync(join(root, 'outbound'), { recursive: true })
  const past = new Date(Date.now() - 3_600_000)
  for (const [name, text] of Object.entries(ediDrop(upsDelivered))) {
    writeFileSync(join(root, 'outbound', name), text)
    utimesSync(join(root, 'outbound', name), past, past)
  }
  const testing = await import('../../src/sftp/testing/server.js').catch(() => undefined)
  const server = await testing
    ?.startSftpServer({ root, users: [{ username: 'carrier', password: 'demo-password' }] })
    .catch(() => undefined)
  if (!server) return undefined
  return {
    close: () => server.close(),
    watch: {
      name: 'demo-214-drop',
      connection: {
        host: '127.0.0.1',
        port: server.port,
        username: 'carrier',
        password: 'demo-password',
        hostKey: server.hostKeyFingerprint,
      },
      remoteDir: '/outbound',
      archiveDir: '/archive',
      errorDir: '/error',
      settle: { intervalMs: 0, minAgeMs: 0 },
      pollIntervalMs: 2_000,
      parser: edi214({
        partners: [
          { senderIds: ['UPSDEMO'], carrier: 'ups', scac: 'UPSN' },
          { senderIds: ['ACMEFRT'], carrier: 'acme-freight', scac: 'ACMF' },
        ],
      }),
    },
  }
}
