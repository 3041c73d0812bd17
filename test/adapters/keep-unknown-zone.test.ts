/**
 * Issue #18: no adapter drops an event for want of a zone (each one keeps it as a local time, `zoneSource:
 * 'unknown'`, with an `unknown_zone` warning), and #23 item 3: every adapter checks its `defaultZone` when created,
 * and EasyPost/AfterShip never drop an event that carries its own instant or offset.
 */
import { describe, expect, it } from 'vitest'
import { aftership } from '../../adapters/aftership/index.js'
import { csv } from '../../adapters/csv/index.js'
import { dhl } from '../../adapters/dhl/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { edi214 } from '../../adapters/edi214/index.js'
import { fedex } from '../../adapters/fedex/index.js'
import { shippo } from '../../adapters/shippo/index.js'
import { ups } from '../../adapters/ups/index.js'
import { usps } from '../../adapters/usps/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { type NormalizeResult, normalizeResultSchema } from '../../src/model/index.js'
import { acmeLayout } from '../sftp/csv-partner.js'

function onlyEvent(result: NormalizeResult) {
  expect(normalizeResultSchema.parse(result)).toBeTruthy()
  expect(result.shipments).toHaveLength(1)
  const events = result.shipments[0]?.events ?? []
  expect(events).toHaveLength(1)
  return events[0]!
}

function expectKeptWithoutZone(result: NormalizeResult, local: string) {
  const event = onlyEvent(result)
  expect(event.occurredAt).toBe(local)
  expect(event.zoneSource).toBe('unknown')
  expect(event.timeZone).toBeUndefined()
  const warning = result.warnings.find((w) => w.code === 'unknown_zone')
  expect(warning?.message).toMatch(/kept without a zone/)
  return event
}

describe('regression #18: an event without a resolvable zone is kept by every adapter', () => {
  it('ups: an activity with no GMT fields in a split state with no town or ZIP', () => {
    const result = ups().normalize({
      trackResponse: {
        shipment: [
          {
            inquiryNumber: '1Z5R89390357567127',
            package: [
              {
                activity: [
                  {
                    date: '20240326',
                    time: '101700',
                    location: { address: { stateProvince: 'TN', country: 'US' } },
                    status: { statusCode: '011', type: 'D', description: 'DELIVERED' },
                  },
                ],
              },
            ],
          },
        ],
      },
    })
    expectKeptWithoutZone(result, '2024-03-26T10:17:00')
    expect(result.shipments[0]?.status).toBe('delivered')
  })

  it('fedex: a scan without offset at a place with no country', () => {
    const result = fedex().normalize({
      output: {
        completeTrackResults: [
          {
            trackingNumber: '771234567834',
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber: '771234567834' },
                scanEvents: [
                  { date: '2024-05-09T07:12:44', eventType: 'DL', scanLocation: { city: 'NOWHERE' } },
                ],
              },
            ],
          },
        ],
      },
    })
    expectKeptWithoutZone(result, '2024-05-09T07:12:44')
  })

  it('usps: a local eventTimestamp with no GMT fields in a split state with no city or ZIP', () => {
    const result = usps().normalize({
      trackingNumber: '9400111899223817583721',
      trackingEvents: [
        {
          eventType: 'Delivered, Front Door/Porch',
          eventTimestamp: '2024-11-22T13:58:00',
          eventCountry: null,
          eventState: 'KY',
          eventCode: '01',
        },
      ],
    })
    expectKeptWithoutZone(result, '2024-11-22T13:58:00')
    expect(result.shipments[0]?.status).toBe('delivered')
  })

  it('dhl: a timestamp without offset at a place without a country', () => {
    const result = dhl().normalize({
      shipments: [
        {
          id: '00340434161094027332',
          service: 'parcel-de',
          status: {
            timestamp: '2024-06-05T08:14:00',
            statusCode: 'delivered',
            status: 'DELIVERED',
            description: 'x',
          },
          events: [
            {
              timestamp: '2024-06-05T08:14:00',
              statusCode: 'delivered',
              description: 'Delivered',
              location: { address: { addressLocality: 'Somewhere' } },
            },
          ],
        },
      ],
    })
    expectKeptWithoutZone(result, '2024-06-05T08:14:00')
  })

  it('easypost: a datetime without offset at a place with no country and an ambiguous state (WA)', () => {
    const result = easypost().normalize({
      id: 'trk_1',
      object: 'Tracker',
      tracking_code: 'EZ1000000001',
      status: 'in_transit',
      tracking_details: [
        {
          object: 'TrackingDetail',
          message: 'Arrived',
          status: 'in_transit',
          datetime: '2026-03-01T16:00:00',
          tracking_location: { object: 'TrackingLocation', city: 'Vancouver', state: 'WA', country: null },
        },
      ],
    })
    expectKeptWithoutZone(result, '2026-03-01T16:00:00')
  })

  it('aftership: a checkpoint_time without offset and without any place', () => {
    const result = aftership().normalize({
      tracking_number: 'AS1',
      slug: 'usps',
      tag: 'InTransit',
      checkpoints: [{ checkpoint_time: '2026-03-02T14:40:00', tag: 'InTransit', message: 'Accepted' }],
    })
    expectKeptWithoutZone(result, '2026-03-02T14:40:00')
  })

  it('shippo: a status_date without offset and a location without a country or state', () => {
    const result = shippo().normalize({
      carrier: 'usps',
      tracking_number: 'SH1',
      tracking_status: {
        status: 'TRANSIT',
        status_details: 'In transit',
        status_date: '2026-03-02T14:40:00',
        location: { city: 'Springfield', state: null, zip: null, country: null },
      },
      tracking_history: [],
    })
    expectKeptWithoutZone(result, '2026-03-02T14:40:00')
  })

  it('csv: a row with a date and time, no zone column and no place', () => {
    const result = csv(acmeLayout).normalize(
      'Tracking,Status,Status Text,Date,Time,TZ,City,State,Zip,Country,Reason\nAC1,DL,Delivered,2024-03-25,08:15,,,,,,\n',
    )
    expectKeptWithoutZone(result, '2024-03-25T08:15:00')
    expect(result.shipments[0]?.status).toBe('delivered')
  })

  it('edi214: a D1 line with a local (LT) time and only a terminal code in N1', () => {
    const isa =
      'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240305*1200*U*00401*000000001*0*P*>~'
    const text = [
      isa,
      'GS*QM*SENDER*RECEIVER*20240305*1200*1*X*004010~',
      'ST*214*0001~',
      'B10*PRO1**ABCD~',
      'N1*CN*ACME TERMINAL*94*ZZT01~',
      'LX*1~',
      'AT7*D1*NS***20240305*1430*LT~',
      'SE*6*0001~',
      'GE*1*1~',
      'IEA*1*000000001~',
    ].join('')
    const result = edi214().normalize(text)
    expectKeptWithoutZone(result, '2024-03-05T14:30:00')
    expect(result.shipments[0]?.status).toBe('delivered')
  })
})

describe('regression #23.3: EasyPost and AfterShip keep events that carry their own instant', () => {
  it('aftership: a country written as a name does not cost a checkpoint its offset', () => {
    const result = aftership().normalize({
      tracking_number: 'AS2',
      slug: 'usps',
      tag: 'InTransit',
      checkpoints: [
        {
          checkpoint_time: '2026-03-02T14:40:00-08:00',
          tag: 'InTransit',
          message: 'Accepted',
          country_region: 'United States of America',
          city: 'Portland',
        },
      ],
    })
    const event = onlyEvent(result)
    expect(event.occurredAt).toBe('2026-03-02T14:40:00-08:00')
    expect(event.zoneSource).toBe('carrier')
  })

  it('#18.3: shippo and aftership read the country of an unambiguous state code for local times (TN → US)', () => {
    const shipped = shippo().normalize({
      carrier: 'usps',
      tracking_number: 'SH2',
      tracking_status: {
        status: 'DELIVERED',
        status_details: 'Delivered',
        status_date: '2026-03-02T14:40:00',
        location: { city: 'Crossville', state: 'TN', zip: null, country: null },
      },
      tracking_history: [],
    })
    expect(onlyEvent(shipped)).toMatchObject({
      occurredAt: '2026-03-02T14:40:00-06:00',
      timeZone: 'America/Chicago',
      zoneSource: 'location',
    })
    // The event's own place stays as the aggregator sent it (the event id does not change).
    expect(onlyEvent(shipped).location?.countryCode).toBeUndefined()
    const checkpoint = aftership().normalize({
      tracking_number: 'AS3',
      slug: 'usps',
      tag: 'InTransit',
      checkpoints: [
        {
          checkpoint_time: '2026-03-02T14:40:00',
          tag: 'InTransit',
          message: 'Arrived',
          state: 'OR',
          city: 'Portland',
        },
      ],
    })
    expect(onlyEvent(checkpoint)).toMatchObject({
      occurredAt: '2026-03-02T14:40:00-08:00',
      zoneSource: 'location',
    })
  })

  it('easypost: a US scan with a null country is shown at the offset of its state (not +00:00), same instant', () => {
    const result = easypost().normalize({
      id: 'trk_2',
      object: 'Tracker',
      tracking_code: 'EZ1000000002',
      status: 'in_transit',
      tracking_details: [
        {
          object: 'TrackingDetail',
          message: 'Arrived',
          status: 'in_transit',
          datetime: '2026-03-01T16:00:00Z',
          tracking_location: { object: 'TrackingLocation', city: 'PORTLAND', state: 'OR', country: null },
        },
      ],
    })
    const event = onlyEvent(result)
    expect(event.occurredAt).toBe('2026-03-01T08:00:00-08:00')
    expect(event.timeZone).toBe('America/Los_Angeles')
    expect(event.location?.countryCode).toBeUndefined() // the event's place stays as EasyPost sent it
  })
})

describe('regression #23.3: every adapter checks its defaultZone when created', () => {
  const factories: [string, (zone: string) => unknown][] = [
    ['ups', (defaultZone) => ups({ defaultZone })],
    ['fedex', (defaultZone) => fedex({ defaultZone })],
    ['usps', (defaultZone) => usps({ defaultZone })],
    ['dhl', (defaultZone) => dhl({ defaultZone })],
    ['easypost', (defaultZone) => easypost({ defaultZone })],
    ['aftership', (defaultZone) => aftership({ defaultZone })],
    ['csv', (defaultZone) => csv({ ...acmeLayout, defaultZone })],
    ['edi214', (defaultZone) => edi214({ defaultZone })],
  ]
  for (const [name, make] of factories) {
    it(`${name}: a mistyped zone is a ConfigError naming the option and the value`, () => {
      expect(() => make('Mars/Base')).toThrow(ConfigError)
      expect(() => make('Mars/Base')).toThrow(/defaultZone.*"Mars\/Base".*not an IANA time zone/)
      expect(() => make('America/Chicago')).not.toThrow()
    })
  }
})
