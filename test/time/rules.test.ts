import { describe, expect, it } from 'vitest'
import { normalizeTime, toInstant } from '../../src/time/index.js'

describe('zone precedence (docs/time-model.md)', () => {
  const local = { date: '20240326', time: '105800' }

  it('carrier offset wins over location and default zone', () => {
    const r = normalizeTime({
      ...local,
      offset: '-04:00',
      location: { countryCode: 'US', region: 'IL' },
      defaultZone: 'UTC',
    })
    expect(r.occurredAt).toBe('2024-03-26T10:58:00-04:00')
    expect(r.zoneSource).toBe('carrier')
    // Chicago is -05:00 then: the carrier offset is kept, but the place zone is not claimed for it.
    expect(r.timeZone).toBeUndefined()
  })

  it('regression: an HQ offset on a FedEx date-only fact is kept, never rewritten to the scan location', () => {
    const r = normalizeTime({
      dateTime: '2024-08-20T00:00:00-06:00',
      location: { countryCode: 'US', region: 'NY' },
    })
    expect(r.occurredAt).toBe('2024-08-20T00:00:00-06:00')
  })

  it('a carrier IANA zone comes next, then the location zone, then the default zone', () => {
    expect(
      normalizeTime({ ...local, timeZone: 'Asia/Tokyo', location: { countryCode: 'US', region: 'IL' } }),
    ).toEqual({
      occurredAt: '2024-03-26T10:58:00+09:00',
      timeZone: 'Asia/Tokyo',
      zoneSource: 'carrier',
      precision: 'second',
    })
    expect(
      normalizeTime({ ...local, location: { countryCode: 'JP' }, defaultZone: 'Europe/Paris' }),
    ).toMatchObject({
      occurredAt: '2024-03-26T10:58:00+09:00',
      zoneSource: 'location',
    })
    expect(
      normalizeTime({
        ...local,
        location: { countryCode: 'US', region: 'TX' },
        defaultZone: 'America/Chicago',
      }),
    ).toEqual({
      occurredAt: '2024-03-26T10:58:00-05:00',
      timeZone: 'America/Chicago',
      zoneSource: 'fallback',
      precision: 'second',
    })
  })

  it('regression: a local time is never silently read as UTC', () => {
    expect(() => normalizeTime({ dateTime: '2024-03-26T10:58:00' })).toThrow(/never assumed to be UTC/)
    expect(() => normalizeTime({ ...local, location: { countryCode: 'US', region: 'TX' } })).toThrow(
      /does not determine a zone/,
    )
    expect(() => normalizeTime({ ...local, location: { countryCode: 'ZZ' } })).toThrow(/unknown country code/)
  })

  it('explicit UTC (Z) is re-expressed in the place zone: same instant, offset of the place', () => {
    const r = normalizeTime({
      dateTime: '2024-03-26T15:58:00Z',
      location: { countryCode: 'US', region: 'NY' },
    })
    expect(r).toEqual({
      occurredAt: '2024-03-26T11:58:00-04:00',
      timeZone: 'America/New_York',
      zoneSource: 'carrier',
      precision: 'second',
    })
    expect(toInstant(r.occurredAt)).toBe(Date.parse('2024-03-26T15:58:00Z'))
    // A default zone is a guess about the place: a UTC instant is not re-expressed in it.
    expect(normalizeTime({ dateTime: '2024-03-26T15:58:00Z', defaultZone: 'America/New_York' })).toEqual({
      occurredAt: '2024-03-26T15:58:00+00:00',
      zoneSource: 'carrier',
      precision: 'second',
    })
  })

  it('a UTC date without time keeps its calendar date (not shifted into the place zone)', () => {
    const r = normalizeTime({ date: '20240326', offset: 'Z', location: { countryCode: 'US', region: 'NY' } })
    expect(r.occurredAt).toBe('2024-03-26T00:00:00+00:00')
    expect(r.precision).toBe('day')
  })

  it('a numeric offset that matches the place names the place zone', () => {
    expect(
      normalizeTime({ dateTime: '2024-03-26T10:58:00-05:00', location: { countryCode: 'US', region: 'IL' } })
        .timeZone,
    ).toBe('America/Chicago')
  })

  it('refuses contradicting carrier facts instead of picking one', () => {
    expect(() => normalizeTime({ dateTime: '2024-03-26T10:58:00-05:00', offset: '-04:00' })).toThrow(
      /offset: offset -04:00 conflicts with -05:00 from dateTime/,
    )
    expect(() => normalizeTime({ ...local, x12TimeCode: 'ES', offset: '-04:00' })).toThrow(
      /x12TimeCode: .*conflicts/,
    )
    expect(() => normalizeTime({ ...local, offset: '-04:00', timeZone: 'America/Chicago' })).toThrow(
      /timeZone: .*conflicts/,
    )
    expect(() => normalizeTime({ ...local, x12TimeCode: 'CT', zoneAbbreviation: 'PT' })).toThrow(/conflicts/)
    expect(() => normalizeTime({ ...local, x12TimeCode: 'ET', timeZone: 'America/Chicago' })).toThrow(
      /timeZone: .*conflicts/,
    )
    expect(() => normalizeTime({ ...local, x12TimeCode: 'CT', offset: '-06:00' })).toThrow(
      /^x12TimeCode: its offset at this time conflicts with -06:00 from offset/,
    )
    // Agreeing facts are fine.
    expect(
      normalizeTime({ ...local, x12TimeCode: 'CD', offset: '-0500', zoneAbbreviation: 'CDT' }).occurredAt,
    ).toBe('2024-03-26T10:58:00-05:00')
  })
})

describe('DST edges', () => {
  const ny = { timeZone: 'America/New_York' }
  const berlin = { location: { countryCode: 'DE' } }

  it('America/New_York spring-forward gap: 02:30 moves forward by the gap to 03:30 EDT', () => {
    const r = normalizeTime({ date: '2024-03-10', time: '02:30', ...ny })
    expect(r.occurredAt).toBe('2024-03-10T03:30:00-04:00')
    expect(toInstant(r.occurredAt)).toBe(Date.parse('2024-03-10T07:30:00Z'))
    expect(normalizeTime({ date: '2024-03-10', time: '01:59:59', ...ny }).occurredAt).toBe(
      '2024-03-10T01:59:59-05:00',
    )
    expect(normalizeTime({ date: '2024-03-10', time: '03:00', ...ny }).occurredAt).toBe(
      '2024-03-10T03:00:00-04:00',
    )
  })

  it('America/New_York fall-back overlap: 01:30 is the earlier instant (EDT)', () => {
    const r = normalizeTime({ date: '2024-11-03', time: '01:30', ...ny })
    expect(r.occurredAt).toBe('2024-11-03T01:30:00-04:00')
    expect(toInstant(r.occurredAt)).toBe(Date.parse('2024-11-03T05:30:00Z'))
    expect(normalizeTime({ date: '2024-11-03', time: '02:00', ...ny }).occurredAt).toBe(
      '2024-11-03T02:00:00-05:00',
    )
    // The later instant stays reachable with an explicit offset.
    expect(normalizeTime({ dateTime: '2024-11-03T01:30:00-05:00', ...ny })).toMatchObject({
      occurredAt: '2024-11-03T01:30:00-05:00',
      timeZone: 'America/New_York',
    })
  })

  it('Europe/Berlin spring-forward gap: 02:30 → 03:30 CEST', () => {
    const r = normalizeTime({ dateTime: '2024-03-31T02:30:00', ...berlin })
    expect(r).toEqual({
      occurredAt: '2024-03-31T03:30:00+02:00',
      timeZone: 'Europe/Berlin',
      zoneSource: 'location',
      precision: 'second',
    })
  })

  it('Europe/Berlin fall-back overlap: 02:30 is the earlier instant (CEST)', () => {
    expect(normalizeTime({ dateTime: '2024-10-27T02:30:00', ...berlin }).occurredAt).toBe(
      '2024-10-27T02:30:00+02:00',
    )
    expect(normalizeTime({ dateTime: '2024-10-27T03:00:00', ...berlin }).occurredAt).toBe(
      '2024-10-27T03:00:00+01:00',
    )
    expect(normalizeTime({ dateTime: '2024-10-27T01:59:00', defaultZone: 'Europe/Berlin' }).occurredAt).toBe(
      '2024-10-27T01:59:00+02:00',
    )
  })

  it('a 30-minute DST gap (Australia/Lord_Howe) moves forward by 30 minutes', () => {
    expect(
      normalizeTime({ dateTime: '2024-10-06T02:15:00', timeZone: 'Australia/Lord_Howe' }).occurredAt,
    ).toBe('2024-10-06T02:45:00+11:00')
  })

  it('day precision where midnight does not exist (America/Santiago) is the first instant of the day', () => {
    expect(normalizeTime({ date: '2024-09-08', timeZone: 'America/Santiago' })).toMatchObject({
      occurredAt: '2024-09-08T01:00:00-03:00',
      precision: 'day',
    })
  })

  it('X12 ET on the overlap night follows the same rule', () => {
    expect(normalizeTime({ date: '20241103', time: '0130', x12TimeCode: 'ET' }).occurredAt).toBe(
      '2024-11-03T01:30:00-04:00',
    )
  })
})
