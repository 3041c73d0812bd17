/**
 * EasyPost Trackers: the conformance suite over fixtures/easypost (webhook Events, bare Trackers and recorded
 * `track()` exchanges), plus the aggregator-specific parts: shipments keyed on the underlying carrier, EasyPost
 * named in the raw record, numbers naming their carrier, the Trackers API through an injected undici MockAgent, and
 * a USPS poll and an EasyPost report of the same parcel merging into one tracked shipment.
 */
import { readFileSync } from 'node:fs'
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { canadapost } from '../../adapters/canadapost/index.js'
import {
  EASYPOST_CARRIERS,
  easypost,
  easypostCarrierId,
  splitEasypostNumber,
} from '../../adapters/easypost/index.js'
import { usps } from '../../adapters/usps/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'
import { CARRIER_BRANDING } from '../../src/identifiers/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'

testAdapter({
  adapter: easypost(),
  fixturesDir: 'fixtures/easypost',
  connect: (baseUrl) =>
    easypost({ apiKey: 'EZTK_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'))
const createdTracker = () =>
  (json('fixtures/easypost/track-created-usps.http.json') as { exchanges: { response: { body: unknown } }[] })
    .exchanges[0]!.response.body
const adapter = easypost()
const tracker = (carrier: string | null) => ({
  id: 'trk_1',
  object: 'Tracker',
  tracking_code: 'TN1',
  status: 'in_transit',
  carrier,
  tracking_details: [
    {
      message: 'Arrived',
      status: 'in_transit',
      datetime: '2025-03-12T23:05:41-05:00',
      tracking_location: { city: 'AUSTIN', state: 'TX', country: null, zip: null },
    },
  ],
})

describe('easypost: underlying carrier', () => {
  it('keys the shipment and its events on the waybill id of a carrier waybill tracks directly', () => {
    const shipment = adapter.normalize(tracker('DHLExpress')).shipments[0]!
    expect(shipment.carrier).toBe('dhl')
    expect(shipment.events[0]?.carrier).toBe('dhl')
    expect(easypostCarrierId('USPS')).toBe('usps')
    expect(easypostCarrierId('FedEx')).toBe('fedex')
  })
  it('names EasyPost and its carrier spelling in each raw record', () => {
    const event = adapter.normalize(tracker('USPS')).shipments[0]!.events[0]!
    expect(event.raw.codes).toMatchObject({ via: 'easypost', carrier: 'USPS' })
  })
  it('keeps a carrier without a waybill adapter under easypost, with a warning naming it', () => {
    const result = adapter.normalize(tracker('Canpar'))
    expect(result.shipments[0]?.carrier).toBe('easypost')
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'other',
        path: 'carrier',
        message: expect.stringContaining('"Canpar"'),
      }),
    )
  })
  // Regression: webhook Events were stored under `easypost` and never merged with a direct USPS poll.
  it('a webhook Event feeds the same mapping as the Trackers API', () => {
    const event = json('fixtures/easypost/tracker-updated-in-transit.json')
    expect(adapter.normalize(event).shipments[0]?.carrier).toBe('usps')
  })
  // A mapped id must be a carrier waybill knows (its branding row), or the shipment would land on an id no direct
  // poll ever uses.
  it('every mapped id is a carrier waybill knows', () => {
    const known = new Set(CARRIER_BRANDING.map((row) => row.id))
    for (const id of Object.values(EASYPOST_CARRIERS)) expect(known.has(id), id).toBe(true)
    expect(new Set(Object.values(EASYPOST_CARRIERS))).toContain('royalmail')
  })
})

describe('easypost: not found', () => {
  it('a tracker with status unknown and no details is a not-found entry, not an empty shipment', () => {
    const result = adapter.normalize({ ...tracker('USPS'), status: 'unknown', tracking_details: [] })
    expect(result.shipments).toEqual([])
    expect(result.notFound[0]).toMatchObject({ trackingNumber: 'TN1', carrierCode: 'UNKNOWN' })
  })
})

describe('easypost: numbers', () => {
  it('reads tracker ids, "<carrier>:<code>" (waybill ids spelled the EasyPost way) and bare codes', () => {
    expect(splitEasypostNumber('trk_abc123', 'USPS')).toEqual({ trackerId: 'trk_abc123' })
    expect(splitEasypostNumber('dhl:1234567890', undefined)).toEqual({
      trackingCode: '1234567890',
      carrier: 'DHLExpress',
    })
    expect(splitEasypostNumber('OnTrac:C1', undefined)).toEqual({ trackingCode: 'C1', carrier: 'OnTrac' })
    expect(splitEasypostNumber(' 9400 ', undefined)).toEqual({ trackingCode: '9400' })
    expect(splitEasypostNumber('9400', 'usps')).toEqual({ trackingCode: '9400', carrier: 'USPS' })
  })
  it('an empty code is a ValidationError naming the input', () => {
    const error = (() => {
      try {
        splitEasypostNumber('USPS: ', undefined)
      } catch (e) {
        return e
      }
    })()
    expect(isWaybillError(error) && error.message).toContain('"USPS: "')
  })
  it('a carrier option that is not a carrier name is refused when the adapter is created', () => {
    expect(() => easypost({ carrier: 'U S P S' })).toThrow(/easypost\(\{ carrier \}\)/)
  })
  it('track() without an apiKey is a ConfigError', async () => {
    await expect(easypost().track!(['USPS:9400'])).rejects.toThrow(/needs an apiKey/)
  })
})

describe('easypost: Trackers API through an injected MockAgent', () => {
  const HOST = 'https://api.easypost.test'
  let agent: MockAgent
  afterEach(async () => agent?.close())
  const connect = (options: { carrier?: string } = {}) => {
    agent = new MockAgent()
    agent.disableNetConnect()
    return {
      pool: agent.get(HOST),
      adapter: easypost({
        apiKey: 'EZTK_secret_key',
        baseUrl: HOST,
        transport: undiciTransport({ dispatcher: agent }),
        retry: false,
        ...options,
      }),
    }
  }

  it('creates the tracker with Basic auth (key as user) and { tracker: { tracking_code, carrier } }', async () => {
    const { pool, adapter } = connect({ carrier: 'usps' })
    const seen: { auth?: string; body?: string } = {}
    pool.intercept({ path: '/v2/trackers', method: 'POST' }).reply((req) => {
      seen.auth = String((req.headers as Record<string, string>).authorization)
      seen.body = String(req.body)
      return {
        statusCode: 201,
        data: JSON.stringify(createdTracker()),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      }
    })
    const [payload] = await adapter.track!(['9400111899223817583745'])
    expect(seen.auth).toBe(`Basic ${Buffer.from('EZTK_secret_key:').toString('base64')}`)
    expect(JSON.parse(seen.body!)).toEqual({
      tracker: { tracking_code: '9400111899223817583745', carrier: 'USPS' },
    })
    expect(adapter.normalize(payload).shipments[0]?.carrier).toBe('usps')
  })

  it("an error carries EasyPost's error code and x-ep-request-uuid, never the key", async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: '/v2/trackers', method: 'POST' }).reply(
      422,
      {
        error: {
          code: 'TRACKER.TRACKING_CODE.INVALID',
          message: 'Bad code for key EZTK_secret_key',
          errors: [],
        },
      },
      { headers: { 'content-type': 'application/json', 'x-ep-request-uuid': 'ep-uuid-42' } },
    )
    const error = await adapter.track!(['USPS:1']).catch((e: unknown) => e)
    expect(isWaybillError(error)).toBe(true)
    const text = `${(error as Error).message} ${JSON.stringify(error)}`
    expect(text).toContain('TRACKER.TRACKING_CODE.INVALID')
    expect(text).toContain('ep-uuid-42')
    expect(text).not.toContain('EZTK_secret_key')
  })

  it('a 429 is a RateLimitError with the Retry-After EasyPost sent', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: '/v2/trackers/trk_abc', method: 'GET' })
      .reply(
        429,
        { error: { code: 'RATE_LIMITED', message: 'Too many requests', errors: [] } },
        { headers: { 'content-type': 'application/json', 'retry-after': '2' } },
      )
    const error = await adapter.track!(['trk_abc']).catch((e: unknown) => e)
    expect((error as Error).name).toBe('RateLimitError')
  })

  it('a tracker id EasyPost does not know (404) is a not-found result', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: '/v2/trackers/trk_gone', method: 'GET' })
      .reply(404, { error: { code: 'NOT_FOUND', message: 'not found', errors: [] } })
    const [payload] = await adapter.track!(['trk_gone'])
    expect(adapter.normalize(payload).notFound[0]?.trackingNumber).toBe('trk_gone')
  })
})

describe('easypost: merging with direct tracking', () => {
  // Regression: a Canada Post parcel seen through EasyPost stayed under `easypost` and never met the direct poll.
  it('a Canada Post poll and an EasyPost report of the same PIN are one shipment under canadapost', async () => {
    const waybill = createTracker({ adapters: [canadapost(), easypost()], store: memoryStore() })
    try {
      await waybill.ingest({ source: 'canadapost', payload: json('fixtures/canadapost/delivered.json') })
      await waybill.ingest({
        source: 'easypost',
        payload: {
          ...tracker('CanadaPost'),
          tracking_code: '7023210039414604',
          status: 'delivered',
          tracking_details: [
            {
              message: 'Item successfully delivered',
              status: 'delivered',
              datetime: '2026-03-12T14:14:00-04:00',
              tracking_location: { city: 'OTTAWA', state: 'ON', country: 'CA', zip: null },
            },
          ],
        },
      })
      const [shipment, ...others] = await waybill.get('canadapost', '7023210039414604')
      expect(others).toEqual([])
      expect(await waybill.get('easypost', '7023210039414604')).toEqual([])
      const delivered = shipment!.events.filter((e) => e.status === 'delivered')
      expect(delivered).toHaveLength(1)
      expect(delivered[0]?.alsoReportedBy?.some((r) => r.codes?.via === 'easypost')).toBe(true)
    } finally {
      await waybill.close?.()
    }
  })
  it('a USPS poll and an EasyPost report of the same number are one shipment under usps, scans merged', async () => {
    const store = memoryStore()
    const tracker = createTracker({ adapters: [usps(), easypost()], store })
    try {
      await tracker.ingest({ source: 'usps', payload: json('fixtures/usps/in-transit.json') })
      await tracker.ingest({ source: 'easypost', payload: createdTracker() })
      const [shipment, ...others] = await tracker.get('usps', '9400111899223817583745')
      expect(others).toEqual([])
      expect(await tracker.get('easypost', '9400111899223817583745')).toEqual([])
      // The six scans EasyPost relays are the USPS scans: each merges into the direct event (7 in all).
      expect(shipment!.events).toHaveLength(7)
      const merged = shipment!.events.filter((e) =>
        e.alsoReportedBy?.some((r) => r.codes?.via === 'easypost'),
      )
      expect(merged).toHaveLength(6)
    } finally {
      await tracker.close?.()
    }
  })
})
