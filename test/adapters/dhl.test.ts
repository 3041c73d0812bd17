/**
 * DHL Shipment Tracking – Unified: the conformance suite over fixtures/dhl, plus targeted tests of the hard
 * parts: five status codes refined by text per division, timestamps with and without offsets, `CITY - COUNTRY`
 * localities, ETA windows, not-found and error problems, and the request DHL gets.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  classifyDhlEvent,
  DHL_STATUS_CODES,
  DHL_TEXT_RULES,
  dhl,
  dhlLocation,
  normalizeDhl,
} from '../../adapters/dhl/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { isWaybillError } from '../../src/errors/index.js'
import { normalizeResultSchema } from '../../src/model/index.js'

const KEY = 'test-dhl-key'

testAdapter({
  adapter: dhl(),
  fixturesDir: 'fixtures/dhl',
  connect: (baseUrl) => dhl({ apiKey: KEY, baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const adapter = dhl()
const shipmentWith = (events: unknown[], extra: Record<string, unknown> = {}) => ({
  shipments: [{ id: '1234567890', service: 'express', events, ...extra }],
})
const event = (statusCode: string, description: string, timestamp = '2024-06-05T08:14:00+02:00') => ({
  timestamp,
  statusCode,
  description,
  location: { address: { addressLocality: 'BERGEN - NORWAY' } },
})
const only = (payload: unknown) => {
  const result = adapter.normalize(payload)
  const shipment = result.shipments[0]!
  return { result, shipment, event: shipment.events[0]! }
}

describe('dhl: status codes refined by event text per division', () => {
  const cases: [string, string, string | undefined, string, string][] = [
    // statusCode, text, service → status, milestone
    ['transit', 'With delivery courier', 'express', 'out_for_delivery', 'out_for_delivery'],
    [
      'transit',
      'Shipment is out with courier for delivery',
      'express',
      'out_for_delivery',
      'out_for_delivery',
    ],
    [
      'transit',
      'The shipment has been loaded onto the delivery vehicle',
      'parcel-de',
      'out_for_delivery',
      'out_for_delivery',
    ],
    [
      'transit',
      'Die Sendung wurde in das Zustellfahrzeug geladen.',
      'post-de',
      'out_for_delivery',
      'out_for_delivery',
    ],
    ['transit', 'De bezorger is onderweg', 'parcel-nl', 'out_for_delivery', 'out_for_delivery'],
    ['transit', 'Out for Delivery', 'ecommerce', 'out_for_delivery', 'out_for_delivery'],
    [
      'transit',
      'The shipment is ready for pick-up at the PACKSTATION.',
      'parcel-de',
      'available_for_pickup',
      'available_for_pickup',
    ],
    [
      'transit',
      'Die Sendung liegt in der Filiale zur Abholung bereit.',
      'parcel-de',
      'available_for_pickup',
      'available_for_pickup',
    ],
    [
      'transit',
      'Awaiting collection by recipient as requested',
      'express',
      'available_for_pickup',
      'available_for_pickup',
    ],
    [
      'transit',
      'Delivery attempted; recipient not home',
      'express',
      'delivery_attempted',
      'delivery_attempted',
    ],
    [
      'failure',
      'Der Empfänger wurde nicht angetroffen. Zustellversuch erfolglos.',
      'parcel-de',
      'delivery_attempted',
      'delivery_attempted',
    ],
    [
      'transit',
      'Business closed - delivery attempted',
      'express',
      'delivery_attempted',
      'delivery_attempted',
    ],
    ['failure', 'The recipient refused to accept the shipment', 'parcel-de', 'returned_to_sender', 'refused'],
    [
      'transit',
      'The shipment is being returned to the sender',
      'parcel-de',
      'returned_to_sender',
      'returning',
    ],
    [
      'delivered',
      'The shipment has been delivered back to the sender',
      'parcel-de',
      'returned_to_sender',
      'returned',
    ],
    ['delivered', 'Delivered to neighbour', 'parcel-de', 'delivered', 'delivered_to_agent'],
    ['delivered', 'Delivered - Signed for by: M. WEBER', 'express', 'delivered', 'delivered'],
    ['transit', 'Clearance delay', 'express', 'exception', 'held'],
    ['transit', 'Delay due to adverse weather conditions', 'express', 'exception', 'weather_delay'],
    ['transit', 'Customs clearance status updated', 'express', 'in_transit', 'customs'],
    ['transit', 'Shipment picked up', 'express', 'in_transit', 'picked_up'],
    [
      'transit',
      'Arrived at DHL Sort Facility LEIPZIG - GERMANY',
      'express',
      'in_transit',
      'arrived_at_facility',
    ],
    ['transit', 'Departed Facility in OSLO - NORWAY', 'express', 'in_transit', 'departed_facility'],
    ['transit', 'Something new DHL says', 'express', 'in_transit', 'in_transit'],
    ['pre-transit', 'Shipment information received', 'express', 'pre_transit', 'label_created'],
    ['pre-transit', 'Shipment cancelled by the sender', 'parcel-de', 'cancelled', 'cancelled'],
    ['failure', 'Shipment lost', 'ecommerce', 'failure', 'lost'],
    ['failure', 'Delivery failed', 'ecommerce', 'failure', 'status_update'],
  ]
  for (const [code, text, service, status, milestone] of cases) {
    it(`${code} + "${text}" (${service}) → ${status}/${milestone}`, () => {
      expect(classifyDhlEvent(code, text, service)).toMatchObject({ status, milestone })
    })
  }

  // Guards classification against depending on what was classified before (a memo here once risked that): every
  // combination, in a shuffled order and twice, must get what the rules give for its joined text, in the order
  // DHL_TEXT_RULES lists them.
  it('classifies the joined text of every combination by the rules, whatever came before', () => {
    const texts = [
      undefined,
      '',
      'With delivery courier',
      'Shipment picked up',
      'in Zustellung',
      'Clearance delay',
    ]
    const codes = ['transit', 'delivered', 'failure', 'TRANSIT', ' transit ']
    const services = [undefined, 'express', 'parcel-de']
    const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' \u2022 ')
    const expected = (code: string, text: string, service: string | undefined) => {
      const key = code.trim().toLowerCase()
      const rule = DHL_TEXT_RULES.find(
        (r) =>
          r.statusCodes.includes(key) &&
          (!r.services || (service !== undefined && r.services.includes(service))) &&
          r.pattern.test(text),
      )
      return rule ? { ...rule.entry, rule: rule.id } : DHL_STATUS_CODES[key.toUpperCase()]
    }
    const cases: [string, string | undefined, string | undefined, string | undefined, string | undefined][] =
      []
    for (const code of codes)
      for (const service of services)
        for (const status of texts)
          for (const description of texts) cases.push([code, service, status, undefined, description])
    fc.assert(
      fc.property(fc.shuffledSubarray(cases, { minLength: cases.length }), (order) => {
        for (const [code, service, status, detailed, description] of [...order, ...order]) {
          const text = join(status, detailed, description)
          expect(classifyDhlEvent(code, text, service)).toEqual(
            text ? expected(code, text, service) : DHL_STATUS_CODES[code.trim().toUpperCase()],
          )
        }
      }),
      { numRuns: 20 },
    )
  })

  it('applies a division-specific rule only to that division', () => {
    // German Packstation wording from another division is not read as out-for-delivery.
    expect(classifyDhlEvent('transit', 'loaded onto the delivery vehicle', 'express')).toMatchObject({
      status: 'in_transit',
    })
    expect(classifyDhlEvent('transit', 'With delivery courier', 'parcel-de')).toMatchObject({
      status: 'in_transit',
    })
  })

  it('never refines a delivered event into out-for-delivery, whatever its text says', () => {
    expect(classifyDhlEvent('delivered', 'Out for delivery earlier; now delivered', 'express')).toMatchObject(
      {
        status: 'delivered',
      },
    )
  })

  it("maps DHL's own 'unknown' and codes outside the five to unknown, keeping the raw code and warning", () => {
    const { result, shipment } = only(
      shipmentWith([
        event('unknown', 'Status not available'),
        event('returned', 'x', '2024-06-05T09:00:00+02:00'),
      ]),
    )
    expect(shipment.events.map((e) => [e.status, e.raw.code])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'returned'],
    ])
    expect(result.warnings.filter((w) => w.code === 'unknown_code').map((w) => w.rawCode)).toEqual([
      'UNKNOWN',
      'RETURNED',
    ])
  })
})

describe('dhl: timestamps with and without an offset', () => {
  it('keeps the carrier offset when DHL gives one', () => {
    const { event: e } = only(
      shipmentWith([event('transit', 'Shipment picked up', '2024-06-03T17:41:00+02:00')]),
    )
    expect(e.occurredAt).toBe('2024-06-03T17:41:00+02:00')
    expect(e.zoneSource).toBe('carrier')
  })

  it('reads a time without an offset in the zone of the place (Norway, CEST in June)', () => {
    const { event: e } = only(
      shipmentWith([event('transit', 'With delivery courier', '2024-06-05T08:14:00')]),
    )
    expect(e.occurredAt).toBe('2024-06-05T08:14:00+02:00')
    expect(e.zoneSource).toBe('location')
    expect(e.timeZone).toBe('Europe/Oslo')
  })

  it('reads the same wall time in winter with the winter offset (regression: no fixed +02:00 for Europe)', () => {
    const { event: e } = only(
      shipmentWith([event('transit', 'With delivery courier', '2024-01-05T08:14:00')]),
    )
    expect(e.occurredAt).toBe('2024-01-05T08:14:00+01:00')
  })

  it('never reads a local time as UTC: the instant differs from the same digits with Z', () => {
    const local = only(shipmentWith([event('transit', 'x', '2024-06-05T08:14:00')])).event
    const utc = only(shipmentWith([event('transit', 'x', '2024-06-05T08:14:00Z')])).event
    expect(Date.parse(utc.occurredAt) - Date.parse(local.occurredAt)).toBe(2 * 3600_000)
  })

  it('accepts nanosecond fractions (DHL eCommerce) without shifting the instant', () => {
    const { event: e } = only(shipmentWith([event('transit', 'x', '2023-11-21T15:27:20.331986369+01:00')]))
    expect(Date.parse(e.occurredAt)).toBe(Date.parse('2023-11-21T15:27:20.331+01:00'))
  })

  it('regression #18: keeps an event whose zone cannot be found (local time, zoneSource unknown, warned), never UTC', () => {
    const payload = shipmentWith([
      { timestamp: '2024-06-05T08:14:00', statusCode: 'transit', description: 'x' },
    ])
    const result = adapter.normalize(payload)
    const [e] = result.shipments[0]?.events ?? []
    expect(e?.occurredAt).toBe('2024-06-05T08:14:00')
    expect(e?.zoneSource).toBe('unknown')
    const warning = result.warnings.find((w) => w.code === 'unknown_zone')
    expect(warning?.path).toBe('dhl.shipments[0].events[0].timestamp')
    expect(normalizeResultSchema.parse(result)).toBeTruthy()
  })

  it('uses the configured default zone and says so in a warning', () => {
    const withDefault = dhl({ defaultZone: 'Europe/Berlin' })
    const payload = shipmentWith([
      { timestamp: '2024-06-05T08:14:00', statusCode: 'transit', description: 'x' },
    ])
    const result = withDefault.normalize(payload)
    expect(result.shipments[0]!.events[0]).toMatchObject({
      occurredAt: '2024-06-05T08:14:00+02:00',
      zoneSource: 'fallback',
    })
    expect(result.warnings.map((w) => w.code)).toContain('fallback_zone')
  })

  it('orders events by instant, not by array order, across mixed offsets', () => {
    const { shipment } = only(
      shipmentWith([
        event('transit', 'Departed Facility in OSLO - NORWAY', '2024-06-04T21:10:00'),
        event('delivered', 'Delivered', '2024-06-05T10:00:00+02:00'),
        event('transit', 'Shipment picked up', '2024-06-03T11:20:00+08:00'),
      ]),
    )
    expect(shipment.events.map((e) => e.milestone)).toEqual(['picked_up', 'departed_facility', 'delivered'])
    expect(shipment.status).toBe('delivered')
  })
})

describe('dhl: offsets normalizeTime refuses (regression: a hand-written reader accepted +05:17 and +23:59)', () => {
  it.each(['+05:17', '-00:10', '+14:30', '+23:59', '-12:15'])(
    'leaves %s to normalizeTime, which names the field',
    (offset) => {
      const text = `2024-06-05T08:14:00${offset}`
      let error: unknown
      try {
        adapter.normalize(shipmentWith([event('transit', 'Processed', text)]))
      } catch (caught) {
        error = caught
      }
      expect(isWaybillError(error) && error.code).toBe('ERR_TIME')
      expect((error as Error).message).toContain('dhl.shipments[0].events[0].timestamp')
    },
  )
  it.each(['+05:45', '-12:00', '+14:00', '-09:30'])('still reads %s', (offset) => {
    const result = adapter.normalize(
      shipmentWith([event('transit', 'Processed', `2024-06-05T08:14:00${offset}`)]),
    )
    expect(result.shipments[0]?.events[0]?.occurredAt).toBe(`2024-06-05T08:14:00${offset}`)
  })
})

describe('dhl: places', () => {
  it.each([
    ['BERGEN - NORWAY', { city: 'BERGEN', countryCode: 'NO' }],
    ['SYDNEY, NSW - AUSTRALIA', { city: 'SYDNEY', region: 'NSW', countryCode: 'AU' }],
    [
      'CINCINNATI HUB - HEBRON, KY - USA',
      { facility: 'CINCINNATI HUB', city: 'HEBRON', region: 'KY', countryCode: 'US' },
    ],
    ['HONG KONG - HONG KONG SAR, CHINA', { city: 'HONG KONG', countryCode: 'HK' }],
    ['Oderweg 2, AMSTERDAM', { city: 'AMSTERDAM' }],
    ['Leipzig', { city: 'Leipzig' }],
  ])('reads addressLocality %s', (addressLocality, expected) => {
    expect(dhlLocation({ addressLocality })).toEqual(expected)
  })

  it('prefers the countryCode DHL sends over the name in the locality', () => {
    expect(dhlLocation({ addressLocality: 'GENEVA - FRANCE', countryCode: 'CH' })?.countryCode).toBe('CH')
  })
})

describe('dhl: delivery estimates', () => {
  it('reads estimatedDeliveryTimeFrame as a window with the carrier offsets', () => {
    const { shipment } = only(
      shipmentWith([event('transit', 'x')], {
        estimatedDeliveryTimeFrame: {
          estimatedFrom: '2024-06-05T09:00:00+02:00',
          estimatedThrough: '2024-06-05T18:00:00+02:00',
        },
      }),
    )
    expect(shipment.estimatedDelivery).toEqual({
      from: '2024-06-05T09:00:00+02:00',
      to: '2024-06-05T18:00:00+02:00',
      precision: 'second',
      source: 'estimatedDeliveryTimeFrame',
    })
  })

  it('reads a date-only estimatedTimeOfDelivery as the whole day at the destination, not midnight UTC', () => {
    const { shipment } = only(
      shipmentWith([event('transit', 'x')], {
        estimatedTimeOfDelivery: '2024-06-05',
        destination: { address: { addressLocality: 'BERGEN - NORWAY' } },
      }),
    )
    expect(shipment.estimatedDelivery).toEqual({
      from: '2024-06-05T00:00:00+02:00',
      to: '2024-06-05T23:59:59+02:00',
      precision: 'day',
      source: 'estimatedTimeOfDelivery',
    })
  })
})

describe('dhl: shipment-level status', () => {
  it('uses `status` as the only event when DHL sends no event list', () => {
    const { shipment } = only({
      shipments: [
        { id: '1234567890', service: 'express', status: event('transit', 'With delivery courier') },
      ],
    })
    expect(shipment.events).toHaveLength(1)
    expect(shipment).toMatchObject({ status: 'out_for_delivery', milestone: 'out_for_delivery' })
  })

  it('does not duplicate the latest event that DHL repeats in `status` (regression: no doubled checkpoint)', () => {
    const latest = event('transit', 'With delivery courier')
    const { shipment } = only(
      shipmentWith([latest], { status: { ...latest, timestamp: '2024-06-05T06:14:00Z' } }),
    )
    expect(shipment.events).toHaveLength(1)
  })
})

describe('dhl: repeated events', () => {
  // Guards the de-duplication that groups events by instant: a repeat written with another offset (or without
  // one, at a place with a known zone) is the same instant and is dropped; events at one instant that differ
  // are all kept, whatever lies between them.
  it('keeps one of each event, comparing instants rather than texts', () => {
    const a = event('transit', 'Arrived at DHL Sort Facility BERGEN - NORWAY')
    const b = event('transit', 'Departed Facility in BERGEN - NORWAY')
    const c = event('transit', 'Processed at BERGEN - NORWAY', '2024-06-05T09:00:00+02:00')
    const { shipment } = only(
      shipmentWith([
        a,
        b,
        c,
        { ...a, timestamp: '2024-06-05T06:14:00Z' },
        { ...b, timestamp: '2024-06-05T08:14:00' },
        { ...c, timestamp: '2024-06-05T09:00:00.000+02:00' },
        b,
      ]),
    )
    expect(shipment.events.map((e) => e.description)).toEqual([
      'Arrived at DHL Sort Facility BERGEN - NORWAY',
      'Departed Facility in BERGEN - NORWAY',
      'Processed at BERGEN - NORWAY',
    ])
    expect(new Set(shipment.events.map((e) => e.id)).size).toBe(3)
  })

  it('keeps a repeat whose time could only be read the slow way (no zone for the place) once too', () => {
    const a = {
      ...event('transit', 'Processed'),
      timestamp: '2024-06-05T08:14:00',
      location: { address: { addressLocality: 'Somewhere' } },
    }
    const result = adapter.normalize(shipmentWith([a, { ...a }]), { defaultZone: 'Europe/Oslo' })
    expect(result.shipments[0]!.events).toHaveLength(1)
  })
})

describe('dhl: not found and problems', () => {
  it('turns a 404 problem into a not-found result with the requested number', () => {
    const result = adapter.normalize(
      { title: 'No result found', status: 404, detail: 'No shipment with given tracking number found.' },
      { requested: ['3576480999'] },
    )
    expect(result).toEqual({
      shipments: [],
      notFound: [
        {
          trackingNumber: '3576480999',
          carrierCode: '404',
          message: 'No result found: No shipment with given tracking number found.',
        },
      ],
      warnings: [],
    })
  })

  it('reports requested numbers missing from an empty 200 as not found', () => {
    expect(adapter.normalize({ shipments: [] }, { requested: ['3576480999'] }).notFound).toEqual([
      { trackingNumber: '3576480999', message: 'DHL returned no shipment' },
    ])
  })

  it('warns when DHL answers for a different shipment than the one asked for (no service given)', () => {
    const result = adapter.normalize(shipmentWith([event('transit', 'x')]), {
      requested: ['00340434161094027318'],
    })
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'other', trackingNumber: '00340434161094027318' }),
    )
    expect(result.notFound).toEqual([])
  })

  it.each([
    [401, 'ERR_AUTH'],
    [403, 'ERR_AUTH'],
    [429, 'ERR_RATE_LIMIT'],
    [400, 'ERR_CARRIER'],
    [503, 'ERR_CARRIER'],
  ])('throws a typed error for a %i problem', (status, code) => {
    expect(() => adapter.normalize({ status, title: 'x' })).toThrow(expect.objectContaining({ code }))
  })

  it('names the path of a malformed payload', () => {
    expect(() => adapter.normalize({ shipments: [{ id: '1', events: [{ timestamp: 5 }] }] })).toThrow(
      expect.objectContaining({ code: 'ERR_VALIDATION', path: 'dhl.shipments[0].events[0].timestamp' }),
    )
  })
})

describe('dhl: track()', () => {
  it('sends the key, the number and the options as DHL documents them, and never the key in errors', async () => {
    const seen: { url: string; key: string | undefined }[] = []
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', key: req.headers['dhl-api-key'] as string | undefined })
      res
        .writeHead(403, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ status: 403, title: 'Forbidden', detail: `bad key ${KEY}` }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const client = dhl({
        apiKey: KEY,
        baseUrl: `http://127.0.0.1:${port}`,
        service: 'parcel-de',
        recipientPostalCode: '53113',
      })
      const error = await client.track!(['00340434161094027318']).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ERR_AUTH', status: 403 })
      expect(
        JSON.stringify({ message: (error as Error).message, ...(error as { toJSON(): object }).toJSON() }),
      ).not.toContain(KEY)
      expect(seen).toHaveLength(1)
      const url = new URL(seen[0]!.url, 'http://x')
      expect(url.pathname).toBe('/track/shipments')
      expect(Object.fromEntries(url.searchParams)).toEqual({
        trackingNumber: '00340434161094027318',
        language: 'en',
        service: 'parcel-de',
        recipientPostalCode: '53113',
      })
      expect(seen[0]!.key).toBe(KEY)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('refuses to track without an API key (ConfigError, before any I/O)', async () => {
    await expect(dhl().track!(['1234567890'])).rejects.toMatchObject({ code: 'ERR_CONFIG' })
  })

  it("declares DHL's published limits for a new key", () => {
    expect(dhl().limits).toMatchObject({
      requestsPerSecond: 1,
      perDay: 250,
      dailyResetHour: 0,
      dailyResetZone: 'UTC',
      maxBatch: 1,
    })
  })
})

// Guards the per-text memo (textsOf): whatever was read before, each event's texts, codes and meaning must be what
// they are read from its own fields (null, '' and blanks read alike, as cleaning makes them).
describe('dhl: event texts read once per combination (regression: each event read from its own fields)', () => {
  const texts = fc.constantFrom(
    undefined,
    null,
    '',
    '  ',
    'DELIVERED',
    ' DELIVERED ',
    'With delivery courier',
  )
  const codes = fc.constantFrom('transit', 'delivered', 'failure', 'pre-transit', 'teleported', ' transit')
  const anEvent = fc.record({
    statusCode: codes,
    status: texts,
    statusDetailed: texts,
    description: texts,
    minute: fc.integer({ min: 0, max: 600 }),
  })
  const clean = (v: string | null | undefined) => v?.replace(/\s+/g, ' ').trim() || undefined
  it('gives each event the texts, codes and meaning of its own fields', () => {
    fc.assert(
      fc.property(
        fc.array(anEvent, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(undefined, 'express', 'parcel-de'),
        (list, service) => {
          const raw = list.map(({ minute, ...e }) => ({
            ...e,
            timestamp: new Date(Date.UTC(2024, 5, 5, 8, minute)).toISOString().replace('.000Z', '+00:00'),
            location: { address: { addressLocality: 'BERGEN - NORWAY' } },
          }))
          const result = adapter.normalize(shipmentWith(raw, { service: service ?? null }))
          for (const event of result.shipments[0]!.events) {
            const e = event.raw.record as (typeof raw)[number]
            const text = [e.status, e.statusDetailed, e.description].filter(Boolean).join(' \u2022 ')
            expect(event.description).toBe(
              clean(e.description) ?? clean(e.statusDetailed) ?? clean(e.status) ?? '',
            )
            expect(event.raw.text).toBe(text || undefined)
            expect(event.raw.code).toBe(clean(e.statusCode))
            const codes = {
              ...(clean(e.status) ? { status: clean(e.status) } : {}),
              ...(clean(e.statusDetailed) ? { statusDetailed: clean(e.statusDetailed) } : {}),
              ...(service ? { service } : {}),
            }
            expect(event.raw.codes).toEqual(Object.keys(codes).length ? codes : undefined)
            const meaning = classifyDhlEvent(clean(e.statusCode)!, text, service)
            expect(event.status).toBe(meaning?.status ?? 'unknown')
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('dhl: memos belong to the adapter instance (regression guard: no module-level memos)', () => {
  it('shares a place between payloads of one adapter, never between two adapters or bare normalizeDhl calls', () => {
    const body = () => shipmentWith([event('transit', 'Processed', '2024-06-05T08:14:00+02:00')])
    const locationOf = (result: { shipments: { events: { location?: unknown }[] }[] }) =>
      result.shipments[0]?.events[0]?.location
    const first = dhl()
    const second = dhl()
    const a = locationOf(first.normalize(body()))
    expect(a).toBeDefined()
    expect(locationOf(first.normalize(body()))).toBe(a)
    expect(locationOf(second.normalize(body()))).not.toBe(a)
    expect(locationOf(second.normalize(body()))).toEqual(a)
    expect(locationOf(normalizeDhl(body()))).not.toBe(locationOf(normalizeDhl(body())))
  })
})
