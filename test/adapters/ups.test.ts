/** UPS adapter: the conformance suite over fixtures/ups, plus targeted tests of the hard parts. */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectUps, ups, type upsTrackAlertScheme } from '../../adapters/ups/index.js'
import { impliedOffsetMinutes, upsTime } from '../../adapters/ups/time.js'
import { type HttpFixture, startReplayServer, testAdapter } from '../../src/conformance/index.js'
import { AuthError, CarrierError, ConfigError, ParseError, RateLimitError } from '../../src/errors/index.js'
import { verify } from '../../src/webhooks/index.js'

const creds = { clientId: 'test-client', clientSecret: 'test-secret' }

testAdapter({
  adapter: ups(),
  fixturesDir: 'fixtures/ups',
  connect: (baseUrl) => ups({ ...creds, baseUrl }),
})

async function trackRecorded(name: string): Promise<unknown[]> {
  const fixture = JSON.parse(readFileSync(`fixtures/ups/${name}.http.json`, 'utf8')) as HttpFixture
  const server = await startReplayServer(fixture.exchanges)
  try {
    return await ups({ ...creds, baseUrl: server.baseUrl }).track!(fixture.track.flat())
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

function activityPayload(activity: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    trackResponse: {
      shipment: [{ inquiryNumber: '1Z5R89390357567127', package: [{ activity: [activity], ...extra }] }],
    },
  }
}

const charlotte = { address: { city: 'Charlotte', stateProvince: 'NC', country: 'US' } }

describe('ups times', () => {
  it('reads a gmtTime without its leading zero (74700) as 07:47:00 and derives the offset from it', () => {
    const t = upsTime({ date: '20240326', time: '024700', gmtDate: '20240326', gmtTime: '74700' }, undefined)
    expect(t).toMatchObject({
      occurredAt: '2024-03-26T02:47:00-05:00',
      zoneSource: 'carrier',
      precision: 'second',
    })
  })

  it('reads a gmtTime written with colons (15:58:00) across a date change', () => {
    expect(impliedOffsetMinutes('20240326', '215800', '20240327', '01:58:00')).toBe(-240)
    expect(impliedOffsetMinutes('20240326', '105800', '20240326', '15:58:00')).toBe(-300)
  })

  it('property: the offset implied by local and GMT wall clocks is recovered in every format UPS writes', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0')
    const wall = (ms: number) => {
      const d = new Date(ms)
      return {
        date: `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`,
        time: `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`,
      }
    }
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.constantFrom('plain', 'unpadded', 'colons'),
        (utcMs, offset, style) => {
          const local = wall(utcMs + offset * 60_000)
          const gmt = wall(utcMs)
          const gmtTime =
            style === 'unpadded'
              ? gmt.time.replace(/^0/, '')
              : style === 'colons'
                ? `${gmt.time.slice(0, 2)}:${gmt.time.slice(2, 4)}:${gmt.time.slice(4)}`
                : gmt.time
          expect(impliedOffsetMinutes(local.date, local.time, gmt.date, gmtTime)).toBe(offset)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('accepts an unpadded gmtOffset (-5:00) and prefers it to the place', () => {
    const t = upsTime(
      { date: '20240115', time: '0930', gmtOffset: '-5:00' },
      { countryCode: 'US', region: 'CA' },
    )
    expect(t.occurredAt).toBe('2024-01-15T09:30:00-05:00')
    expect(t.zoneSource).toBe('carrier')
    expect(t.precision).toBe('minute')
  })

  it('ignores an implied offset that is no real offset (GMT fields from another day) and uses the place', () => {
    const t = upsTime(
      { date: '20240326', time: '101700', gmtDate: '20240329', gmtTime: '101700' },
      { countryCode: 'US', region: 'NC' },
    )
    expect(t).toMatchObject({ occurredAt: '2024-03-26T10:17:00-04:00', zoneSource: 'location' })
  })

  it('keeps UPS GMT instant when it contradicts the place, and says so (UPSTrackAlert.yaml example 1)', () => {
    const event = {
      trackingNumber: '1ZABCXYZ0112346789',
      localActivityDate: '20240422',
      localActivityTime: '091230',
      gmtActivityDate: '20240422',
      gmtActivityTime: '041230',
      activityLocation: { city: 'Hickory', stateProvince: 'NC', country: 'US' },
      activityStatus: {
        type: 'M',
        code: 'MP',
        description: 'Shipment Ready for UPS',
        descriptionCode: '003',
      },
    }
    const result = ups().normalize(event)
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-04-22T09:12:30+05:00',
      zoneSource: 'carrier',
    })
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'other', message: expect.stringContaining('America/New_York') }),
    )
  })

  it('regression #18: an activity with no offset and no place is kept at its local time (zoneSource unknown, warned), never read as UTC', () => {
    const result = ups().normalize(
      activityPayload({ date: '20240326', time: '101700', status: { statusCode: '011' } }),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-03-26T10:17:00',
      zoneSource: 'unknown',
    })
    expect(result.shipments[0]?.status).toBe('delivered')
    expect(result.warnings.some((w) => w.code === 'unknown_zone' && w.path?.endsWith('activity[0]'))).toBe(
      true,
    )
  })

  it('uses the configured default zone as a flagged fallback', () => {
    const adapter = ups({ defaultZone: 'America/Chicago' })
    const result = adapter.normalize(
      activityPayload({ date: '20240326', time: '101700', status: { statusCode: '005' } }),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2024-03-26T10:17:00-05:00',
      zoneSource: 'fallback',
    })
    expect(result.warnings.map((w) => w.code)).toContain('fallback_zone')
  })
})

describe('ups repeated activities (regression guard for the one de-duplication path, UniqueEvents)', () => {
  it('keeps the same scan sent twice once, and every other scan', () => {
    const scanned = { date: '20240326', time: '101700', location: charlotte, status: { statusCode: '005' } }
    const later = { date: '20240326', time: '141700', location: charlotte, status: { statusCode: '021' } }
    const payload = {
      trackResponse: {
        shipment: [{ inquiryNumber: '1Z5R89390357567127', package: [{ activity: [later, scanned, later] }] }],
      },
    }
    const events = ups().normalize(payload).shipments[0]?.events ?? []
    expect(events.map((e) => e.occurredAt)).toEqual([
      '2024-03-26T10:17:00-04:00',
      '2024-03-26T14:17:00-04:00',
    ])
  })
})

describe('ups status mapping', () => {
  const statusOf = (status: Record<string, unknown>) =>
    ups().normalize(activityPayload({ date: '20240326', time: '101700', location: charlotte, status }))
      .shipments[0]?.status

  it('keys on the 3-digit statusCode, padded when UPS writes 3 or a number', () => {
    expect(statusOf({ type: 'I', code: 'OT', statusCode: '021' })).toBe('out_for_delivery')
    expect(statusOf({ type: 'X', statusCode: 22 })).toBe('delivery_attempted')
    expect(statusOf({ type: 'M', statusCode: '3' })).toBe('pre_transit')
  })

  it('falls back to the activity type, refined for out-for-delivery, when statusCode is missing', () => {
    expect(statusOf({ type: 'D', code: 'FS' })).toBe('delivered')
    expect(statusOf({ type: 'I', code: 'OT' })).toBe('out_for_delivery')
    expect(statusOf({ type: 'I', code: 'AR' })).toBe('in_transit')
  })

  it('keeps an unknown statusCode as the raw code with a warning, and still uses the type', () => {
    const result = ups().normalize(
      activityPayload({
        date: '20240326',
        time: '101700',
        location: charlotte,
        status: { type: 'X', statusCode: '901' },
      }),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({ status: 'exception', raw: { code: '901' } })
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'unknown_code', rawCode: '901' }))
  })

  it('maps a Track Alert event by its descriptionCode and trims the padded tracking number', () => {
    const event = {
      trackingNumber: ' 1Z204W4R0308071865',
      localActivityDate: '20240423',
      localActivityTime: '095004',
      gmtActivityDate: '20240423',
      gmtActivityTime: '135004',
      activityLocation: { city: 'CHARLOTTE', stateProvince: 'NC', postalCode: '28209', country: 'US' },
      activityStatus: { type: 'D', code: 'FS', description: 'Delivered', descriptionCode: '011' },
    }
    const [shipment] = ups().normalize(event, { source: 'webhook' }).shipments
    expect(shipment).toMatchObject({ trackingNumber: '1Z204W4R0308071865', status: 'delivered' })
    expect(shipment?.events[0]).toMatchObject({
      occurredAt: '2024-04-23T09:50:04-04:00',
      raw: { source: 'webhook' },
    })
  })
})

describe('ups not found', () => {
  it('regression: HTTP 200 with warning TW0001 is a notFound entry, not an exception and not an empty shipment', () => {
    const payload = JSON.parse(readFileSync('fixtures/ups/not-found.json', 'utf8'))
    const result = ups().normalize(payload)
    expect(result.shipments).toEqual([])
    expect(result.notFound).toEqual([
      {
        trackingNumber: '1ZA1B2C30345123547',
        carrierCode: 'TW0001',
        message: 'Tracking Information Not Found',
      },
    ])
  })

  it('an error body with TW0001 (a 404 passed through) is not found for the requested number', () => {
    const result = ups().normalize(
      { response: { errors: [{ code: 'TW0001', message: 'Tracking Information Not Found' }] } },
      { requested: ['1Z5R89390357567127'] },
    )
    expect(result.notFound).toEqual([
      {
        trackingNumber: '1Z5R89390357567127',
        carrierCode: 'TW0001',
        message: 'Tracking Information Not Found',
      },
    ])
  })
})

describe('ups track()', () => {
  it('sends the Retry-After wait with the RateLimitError when the wait is too long to sit out', async () => {
    const error = await errorOf(trackRecorded('http-throttled-long-wait'))
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, context: { status: 429, carrierCode: '10429' } })
  })

  it('gives a CarrierError with the UPS code and the request id for an invalid number', async () => {
    const error = await errorOf(trackRecorded('http-invalid-number'))
    expect(error).toBeInstanceOf(CarrierError)
    expect(error).toMatchObject({
      retryable: false,
      context: { carrierCode: 'TV1002', requestId: 'req-7f3a' },
    })
  })

  it('retries a 503 (GET is safe) and then gives a retryable CarrierError with the last request id', async () => {
    const error = await errorOf(trackRecorded('http-server-error'))
    expect(error).toBeInstanceOf(CarrierError)
    expect(error).toMatchObject({
      retryable: true,
      context: { status: 503, carrierCode: '10500', requestId: 'req-503c' },
    })
  })

  it('an AuthError after a refused token never contains the secret or the Basic credentials', async () => {
    const error = (await errorOf(trackRecorded('http-token-not-entitled'))) as AuthError
    expect(error).toBeInstanceOf(AuthError)
    const text = JSON.stringify({ message: error.message, ...error.toJSON() })
    expect(text).not.toContain('test-secret')
    expect(text).not.toContain(Buffer.from('test-client:test-secret').toString('base64'))
    expect(error.context.carrierCode).toBe('250002')
  })

  it('a 404 with a code other than TW0001 is a CarrierError with its status and request id (guards against handing it to normalize, which lost both)', async () => {
    const server = await startReplayServer([
      {
        request: { method: 'POST', path: '/security/v1/oauth/token' },
        response: { status: 200, body: { token_type: 'Bearer', access_token: 'tok-1', expires_in: '14399' } },
      },
      {
        request: { method: 'GET', path: '/api/track/v1/details/1ZGONE' },
        response: {
          status: 404,
          headers: { 'x-request-id': 'req-404x' },
          body: { response: { errors: [{ code: 'TV0404', message: 'Resource not available' }] } },
        },
      },
    ])
    try {
      const error = await errorOf(ups({ ...creds, baseUrl: server.baseUrl }).track!(['1ZGONE']))
      expect(error).toBeInstanceOf(CarrierError)
      expect(error).toMatchObject({
        retryable: false,
        context: { status: 404, carrierCode: 'TV0404', requestId: 'req-404x' },
      })
    } finally {
      await server.close()
    }
  })

  it('refuses to track without credentials, before any I/O', async () => {
    await expect(ups().track!(['1Z5R89390357567127'])).rejects.toBeInstanceOf(ConfigError)
  })
})

describe('ups Track Alert webhook', () => {
  const body = new TextEncoder().encode(
    readFileSync('fixtures/ups/track-alert-out-for-delivery.json', 'utf8'),
  )

  it('verifies the credential header UPS echoes back, and refuses a wrong one', async () => {
    const adapter = ups()
    const scheme = adapter.webhook!.scheme as typeof upsTrackAlertScheme
    const ok = await verify(scheme, {
      rawBody: body,
      headers: { credential: 'sub-secret-1' },
      secrets: ['sub-secret-1'],
    })
    expect(ok.valid).toBe(true)
    const bad = await verify(scheme, {
      rawBody: body,
      headers: { credential: 'guess' },
      secrets: ['sub-secret-1'],
    })
    expect(bad).toMatchObject({ valid: false, reason: 'no_matching_signature' })
    const missing = await verify(scheme, { rawBody: body, headers: {}, secrets: ['sub-secret-1'] })
    expect(missing).toMatchObject({ valid: false, reason: 'missing_header' })
  })

  it('parses the raw bytes into the event normalize takes', () => {
    const adapter = ups()
    const result = adapter.normalize(adapter.webhook!.parse(body), { source: 'webhook' })
    expect(result.shipments[0]).toMatchObject({
      trackingNumber: '1ZA1B2C30345123583',
      status: 'out_for_delivery',
    })
  })

  it('rejects a body that is not a JSON object with a ParseError', () => {
    const parse = ups().webhook!.parse
    expect(() => parse(new TextEncoder().encode('{"trackingNumber":'))).toThrow(ParseError)
    expect(() => parse(new TextEncoder().encode('[1,2]'))).toThrow(ParseError)
    expect(() => parse(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(ParseError)
  })
})

describe('ups detect', () => {
  it('recognises 1Z numbers and checks their check digit (never claims certainty)', () => {
    expect(detectUps('1Z5R89390357567127')).toBe(0.97)
    expect(detectUps('1z5r 8939 0357 5671 27')).toBe(0.97)
    expect(detectUps('1Z5R89390357567128')).toBeLessThanOrEqual(0.1)
    expect(detectUps('9400111899223197428490')).toBe(0)
  })
})

describe('ups: places belong to the adapter instance (regression guard: no module-level memos)', () => {
  it('shares a place between payloads of one adapter, never between two adapters', () => {
    const body = () =>
      activityPayload({
        date: '20240326',
        time: '101700',
        location: charlotte,
        status: { statusCode: '005' },
      })
    const first = ups()
    const second = ups()
    const a = first.normalize(body()).shipments[0]?.events[0]?.location
    expect(a).toBeDefined()
    expect(first.normalize(body()).shipments[0]?.events[0]?.location).toBe(a)
    expect(second.normalize(body()).shipments[0]?.events[0]?.location).not.toBe(a)
    expect(second.normalize(body()).shipments[0]?.events[0]?.location).toEqual(a)
  })
})
