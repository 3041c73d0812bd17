/**
 * Issue #18: places resolved to a zone and coordinates at city level where a region spans several zones (real
 * towns on each side of real zone lines), a country inferred from an unambiguous region code, impossible travel
 * flagged from resolved places, the repeated autumn hour flagged, and zone options checked (#23 item 3).
 */
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors/index.js'
import { buildShipment } from '../../src/model/index.js'
import {
  assertZone,
  countryOfRegion,
  normalizeEventTime,
  normalizeTime,
  resolvePlace,
  zoneForLocation,
} from '../../src/time/index.js'
import { detectAnomalies } from '../../src/tracker/index.js'
import { ev } from '../tracker/build.js'

describe('regression #18: split-region towns resolve to the zone of their side of the line', () => {
  const cases: [string, string, string, string][] = [
    // Tennessee: the Cumberland Plateau line (Cumberland County Central, Roane County Eastern)
    ['US', 'TN', 'Crossville', 'America/Chicago'],
    ['US', 'TN', 'Rockwood', 'America/New_York'],
    // Kentucky: Warren County Central, Fayette Eastern
    ['US', 'KY', 'Bowling Green', 'America/Chicago'],
    ['US', 'KY', 'Lexington', 'America/New_York'],
    // Michigan: Gogebic County (Upper Peninsula, Wisconsin border) is Central
    ['US', 'MI', 'Ironwood', 'America/Menominee'],
    // North Dakota: Stark County Mountain
    ['US', 'ND', 'Dickinson', 'America/Denver'],
    // Oregon: Malheur County Mountain
    ['US', 'OR', 'Ontario', 'America/Boise'],
    // Idaho: Latah County (north) Pacific
    ['US', 'ID', 'Moscow', 'America/Los_Angeles'],
    // Kansas: Sherman County Mountain; Nebraska: Scotts Bluff Mountain
    ['US', 'KS', 'Goodland', 'America/Denver'],
    ['US', 'NE', 'Scottsbluff', 'America/Denver'],
    // Canada: East Kootenay (BC) on Mountain time; Kenora (ON) on Central
    ['CA', 'BC', 'Cranbrook', 'America/Edmonton'],
    ['CA', 'ON', 'Kenora', 'America/Winnipeg'],
    // Australia: Broken Hill (NSW) keeps South Australian time
    ['AU', 'NSW', 'Broken Hill', 'Australia/Broken_Hill'],
  ]
  for (const [countryCode, region, city, zone] of cases)
    it(`${city}, ${region} → ${zone}`, () => {
      expect(zoneForLocation({ countryCode, region, city })).toBe(zone)
    })

  it('a ZIP code the tables do not split decides by its own coordinates (38555 Crossville TN → Central)', () => {
    expect(zoneForLocation({ countryCode: 'US', region: 'TN', postalCode: '38555' })).toBe('America/Chicago')
  })

  it('cities of multi-zone countries without a region: Kaliningrad, Denpasar, Manaus', () => {
    expect(zoneForLocation({ countryCode: 'RU', city: 'Kaliningrad' })).toBe('Europe/Kaliningrad')
    expect(zoneForLocation({ countryCode: 'ID', city: 'Denpasar' })).toBe('Asia/Makassar')
    expect(zoneForLocation({ countryCode: 'BR', city: 'Manaus' })).toBe('America/Manaus')
  })

  it('never guesses: an unknown place, or a state alone, still gives no zone', () => {
    expect(zoneForLocation({ countryCode: 'US', region: 'TN' })).toBeUndefined()
    expect(zoneForLocation({ countryCode: 'US', region: 'TN', city: 'Nowhereville Xyz' })).toBeUndefined()
  })

  it('every resolved place carries coordinates and says how it was found', () => {
    const byZip = resolvePlace('US', { postalCode: '49938' })
    expect(byZip).toMatchObject({ timeZone: 'America/Menominee', source: 'postal' })
    expect(byZip?.coordinates.latitude).toBeCloseTo(46.46, 1)
    const sydney = resolvePlace('AU', { city: 'Sydney' })
    expect(sydney).toMatchObject({ timeZone: 'Australia/Sydney', source: 'city' })
    expect(sydney?.coordinates.longitude).toBeCloseTo(151.2, 1)
  })
})

describe('regression #18: impossible travel without carrier coordinates', () => {
  it('Sydney to London in one hour is flagged from the places alone', () => {
    const shipment = buildShipment({
      carrier: 'acme',
      trackingNumber: 'A1',
      events: [
        ev('departed_facility', '2024-03-26T10:00:00+11:00', {
          location: { city: 'Sydney', countryCode: 'AU' },
        }),
        ev('arrived_at_facility', '2024-03-26T00:00:00+00:00', {
          location: { city: 'London', countryCode: 'GB' },
        }),
      ],
    })
    const kinds = detectAnomalies(shipment, { now: new Date('2024-04-01T00:00:00Z') }).map((a) => a.kind)
    expect(kinds).toContain('impossible_travel')
  })
})

describe('regression #18: a country missing from an aggregator payload', () => {
  it('is inferred from an unambiguous region code only', () => {
    expect(countryOfRegion('OR')).toBe('US')
    expect(countryOfRegion('qc')).toBe('CA')
    expect(countryOfRegion('NSW')).toBe('AU')
    expect(countryOfRegion('WA')).toBeUndefined() // Washington or Western Australia
    expect(countryOfRegion('NT')).toBeUndefined() // Northwest Territories or Northern Territory
  })
})

describe('regression #18: the repeated autumn hour', () => {
  it('is flagged ambiguous (the earlier instant is still chosen); the hour before is not', () => {
    const chicago = { countryCode: 'US', region: 'IL' }
    const repeated = normalizeTime({ dateTime: '2024-11-03T01:30:00', location: chicago })
    expect(repeated).toMatchObject({ occurredAt: '2024-11-03T01:30:00-05:00', ambiguous: true })
    expect(normalizeTime({ dateTime: '2024-11-03T00:30:00', location: chicago }).ambiguous).toBeUndefined()
    expect(normalizeTime({ dateTime: '2024-03-10T02:30:00', location: chicago }).ambiguous).toBeUndefined()
    const berlin = normalizeTime({ dateTime: '2024-10-27T02:31:00', location: { countryCode: 'DE' } })
    expect(berlin).toMatchObject({ occurredAt: '2024-10-27T02:31:00+02:00', ambiguous: true })
  })
})

describe('regression #18: normalizeEventTime keeps every event time', () => {
  it('a local time with no zone → local time without offset, zoneSource unknown, and what was missing', () => {
    expect(normalizeEventTime({ dateTime: '2024-03-26T10:58:00' }).time).toEqual({
      occurredAt: '2024-03-26T10:58:00',
      zoneSource: 'unknown',
      precision: 'second',
      missing: 'no offset or zone, and no location given',
    })
  })

  it('an unreadable place never costs a time its own offset (the place is set aside and reported)', () => {
    const read = normalizeEventTime({
      dateTime: '2024-03-26T10:58:00Z',
      location: { countryCode: 'United States' },
    })
    expect(read.time.occurredAt).toBe('2024-03-26T10:58:00+00:00')
    expect(read.setAside).toMatch(/location\.countryCode/)
  })

  it('an unreadable date still throws (that is not a zone problem)', () => {
    expect(() => normalizeEventTime({ dateTime: '2024-13-40T10:58:00' })).toThrow(/dateTime/)
  })
})

describe('regression #23.3: assertZone', () => {
  it('refuses a mistyped zone with a ConfigError naming the option and the value; accepts a real one or none', () => {
    expect(() => assertZone('Mars/Base', 'defaultZone')).toThrow(ConfigError)
    expect(() => assertZone('Mars/Base', 'sftp({ defaultZone })')).toThrow(
      /sftp\(\{ defaultZone \}\): "Mars\/Base" is not an IANA time zone/,
    )
    expect(() => assertZone('', 'defaultZone')).toThrow(ConfigError)
    expect(assertZone('Europe/Berlin', 'defaultZone')).toBe('Europe/Berlin')
    expect(assertZone(undefined, 'defaultZone')).toBeUndefined()
  })
})
