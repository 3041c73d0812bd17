import { describe, expect, it } from 'vitest'
import { isWaybillError } from '../../src/errors/index.js'
import { normalizeTime } from '../../src/time/index.js'

const at = (x12TimeCode: string, date = '20240715', extra = {}) =>
  normalizeTime({ date, time: '1200', x12TimeCode, ...extra })

describe('X12 time codes (element 623)', () => {
  it.each([
    ['UT', '+00:00'],
    ['GM', '+00:00'],
    ['ES', '-05:00'],
    ['ED', '-04:00'],
    ['CS', '-06:00'],
    ['CD', '-05:00'],
    ['MS', '-07:00'],
    ['MD', '-06:00'],
    ['PS', '-08:00'],
    ['PD', '-07:00'],
    ['AS', '-09:00'],
    ['AD', '-08:00'],
    ['HS', '-10:00'],
    ['HD', '-09:00'],
    ['NS', '-03:30'],
    ['ND', '-02:30'],
  ])('%s is the fixed offset %s whatever the date', (code, offset) => {
    for (const date of ['20240115', '20240715']) {
      const r = at(code, date)
      expect(r.occurredAt).toBe(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}T12:00:00${offset}`)
      expect(r.zoneSource).toBe('carrier')
      expect(r.timeZone).toBeUndefined()
    }
  })

  it.each([
    ['ET', 'America/New_York', '-05:00', '-04:00'],
    ['CT', 'America/Chicago', '-06:00', '-05:00'],
    ['MT', 'America/Denver', '-07:00', '-06:00'],
    ['PT', 'America/Los_Angeles', '-08:00', '-07:00'],
    ['AT', 'America/Anchorage', '-09:00', '-08:00'],
    ['HT', 'Pacific/Honolulu', '-10:00', '-10:00'],
    ['NT', 'America/St_Johns', '-03:30', '-02:30'],
  ])('%s has no DST flag: resolved as %s by the date', (code, zone, winter, summer) => {
    expect(at(code, '20240115')).toEqual({
      occurredAt: `2024-01-15T12:00:00${winter}`,
      timeZone: zone,
      zoneSource: 'carrier',
      precision: 'minute',
    })
    expect(at(code, '20240715').occurredAt).toBe(`2024-07-15T12:00:00${summer}`)
  })

  it('MT in Arizona is America/Phoenix (no DST); CT in a Central place keeps that place zone', () => {
    expect(at('MT', '20240715', { location: { countryCode: 'US', region: 'AZ' } })).toMatchObject({
      occurredAt: '2024-07-15T12:00:00-07:00',
      timeZone: 'America/Phoenix',
      zoneSource: 'carrier',
    })
    expect(
      at('CT', '20240715', { location: { countryCode: 'US', region: 'IN', postalCode: '46402' } }).timeZone,
    ).toBe('America/Chicago')
    // A place on another standard time does not override the carrier's code.
    expect(at('ET', '20240715', { location: { countryCode: 'US', region: 'IL' } }).timeZone).toBe(
      'America/New_York',
    )
  })

  it('01..12 are UTC+1..+12 and 13..24 are UTC-12..-1', () => {
    for (let n = 1; n <= 24; n++) {
      const code = String(n).padStart(2, '0')
      const hours = n <= 12 ? n : n - 25
      const sign = hours < 0 ? '-' : '+'
      expect(at(code).occurredAt, code).toBe(
        `2024-07-15T12:00:00${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`,
      )
    }
  })

  it('LT (and a missing code) means local time at the event location, else the default zone', () => {
    expect(at('LT', '20240715', { location: { countryCode: 'US', region: 'CA' } })).toEqual({
      occurredAt: '2024-07-15T12:00:00-07:00',
      timeZone: 'America/Los_Angeles',
      zoneSource: 'location',
      precision: 'minute',
    })
    expect(at('LT', '20240715', { defaultZone: 'America/New_York' })).toMatchObject({
      occurredAt: '2024-07-15T12:00:00-04:00',
      zoneSource: 'fallback',
    })
    expect(() => at('LT')).toThrow(/no offset or zone/)
  })

  it('UT with a known place is expressed in the offset of the place, still from the carrier', () => {
    expect(at('UT', '20240715', { location: { countryCode: 'FR' } })).toEqual({
      occurredAt: '2024-07-15T14:00:00+02:00',
      timeZone: 'Europe/Paris',
      zoneSource: 'carrier',
      precision: 'minute',
    })
  })

  it('accepts lower case and surrounding spaces', () => {
    expect(at(' cd ').occurredAt).toBe('2024-07-15T12:00:00-05:00')
  })

  it.each(['00', '25', '29', 'XX', 'EST', 'Z'])(
    'refuses unknown code %j with a TimeError naming x12TimeCode',
    (code) => {
      try {
        at(code)
        expect.unreachable()
      } catch (e) {
        expect(isWaybillError(e) && e.code).toBe('ERR_TIME')
        expect((e as Error).message).toMatch(/^x12TimeCode: /)
      }
    },
  )
})

describe('zone abbreviations', () => {
  it.each([
    ['EST', '-05:00'],
    ['EDT', '-04:00'],
    ['CST', '-06:00'],
    ['CDT', '-05:00'],
    ['MST', '-07:00'],
    ['PST', '-08:00'],
    ['PDT', '-07:00'],
    ['AKST', '-09:00'],
    ['HST', '-10:00'],
    ['NST', '-03:30'],
    ['AST', '-04:00'],
    ['GMT', '+00:00'],
    ['UTC', '+00:00'],
    ['WET', '+00:00'],
    ['BST', '+01:00'],
    ['CET', '+01:00'],
    ['CEST', '+02:00'],
    ['EET', '+02:00'],
    ['MSK', '+03:00'],
    ['JST', '+09:00'],
    ['AEST', '+10:00'],
    ['ACST', '+09:30'],
    ['NZDT', '+13:00'],
  ])('%s is %s (the literal abbreviation, even out of season)', (zoneAbbreviation, offset) => {
    const r = normalizeTime({ date: '2011-02-03', time: '11:59:59', zoneAbbreviation })
    expect(r.occurredAt).toBe(`2011-02-03T11:59:59${offset}`)
    expect(r.zoneSource).toBe('carrier')
  })

  it('Canada Post style: EST with a known place names the zone when the offsets agree', () => {
    const r = normalizeTime({
      date: '2011-02-03',
      time: '11:59:59',
      zoneAbbreviation: 'est',
      location: { countryCode: 'CA', region: 'ON' },
    })
    expect(r).toEqual({
      occurredAt: '2011-02-03T11:59:59-05:00',
      timeZone: 'America/Toronto',
      zoneSource: 'carrier',
      precision: 'second',
    })
    // In summer EST disagrees with Toronto (EDT): the carrier's offset stays, the zone is not claimed.
    const summer = normalizeTime({
      date: '2011-07-03',
      time: '11:59:59',
      zoneAbbreviation: 'EST',
      location: { countryCode: 'CA', region: 'ON' },
    })
    expect(summer.occurredAt).toBe('2011-07-03T11:59:59-05:00')
    expect(summer.timeZone).toBeUndefined()
  })

  it('generic ET/CT/MT/PT resolve DST by the date', () => {
    expect(normalizeTime({ date: '20240715', time: '1200', zoneAbbreviation: 'PT' }).occurredAt).toBe(
      '2024-07-15T12:00:00-07:00',
    )
    expect(normalizeTime({ date: '20240115', time: '1200', zoneAbbreviation: 'PT' }).occurredAt).toBe(
      '2024-01-15T12:00:00-08:00',
    )
  })

  it('refuses ambiguous IST and unknown abbreviations', () => {
    expect(() => normalizeTime({ date: '20240115', time: '1200', zoneAbbreviation: 'IST' })).toThrow(
      /zoneAbbreviation: .*ambiguous/,
    )
    expect(() => normalizeTime({ date: '20240115', time: '1200', zoneAbbreviation: 'XYZ' })).toThrow(
      /zoneAbbreviation: unknown/,
    )
  })
})
