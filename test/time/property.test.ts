import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { TimeError } from '../../src/errors/index.js'
import { isIsoWithOffset, normalizeTime, toInstant } from '../../src/time/index.js'

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Phoenix',
  'America/Santiago',
  'Europe/London',
  'UTC',
]

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

const localDateTime = fc.record({
  year: fc.integer({ min: 1970, max: 2100 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  zone: fc.constantFrom(...ZONES),
})

describe('normalizeTime properties', () => {
  it('any existing local date-time in a zone round-trips to the same wall clock and a consistent offset', () => {
    fc.assert(
      fc.property(localDateTime, ({ zone, ...p }) => {
        const local = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
        const oracle = DateTime.fromObject(p, { zone })
        const exists = oracle.toFormat("yyyy-MM-dd'T'HH:mm:ss") === local
        const r = normalizeTime({ dateTime: local, timeZone: zone })
        expect(isIsoWithOffset(r.occurredAt)).toBe(true)
        const instant = toInstant(r.occurredAt)
        const offset = IANAZone.create(zone).offset(instant)
        expect(r.occurredAt.slice(-6)).toBe(DateTime.fromMillis(instant, { zone }).toFormat('ZZ'))
        expect(offset).toBe(DateTime.fromMillis(instant, { zone }).offset)
        if (exists) {
          expect(r.occurredAt.slice(0, 19)).toBe(local)
          // In an overlap the earlier instant is chosen: never later than luxon's pick.
          expect(instant).toBeLessThanOrEqual(oracle.toMillis())
        } else {
          // In a gap the time moves forward by the gap, exactly as luxon does.
          expect(instant).toBe(oracle.toMillis())
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('a date-time with an explicit offset keeps its instant and its offset', () => {
    fc.assert(
      fc.property(
        localDateTime,
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        ({ year, month, day, hour, minute, second }, offset) => {
          const sign = offset < 0 ? '-' : '+'
          const off = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
          const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${off}`
          const r = normalizeTime({ dateTime: iso })
          expect(r.occurredAt).toBe(iso)
          expect(toInstant(r.occurredAt)).toBe(Date.parse(iso))
          expect(r.zoneSource).toBe('carrier')
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('any input either normalizes or throws a TimeError (never a TypeError)', () => {
    const field = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...'0123456789:-+/ TZAPMamp.'.split('')) }),
      fc.integer(),
      fc.double(),
      fc.constant(undefined),
      fc.constant(null),
      fc.anything(),
    )
    fc.assert(
      fc.property(
        fc.record(
          {
            dateTime: field,
            date: field,
            time: field,
            offset: field,
            zoneAbbreviation: field,
            x12TimeCode: field,
            timeZone: field,
            defaultZone: fc.oneof(field, fc.constant('America/Chicago')),
            location: fc.oneof(
              fc.record({ countryCode: field, region: field, postalCode: field, city: field }),
              field,
            ),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          try {
            const r = normalizeTime(input as never)
            expect(isIsoWithOffset(r.occurredAt)).toBe(true)
          } catch (e) {
            expect(e).toBeInstanceOf(TimeError)
          }
        },
      ),
      { numRuns: 3000 },
    )
  })
})
