/** FedEx adapter: the conformance suite over fixtures/fedex, plus targeted tests of the hard parts. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFedex, fedex } from '../../adapters/fedex/index.js'
import { fedexTime, isDateOnly } from '../../adapters/fedex/time.js'
import { type HttpFixture, startReplayServer, testAdapter } from '../../src/conformance/index.js'
import { AuthError, CarrierError, RateLimitError } from '../../src/errors/index.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/types.js'

const creds = { clientId: 'test-client', clientSecret: 'test-secret' }

testAdapter({
  adapter: fedex(),
  fixturesDir: 'fixtures/fedex',
  connect: (baseUrl) => fedex({ ...creds, baseUrl }),
})

const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/fedex/${name}`, 'utf8')) as unknown

async function trackRecorded(name: string): Promise<unknown[]> {
  const recorded = fixture(`${name}.http.json`) as HttpFixture
  const server = await startReplayServer(recorded.exchanges)
  try {
    return await fedex({ ...creds, baseUrl: server.baseUrl }).track!(recorded.track.flat())
  } finally {
    await server.close()
  }
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

const brooklyn = { city: 'BROOKLYN', stateOrProvinceCode: 'NY', postalCode: '11201', countryCode: 'US' }

function payload(...trackResults: Record<string, unknown>[]) {
  return { output: { completeTrackResults: [{ trackingNumber: '771234567834', trackResults }] } }
}

function scan(date: string, eventType: string, extra: Record<string, unknown> = {}) {
  return { date, eventType, eventDescription: eventType, scanLocation: brooklyn, ...extra }
}

describe('fedex status mapping', () => {
  it('regression: an OD scan whose derivedStatusCode is IT is still out for delivery', () => {
    const result = fedex().normalize(
      payload({
        trackingNumberInfo: { trackingNumber: '771234567834' },
        scanEvents: [
          scan('2024-05-09T07:12:44-04:00', 'OD', { derivedStatusCode: 'IT', derivedStatus: 'In transit' }),
        ],
      }),
    )
    expect(result.shipments[0]).toMatchObject({ status: 'out_for_delivery', milestone: 'out_for_delivery' })
    expect(result.shipments[0]?.events[0]?.raw).toMatchObject({
      code: 'OD',
      codes: { derivedStatusCode: 'IT' },
    })
  })
})

describe('fedex repeated scans (regression guard for the one de-duplication path, UniqueEvents)', () => {
  it('keeps the same scan sent twice once, and every other scan', () => {
    const picked = scan('2024-05-08T18:02:00-04:00', 'PU')
    const out = scan('2024-05-09T07:12:44-04:00', 'OD')
    const result = fedex().normalize(
      payload({ trackingNumberInfo: { trackingNumber: '771234567834' }, scanEvents: [out, picked, out] }),
    )
    expect(result.shipments[0]?.events.map((e) => e.raw.code)).toEqual(['PU', 'OD'])
  })
})

describe('fedex times', () => {
  it('keeps the scan offset (a peer shifted FedEx times by dropping it)', () => {
    const t = fedexTime('2024-08-20T12:41:57-04:00', { countryCode: 'US', region: 'NY' })
    expect(t).toMatchObject({
      occurredAt: '2024-08-20T12:41:57-04:00',
      zoneSource: 'carrier',
      precision: 'second',
    })
  })

  it('reads midnight facts as dates in the place zone, not the HQ offset FedEx wrote', () => {
    expect(isDateOnly('2024-08-15T00:00:00-06:00')).toBe(true)
    expect(isDateOnly('2024-08-15T00:00:00')).toBe(true)
    expect(isDateOnly('2024-08-15T00:00:01-06:00')).toBe(false)
    const withHq = fedexTime('2024-08-15T00:00:00-06:00', {
      countryCode: 'US',
      region: 'NY',
      city: 'Blue Point',
    })
    expect(withHq).toMatchObject({
      occurredAt: '2024-08-15T00:00:00-04:00',
      precision: 'day',
      zoneSource: 'location',
    })
    const bare = fedexTime('2024-08-15T00:00:00', { countryCode: 'US', region: 'MN' })
    expect(bare).toMatchObject({ occurredAt: '2024-08-15T00:00:00-05:00', precision: 'day' })
  })

  it('a midnight fact with no place keeps FedEx offset but is still only a date', () => {
    expect(fedexTime('2024-08-15T00:00:00-06:00', undefined)).toMatchObject({
      precision: 'day',
      zoneSource: 'carrier',
    })
  })

  it('gives a date-only pickup scan precision day in the shipment timeline', () => {
    const events = fedex().normalize(fixture('delivered-signature.json')).shipments[0]!.events
    const pickup = events.find((e) => e.raw.code === 'PU')
    expect(pickup).toMatchObject({
      precision: 'day',
      occurredAt: '2024-05-07T00:00:00-05:00',
      timeZone: 'America/Chicago',
    })
  })

  it('regression #18: a scan time without an offset and without any place is kept at its local time (zoneSource unknown, warned), never read as UTC', () => {
    const result = fedex().normalize(
      payload({
        trackingNumberInfo: { trackingNumber: '771234567834' },
        scanEvents: [{ date: '2024-05-09T07:12:44', eventType: 'OD' }],
      }),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-05-09T07:12:44',
      zoneSource: 'unknown',
    })
    expect(result.warnings[0]).toMatchObject({
      code: 'unknown_zone',
      path: expect.stringContaining('scanEvents[0].date'),
    })
  })

  it('regression #18: a scan in a split state whose destination is also unplaceable is kept (not dropped by the fallback retry)', () => {
    const result = fedex().normalize(
      payload({
        trackingNumberInfo: { trackingNumber: '771234567834' },
        recipientInformation: { address: { stateOrProvinceCode: 'TN', countryCode: 'US' } },
        scanEvents: [
          {
            date: '2024-05-09T07:12:44',
            eventType: 'DL',
            scanLocation: { stateOrProvinceCode: 'TN', countryCode: 'US' },
          },
        ],
      }),
    )
    expect(result.shipments[0]?.events).toHaveLength(1)
    expect(result.shipments[0]?.status).toBe('delivered')
  })
})

describe('fedex fallback zone', () => {
  it('a scan without offset or place takes the destination zone, flagged fallback with a warning', () => {
    const result = fedex().normalize(
      payload({
        trackingNumberInfo: { trackingNumber: '771234567834' },
        recipientInformation: { address: { city: 'DENVER', stateOrProvinceCode: 'CO', countryCode: 'US' } },
        scanEvents: [{ date: '2024-05-09T07:12:44', eventType: 'OD' }],
      }),
    )
    const event = result.shipments[0]?.events[0]
    expect(event).toMatchObject({ occurredAt: '2024-05-09T07:12:44-06:00', zoneSource: 'fallback' })
    expect(event?.timeZone).toBeUndefined()
    expect(result.warnings.map((w) => w.code)).toEqual(['fallback_zone'])
  })
})

describe('fedex not found and recycled numbers', () => {
  it('regression: TRACKING.TRACKINGNUMBER.NOTFOUND inside an HTTP 200 is a notFound entry next to the found numbers', () => {
    const result = fedex().normalize(fixture('not-found.json'))
    expect(result.notFound).toEqual([
      expect.objectContaining({
        trackingNumber: '771234567890',
        carrierCode: 'TRACKING.TRACKINGNUMBER.NOTFOUND',
      }),
    ])
    expect(result.shipments.map((s) => s.trackingNumber)).toEqual(['771234567801'])
    expect(result.warnings).toEqual([])
  })

  it('regression: a recycled number gives one shipment per trackingNumberUniqueId, events never merged', () => {
    const result = fedex().normalize(fixture('recycled-number.json'))
    expect(result.shipments.map((s) => s.carrierShipmentId)).toEqual([
      '2460425000~771234567904~FX',
      '2459975000~771234567904~FX',
    ])
    expect(result.shipments.map((s) => s.events.length)).toEqual([2, 2])
    expect(result.shipments[1]?.deliveredAt).toBe('2023-02-02T12:05:44-08:00')
  })

  it('identical scans under two unique ids keep distinct event ids', () => {
    const same = [scan('2024-05-09T10:17:02-04:00', 'DL')]
    const result = fedex().normalize(
      payload(
        {
          trackingNumberInfo: { trackingNumber: '771234567834', trackingNumberUniqueId: 'A~771234567834~FX' },
          scanEvents: same,
        },
        {
          trackingNumberInfo: { trackingNumber: '771234567834', trackingNumberUniqueId: 'B~771234567834~FX' },
          scanEvents: same,
        },
      ),
    )
    const [a, b] = result.shipments.map((s) => s.events[0]?.id)
    expect(a).toBeDefined()
    expect(a).not.toBe(b)
  })
})

describe('fedex track()', () => {
  it('sends at most 30 numbers per request, with the required headers and detailed scans', async () => {
    const calls: HttpRequest[] = []
    const http: HttpClient = {
      async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
        calls.push(req)
        return {
          status: 200,
          headers: {},
          body: { output: { completeTrackResults: [] } } as T,
          url: '',
          durationMs: 0,
        }
      },
    }
    const numbers = Array.from({ length: 31 }, (_, i) => String(771234560000 + i))
    const payloads = await fedex().track!(numbers, { http })
    expect(payloads).toHaveLength(2)
    const bodies = calls.map((c) => c.json as { trackingInfo: unknown[]; includeDetailedScans: boolean })
    expect(bodies.map((b) => b.trackingInfo.length)).toEqual([30, 1])
    expect(bodies[0]?.includeDetailedScans).toBe(true)
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/track/v1/trackingnumbers',
      retry: { methods: ['POST'] },
    })
    expect(calls[0]?.headers).toMatchObject({
      'x-locale': 'en_US',
      'x-customer-transaction-id': expect.any(String),
    })
  })

  it('a daily-quota 429 is a RateLimitError carrying the wait and the FedEx code', async () => {
    const error = await errorOf(trackRecorded('http-throttled-daily-quota'))
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({
      retryAfterMs: 43_200_000,
      context: { carrierCode: 'TOO.MANY.REQUESTS.ERROR' },
    })
  })

  it('a token without the Track API gets an AuthError with the FedEx code and transaction id', async () => {
    const error = await errorOf(trackRecorded('http-token-without-track-scope'))
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({
      context: {
        status: 403,
        carrierCode: 'FORBIDDEN.ERROR',
        requestId: '3b9d2f10-6c1e-4d7a-9f20-8e4c5b6a7d8e',
      },
    })
    expect(JSON.stringify((error as AuthError).toJSON())).not.toContain('test-secret')
  })

  it('a request-level error body normalizes to a CarrierError naming the FedEx code', () => {
    expect(() => fedex().normalize(fixture('error-empty-number.json'))).toThrow(CarrierError)
    expect(() => fedex().normalize(fixture('error-empty-number.json'))).toThrow(
      /TRACKING\.TRACKINGNUMBER\.EMPTY/,
    )
  })
})

describe('fedex detect', () => {
  it('scores 12-digit Express numbers by their check digit', () => {
    expect(detectFedex('986578788855')).toBe(0.8)
    expect(detectFedex('986578788856')).toBeLessThanOrEqual(0.1)
    expect(detectFedex('9611020987654312345672')).toBe(0.93)
    expect(detectFedex('1Z5R89390357567127')).toBe(0)
  })
})

describe('fedex: places belong to the adapter instance (regression guard: no module-level memos)', () => {
  it('shares a place between payloads of one adapter, never between two adapters', () => {
    const body = () =>
      payload({
        trackingNumberInfo: { trackingNumber: '771234567834' },
        scanEvents: [scan('2024-05-09T07:12:44-04:00', 'OD')],
      })
    const first = fedex()
    const second = fedex()
    const a = first.normalize(body()).shipments[0]?.events[0]?.location
    expect(a).toBeDefined()
    expect(first.normalize(body()).shipments[0]?.events[0]?.location).toBe(a)
    expect(second.normalize(body()).shipments[0]?.events[0]?.location).not.toBe(a)
    expect(second.normalize(body()).shipments[0]?.events[0]?.location).toEqual(a)
  })
})
