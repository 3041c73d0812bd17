/**
 * AfterShip Tracking: the conformance suite over fixtures/aftership (webhook deliveries, bare trackings and recorded
 * `track()` exchanges), plus the aggregator-specific parts: shipments keyed on the underlying carrier, AfterShip
 * named in the raw record, the look-up-then-register flow through an injected undici MockAgent, and a USPS poll and
 * an AfterShip report of the same parcel merging into one tracked shipment.
 */
import { existsSync, readFileSync } from 'node:fs'
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AFTERSHIP_SLUGS,
  aftership,
  aftershipCarrierId,
  splitAftershipNumber,
} from '../../adapters/aftership/index.js'
import { usps } from '../../adapters/usps/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'

testAdapter({
  adapter: aftership(),
  fixturesDir: 'fixtures/aftership',
  connect: (baseUrl) =>
    aftership({ apiKey: 'aftership_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
type Recorded = { exchanges: { response: { body: { data: { trackings: unknown[] } } } }[] }
const knownTracking = () =>
  (json('fixtures/aftership/track-known-usps.http.json') as Recorded).exchanges[0]!.response.body.data
    .trackings[0]
const adapter = aftership()
const tracking = (slug: string | null) => ({
  id: 'as1',
  tracking_number: 'TN1',
  slug,
  tag: 'InTransit',
  checkpoints: [
    {
      checkpoint_time: '2025-03-12T23:05:41-05:00',
      tag: 'InTransit',
      message: 'Arrived',
      city: 'AUSTIN',
      state: 'TX',
      country_region: 'USA',
    },
  ],
})

describe('aftership: underlying carrier', () => {
  it('keys the shipment and its events on the waybill id of a courier waybill tracks directly', () => {
    const shipment = adapter.normalize(tracking('dhl')).shipments[0]!
    expect(shipment.carrier).toBe('dhl')
    expect(shipment.events[0]?.carrier).toBe('dhl')
    expect(aftershipCarrierId('FedEx')).toBe('fedex')
  })
  it('names AfterShip and the courier slug in each raw record; the tracking id stays out of carrierShipmentId', () => {
    const shipment = adapter.normalize(tracking('usps')).shipments[0]!
    expect(shipment.events[0]?.raw.codes).toMatchObject({ via: 'aftership', slug: 'usps' })
    expect(shipment.carrierShipmentId).toBeUndefined()
  })
  it('keeps a courier without a waybill adapter under aftership, with a warning naming it', () => {
    const result = adapter.normalize(tracking('parcel-force'))
    expect(result.shipments[0]).toMatchObject({ carrier: 'aftership', carrierShipmentId: 'as1' })
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'other', message: expect.stringContaining('"parcel-force"') }),
    )
  })
  // Regression: a Royal Mail, La Poste or DPD parcel seen through AfterShip stayed under `aftership` and never met
  // the same parcel polled from its carrier.
  it('keys the national carriers on their waybill ids', () => {
    expect(adapter.normalize(tracking('royal-mail')).shipments[0]?.carrier).toBe('royalmail')
    expect(adapter.normalize(tracking('colissimo')).shipments[0]?.carrier).toBe('laposte')
    expect(adapter.normalize(tracking('la-poste-colissimo')).shipments[0]?.carrier).toBe('laposte')
    expect(adapter.normalize(tracking('dpd-de')).shipments[0]?.carrier).toBe('dpd')
    expect(adapter.normalize(tracking('postnl-international')).shipments[0]?.carrier).toBe('postnl')
    expect(adapter.normalize(tracking('dpd-uk')).shipments[0]?.carrier).toBe('aftership')
  })
  // Regression: webhook deliveries were stored under `aftership` and never merged with a direct poll.
  it('a webhook delivery feeds the same mapping as the Tracking API', () => {
    const delivery = { event: 'tracking_update', ts: 1, msg: tracking('ups') }
    expect(adapter.normalize(delivery).shipments[0]?.carrier).toBe('ups')
  })
  it('every mapped id is one waybill ships an adapter for', () => {
    const ids = new Set(Object.values(AFTERSHIP_SLUGS))
    expect([...ids]).toEqual(expect.arrayContaining(['usps', 'ups', 'fedex', 'dhl']))
    for (const id of ids) expect(existsSync(`adapters/${id}/index.ts`), `adapters/${id}`).toBe(true)
  })
})

describe('aftership: not found and numbers', () => {
  it('a Pending tracking without checkpoints is a not-found entry, not an empty shipment', () => {
    const result = adapter.normalize({ ...tracking('usps'), tag: 'Pending', checkpoints: [] })
    expect(result.shipments).toEqual([])
    expect(result.notFound[0]).toMatchObject({ trackingNumber: 'TN1', carrierCode: 'Pending' })
  })
  it('reads "<slug>:<number>" and bare numbers; a bad slug is a ValidationError naming the input', () => {
    expect(splitAftershipNumber('USPS:9400', undefined)).toEqual({ slug: 'usps', trackingNumber: '9400' })
    expect(splitAftershipNumber('9400', undefined)).toEqual({ trackingNumber: '9400' })
    expect(splitAftershipNumber('9400', 'fedex')).toEqual({ slug: 'fedex', trackingNumber: '9400' })
    const error = (() => {
      try {
        splitAftershipNumber('royal mail:QF1', undefined)
      } catch (e) {
        return e
      }
    })()
    expect(isWaybillError(error) && error.message).toContain('"royal mail:QF1"')
  })
  it('a slug option that is not a slug is refused when the adapter is created', () => {
    expect(() => aftership({ slug: 'Royal Mail' })).toThrow(/aftership\(\{ slug \}\)/)
  })
})

describe('aftership: Tracking API through an injected MockAgent', () => {
  const HOST = 'https://api.aftership.test'
  let agent: MockAgent
  afterEach(async () => agent?.close())
  const connect = () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    return {
      pool: agent.get(HOST),
      adapter: aftership({
        apiKey: 'as_secret_key',
        baseUrl: `${HOST}/tracking/2026-07`,
        transport: undiciTransport({ dispatcher: agent }),
        retry: false,
      }),
    }
  }
  const jsonReply = { headers: { 'content-type': 'application/json' } }

  it('looks the number up with as-api-key under the version path, and registers it only when unknown', async () => {
    const { pool, adapter } = connect()
    const seen: string[] = []
    pool
      .intercept({ path: (p) => p.startsWith('/tracking/2026-07/trackings?'), method: 'GET' })
      .reply((req) => {
        seen.push(`GET ${req.path} ${(req.headers as Record<string, string>)['as-api-key']}`)
        return {
          statusCode: 200,
          data: JSON.stringify({ meta: { code: 200 }, data: { trackings: [] } }),
          responseOptions: jsonReply,
        }
      })
    pool.intercept({ path: '/tracking/2026-07/trackings', method: 'POST' }).reply((req) => {
      seen.push(`POST ${String(req.body)}`)
      return {
        statusCode: 201,
        data: JSON.stringify({
          meta: { code: 201 },
          data: { tracking_number: 'N1', slug: 'ups', tag: 'Pending', checkpoints: [] },
        }),
        responseOptions: jsonReply,
      }
    })
    const [payload] = await adapter.track!(['ups:N1'])
    expect(seen).toEqual([
      'GET /tracking/2026-07/trackings?tracking_numbers=N1&slug=ups as_secret_key',
      'POST {"tracking_number":"N1","slug":"ups"}',
    ])
    expect(adapter.normalize(payload).notFound[0]?.trackingNumber).toBe('N1')
  })

  // Regression guard: a number registered between the look-up and the POST (another poller, a retried POST) made
  // AfterShip answer 4003 "already exists", which would have failed the whole poll.
  it('a POST answered "already exists" (4003) reads the tracking again instead of failing', async () => {
    const { pool, adapter } = connect()
    const lookUp = () =>
      pool.intercept({ path: (p) => p.startsWith('/tracking/2026-07/trackings?'), method: 'GET' })
    lookUp().reply(200, { meta: { code: 200 }, data: { trackings: [] } }, jsonReply)
    pool
      .intercept({ path: '/tracking/2026-07/trackings', method: 'POST' })
      .reply(
        400,
        { meta: { code: 4003, message: 'Tracking already exists.', type: 'BadRequest' }, data: {} },
        jsonReply,
      )
    lookUp().reply(200, { meta: { code: 200 }, data: { trackings: [knownTracking()] } }, jsonReply)
    const [payload] = await adapter.track!(['usps:9400111899223817583745'])
    expect(adapter.normalize(payload).shipments[0]?.events).toHaveLength(4)
  })

  it("an error carries AfterShip's meta.code and the request id, never the key", async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: (p) => p.startsWith('/tracking/2026-07/trackings?'), method: 'GET' }).reply(
      400,
      {
        meta: { code: 4005, message: 'Invalid tracking number for key as_secret_key', type: 'BadRequest' },
        data: {},
      },
      { headers: { 'content-type': 'application/json', 'x-request-id': 'as-req-42' } },
    )
    const error = await adapter.track!(['usps:bad']).catch((e: unknown) => e)
    expect(isWaybillError(error)).toBe(true)
    const text = `${(error as Error).message} ${JSON.stringify(error)}`
    expect(text).toContain('4005')
    expect(text).toContain('as-req-42')
    expect(text).not.toContain('as_secret_key')
  })

  it('a 429 is a RateLimitError', async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: (p) => p.startsWith('/tracking/2026-07/trackings?'), method: 'GET' }).reply(
      429,
      { meta: { code: 429, message: 'Too many requests', type: 'TooManyRequests' } },
      {
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
      },
    )
    const error = await adapter.track!(['usps:N1']).catch((e: unknown) => e)
    expect((error as Error).name).toBe('RateLimitError')
  })
})

describe('aftership: merging with direct tracking', () => {
  it('a USPS poll and an AfterShip report of the same number are one shipment under usps, scans merged', async () => {
    const tracker = createTracker({ adapters: [usps(), aftership()], store: memoryStore() })
    await tracker.ingest({ source: 'usps', payload: json('fixtures/usps/in-transit.json') })
    await tracker.ingest({ source: 'aftership', payload: knownTracking() })
    const [shipment, ...others] = await tracker.get('usps', '9400111899223817583745')
    expect(others).toEqual([])
    expect(await tracker.get('aftership', '9400111899223817583745')).toEqual([])
    // The four checkpoints AfterShip relays are USPS scans: each merges into the direct event (7 in all).
    expect(shipment!.events).toHaveLength(7)
    const merged = shipment!.events.filter((e) => e.alsoReportedBy?.some((r) => r.codes?.via === 'aftership'))
    expect(merged).toHaveLength(4)
  })
})
