/**
 * normalizeTime reads plain ISO 8601 date-times (`YYYY-MM-DDTHH:mm[:ss[.f]][Z|±HH:MM]`, with a place or a default
 * zone) on a fast path of its own. These properties guard against that path ever answering differently from the
 * general reader: an empty `offset` field (ignored by both) sends the same input down the general path.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeTime, type TimeInput } from '../../src/time/index.js'

const places = [
  undefined,
  { countryCode: 'DE', city: 'Köln' },
  { countryCode: 'NO', city: 'BERGEN' },
  { countryCode: 'US', region: 'TX', postalCode: '78701' },
  { countryCode: 'US', region: 'AZ', postalCode: '85004' },
  { countryCode: 'AU', region: 'NSW', city: 'SYDNEY' },
  Object.freeze({ countryCode: 'GB', city: 'EAST MIDLANDS' }),
  { countryCode: 'US' }, // multi-zone country without a region: no zone
  { countryCode: 'United States' }, // refused, naming location.countryCode
]
const defaultZones = [undefined, 'America/New_York', 'Asia/Kolkata', 'Not/AZone']

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const stamp = fc
  .record({
    year: fc.integer({ min: 1890, max: 2210 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
    offset: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.constant('-00:00'),
      fc
        .integer({ min: -13 * 4, max: 15 * 4 })
        .map((q) => `${q < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(q) / 4))}:${pad((Math.abs(q) % 4) * 15)}`),
      fc.constantFrom('+05:17', '+0100', '+01', '+01:60', 'z', ' '),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
    const sec = second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${sec}${offset}`
  })

/** The answer, or the error's code and message. */
function outcome(input: TimeInput, keep: boolean): unknown {
  try {
    return normalizeTime(input, keep ? { unknownZone: 'keep' } : {})
  } catch (error) {
    return {
      error: (error as Error).message,
      field: (error as { details?: { field?: unknown } }).details?.field,
    }
  }
}

function agree(dateTime: string, location: (typeof places)[number], defaultZone: string | undefined) {
  for (const keep of [false, true]) {
    const input = { dateTime, location, defaultZone }
    expect(outcome(input, keep)).toEqual(outcome({ ...input, offset: '' }, keep))
  }
}

describe('normalizeTime: the plain ISO fast path answers as the general reader', () => {
  it('for random date-times, offsets, places and default zones (invalid ones included)', () => {
    fc.assert(fc.property(stamp, fc.constantFrom(...places), fc.constantFrom(...defaultZones), agree), {
      numRuns: 3000,
    })
  })

  it.each([
    '2024-03-31T02:30:00', // Europe spring-forward gap
    '2024-10-27T02:30:00', // Europe fall-back overlap
    '2024-03-10T02:30:00', // US spring-forward gap
    '2024-11-03T01:30:00', // US fall-back overlap
    '2024-04-07T02:30:00', // Sydney fall-back overlap
    '2024-11-03T06:30:00Z',
    '2023-11-21T15:27:20.331986369+01:00', // DHL eCommerce's nanoseconds
    '2024-06-05T08:14:00-00:00',
  ])('on %s in every place and default zone', (text) => {
    for (const place of places) for (const zone of defaultZones) agree(text, place, zone)
  })
})
