/**
 * 17TRACK: the conformance suite over fixtures/17track (gettrackinfo answers, pushes, recorded register +
 * gettrackinfo exchanges), plus what is special: the underlying carrier's id, sub-statuses falling back to their
 * main status, registration before reading, refusals sent as HTTP 200 with a negative code, the `sign` push
 * signature, and a parcel seen through 17TRACK merging with the same parcel polled from its carrier.
 */
import { readFileSync } from 'node:fs'
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import {
  splitTrack17Number,
  TRACK17_CARRIER_KEYS,
  TRACK17_CARRIERS,
  track17,
  track17CarrierId,
} from '../../adapters/17track/index.js'
import { laposte } from '../../adapters/laposte/index.js'
import { usps } from '../../adapters/usps/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import {
  AbortError,
  AuthError,
  CarrierError,
  ConfigError,
  RateLimitError,
  ValidationError,
} from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import {
  createWebhookHandler,
  sign,
  track17Scheme,
  verify,
  verifySync,
  type WebhookBatch,
} from '../../src/webhooks/index.js'

testAdapter({
  adapter: track17(),
  fixturesDir: 'fixtures/17track',
  connect: (baseUrl) =>
    track17({ apiKey: 'track17_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))

/** One gettrackinfo answer for one number, with the given provider key, country and events. */
function answer(number: string, carrier: number, events: object[], country = 'US') {
  return {
    code: 0,
    data: {
      accepted: [
        {
          number,
          carrier,
          track_info: {
            latest_status: { status: 'InTransit', sub_status: 'InTransit_Other' },
            tracking: { providers: [{ provider: { key: carrier, name: 'x', country }, events }] },
          },
        },
      ],
      rejected: [],
    },
  }
}

describe('17track: what is special', () => {
  it('keys shipments on the underlying carrier, and keeps an unknown key under 17track with a warning', () => {
    expect(track17CarrierId(21051)).toBe('usps')
    expect(track17CarrierId(6051)).toBe('laposte')
    expect(track17CarrierId(999999)).toBeUndefined()
    expect(TRACK17_CARRIER_KEYS.usps).toBe(21051)
    // Every mapped id is one waybill knows as a carrier, and no two keys share an id (the reverse map is exact).
    expect(new Set(Object.values(TRACK17_CARRIERS)).size).toBe(Object.keys(TRACK17_CARRIERS).length)
    const result = track17().normalize(
      answer('X1234567', 999999, [{ time_iso: '2026-01-05T10:00:00+01:00', sub_status: 'InTransit_Other' }]),
    )
    expect(result.shipments[0]?.carrier).toBe('17track')
    expect(result.warnings.map((w) => w.path)).toContain('data.accepted[0].carrier')
  })

  it('reads a sub-status it does not list by its main status, and an unknown main status as unknown', () => {
    const result = track17().normalize(
      answer('X1234567', 21051, [
        { time_iso: '2026-01-05T10:00:00-05:00', sub_status: 'Delivered_Neighbour' },
        { time_iso: '2026-01-04T10:00:00-05:00', sub_status: 'Teleported_Other' },
      ]),
    )
    const events = result.shipments[0]!.events
    expect(events.map((e) => e.status)).toEqual(['unknown', 'delivered'])
    expect(events[0]?.raw.code).toBe('Teleported_Other')
    expect(result.warnings.filter((w) => w.code === 'unknown_code')).toHaveLength(1)
  })

  it('uses time_raw.timezone when time_iso has no offset', () => {
    const event = track17().normalize(
      answer('X1234567', 21051, [
        {
          time_iso: '2026-01-05T10:00:00',
          time_raw: { date: '2026-01-05', time: '10:00:00', timezone: '-06:00' },
          sub_status: 'InTransit_Other',
        },
      ]),
    ).shipments[0]!.events[0]
    expect(event?.occurredAt).toBe('2026-01-05T10:00:00-06:00')
    expect(event?.zoneSource).toBe('carrier')
  })

  it('keeps an event with no offset, no address and a many-zone provider country, as local time with a warning', () => {
    const result = track17().normalize(
      answer('X1234567', 21051, [{ time_iso: '2026-01-05T10:00:00', sub_status: 'InTransit_Other' }]),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2026-01-05T10:00:00',
      zoneSource: 'unknown',
    })
    expect(result.warnings.map((w) => w.code)).toContain('unknown_zone')
  })

  it('places an event without an address in its one-zone provider country', () => {
    const event = track17().normalize(
      answer(
        '6A12345678905',
        6051,
        [{ time_iso: '2026-01-05T10:00:00', sub_status: 'InTransit_Other' }],
        'FR',
      ),
    ).shipments[0]!.events[0]
    expect(event).toMatchObject({ occurredAt: '2026-01-05T10:00:00+01:00', timeZone: 'Europe/Paris' })
  })

  it('reads "usps:" and "21051:" prefixes as the carrier to register with, and refuses an unknown prefix', () => {
    expect(splitTrack17Number('usps:9400111899560000200014')).toEqual({
      number: '9400111899560000200014',
      carrier: 21051,
    })
    expect(splitTrack17Number('3011:LV123456785CN')).toEqual({ number: 'LV123456785CN', carrier: 3011 })
    expect(splitTrack17Number('LV123456785CN')).toEqual({ number: 'LV123456785CN' })
    expect(() => splitTrack17Number('acme:123456')).toThrow(ValidationError)
  })

  it('checks its options at creation', () => {
    expect(() => track17({ apiKey: '  ' })).toThrow(ConfigError)
    expect(() => track17({ defaultZone: 'Mars/Olympus' })).toThrow()
    expect(() => track17({ register: 'yes' as unknown as boolean })).toThrow(ConfigError)
    expect(track17({ limits: { maxBatch: 500 } }).limits?.maxBatch).toBe(40)
  })

  it('refuses track() without a key, naming the CLI variable', async () => {
    await expect(track17().track!(['9400111899560000100017'])).rejects.toThrow(/WAYBILL_17TRACK_API_KEY/)
  })
})

describe('17track: the API through an injected MockAgent', () => {
  const HOST = 'https://api.17track.test'
  const KEY = 'track17_secret_key'
  let agent: MockAgent
  afterEach(async () => agent?.close())
  const connect = (options: { register?: boolean } = {}) => {
    agent = new MockAgent()
    agent.disableNetConnect()
    return {
      pool: agent.get(HOST),
      adapter: track17({
        apiKey: KEY,
        baseUrl: HOST,
        transport: undiciTransport({ dispatcher: agent }),
        retry: false,
        ...options,
      }),
    }
  }
  const reply = (body: unknown) => ({
    statusCode: 200,
    data: JSON.stringify(body),
    responseOptions: { headers: { 'content-type': 'application/json' } },
  })

  it('registers, then asks gettrackinfo with the 17token header, 40 numbers a batch', async () => {
    const { pool, adapter } = connect()
    const numbers = Array.from({ length: 41 }, (_, i) => `RR${String(i).padStart(9, '0')}CN`)
    const seen: { path: string; token: string; count: number }[] = []
    const echo = (req: { path: string; headers?: unknown; body?: unknown }) => {
      const items = JSON.parse(String(req.body)) as { number: string }[]
      seen.push({
        path: req.path,
        token: String((req.headers as Record<string, string>)['17token']),
        count: items.length,
      })
      return reply({ code: 0, data: { accepted: items.map((i) => ({ number: i.number })), rejected: [] } })
    }
    pool.intercept({ path: '/track/v2.2/register', method: 'POST' }).reply(echo).times(2)
    pool.intercept({ path: '/track/v2.2/gettrackinfo', method: 'POST' }).reply(echo).times(2)
    const payloads = await adapter.track!(numbers)
    expect(payloads).toHaveLength(4)
    expect(seen.map((s) => [s.path.split('/').pop(), s.count])).toEqual([
      ['register', 40],
      ['gettrackinfo', 40],
      ['register', 1],
      ['gettrackinfo', 1],
    ])
    expect(seen.every((s) => s.token === KEY)).toBe(true)
  })

  // Regression guard: a number 17TRACK echoes in another case, or leaves out of the register answer, must still be read.
  it('reads every number the register answer did not refuse, whatever case 17TRACK echoes it in', async () => {
    const { pool, adapter } = connect()
    const asked: string[] = []
    pool.intercept({ path: '/track/v2.2/register', method: 'POST' }).reply(() =>
      reply({
        code: 0,
        data: {
          accepted: [{ number: 'LV123456785CN' }],
          rejected: [
            { number: 'QQ0000000000', error: { code: -18019903, message: 'Carrier cannot be detected.' } },
          ],
        },
      }),
    )
    pool.intercept({ path: '/track/v2.2/gettrackinfo', method: 'POST' }).reply((req) => {
      asked.push(...(JSON.parse(String(req.body)) as { number: string }[]).map((i) => i.number))
      return reply({ code: 0, data: { accepted: [], rejected: [] } })
    })
    await adapter.track!(['lv123456785cn', 'RR000000002CN', 'QQ0000000000'])
    expect(asked).toEqual(['lv123456785cn', 'RR000000002CN'])
  })

  it('with register off, asks gettrackinfo only', async () => {
    const { pool, adapter } = connect({ register: false })
    pool
      .intercept({ path: '/track/v2.2/gettrackinfo', method: 'POST' })
      .reply(200, json('fixtures/17track/delivered.json') as object)
    const payloads = await adapter.track!(['9400111899560000100017'])
    expect(payloads).toHaveLength(1)
    expect(adapter.normalize(payloads[0]).shipments[0]?.status).toBe('delivered')
  })

  it("a bad key answered as HTTP 401 is an AuthError with 17TRACK's code, never the key", async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: '/track/v2.2/register', method: 'POST' }).reply(401, {
      code: 401,
      data: { errors: [{ code: -18010002, message: `Invalid access key ${KEY}` }] },
    })
    const error = await adapter.track!(['RR000000001CN']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    const text = `${(error as Error).message} ${JSON.stringify(error)}`
    expect(text).toContain('-18010002')
    expect(text).not.toContain(KEY)
  })

  it('a spent quota (HTTP 200, code -18019908) is a RateLimitError', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: '/track/v2.2/register', method: 'POST' })
      .reply(200, { code: -18019908, data: { errors: [{ code: -18019908, message: 'Quota exhausted.' }] } })
    await expect(adapter.track!(['RR000000001CN'])).rejects.toBeInstanceOf(RateLimitError)
  })

  it("17TRACK's internal error (-18010003) is a retryable CarrierError", async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: '/track/v2.2/register', method: 'POST' }).reply(200, {
      code: -18010003,
      data: { errors: [{ code: -18010003, message: 'Internal service error.' }] },
    })
    const error = await adapter.track!(['RR000000001CN']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).retryable).toBe(true)
  })

  it('passes ctx.signal: an aborted poll stops the call', async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: '/track/v2.2/register', method: 'POST' }).reply(200, {}).delay(5_000)
    const controller = new AbortController()
    const pending = adapter.track!(['RR000000001CN'], { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(AbortError)
  })
})

describe('17track: pushes', () => {
  const KEY = 'track17_push_key'
  const body = readFileSync('fixtures/17track/push-tracking-updated.json')

  it('verifies sign = sha256(body + "/" + key) through the registry id, sync and WebCrypto', async () => {
    const headers = await sign('17track', { rawBody: body, secret: KEY })
    // The digest is the documented one, computed independently here.
    const { createHash } = await import('node:crypto')
    expect(headers.sign).toBe(
      createHash('sha256')
        .update(Buffer.concat([body, Buffer.from(`/${KEY}`)]))
        .digest('hex'),
    )
    expect(verifySync('17track', { rawBody: body, headers, secrets: [KEY] }).valid).toBe(true)
    expect(
      await verify(track17Scheme(), { rawBody: body, headers, secrets: ['old', KEY], backend: 'webcrypto' }),
    ).toMatchObject({ valid: true, secretIndex: 1 })
  })

  it('refuses a tampered body, a wrong key, and a missing or malformed header', async () => {
    const headers = await sign('17track', { rawBody: body, secret: KEY })
    const tampered = Buffer.from(body.toString().replace('Out For Delivery', 'Delivered'))
    expect(verifySync('17track', { rawBody: tampered, headers, secrets: [KEY] })).toMatchObject({
      valid: false,
      reason: 'no_matching_signature',
    })
    expect(verifySync('17track', { rawBody: body, headers, secrets: ['another'] }).valid).toBe(false)
    expect(verifySync('17track', { rawBody: body, headers: {}, secrets: [KEY] })).toMatchObject({
      reason: 'missing_header',
    })
    expect(verifySync('17track', { rawBody: body, headers: { sign: 'xyz' }, secrets: [KEY] })).toMatchObject({
      reason: 'malformed_header',
    })
  })

  it('a verified push normalizes as a webhook event under the underlying carrier', () => {
    const adapter = track17()
    const result = adapter.normalize(adapter.webhook!.parse(body), { source: 'webhook' })
    expect(result.shipments[0]).toMatchObject({ carrier: 'ups', status: 'out_for_delivery' })
    expect(result.shipments[0]?.events[0]?.raw.source).toBe('webhook')
  })
})

describe('17track: pushes through the webhook handler', () => {
  const KEY = 'track17_handler_key'
  const body = readFileSync('fixtures/17track/push-tracking-updated.json')
  const setup = () => {
    const batches: WebhookBatch[] = []
    const handler = createWebhookHandler({
      sources: { '17track': track17() },
      secrets: [KEY],
      store: memoryStore(),
      onEvents: (batch) => {
        batches.push(batch)
      },
    })
    return { handler, batches }
  }
  const request = (headers: Record<string, string>) =>
    new Request('https://shop.test/webhooks/17track', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })

  it('verifies the sign header, hands the events over under the underlying carrier, and answers a resend as a duplicate', async () => {
    const { handler, batches } = setup()
    const headers = await sign('17track', { rawBody: body, secret: KEY })
    const first = await handler.fetch(request(headers))
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ ok: true, events: 2 })
    expect(batches[0]!.events.map((e) => e.carrier)).toEqual(['ups', 'ups'])
    const again = await handler.fetch(request(headers))
    expect(await again.json()).toMatchObject({ duplicate: true })
    expect(batches).toHaveLength(1)
  })

  it('refuses a push signed with another key', async () => {
    const { handler, batches } = setup()
    const headers = await sign('17track', { rawBody: body, secret: 'someone-else' })
    const response = await handler.fetch(request(headers))
    expect(response.status).toBe(401)
    expect(batches).toHaveLength(0)
  })
})

describe('17track: merging with direct tracking', () => {
  // Regression: an aggregator's report was stored under the aggregator's id and never merged with a direct poll.
  it('a USPS poll and a 17TRACK report of the same number are one shipment under usps, scans merged', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [usps(), track17()], store })
    const scans = [
      ['2025-03-10T09:14:22-06:00', 'InfoReceived', 'Shipping Label Created, USPS Awaiting Item'],
      ['2025-03-10T16:42:51-06:00', 'InTransit_PickedUp', 'USPS in possession of item'],
      ['2025-03-12T23:05:41-05:00', 'InTransit_Arrival', 'Arrived at USPS Regional Facility'],
    ].map(([time_iso, sub_status, description]) => ({ time_iso, sub_status, description }))
    try {
      await tracker.ingest({ source: 'usps', payload: json('fixtures/usps/in-transit.json') })
      await tracker.ingest({ source: '17track', payload: answer('9400111899223817583745', 21051, scans) })
      const [shipment, ...others] = await tracker.get('usps', '9400111899223817583745')
      expect(others).toEqual([])
      expect(await tracker.get('17track', '9400111899223817583745')).toEqual([])
      // The three scans 17TRACK relays are USPS scans: each merges into the direct event (7 in all).
      expect(shipment!.events).toHaveLength(7)
      const merged = shipment!.events.filter((e) => e.alsoReportedBy?.some((r) => r.codes?.via === '17track'))
      expect(merged).toHaveLength(3)
    } finally {
      await tracker.close?.()
    }
  })
  it('a La Poste poll and a 17TRACK report of the same Colissimo parcel are one shipment under laposte', async () => {
    const tracker = createTracker({ adapters: [laposte(), track17()], store: memoryStore() })
    const scans = [
      ['2026-04-16T12:18:00+02:00', 'Delivered_Other', 'Votre colis a été remis à son destinataire.'],
      ['2026-04-16T07:52:00+02:00', 'OutForDelivery_Other', 'Votre colis est en cours de livraison.'],
    ].map(([time_iso, sub_status, description]) => ({ time_iso, sub_status, description }))
    try {
      await tracker.ingest({ source: 'laposte', payload: json('fixtures/laposte/delivered.json') })
      await tracker.ingest({ source: '17track', payload: answer('6A23456789014', 6051, scans, 'FR') })
      const [shipment, ...others] = await tracker.get('laposte', '6A23456789014')
      expect(others).toEqual([])
      expect(shipment!.status).toBe('delivered')
      expect(shipment!.events).toHaveLength(5)
      const merged = shipment!.events.filter((e) => e.alsoReportedBy?.some((r) => r.codes?.via === '17track'))
      expect(merged).toHaveLength(2)
    } finally {
      await tracker.close?.()
    }
  })
})
