/**
 * The per-event fast paths (event ids, place memo, `clean`, digit-by-digit dates and times) against plain
 * reference versions of what they replace: the shortcuts must never change an answer.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clean, createEvent, placeMemo } from '../../src/adapter/index.js'
import { utcMs } from '../../src/model/calendar.js'
import { computeEventId, eventId, type Location, sortByInstants } from '../../src/model/index.js'
import { formatInstant } from '../../src/time/clock.js'
import { normalizeTime } from '../../src/time/index.js'
import { checkDate, checkTime, parseDate, parseTime } from '../../src/time/parse.js'

const SEP = '\u001f'
const part = (value: string | undefined) => (value ? value.trim().toUpperCase() : '')

/** The event id exactly as documented: SHA-256 over the joined facts, base64url, 22 characters kept. */
function referenceId(
  carrier: string,
  trackingNumber: string,
  occurredAt: string,
  rawCode: string | undefined,
  location: Location | undefined,
  discriminator: string | undefined,
): string {
  const instant = Date.parse(occurredAt)
  const place = location
    ? [location.facility, location.city, location.region, location.postalCode, location.countryCode]
        .map(part)
        .join('|')
    : ''
  const key = [
    carrier,
    trackingNumber.toUpperCase(),
    Number.isNaN(instant) ? occurredAt : String(instant),
    (rawCode ?? '').toUpperCase(),
    place,
    discriminator ?? '',
  ].join(SEP)
  return `ev_${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`
}

const text = fc.string({ maxLength: 12, unit: 'grapheme' })
const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15)
const instant = fc.integer({ min: -2_208_988_800_000, max: 7_258_118_400_000 })
const location = fc.record(
  { city: text, region: text, postalCode: text, countryCode: text, facility: text },
  { requiredKeys: [] },
)

describe('event ids', () => {
  it('equal the documented SHA-256 form for any facts, frozen place or not (guards the id shortcuts)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ups', 'fedex', 'dhl'),
        fc.string({ minLength: 1, maxLength: 20 }),
        instant,
        offset,
        fc.boolean(),
        fc.option(text, { nil: undefined }),
        fc.option(location, { nil: undefined }),
        fc.boolean(),
        fc.option(text, { nil: undefined }),
        (carrier, number, at, minutes, formatFirst, code, place, freeze, discriminator) => {
          // Formatting first primes the "instant of the text formatted last" shortcut; without it, it is cold.
          const occurredAt = formatFirst
            ? formatInstant(at, minutes)
            : new Date(at).toISOString().replace('Z', '+00:00')
          const where = place && freeze ? Object.freeze({ ...place }) : place
          const want = referenceId(carrier, number, occurredAt, code, where, discriminator)
          expect(computeEventId(carrier, number, occurredAt, code, where, discriminator)).toBe(want)
          // twice: the second call answers from the per-number and per-place memos
          expect(computeEventId(carrier, number, occurredAt, code, where, discriminator)).toBe(want)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('equal the documented form whether the key is hashed as bytes or as text (guards the byte-written key)', () => {
    // ASCII facts (written as bytes, lower case upper-cased byte by byte; with the first characters past ASCII,
    // which must take the text path), any UTF-16 including lone surrogates (the text path), keys longer than the
    // byte scratch, places frozen or not, and instants that are not whole milliseconds from 0 to 1e15.
    const ascii = fc.string({
      maxLength: 12,
      unit: fc.constantFrom(...'aAzZ09 -|{~\u007f\u0000\u0080\u00ff'.split('')),
    })
    const anyText = fc.oneof(
      { arbitrary: ascii, weight: 4 },
      fc.string({ maxLength: 12, unit: 'binary' }),
      fc.string({ minLength: 1000, maxLength: 1200 }),
    )
    const place = fc.record(
      { city: ascii, region: ascii, postalCode: ascii, countryCode: ascii, facility: anyText },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('ups', 'edi214'), anyText),
        anyText,
        fc.oneof(
          instant,
          fc.double({ noNaN: true }),
          fc.constantFrom(0, -0, 1, 10, 999_999, 1e6, 1e12, 1e15 - 1, 1e15),
        ),
        fc.option(anyText, { nil: undefined }),
        fc.option(place, { nil: undefined }),
        fc.boolean(),
        fc.option(anyText, { nil: undefined }),
        (carrier, number, at, code, given, freeze, discriminator) => {
          const where = given && freeze ? Object.freeze({ ...given }) : given
          const date = new Date(at)
          const occurredAt = Number.isNaN(date.getTime())
            ? `not a time ${at}`
            : date.toISOString().replace('Z', '+00:00')
          const want = referenceId(carrier, number, occurredAt, code, where, discriminator)
          expect(computeEventId(carrier, number, occurredAt, code, where, discriminator)).toBe(want)
          // twice: a frozen place's key is then known (text and bytes)
          expect(computeEventId(carrier, number, occurredAt, code, where, discriminator)).toBe(want)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('do not take the instant of an earlier formatted time for a different text (guards the instant memo)', () => {
    const formatted = formatInstant(Date.UTC(2024, 5, 10, 12), -300)
    const other = '2024-06-10T07:00:00-04:00'
    expect(eventId({ carrier: 'x', trackingNumber: 'N', occurredAt: other })).toBe(
      referenceId('x', 'N', other, undefined, undefined, undefined),
    )
    expect(eventId({ carrier: 'x', trackingNumber: 'N', occurredAt: formatted })).toBe(
      referenceId('x', 'N', formatted, undefined, undefined, undefined),
    )
  })

  it('keep non-whole-millisecond and unparseable times as the reference does', () => {
    // (with a non-digit in each field: the shared digit reader answers -1 there, which must never pass as a value)
    const garbled = ['2024-06-10T-1:00:00-04:00', '2024-06-10T07:-1:00-04:00', '2024-06-10T07:00:-1-04:00']
    garbled.push('2024-06-10T07:00:00--1:00', '2024-06-10T07:00:00-04:-1', '2024-06-10T07:00:00.-01-04:00')
    for (const occurredAt of [
      '2024-06-10T07:00:00.5-04:00',
      'not a time',
      '1969-12-31T23:59:59+00:00',
      ...garbled,
    ]) {
      expect(eventId({ carrier: 'x', trackingNumber: 'n', occurredAt, rawCode: 'ab' })).toBe(
        referenceId('x', 'n', occurredAt, 'ab', undefined, undefined),
      )
    }
  })

  it('createEvent writes the schema order whatever order the input uses', () => {
    const event = createEvent({
      raw: { source: 'rest', code: 'X' },
      description: 'd',
      location: { city: 'A' },
      precision: 'second',
      zoneSource: 'carrier',
      timeZone: 'America/Chicago',
      occurredAt: '2024-06-10T07:00:00-05:00',
      reason: 'weather',
      milestone: 'delayed',
      status: 'exception',
      trackingNumber: 'N',
      carrier: 'x',
    })
    expect(Object.keys(event)).toEqual([
      'id',
      'carrier',
      'trackingNumber',
      'status',
      'milestone',
      'reason',
      'occurredAt',
      'timeZone',
      'zoneSource',
      'precision',
      'location',
      'description',
      'raw',
    ])
  })
})

describe('placeMemo', () => {
  it('returns one frozen object per place, and reads again for a different place', () => {
    const memo = placeMemo()
    let reads = 0
    const read = (city: string) => () => {
      reads++
      return { city, coordinates: { latitude: 1, longitude: 2 } }
    }
    const a = memo(['A', 'TN', undefined], read('A'))
    const again = memo(['A', 'TN', null], read('A'))
    const b = memo(['A', 'TN', ''], read('B'))
    expect(again).toBe(a)
    expect(b).not.toBe(a)
    expect(b?.city).toBe('B')
    expect(reads).toBe(2)
    expect(Object.isFrozen(a)).toBe(true)
    expect(Object.isFrozen(a?.coordinates)).toBe(true)
    expect(() => {
      ;(a as { city?: string }).city = 'changed'
    }).toThrow(TypeError)
  })

  it('remembers "no place" and sends non-text parts straight to the reader', () => {
    const memo = placeMemo()
    let reads = 0
    const none = () => {
      reads++
      return undefined
    }
    expect(memo(['X'], none)).toBeUndefined()
    expect(memo(['X'], none)).toBeUndefined()
    expect(reads).toBe(1)
    memo([42, 'X'], none)
    memo([42, 'X'], none)
    expect(reads).toBe(3)
  })

  it('stays bounded: past the limit it starts over and still answers right', () => {
    const memo = placeMemo(3)
    for (let i = 0; i < 10; i++) expect(memo([`c${i}`], () => ({ city: `c${i}` }))?.city).toBe(`c${i}`)
  })
})

describe('clean', () => {
  const reference = (value: string) =>
    /^\s|\s$|\s\s|[^\S ]/.test(value)
      ? value.replace(/\s+/g, ' ').trim() || undefined
      : value === ''
        ? undefined
        : value
  const spaces = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028']
  const more = ['\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u200b', '\u180e', 'a', 'Z', 'é']

  it('matches the whitespace pattern it replaces (guards the character scan)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...spaces, ...more), { maxLength: 8 }), (chars) => {
        const value = chars.join('')
        expect(clean(value)).toBe(reference(value))
      }),
      { numRuns: 5000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(clean(value)).toBe(reference(value))
      }),
    )
  })
})

describe('digit-by-digit dates and times', () => {
  // The pattern readers the digit-by-digit paths replace, as they were.
  function referenceDate(raw: string): unknown {
    let m =
      /^(\d{4})(\d{2})(\d{2})$/.exec(raw) ??
      /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ??
      /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(raw)
    if (m) return outcome(() => checkDate('date', raw, Number(m![1]), Number(m![2]), Number(m![3])))
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw)
    if (m) return outcome(() => checkDate('date', raw, Number(m![3]), Number(m![1]), Number(m![2])))
    m = /^(\d{2})(\d{2})(\d{2})$/.exec(raw)
    if (m) {
      const yy = Number(m[1])
      return outcome(() =>
        checkDate('date', raw, yy < 70 ? 2000 + yy : 1900 + yy, Number(m![2]), Number(m![3])),
      )
    }
    return 'not a date'
  }
  function referenceDigitTime(raw: string): unknown {
    const d = raw.length === 3 || raw.length === 5 ? `0${raw}` : raw
    const second = d.length >= 6 ? Number(d.slice(4, 6)) : undefined
    return outcome(() =>
      checkTime('time', raw, Number(d.slice(0, 2)), Number(d.slice(2, 4)), second, d.slice(6) || undefined),
    )
  }
  const chars = (n: number, set: string) =>
    fc.string({ unit: fc.constantFrom(...set), minLength: n, maxLength: n })

  it('read dates as the patterns did, errors included (guards the YYYYMMDD / YYYY-MM-DD shortcut)', () => {
    fc.assert(
      fc.property(
        fc.oneof(chars(8, '0123456789/x'), chars(10, '0123456789-/'), chars(6, '0123456789')),
        (raw) => {
          const got = outcome(() => parseDate('date', raw))
          const want = referenceDate(raw)
          expect(typeof got === 'string' ? 'error' : got).toEqual(typeof want === 'string' ? 'error' : want)
          if (typeof got === 'string' && typeof want === 'string' && want !== 'not a date')
            expect(got).toBe(want)
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('read digit times as the slices did (guards the digit-by-digit time reader)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }).chain((n) => chars(n, '0123456789')),
        (raw) => {
          expect(outcome(() => parseTime('time', raw))).toEqual(referenceDigitTime(raw))
        },
      ),
      { numRuns: 5000 },
    )
  })
})

/** A result, or the error's message: what a caller can observe. */
function outcome(run: () => unknown): unknown {
  try {
    return run()
  } catch (error) {
    return (error as Error).message
  }
}

describe('utcMs', () => {
  it('equals Date.UTC on every real date and time from year 100 on (guards the civil-date arithmetic)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const y = date.getUTCFullYear()
          const m = date.getUTCMonth() + 1
          const d = date.getUTCDate()
          const args = [
            date.getUTCHours(),
            date.getUTCMinutes(),
            date.getUTCSeconds(),
            date.getUTCMilliseconds(),
          ] as const
          expect(utcMs(y, m, d, ...args)).toBe(date.getTime())
        },
      ),
      { numRuns: 20_000 },
    )
    for (const [y, m, d] of [
      [2000, 2, 29],
      [1900, 2, 28],
      [2100, 3, 1],
      [1970, 1, 1],
      [1969, 12, 31],
      [400, 2, 29],
    ])
      expect(utcMs(y!, m!, d!, 23, 59, 59, 999)).toBe(Date.UTC(y!, m! - 1, d!, 23, 59, 59, 999))
  })
})

describe('formatInstant', () => {
  /** ISO 8601 at an offset, from Date: the reference the cached date prefixes and offset suffixes must match. */
  function reference(instant: number, minutes: number): string {
    const local = new Date(instant + minutes * 60_000).toISOString() // YYYY-MM-DDTHH:mm:ss.sssZ, shifted
    const ms = local.slice(19, 23)
    const abs = Math.abs(minutes)
    const offset = `${minutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
    return `${local.slice(0, 19)}${ms === '.000' ? '' : ms}${offset}`
  }

  it('writes what Date writes, at any whole-minute offset (guards the two-digit and offset tables)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }),
        fc.oneof(
          fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
          fc.integer({ min: -1500, max: 1500 }),
        ),
        (instant, minutes) => {
          expect(formatInstant(instant, minutes)).toBe(reference(instant, minutes))
          expect(formatInstant(instant, minutes)).toBe(reference(instant, minutes)) // from the caches
        },
      ),
      { numRuns: 20_000 },
    )
  })
})

describe('normalizeTime direct path', () => {
  it('refuses a non-digit in any field as the general reader does (guards the shared digit reader)', () => {
    for (const dateTime of [
      '2024-06-10T-1:00:00-04:00',
      '2024-06-10T07:-1:00-04:00',
      '2024-06-10T07:00:-1-04:00',
      '2024-06-10T07:00:00--1:00',
      '2024-06-10T07:00:00-04:-1',
    ])
      expect(outcome(() => normalizeTime({ dateTime }))).toMatch(/dateTime/)
  })
})

// Guards the one sort by known instants that sortEvents, the EDI mapper and UniqueEvents share: its shortcuts
// (runs already in order, numeric keys) must give exactly the stable comparator's order, NaN included.
describe('sortByInstants', () => {
  const instant = fc.oneof(
    fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
    fc.integer({ min: -2e12, max: 2e12 }),
    fc.constantFrom(Number.NaN, 0.5, 8.64e15, -8.64e15),
  )
  const lists = fc.oneof(
    fc.array(instant, { maxLength: 70 }),
    fc.array(instant, { maxLength: 70 }).map((l) => [...l].sort((a, b) => a - b)),
    fc.array(instant, { maxLength: 70 }).map((l) => [...l].sort((a, b) => b - a)),
  )
  it('orders exactly as the stable comparator (a - b) || (i - j)', () => {
    fc.assert(
      fc.property(lists, (instants) => {
        const events = instants.map((_, i) => i)
        const reference = [...events].sort(
          (a, b) => (instants[a] as number) - (instants[b] as number) || a - b,
        )
        expect(sortByInstants(events, instants)).toEqual(reference)
        expect(sortByInstants(Object.freeze([...events]), instants)).toEqual(reference)
      }),
      { numRuns: 3000 },
    )
  })
})
