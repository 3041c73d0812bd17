import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dmsToDegrees, isPre4010 } from '../../src/edi/index.js'
import { X12TimeResolver } from '../../src/edi/time214.js'
import { eventInstant, type Location } from '../../src/model/index.js'
import { normalizeTime } from '../../src/time/index.js'

const PLACES: (Location | undefined)[] = [
  undefined,
  { city: 'CHICAGO', region: 'IL', countryCode: 'US' },
  { city: 'PHOENIX', region: 'AZ', countryCode: 'US' },
  { city: 'TORONTO', region: 'ON', countryCode: 'CA' },
  { city: 'LONDON', countryCode: 'GB' },
  { region: 'TX' },
]

/**
 * The answer without its instant, once the instant is checked to be exactly what the model reads from `occurredAt`
 * (#26: the resolver hands it to the event id and the shipment's order instead of them reading it back).
 */
function checked<T extends { instant: number; occurredAt: string }>(time: T): Omit<T, 'instant'> {
  const { instant, ...rest } = time
  expect(Object.is(instant, eventInstant(rest)), `${rest.occurredAt}: instant ${instant}`).toBe(true)
  return rest
}

function direct(
  date: string,
  time: string,
  code: string,
  place: Location | undefined,
  zone: string | undefined,
) {
  const country = place?.countryCode ?? (place?.region === 'TX' ? 'US' : undefined)
  const location = place || country ? { ...place, ...(country ? { countryCode: country } : {}) } : undefined
  try {
    return normalizeTime({
      date,
      ...(time ? { time } : {}),
      ...(code ? { x12TimeCode: code } : {}),
      ...(location ? { location } : {}),
      ...(zone ? { defaultZone: zone } : {}),
    })
  } catch (error) {
    return { error: (error as Error).name }
  }
}

describe('X12TimeResolver', () => {
  it('gives exactly what normalizeTime gives, DST change days included (regression: no per-day shortcut across a DST change)', () => {
    const resolver = new X12TimeResolver()
    const day = fc.constantFrom(
      '20240310',
      '20241103',
      '20240331',
      '20241027',
      '20240615',
      '20240101',
      '240310',
      '20240230',
    )
    const time = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`),
      fc.constantFrom('0230', '0130', '015959', '023000', '', '12', '093015', '10300015'),
    )
    // Codes that say the same thing share cached facts (LT, lt and none; UT, GM and gm; CD and ES): #26.
    const code = fc.constantFrom(
      'LT',
      'lt',
      '',
      'CT',
      'CS',
      'CD',
      'ES',
      'UT',
      'GM',
      'gm',
      'ET',
      'MT',
      '05',
      '17',
      'PD',
      'XX',
    )
    const place = fc.constantFrom(...PLACES)
    const zone = fc.constantFrom(undefined, 'America/New_York', 'Europe/Paris')
    fc.assert(
      fc.property(day, time, code, place, zone, (d, t, c, p, z) => {
        let actual: unknown
        try {
          actual = checked(resolver.resolve({ date: d, time: t, timeCode: c }, p, z))
        } catch (error) {
          actual = { error: (error as Error).name }
        }
        expect(actual).toEqual(direct(d, t, c, p, z))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('X12TimeResolver shares answers between places of one zone (#26)', () => {
  it('gives exactly what normalizeTime gives for many places of few zones, places without a zone and refused places', () => {
    // Several places per zone, places that determine no zone for different reasons, and a place normalizeTime
    // refuses (a city name over 100 characters): regression for answers cached per zone leaking across them.
    const places: (Location | undefined)[] = [
      undefined,
      { city: 'CHICAGO', region: 'IL', countryCode: 'US' },
      { city: 'PEORIA', region: 'IL', countryCode: 'US' },
      { city: 'DALLAS', region: 'TX', countryCode: 'US' },
      { city: 'EL PASO', region: 'TX', countryCode: 'US' },
      { city: 'PHOENIX', region: 'AZ', countryCode: 'US' },
      { city: 'DENVER', region: 'CO', countryCode: 'US' },
      { city: 'NOWHEREVILLE XYZ', region: 'TN', countryCode: 'US' },
      { region: 'TN', countryCode: 'US' },
      { city: 'SOMEWHERE', countryCode: 'ZZ' },
      { city: 'SOMEWHERE' },
      { region: 'TX' },
      { city: 'X'.repeat(150), region: 'IL', countryCode: 'US' },
      Object.freeze({ city: 'MEMPHIS', region: 'TN', countryCode: 'US', postalCode: '38118' }),
    ]
    const resolver = new X12TimeResolver()
    const keeping = new X12TimeResolver()
    const day = fc.constantFrom(
      '20240310',
      '20241103',
      '20240615',
      '20240101',
      '20240229',
      '20241231',
      '20240230',
    )
    const time = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
        .map(([h, m, s]) => `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}${s ? '07' : ''}`),
      fc.constantFrom('0000', '0230', '1200', '235959', '0130', '2400', '12', '093015'),
    )
    const code = fc.constantFrom('LT', '', 'CT', 'ET', 'MT', 'PT', 'UT', 'GM', 'CD', 'ED', 'PD')
    const place = fc.constantFrom(...places)
    const zone = fc.constantFrom(undefined, undefined, 'America/New_York')
    const outcome = (run: () => unknown) => {
      try {
        return run()
      } catch (error) {
        return { error: (error as Error).name, message: (error as Error).message }
      }
    }
    fc.assert(
      fc.property(day, time, code, place, zone, (d, t, c, p, z) => {
        const input = {
          date: d,
          time: t,
          ...(c ? { x12TimeCode: c } : {}),
          ...(p
            ? { location: { ...p, ...(p.region === 'TX' && !p.countryCode ? { countryCode: 'US' } : {}) } }
            : {}),
          ...(z ? { defaultZone: z } : {}),
        }
        const at = { date: d, time: t, timeCode: c }
        expect(outcome(() => checked(resolver.resolve(at, p, z)))).toEqual(
          outcome(() => normalizeTime(input)),
        )
        expect(outcome(() => checked(keeping.resolveKeeping(at, p, z)))).toEqual(
          outcome(() => normalizeTime(input, { unknownZone: 'keep' })),
        )
      }),
      { numRuns: 8000 },
    )
  })
})

describe('X12TimeResolver on DST change days', () => {
  it("gives normalizeTime's answer for every minute of the day (regression: hour-level facts on DST days)", () => {
    const places: (Location | undefined)[] = [
      { city: 'CHICAGO', region: 'IL', countryCode: 'US' },
      { city: 'LONDON', countryCode: 'GB' },
      undefined,
    ]
    const cases: [string, string, string | undefined][] = [
      ['20240310', 'LT', undefined],
      ['20241103', 'LT', undefined],
      ['20240331', 'LT', undefined],
      ['20241027', '', undefined],
      // Lord Howe Island moves its clocks by 30 minutes.
      ['20240407', '', 'Australia/Lord_Howe'],
      ['20241006', '', 'Australia/Lord_Howe'],
      ['20240310', 'UT', 'America/Chicago'],
    ]
    for (const [date, code, zone] of cases) {
      const resolver = new X12TimeResolver()
      for (const place of places) {
        for (let minute = 0; minute < 24 * 60; minute++) {
          const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}${String(minute % 60).padStart(2, '0')}`
          let actual: unknown
          try {
            actual = checked(resolver.resolve({ date, time, timeCode: code }, place, zone))
          } catch (error) {
            actual = { error: (error as Error).name }
          }
          expect(actual, `${date} ${time} ${code} ${place?.city} ${zone}`).toEqual(
            direct(date, time, code, place, zone),
          )
        }
      }
    }
  })
})

describe('MS1 coordinates', () => {
  it('reads DDDMMSS with direction codes', () => {
    expect(dmsToDegrees('0914726', 'W', 180)).toBeCloseTo(-91.790556, 5)
    expect(dmsToDegrees('0431836', 'N', 90)).toBeCloseTo(43.31, 5)
    expect(dmsToDegrees('0431836.50', 'S', 90)).toBeCloseTo(-43.310139, 5)
  })

  it('rejects unreadable and out-of-range values', () => {
    expect(dmsToDegrees('0916026', 'W', 180)).toBeUndefined()
    expect(dmsToDegrees('1914726', 'N', 90)).toBeUndefined()
    expect(dmsToDegrees('abc', 'N', 90)).toBeUndefined()
  })
})

it('tells pre-4010 versions apart', () => {
  expect(isPre4010('003070')).toBe(true)
  expect(isPre4010('004010')).toBe(false)
  expect(isPre4010('005010X214')).toBe(false)
  expect(isPre4010('')).toBe(false)
})
