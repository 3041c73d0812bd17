import { describe, expect, it } from 'vitest'
import { isWaybillError, TimeError } from '../../src/errors/index.js'
import { isIsoWithOffset, normalizeTime, type TimeInput, toInstant } from '../../src/time/index.js'

function timeErrorOf(fn: () => unknown): TimeError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(TimeError)
    expect(isWaybillError(e)).toBe(true)
    return e as TimeError
  }
  throw new Error('expected a TimeError, nothing was thrown')
}

const here = { location: { countryCode: 'US', region: 'IL' } }

describe('normalizeTime refuses what it cannot read, naming the field and value', () => {
  it.each<[string, TimeInput, RegExp]>([
    ['impossible date', { date: '2024-02-30', ...here }, /^date: day 30 does not exist.*"2024-02-30"/],
    ['impossible ISO date', { dateTime: '2024-02-30T10:00:00Z' }, /^dateTime: day 30/],
    ['month 13', { date: '20241326', ...here }, /^date: month 13/],
    ['DD/MM order', { date: '26/03/2024', ...here }, /^date: month 26/],
    ['placeholder year', { date: '00010101', ...here }, /^date: year 1 is outside/],
    ['garbage date', { date: 'yesterday', ...here }, /^date: not a date.*"yesterday"/],
    ['7-digit date', { date: '2024326', ...here }, /^date: not a date/],
    ['hour 25', { date: '20240326', time: '25:00', ...here }, /^time: hour 25 does not exist.*"25:00"/],
    ['hour 24', { date: '20240326', time: '2400', ...here }, /^time: hour 24/],
    ['minute 60', { date: '20240326', time: '1060', ...here }, /^time: minute 60/],
    ['second 60', { date: '20240326', time: '105860', ...here }, /^time: second 60/],
    [
      '13 PM',
      { date: '20240326', time: '13:00 PM', ...here },
      /^time: hour 13 does not exist on a 12-hour clock/,
    ],
    ['garbage time', { date: '20240326', time: 'noon', ...here }, /^time: not a time.*"noon"/],
    ['two digits', { date: '20240326', time: '10', ...here }, /^time: not a time/],
    ['ISO hour 25', { dateTime: '2024-03-26T25:00:00Z' }, /^dateTime: hour 25/],
    ['ISO garbage', { dateTime: 'Tuesday, March 26' }, /^dateTime: not an ISO 8601/],
    ['offset on a date alone', { dateTime: '2024-03-26Z' }, /^dateTime: an offset needs a time/],
    ['offset out of range', { date: '20240326', time: '1000', offset: '+15:00' }, /^offset: offset outside/],
    [
      'offset minutes 07',
      { date: '20240326', time: '1000', offset: '-05:07' },
      /^offset: offset must be whole quarter hours/,
    ],
    [
      'offset minutes 75',
      { date: '20240326', time: '1000', offset: '-05:75' },
      /^offset: offset minutes must be 00-59/,
    ],
    ['offset garbage', { date: '20240326', time: '1000', offset: 'EST5EDT' }, /^offset: not an offset/],
    [
      'offset hours as number',
      { date: '20240326', time: '1000', offset: -5 },
      /^offset: offset must be minutes east/,
    ],
    [
      'offset NaN',
      { date: '20240326', time: '1000', offset: Number.NaN },
      /^offset: offset minutes must be a whole number/,
    ],
    [
      'offset object',
      { date: '20240326', time: '1000', offset: {} as never },
      /^offset: expected a string or a number/,
    ],
    [
      'unknown IANA zone',
      { date: '20240326', time: '1000', timeZone: 'Mars/Olympus' },
      /^timeZone: not an IANA time zone/,
    ],
    [
      'unknown default zone',
      { date: '20240326', time: '1000', defaultZone: 'EST-ish' },
      /^defaultZone: not an IANA/,
    ],
    [
      'x12 code',
      { date: '20240326', time: '1000', x12TimeCode: 'QQ' },
      /^x12TimeCode: unknown X12 time code "QQ"/,
    ],
    [
      'country code shape',
      { date: '20240326', time: '1000', location: { countryCode: '12' } },
      /^location\.countryCode: expected an ISO/,
    ],
    [
      'location not an object',
      { date: '20240326', time: '1000', location: 'Chicago' as never },
      /^location: expected an object/,
    ],
    [
      'region not a string',
      { date: '20240326', location: { countryCode: 'US', region: 17 as never } },
      /^location\.region: expected a string/,
    ],
    ['date not a string', { date: 20240326 as never, ...here }, /^date: expected a string.*20240326/],
    [
      'time not a string',
      { date: '20240326', time: [1058] as never, ...here },
      /^time: expected a string.*an array/,
    ],
    [
      'both forms',
      { dateTime: '2024-03-26T10:58:00Z', date: '20240326' },
      /^dateTime: give either dateTime or date\/time/,
    ],
    ['time alone (USPS 2023 regression)', { time: '10:58', ...here }, /^time: a time without a date/],
    ['nothing', { ...here }, /^dateTime: no date given/],
    [
      'huge string',
      { dateTime: `2024-03-26T10:58:00${' '.repeat(10)}${'9'.repeat(1_000_000)}` },
      /^dateTime: too long.*characters\)/,
    ],
  ])('%s', (_name, input, message) => {
    const e = timeErrorOf(() => normalizeTime(input))
    expect(e.code).toBe('ERR_TIME')
    expect(e.message).toMatch(message)
    expect(e.details.field).toBe(e.message.split(':')[0])
  })

  it('refuses a non-object input', () => {
    for (const input of [null, undefined, 'x', 42, []]) {
      expect(timeErrorOf(() => normalizeTime(input as never)).message).toMatch(/^input: expected an object/)
    }
  })

  it('never echoes more than a short excerpt of a huge value', () => {
    const e = timeErrorOf(() => normalizeTime({ date: 'x'.repeat(100_000), ...here }))
    expect(e.message.length).toBeLessThan(200)
    expect(String(e.details.value).length).toBeLessThanOrEqual(100)
  })
})

describe('isIsoWithOffset / toInstant', () => {
  it.each([
    '2024-03-26T10:58:00-05:00',
    '2024-03-26T10:58-05:00',
    '2024-03-26T10:58:00.123+05:30',
    '2024-03-26T15:58:00Z',
    '2024-02-29T00:00:00+00:00',
  ])('accepts %s', (value) => {
    expect(isIsoWithOffset(value)).toBe(true)
    expect(toInstant(value)).toBe(Date.parse(value))
  })

  it.each([
    '2024-03-26T10:58:00',
    '2024-03-26 10:58:00-05:00',
    '2024-03-26',
    '2024-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-03-26T24:00:00Z',
    '2024-03-26T10:60:00Z',
    '2024-03-26T10:58:00-0500',
    '2024-03-26T10:58:00+15:00',
    '2024-03-26T10:58:00.1234Z',
    '',
  ])('refuses %j', (value) => {
    expect(isIsoWithOffset(value)).toBe(false)
    expect(timeErrorOf(() => toInstant(value)).message).toMatch(
      /^occurredAt: not an ISO 8601 date-time with offset/,
    )
  })

  it('refuses non-strings without a TypeError', () => {
    expect(isIsoWithOffset(42 as never)).toBe(false)
    expect(timeErrorOf(() => toInstant(undefined as never)).message).toMatch(/got nothing/)
  })
})
