/**
 * Webhook retries while the first attempt is still running (issue #23 item 4) and delivery ids that expire
 * (issue #16 item 3), driven over a real node:http server on 127.0.0.1.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { easypost } from '../../adapters/easypost/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { memoryStore, type Store } from '../../src/store/index.js'
import {
  createWebhookHandler,
  sign,
  type WebhookBatch,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from '../../src/webhooks/index.js'

const SECRET = 'in-flight-secret'
const BODY = readFileSync('fixtures/easypost/tracker-updated-in-transit.json')
const KEY = 'webhook:easypost:evt_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f'
const DAY_MS = 86_400_000

/** A promise with its resolve/reject, for holding `onEvents` open. */
function gate() {
  let open!: () => void
  let fail!: (error: Error) => void
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return { promise, open, fail }
}

const agent = new Agent({ connections: 16 })
let server: Server
let base: string
/** The handler the server currently serves (each test installs its own). */
let current: WebhookHandler | undefined

beforeAll(async () => {
  server = createServer((req, res) => void current!.node(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await agent.close()
  await new Promise((resolve) => server.close(resolve))
})

async function deliver(): Promise<{ status: number; retryAfter?: string; body: Record<string, unknown> }> {
  const headers = await sign('easypost', { rawBody: BODY, secret: SECRET })
  const res = await request(`${base}/webhooks/easypost`, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json', ...headers },
    dispatcher: agent,
  })
  const retryAfter = res.headers['retry-after']
  return {
    status: res.statusCode,
    ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    body: (await res.body.json()) as Record<string, unknown>,
  }
}

function serve(
  store: Store,
  onEvents: (batch: WebhookBatch) => Promise<void>,
  extra: Partial<WebhookHandlerOptions> = {},
): void {
  current = createWebhookHandler({
    sources: { easypost: easypost() },
    secrets: [SECRET],
    store,
    onEvents,
    ...extra,
  })
}

describe('a retry of a delivery whose first attempt is still running', () => {
  it('is answered 409 with Retry-After (not 200 duplicate), so a failing first attempt loses nothing', async () => {
    const store = memoryStore()
    const first = gate()
    const accepted: WebhookBatch[] = []
    let calls = 0
    serve(store, async (batch) => {
      calls++
      if (calls === 1) await first.promise
      accepted.push(batch)
    })
    const firstAttempt = deliver()
    // Wait until the first attempt is inside onEvents.
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const retries = await Promise.all(Array.from({ length: 5 }, () => deliver()))
    for (const retry of retries) {
      expect(retry.status).toBe(409)
      expect(retry.body).toMatchObject({ error: 'delivery_in_progress' })
      expect(Number(retry.retryAfter)).toBeGreaterThanOrEqual(1)
    }
    expect(calls).toBe(1)
    first.fail(new Error('database down'))
    expect((await firstAttempt).status).toBe(500)
    // The sender retries: the released key lets this attempt process the events.
    const again = await deliver()
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ ok: true, events: 4 })
    expect(again.body.duplicate).toBeUndefined()
    expect(accepted).toHaveLength(1)
  })

  it('answers 200 duplicate only once the first attempt is done', async () => {
    const store = memoryStore()
    const first = gate()
    let calls = 0
    serve(store, async () => {
      calls++
      if (calls === 1) await first.promise
    })
    const firstAttempt = deliver()
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await deliver()).status).toBe(409)
    first.open()
    expect((await firstAttempt).status).toBe(200)
    const retry = await deliver()
    expect(retry.status).toBe(200)
    expect(retry.body).toMatchObject({ ok: true, duplicate: true })
    expect(calls).toBe(1)
  })

  it('a stale processing claim of a process that died expires after processingLeaseMs', async () => {
    let now = Date.parse('2026-12-03T09:00:00Z')
    const store = memoryStore({ now: () => now })
    const never = gate()
    let deadCalls = 0
    // The "dead" process: its onEvents never returns (and it never renews: no time passes for it).
    serve(
      store,
      async () => {
        deadCalls++
        await never.promise
      },
      { processingLeaseMs: 30_000 },
    )
    void deliver().catch(() => undefined)
    while (deadCalls === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const accepted: WebhookBatch[] = []
    serve(
      store,
      async (batch) => {
        accepted.push(batch)
      },
      { processingLeaseMs: 30_000 },
    )
    const during = await deliver()
    expect(during.status).toBe(409)
    expect(Number(during.retryAfter)).toBeLessThanOrEqual(30)
    now += 30_001
    const after = await deliver()
    expect(after.status).toBe(200)
    expect(after.body).toMatchObject({ ok: true, events: 4 })
    expect(accepted).toHaveLength(1)
    never.open()
  })
})

describe('the processing lease', () => {
  it('is renewed while onEvents runs, so a slow attempt longer than the lease is not processed twice', async () => {
    const store = memoryStore()
    let calls = 0
    serve(
      store,
      async () => {
        calls++
        await new Promise((resolve) => setTimeout(resolve, 1_500))
      },
      // wide enough that a busy CI machine delaying one renewal timer does not end the lease
      { processingLeaseMs: 400 },
    )
    const first = deliver()
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const retry = await deliver()
    expect(retry.status).toBe(409)
    expect((await first).status).toBe(200)
    expect(calls).toBe(1)
  })

  it('the fetch shape answers 409 with Retry-After as well', async () => {
    const first = gate()
    let calls = 0
    const handler = createWebhookHandler({
      sources: { easypost: easypost() },
      secrets: [SECRET],
      onEvents: async () => {
        calls++
        await first.promise
      },
    })
    const request = async () =>
      handler.fetch(
        new Request('https://shop.test/webhooks/easypost', {
          method: 'POST',
          body: BODY,
          headers: await sign('easypost', { rawBody: BODY, secret: SECRET }),
        }),
      )
    const pending = request()
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const retry = await request()
    expect(retry.status).toBe(409)
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    first.open()
    expect((await pending).status).toBe(200)
  })
})

describe('delivery ids expire after the duplicate window (issue #16: they no longer grow for ever)', () => {
  it('remembers a processed id for duplicateWindowMs (default 7 days), then forgets it', async () => {
    let now = Date.parse('2026-12-03T09:00:00Z')
    const store = memoryStore({ now: () => now })
    let calls = 0
    serve(store, async () => {
      calls++
    })
    expect((await deliver()).status).toBe(200)
    now += 7 * DAY_MS - 1
    expect((await deliver()).body).toMatchObject({ duplicate: true })
    now += 2
    expect(await store.get(KEY)).toBeUndefined()
    expect((await deliver()).body).toMatchObject({ ok: true, events: 4 })
    expect(calls).toBe(2)
  })

  it('honours a configured duplicateWindowMs', async () => {
    let now = Date.parse('2026-12-03T09:00:00Z')
    const store = memoryStore({ now: () => now })
    let calls = 0
    serve(
      store,
      async () => {
        calls++
      },
      { duplicateWindowMs: 60_000 },
    )
    await deliver()
    now += 59_000
    expect((await deliver()).body).toMatchObject({ duplicate: true })
    now += 1_001
    expect((await deliver()).status).toBe(200)
    expect(calls).toBe(2)
  })

  it('refuses a window or lease that is not a positive number of milliseconds, naming the option', () => {
    for (const [option, value] of [
      ['duplicateWindowMs', 0],
      ['duplicateWindowMs', Number.NaN],
      ['processingLeaseMs', -5],
      ['processingLeaseMs', Number.POSITIVE_INFINITY],
    ] as const) {
      let error: unknown
      try {
        createWebhookHandler({
          sources: { easypost: easypost() },
          secrets: [SECRET],
          onEvents: () => {},
          [option]: value,
        })
      } catch (caught) {
        error = caught
      }
      expect(isWaybillError(error)).toBe(true)
      expect(String((error as Error).message)).toContain(option)
    }
  })
})
