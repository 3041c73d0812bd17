/**
 * USPS Tracking v3: the conformance suite over fixtures/usps (OAuth exchanges included), plus targeted tests of
 * the hard parts: `eventTimestamp` local next to `GMTTimestamp`/`GMTOffset`, ETA windows, booleans as strings,
 * HTML in `mailClass`, facility names with the state inside, error envelopes and the request USPS gets.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { normalizeUsps, plainText, usps, uspsLocation } from '../../adapters/usps/index.js'
import { atOffset, offsetMinutes } from '../../adapters/usps/normalize.js'
import { testAdapter } from '../../src/conformance/index.js'

const CREDS = { clientId: 'test-client', clientSecret: 'test-secret-value' }

testAdapter({
  adapter: usps(),
  fixturesDir: 'fixtures/usps',
  connect: (baseUrl) => usps({ ...CREDS, baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const adapter = usps()
const N = '9400111899223817583721'
const payload = (events: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  trackingNumber: N,
  destinationCity: 'HERNANDO',
  destinationState: 'FL',
  destinationZIP: '34442',
  ...extra,
  trackingEvents: events,
})
const delivered = {
  eventType: 'Delivered, Parcel Locker',
  eventTimestamp: '2024-11-22T13:58:00',
  GMTTimestamp: '2024-11-22T18:58:40Z',
  GMTOffset: '-05:00',
  eventCountry: null,
  eventCity: 'HERNANDO',
  eventState: 'FL',
  eventZIP: '34442',
  eventCode: '01',
}

describe('usps: event times', () => {
  it('uses the GMT instant (with its seconds) shown at GMTOffset, marked carrier', () => {
    const e = adapter.normalize(payload([delivered])).shipments[0]!.events[0]!
    expect(e.occurredAt).toBe('2024-11-22T13:58:40-05:00')
    expect(e).toMatchObject({ zoneSource: 'carrier', precision: 'second' })
  })

  it("accepts USPS's unpadded offset from its own spec example (-7:00)", () => {
    const e = adapter.normalize(
      payload([
        {
          ...delivered,
          eventTimestamp: '2024-04-04T07:03:00',
          GMTTimestamp: '2024-04-04T14:03:12.041Z',
          GMTOffset: '-7:00',
        },
      ]),
    ).shipments[0]!.events[0]!
    expect(e.occurredAt).toBe('2024-04-04T07:03:12.041-07:00')
  })

  it('warns (and keeps the GMT instant) when the local time disagrees with GMT + offset', () => {
    const result = adapter.normalize(payload([{ ...delivered, GMTOffset: '-06:00' }]))
    expect(result.shipments[0]!.events[0]!.occurredAt).toBe('2024-11-22T12:58:40-06:00')
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'other', path: 'usps.trackingEvents[0].eventTimestamp' }),
    )
  })

  it('reads a local time without GMT fields in the zone of the ZIP code (Arizona: no DST)', () => {
    const e = adapter.normalize(
      payload([
        {
          ...delivered,
          eventTimestamp: '2025-07-01T06:10:00',
          GMTTimestamp: null,
          GMTOffset: null,
          eventCity: 'PHOENIX',
          eventState: 'AZ',
          eventZIP: '85004',
        },
      ]),
    ).shipments[0]!.events[0]!
    expect(e).toMatchObject({
      occurredAt: '2025-07-01T06:10:00-07:00',
      zoneSource: 'location',
      timeZone: 'America/Phoenix',
    })
  })

  // Regression: USPS events carried the offset but never the place's IANA zone, unlike the other adapters.
  it("names the place's zone when it agrees with GMTOffset at that instant, and only then", () => {
    const agrees = adapter.normalize(payload([delivered])).shipments[0]!.events[0]!
    expect(agrees).toMatchObject({ zoneSource: 'carrier', timeZone: 'America/New_York' })
    const elsewhere = { ...delivered, eventCity: 'DENVER', eventState: 'CO', eventZIP: '80202' }
    const disagrees = adapter.normalize(payload([elsewhere])).shipments[0]!.events[0]!
    expect(disagrees.occurredAt).toBe('2024-11-22T13:58:40-05:00')
    expect(disagrees.timeZone).toBeUndefined()
    const local = adapter.normalize(payload([{ ...delivered, GMTTimestamp: null }])).shipments[0]!.events[0]!
    expect(local).toMatchObject({ occurredAt: '2024-11-22T13:58:00-05:00', timeZone: 'America/New_York' })
  })

  it('uses GMTOffset for the local time when GMTTimestamp is missing', () => {
    const e = adapter.normalize(payload([{ ...delivered, GMTTimestamp: null }])).shipments[0]!.events[0]!
    expect(e).toMatchObject({ occurredAt: '2024-11-22T13:58:00-05:00', zoneSource: 'carrier' })
  })

  it('never reads the local eventTimestamp as UTC (regression guard for the offset-drop bug)', () => {
    const e = adapter.normalize(payload([delivered])).shipments[0]!.events[0]!
    expect(Date.parse(e.occurredAt)).toBe(Date.parse('2024-11-22T18:58:40Z'))
  })

  it('rejects a time-only eventTimestamp without GMT fields (the 2023 USPS regression) with a TimeError naming the event', () => {
    expect(() =>
      adapter.normalize(
        payload([{ ...delivered, eventTimestamp: '13:58', GMTTimestamp: null, GMTOffset: null }]),
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_TIME',
        message: expect.stringContaining('usps.trackingEvents[0]'),
      }),
    )
  })

  it.each([
    ['-05:00', -300],
    ['-7:00', -420],
    ['+0530', 330],
    ['-5', -300],
    ['+15:00', undefined],
    ['EST', undefined],
  ])('reads GMTOffset %s', (value, minutes) => expect(offsetMinutes(value)).toBe(minutes))

  // Guards the hand-written reader of the common `±HH:MM` form against disagreeing with the general one.
  it.each([
    ['+14:00', 840],
    ['+14:01', undefined],
    ['-00:60', undefined],
    ['+05:45', 345],
    ['-05:0x', undefined],
    ['05:000', undefined],
    [' -05:00', -300],
    ['-05:00 ', -300],
    // Regression: offsets normalizeTime refuses (not whole quarter hours, beyond -12:00) were used as they were.
    ['+05:17', undefined],
    ['-12:15', undefined],
    ['-0510', undefined],
    ['+13:45', 825],
  ])('reads GMTOffset %s as the general reader does', (value, minutes) =>
    expect(offsetMinutes(value)).toBe(minutes),
  )

  // Guards the hand-written reader of `YYYY-MM-DDTHH:mm:ssZ` against disagreeing with Date.parse, which it
  // replaces for real dates: impossible ones (Feb 30, 24:00) are rolled over by Date.parse, and still are.
  it.each([
    '2024-11-22T18:58:40Z',
    '2024-02-29T23:59:59Z',
    '2025-02-29T10:00:00Z',
    '2025-02-30T10:00:00Z',
    '2025-04-02T24:00:00Z',
    '2025-04-31T00:00:00Z',
    '0999-04-02T10:00:00Z',
    ' 2024-11-22T18:58:40Z ',
  ])('reads GMTTimestamp %s as Date.parse does', (gmt) => {
    const e = adapter.normalize(payload([{ ...delivered, GMTTimestamp: gmt }])).shipments[0]!.events[0]!
    expect(e.occurredAt).toBe(atOffset(Date.parse(gmt.trim()), -300))
    expect(e.precision).toBe('second')
  })

  it('still reads GMTTimestamp shapes other than the common one (minutes only, +00:00)', () => {
    const at = (gmt: string) =>
      adapter.normalize(payload([{ ...delivered, GMTTimestamp: gmt }])).shipments[0]!.events[0]!
    expect(at('2024-11-22T18:58Z')).toMatchObject({
      occurredAt: '2024-11-22T13:58:00-05:00',
      precision: 'minute',
    })
    expect(at('2024-11-22T18:58:40+00:00').occurredAt).toBe('2024-11-22T13:58:40-05:00')
  })

  it('writes instants at an offset across midnight', () => {
    expect(atOffset(Date.parse('2024-11-23T02:30:00Z'), -300)).toBe('2024-11-22T21:30:00-05:00')
  })
})

describe('usps: delivery estimates', () => {
  it('reads the predicted window as local times at the destination', () => {
    const s = adapter.normalize(
      payload([delivered], {
        predictedDeliveryDate: '2024-11-22',
        predictedDeliveryWindowStartTime: '10:45',
        predictedDeliveryWindowEndTime: '14:45',
      }),
    ).shipments[0]!
    expect(s.estimatedDelivery).toEqual({
      from: '2024-11-22T10:45:00-05:00',
      to: '2024-11-22T14:45:00-05:00',
      precision: 'minute',
      source: 'predictedDeliveryDate',
    })
  })

  it('reads an expectedDeliveryTimeStamp at midnight as that whole day at the destination, not midnight UTC', () => {
    const s = adapter.normalize(payload([delivered], { expectedDeliveryTimeStamp: '2024-11-22T00:00:00Z' }))
      .shipments[0]!
    expect(s.estimatedDelivery).toEqual({
      from: '2024-11-22T00:00:00-05:00',
      to: '2024-11-22T23:59:59-05:00',
      precision: 'day',
      source: 'expectedDeliveryTimeStamp',
    })
  })

  it('keeps a real expectedDeliveryTimeStamp instant', () => {
    const s = adapter.normalize(payload([delivered], { expectedDeliveryTimeStamp: '2024-11-22T21:00:00Z' }))
      .shipments[0]!
    expect(s.estimatedDelivery).toMatchObject({ precision: 'second', source: 'expectedDeliveryTimeStamp' })
    expect(Date.parse(s.estimatedDelivery!.from!)).toBe(Date.parse('2024-11-22T21:00:00Z'))
  })

  it('falls back to predictedDeliveryDate alone as a day', () => {
    const s = adapter.normalize(payload([delivered], { predictedDeliveryDate: '2024-11-23' })).shipments[0]!
    expect(s.estimatedDelivery).toMatchObject({ from: '2024-11-23T00:00:00-05:00', precision: 'day' })
  })
})

describe('usps: payload quirks', () => {
  it('accepts booleans as strings and rejects other strings with the path', () => {
    expect(() =>
      adapter.normalize(payload([{ ...delivered, authorizedAgent: 'true' }], { emailEnabled: 'false' })),
    ).not.toThrow()
    expect(() => adapter.normalize(payload([delivered], { emailEnabled: 'maybe' }))).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION', path: 'usps.emailEnabled' }),
    )
  })

  it.each([
    ['USPS Ground Advantage<SUP>&#153;</SUP>', 'USPS Ground Advantage™'],
    ['Priority Mail<SUP>&#174;</SUP> 2-Day<SUP>&#153;</SUP>', 'Priority Mail® 2-Day™'],
    ['Priority Mail Express&lt;SUP&gt;&amp;#174;&lt;/SUP&gt;', 'Priority Mail Express®'],
    ['  First-Class   Package Service ', 'First-Class Package Service'],
  ])('cleans mailClass %s', (raw, clean) => expect(plainText(raw)).toBe(clean))

  it('splits facility names that carry the state', () => {
    expect(uspsLocation({ city: 'JACKSONVILLE FL DISTRIBUTION CENTER' })).toEqual({
      city: 'JACKSONVILLE',
      region: 'FL',
      countryCode: 'US',
      facility: 'JACKSONVILLE FL DISTRIBUTION CENTER',
    })
    expect(uspsLocation({ city: 'HERNANDO', state: 'FL', zip: '34442' })).toEqual({
      city: 'HERNANDO',
      region: 'FL',
      postalCode: '34442',
      countryCode: 'US',
    })
  })

  it('takes signedBy from the name on the delivery event', () => {
    const s = adapter.normalize(payload([{ ...delivered, name: 'J SMITH' }])).shipments[0]!
    expect(s.signedBy).toBe('J SMITH')
  })

  it('maps a delivery to the original sender as a completed return', () => {
    const s = adapter.normalize(payload([{ ...delivered, eventType: 'Delivered, To Original Sender' }]))
      .shipments[0]!
    expect(s).toMatchObject({ status: 'returned_to_sender', milestone: 'returned' })
  })

  it('keeps an unknown event code and warns', () => {
    const result = adapter.normalize(payload([{ ...delivered, eventCode: 'Q9' }]))
    expect(result.shipments[0]!.events[0]).toMatchObject({ status: 'unknown', raw: { code: 'Q9' } })
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'unknown_code', rawCode: 'Q9' }))
  })
})

describe('usps: error envelopes', () => {
  const envelope = (code: string, message = 'x') => ({
    apiVersion: '/tracking/v3',
    error: { code, message, errors: [] },
  })
  it.each([
    ['401', 'ERR_AUTH'],
    ['403', 'ERR_AUTH'],
    ['429', 'ERR_RATE_LIMIT'],
    ['400', 'ERR_CARRIER'],
    ['503', 'ERR_CARRIER'],
    ['string', 'ERR_CARRIER'],
  ])('throws a typed error for code %s', (code, expected) => {
    expect(() => adapter.normalize(envelope(code))).toThrow(expect.objectContaining({ code: expected }))
  })

  it('turns a 404 into a not-found result for the requested number', () => {
    expect(
      adapter.normalize(envelope('404', 'Tracking is not available for this item.'), { requested: [N] })
        .notFound,
    ).toEqual([
      { trackingNumber: N, carrierCode: '404', message: 'Tracking is not available for this item.' },
    ])
  })

  it('says a 401 may be a token without the tracking scope', () => {
    expect(() => adapter.normalize(envelope('401', 'The client application identifier is invalid.'))).toThrow(
      /tracking. scope/,
    )
  })
})

describe('usps: track()', () => {
  async function serve(
    handler: (req: IncomingMessage, body: string) => [number, unknown, Record<string, string>?],
  ) {
    const seen: { method: string; url: string; auth?: string; body: string }[] = []
    const server = createServer(async (req, res) => {
      let body = ''
      for await (const chunk of req) body += chunk
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body })
      const [status, json, headers] = handler(req, body)
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      seen,
      baseUrl: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((r) => server.close(() => r())),
    }
  }

  it('fetches one token for several numbers, asks for scope tracking and DETAIL, and never leaks the secret', async () => {
    const server = await serve((req) =>
      req.url?.startsWith('/oauth2')
        ? [200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 28799, scope: 'tracking' }]
        : [
            400,
            {
              apiVersion: '/tracking/v3',
              error: { code: '400', message: `bad ${CREDS.clientSecret}`, errors: [] },
            },
          ],
    )
    try {
      const client = usps({ ...CREDS, baseUrl: server.baseUrl, limits: { requestsPerSecond: 50, burst: 50 } })
      const error = await client.track!([N]).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ERR_CARRIER', status: 400 })
      expect((error as Error).message).not.toContain(CREDS.clientSecret)
      await client.track!([N]).catch(() => undefined)
      const tokens = server.seen.filter((r) => r.url.startsWith('/oauth2'))
      expect(tokens).toHaveLength(1)
      expect(new URLSearchParams(tokens[0]!.body).get('scope')).toBe('tracking')
      expect(new URLSearchParams(tokens[0]!.body).get('grant_type')).toBe('client_credentials')
      const gets = server.seen.filter((r) => r.method === 'GET')
      expect(gets.map((r) => r.url)).toEqual([
        `/tracking/v3/tracking/${N}?expand=DETAIL`,
        `/tracking/v3/tracking/${N}?expand=DETAIL`,
      ])
      expect(gets.every((r) => r.auth === 'Bearer tok-1')).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('refuses to track without credentials (ConfigError, before any I/O)', async () => {
    await expect(usps().track!([N])).rejects.toMatchObject({ code: 'ERR_CONFIG' })
  })

  it('refuses an unknown environment when the adapter is created (guards against a TypeError at the first track)', () => {
    expect(() => usps({ environment: 'staging' as 'test' })).toThrow(/usps\(\{ environment \}\): "staging"/)
    expect(() => usps({ environment: 'toString' as 'test' })).toThrow(/ERR_CONFIG|environment/)
  })
})

// Guards the per-text memo (textsOf): whatever was read before, each event's texts and codes must be what they are
// read from its own fields.
describe('usps: event texts read once per combination (regression: each event read from its own fields)', () => {
  const values = [undefined, null, '', ' ', 'A1', ' a1 ']
  const types = [
    'Delivered, Front Door/Porch',
    'Delivered, To Original Sender',
    'Arrived at USPS Facility',
    'Held &amp; ready',
    ' Arrived  at USPS Facility ',
    null,
  ]
  const clean = (v: unknown) =>
    typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() || undefined : undefined
  it('gives each event the texts and codes of its own fields', () => {
    const events: Record<string, unknown>[] = []
    let minute = 0
    for (const eventCode of ['01', '10', ' 01', null])
      for (const eventType of types)
        for (const actionCode of values.slice(0, 4))
          for (const reasonCode of values.slice(2)) {
            minute += 7
            const at = new Date(Date.UTC(2024, 10, 22, 12, minute)).toISOString().slice(0, 19)
            events.push({
              ...delivered,
              eventCode,
              eventType,
              actionCode,
              reasonCode,
              eventTimestamp: at,
              GMTTimestamp: `${at}Z`,
              GMTOffset: '+00:00',
            })
          }
    for (const event of adapter.normalize(payload(events)).shipments[0]!.events) {
      const e = event.raw.record as Record<string, unknown>
      expect(event.raw.text).toBe(clean(e.eventType))
      expect(event.description).toBe(plainText(e.eventType as string | null) ?? '')
      expect(event.raw.code).toBe(clean(e.eventCode)?.toUpperCase())
      const codes = {
        ...(clean(e.actionCode) ? { actionCode: clean(e.actionCode) } : {}),
        ...(clean(e.reasonCode) ? { reasonCode: clean(e.reasonCode) } : {}),
      }
      expect(event.raw.codes).toEqual(Object.keys(codes).length ? codes : undefined)
      const returned = clean(e.eventCode) === '01' && /original sender/i.test(String(e.eventType))
      if (returned) expect(event.status).toBe('returned_to_sender')
    }
  })
})

describe('usps: memos belong to the adapter instance (regression guard: no module-level memos)', () => {
  it('shares a place between payloads of one adapter, never between two adapters or bare normalizeUsps calls', () => {
    const locationOf = (result: { shipments: { events: { location?: unknown }[] }[] }) =>
      result.shipments[0]?.events[0]?.location
    const first = usps()
    const second = usps()
    const a = locationOf(first.normalize(payload([delivered])))
    expect(a).toBeDefined()
    expect(locationOf(first.normalize(payload([delivered])))).toBe(a)
    expect(locationOf(second.normalize(payload([delivered])))).not.toBe(a)
    expect(locationOf(second.normalize(payload([delivered])))).toEqual(a)
    expect(locationOf(normalizeUsps(payload([delivered])))).not.toBe(
      locationOf(normalizeUsps(payload([delivered]))),
    )
  })
})
