import { describe, expect, it } from 'vitest'
import { normalizeTime } from '../../src/time/index.js'

const CHICAGO = { countryCode: 'US', region: 'IL' }

describe('normalizeTime: date formats', () => {
  it.each([
    ['20240326', '2024-03-26'],
    ['2024-03-26', '2024-03-26'],
    ['2024/03/26', '2024-03-26'],
    ['03/26/2024', '2024-03-26'],
    ['3/6/2024', '2024-03-06'],
    ['240326', '2024-03-26'],
    ['691231', '2069-12-31'],
    ['700101', '1970-01-01'],
    ['991231', '1999-12-31'],
  ])('reads %s as %s', (date, iso) => {
    const r = normalizeTime({ date, time: '1200', location: CHICAGO })
    expect(r.occurredAt.slice(0, 10)).toBe(iso)
  })

  it('accepts 29 February in a leap year only', () => {
    expect(normalizeTime({ date: '20240229', location: CHICAGO }).occurredAt).toBe(
      '2024-02-29T00:00:00-06:00',
    )
    expect(() => normalizeTime({ date: '20230229', location: CHICAGO })).toThrow(
      /date: day 29 does not exist/,
    )
  })
})

describe('normalizeTime: time formats', () => {
  it.each([
    ['105800', '10:58:00', 'second'],
    ['1058', '10:58:00', 'minute'],
    ['10:58', '10:58:00', 'minute'],
    ['10:58:00', '10:58:00', 'second'],
    ['74700', '07:47:00', 'second'],
    ['747', '07:47:00', 'minute'],
    ['7:47 AM', '07:47:00', 'minute'],
    ['7:47AM', '07:47:00', 'minute'],
    ['7:47 pm', '19:47:00', 'minute'],
    ['7:47:05 p.m.', '19:47:05', 'second'],
    ['12:00 AM', '00:00:00', 'minute'],
    ['12:30 PM', '12:30:00', 'minute'],
    ['0000', '00:00:00', 'minute'],
    ['235959', '23:59:59', 'second'],
    [' 10:58 ', '10:58:00', 'minute'],
  ])('reads %j as %s (%s precision)', (time, clock, precision) => {
    const r = normalizeTime({ date: '20240326', time, location: CHICAGO })
    expect(r.occurredAt).toBe(`2024-03-26T${clock}-05:00`)
    expect(r.precision).toBe(precision)
  })

  it('keeps tenths and hundredths of X12 HHMMSSD(D) and fractions of HH:MM:SS.s as milliseconds', () => {
    expect(normalizeTime({ date: '20240326', time: '10580012', location: CHICAGO }).occurredAt).toBe(
      '2024-03-26T10:58:00.120-05:00',
    )
    expect(normalizeTime({ date: '20240326', time: '1058001', location: CHICAGO }).occurredAt).toBe(
      '2024-03-26T10:58:00.100-05:00',
    )
    expect(normalizeTime({ date: '20240326', time: '10:58:00.5', location: CHICAGO }).occurredAt).toBe(
      '2024-03-26T10:58:00.500-05:00',
    )
  })
})

describe('normalizeTime: ISO dateTime', () => {
  it.each([
    ['2024-03-26T10:58:00-05:00', '2024-03-26T10:58:00-05:00', 'second'],
    ['2024-03-26T10:58-05:00', '2024-03-26T10:58:00-05:00', 'minute'],
    ['2024-03-26T10:58:00-0500', '2024-03-26T10:58:00-05:00', 'second'],
    ['2024-03-26T10:58:00+05:30', '2024-03-26T10:58:00+05:30', 'second'],
    ['2024-03-26T10:58:00.250+01:00', '2024-03-26T10:58:00.250+01:00', 'second'],
    ['2024-03-26T10:58:00.000+01:00', '2024-03-26T10:58:00+01:00', 'second'],
    ['2024-03-26T15:58:00.000Z', '2024-03-26T15:58:00+00:00', 'second'],
    ['2024-03-26t15:58:00z', '2024-03-26T15:58:00+00:00', 'second'],
  ])('keeps the carrier instant of %s', (dateTime, occurredAt, precision) => {
    expect(normalizeTime({ dateTime })).toEqual({ occurredAt, zoneSource: 'carrier', precision })
  })

  it('reads local ISO forms (T or space, with or without seconds) in the zone of the place', () => {
    expect(normalizeTime({ dateTime: '2024-03-26T10:58:00', location: CHICAGO })).toEqual({
      occurredAt: '2024-03-26T10:58:00-05:00',
      timeZone: 'America/Chicago',
      zoneSource: 'location',
      precision: 'second',
    })
    expect(normalizeTime({ dateTime: '2024-03-26 10:58', location: CHICAGO }).occurredAt).toBe(
      '2024-03-26T10:58:00-05:00',
    )
  })

  it('gives a date alone day precision at the local start of the day', () => {
    expect(normalizeTime({ dateTime: '2024-06-05', location: { countryCode: 'DE' } })).toEqual({
      occurredAt: '2024-06-05T00:00:00+02:00',
      timeZone: 'Europe/Berlin',
      zoneSource: 'location',
      precision: 'day',
    })
    expect(normalizeTime({ date: '20240605', offset: '-06:00' })).toEqual({
      occurredAt: '2024-06-05T00:00:00-06:00',
      zoneSource: 'carrier',
      precision: 'day',
    })
  })
})

describe('normalizeTime: offsets', () => {
  it.each([
    ['-5:00', '-05:00'],
    ['-05:00', '-05:00'],
    ['-0500', '-05:00'],
    ['-5', '-05:00'],
    ['+5:45', '+05:45'],
    ['+14:00', '+14:00'],
    ['-12:00', '-12:00'],
    ['UTC-5', '-05:00'],
    ['GMT+01:00', '+01:00'],
    ['+00:00', '+00:00'],
  ])('offset %s → %s', (offset, suffix) => {
    const r = normalizeTime({ date: '20240326', time: '105800', offset })
    expect(r.occurredAt).toBe(`2024-03-26T10:58:00${suffix}`)
    expect(r.zoneSource).toBe('carrier')
  })

  it('reads a numeric offset as minutes east of UTC', () => {
    expect(normalizeTime({ date: '20240326', time: '1058', offset: -300 }).occurredAt).toBe(
      '2024-03-26T10:58:00-05:00',
    )
    expect(normalizeTime({ date: '20240326', time: '1058', offset: 330 }).occurredAt).toBe(
      '2024-03-26T10:58:00+05:30',
    )
    expect(normalizeTime({ date: '20240326', time: '1058', offset: 0 }).occurredAt).toBe(
      '2024-03-26T10:58:00+00:00',
    )
  })

  it('USPS style: local timestamp plus unpadded GMTOffset keeps the local wall clock', () => {
    expect(normalizeTime({ dateTime: '2024-03-26T10:58:00', offset: '-7:00' }).occurredAt).toBe(
      '2024-03-26T10:58:00-07:00',
    )
  })

  it('UPS style: gmtDate + gmtTime with colons and Z offset, placed in the scan location zone', () => {
    const r = normalizeTime({ date: '20240326', time: '15:58:00', offset: 'Z', location: CHICAGO })
    expect(r).toEqual({
      occurredAt: '2024-03-26T10:58:00-05:00',
      timeZone: 'America/Chicago',
      zoneSource: 'carrier',
      precision: 'second',
    })
  })
})
