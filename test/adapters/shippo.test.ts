/**
 * Shippo Tracks: the conformance suite over fixtures/shippo, plus the aggregator-specific parts: the shipment is
 * keyed on the underlying carrier, Shippo is named in the raw record, substatus refines status, and numbers name
 * their Shippo carrier token.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  SHIPPO_STATUSES,
  SHIPPO_SUBSTATUSES,
  shippo,
  splitShippoNumber,
} from '../../adapters/shippo/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { isWaybillError } from '../../src/errors/index.js'

testAdapter({
  adapter: shippo(),
  fixturesDir: 'fixtures/shippo',
  connect: (baseUrl) =>
    shippo({ apiKey: 'shippo_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const adapter = shippo()
const track = (carrier: string, status: string, substatus?: string) => ({
  carrier,
  tracking_number: 'TN1',
  tracking_history: [
    {
      status,
      status_details: 'x',
      status_date: '2024-03-25T14:02:00Z',
      substatus: substatus ? { code: substatus } : null,
      location: { city: 'Seattle', state: 'WA', zip: '98101', country: 'US' },
    },
  ],
})

describe('shippo: underlying carrier', () => {
  it('keys the shipment on the waybill id of a carrier waybill tracks directly (merges with direct tracking)', () => {
    expect(adapter.normalize(track('usps', 'TRANSIT')).shipments[0]?.carrier).toBe('usps')
    expect(adapter.normalize(track('dhl_express', 'TRANSIT')).shipments[0]?.carrier).toBe('dhl')
  })
  it("keeps Shippo's token for other carriers and names Shippo as the way in each raw record", () => {
    const shipment = adapter.normalize(track('purolator', 'TRANSIT')).shipments[0]!
    expect(shipment.carrier).toBe('purolator')
    expect(shipment.events[0]?.raw.codes).toMatchObject({ via: 'shippo', carrier: 'purolator' })
  })
  // Regression: national carriers seen through Shippo kept Shippo's token and never met a direct poll.
  it('keys the national carriers on their waybill ids', () => {
    expect(adapter.normalize(track('royal_mail', 'TRANSIT')).shipments[0]?.carrier).toBe('royalmail')
    expect(adapter.normalize(track('colissimo', 'TRANSIT')).shipments[0]?.carrier).toBe('laposte')
    expect(adapter.normalize(track('canada_post', 'TRANSIT')).shipments[0]?.carrier).toBe('canadapost')
    expect(adapter.normalize(track('australia_post', 'TRANSIT')).shipments[0]?.carrier).toBe('auspost')
    expect(adapter.normalize(track('dpd_de', 'TRANSIT')).shipments[0]?.carrier).toBe('dpd')
  })
})

describe('shippo: status and substatus', () => {
  it('a substatus overrides its status', () => {
    const event = adapter.normalize(track('usps', 'TRANSIT', 'out_for_delivery')).shipments[0]!.events[0]!
    expect(event.status).toBe('out_for_delivery')
  })
  it('a substatus not in the table keeps the meaning of the status', () => {
    const event = adapter.normalize(track('usps', 'TRANSIT', 'package_departed')).shipments[0]!.events[0]!
    expect(event.status).toBe('in_transit')
  })
  it('UNKNOWN is not mapped to a meaning (no placeholder mapping)', () => {
    expect(SHIPPO_STATUSES.UNKNOWN).toBeUndefined()
    expect(Object.values(SHIPPO_SUBSTATUSES).every((e) => e.status !== 'unknown')).toBe(true)
  })
})

describe('shippo: numbers name their carrier token', () => {
  it('splits "usps:9205…" and uses the default carrier for a bare number', () => {
    expect(splitShippoNumber('USPS:9205 ', undefined)).toEqual(['usps', '9205'])
    expect(splitShippoNumber('1Z9', 'ups')).toEqual(['ups', '1Z9'])
  })
  it('a bare number without a default carrier is a ValidationError naming the input', () => {
    let caught: unknown
    try {
      splitShippoNumber('9205', undefined)
    } catch (error) {
      caught = error
    }
    expect(isWaybillError(caught) && caught.message).toContain('"9205"')
  })
})

describe('shippo: track over HTTP (loopback server)', () => {
  const serve = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const seen: { url?: string; auth?: string } = {}
    const server = createServer((req, res) => {
      seen.url = req.url
      seen.auth = req.headers.authorization
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return { seen, baseUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
  }

  it('sends ShippoToken auth to /tracks/{token}/{number}, the default carrier filling a bare number', async () => {
    const s = await serve(200, { carrier: 'usps', tracking_number: '9205', tracking_history: [] })
    try {
      await shippo({ apiKey: 'shippo_test_abc', carrier: 'usps', baseUrl: s.baseUrl, retry: false }).track!([
        '9205',
      ])
      expect(s.seen).toEqual({ url: '/tracks/usps/9205', auth: 'ShippoToken shippo_test_abc' })
    } finally {
      await s.close()
    }
  })

  it("an error carries Shippo's detail and request id, never the token", async () => {
    const s = await serve(400, { detail: 'Bad carrier token shippo_test_abc' }, { 'x-request-id': 'req-42' })
    try {
      const adapter = shippo({ apiKey: 'shippo_test_abc', baseUrl: s.baseUrl, retry: false })
      const error = await adapter.track!(['usps:9205']).catch((e: unknown) => e)
      expect(isWaybillError(error)).toBe(true)
      const text = `${(error as Error).message} ${JSON.stringify(error)}`
      expect(text).toContain('Bad carrier token')
      expect(text).toContain('req-42')
      expect(text).not.toContain('shippo_test_abc')
    } finally {
      await s.close()
    }
  })
})
