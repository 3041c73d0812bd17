/**
 * Several routers on one store, as several processes would run them: every router routes every alert at once,
 * ticks at once, escalates at once and acknowledges at once. Each alert must reach each channel exactly once,
 * escalate exactly once, and be acknowledged first by exactly one of them. On memory the routers share one store
 * object; on PostgreSQL (when a server answers) each router has its own pool on one table, as processes would.
 */
import { describe, expect, it } from 'vitest'
import { type AlertEmail, type AlertRouter, createAlertRouter } from '../../src/operator/index.js'
import { memoryStore, type Store } from '../../src/store/index.js'
import { postgresStore } from '../../src/store/postgres.js'
import { droppedAfterAll } from '../helpers/pg-tables.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { alert } from './alerts.js'
import { receiver, SECRET } from './receiver.js'

const ROUTERS = 6
const ALERTS = 30
const MIN = 60_000

const pgUrl = await postgresUrl()
const tables = droppedAfterAll(pgUrl)

type Stores = () => Promise<{ storeFor(i: number): Store; close(): Promise<void> }>
const kinds: [string, Stores][] = [
  [
    'memory',
    async () => {
      const store = memoryStore()
      return { storeFor: () => store, close: async () => undefined }
    },
  ],
]
if (pgUrl)
  kinds.push([
    'PostgreSQL',
    async () => {
      const table = uniqueName('alert_routing')
      tables.push(table)
      const stores = await Promise.all(
        Array.from({ length: ROUTERS }, () => postgresStore({ connectionString: pgUrl, table, max: 3 })),
      )
      return {
        storeFor: (i) => stores[i]!,
        close: async () => void (await Promise.all(stores.map((s) => s.close?.()))),
      }
    },
  ])

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe.each(kinds)(`%s: ${ROUTERS} routers on one store`, (_name, open) => {
  it('deliver each alert to each channel once, escalate each once, and let one acknowledgement win', async () => {
    const stores = await open()
    const desk = await receiver()
    const emails: AlertEmail[] = []
    const clock = { now: new Date('2024-03-04T00:00:00Z') }
    const routers: AlertRouter[] = Array.from({ length: ROUTERS }, (_, i) =>
      createAlertRouter({
        store: stores.storeFor(i),
        now: () => clock.now,
        tickEveryMs: 0,
        escalateAfter: 30 * MIN,
        onWarning: () => undefined,
        channels: {
          desk: { type: 'webhook', url: desk.url, secret: SECRET, allowHttp: true },
          lead: {
            type: 'email',
            to: ['lead@shop.example'],
            send: async (m) => void emails.push(m),
            link: (a) => `https://shop.example/t/${a.trackingNumber}`,
          },
        },
        rules: [
          {
            name: 'all',
            owner: 'ops',
            channels: ['desk'],
            escalateTo: { owner: 'lead', channels: ['lead'] },
          },
        ],
      }),
    )
    try {
      const alerts = Array.from({ length: ALERTS }, (_, n) => alert({ n }))
      await Promise.all(
        routers.map(async (router, i) => {
          for (const a of shuffled(alerts, i + 1)) await router.route(a)
        }),
      )
      await Promise.all(routers.map((r) => r.tick()))
      expect(desk.received).toHaveLength(ALERTS)
      expect(new Set(desk.received.map((r) => r.key)).size).toBe(ALERTS)
      expect(desk.received.every((r) => r.valid)).toBe(true)

      clock.now = new Date(clock.now.getTime() + 31 * MIN)
      const ticks = await Promise.all(routers.map((r) => r.tick()))
      expect(ticks.reduce((sum, t) => sum + t.escalated, 0)).toBe(ALERTS)
      await Promise.all(routers.map((r) => r.tick()))
      expect(emails).toHaveLength(ALERTS)
      expect(new Set(emails.map((m) => m.alert.dedupeKey)).size).toBe(ALERTS)

      const acks = await Promise.all(
        routers.flatMap((router, i) => alerts.map((a) => router.ack(a.dedupeKey, `operator-${i}`))),
      )
      expect(acks.filter((r) => !r.already)).toHaveLength(ALERTS)
      let stillOpen = 0
      for await (const _ of routers[0]!.open()) stillOpen++
      expect(stillOpen).toBe(0)
    } finally {
      await Promise.all(routers.map((r) => r.close()))
      await desk.close()
      await stores.close()
    }
  })
})
