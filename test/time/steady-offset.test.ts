/**
 * `steadyOffset` lets `wallToInstant` (and the DHL adapter) read a wall clock with one cached lookup when no offset
 * change is near. Guards that shortcut against a plain reading through luxon, in zones with DST, with odd offsets
 * and with historical changes, across transitions.
 */
import fc from 'fast-check'
import { IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { steadyOffset, wallToInstant, zoneOffset } from '../../src/time/clock.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The documented rule, straight from luxon: DST overlap → the earlier instant; gap → read with the offset before. */
function reference(wall: number, zone: string): { instant: number; offset: number } {
  const z = IANAZone.create(zone)
  const before = z.offset(wall - 24 * HOUR)
  const after = z.offset(wall + 24 * HOUR)
  const fits = [before, after]
    .map((candidate) => ({ instant: wall - candidate * MINUTE, candidate }))
    .filter(({ instant, candidate }) => z.offset(instant) === candidate)
    .sort((a, b) => a.instant - b.instant)
  const instant = fits[0]?.instant ?? wall - before * MINUTE
  return { instant, offset: z.offset(instant) }
}

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:45
  'America/Sao_Paulo', // DST until 2019
  'Pacific/Apia', // skipped a whole day in 2011
  'Africa/Casablanca', // DST paused for Ramadan
  'UTC',
]

describe('steadyOffset and wallToInstant (regression: the one-lookup path must read walls as luxon does)', () => {
  it('agrees with luxon for random wall clocks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1995, 0, 1) / MINUTE, max: Date.UTC(2035, 0, 1) / MINUTE }),
        (zone, minutes) => {
          const wall = minutes * MINUTE
          expect(wallToInstant(wall, zone)).toEqual(reference(wall, zone))
          const steady = steadyOffset(zone, wall)
          if (!Number.isNaN(steady)) expect(wall - steady * MINUTE).toBe(reference(wall, zone).instant)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['Europe/Berlin', '2024-03-31T02:30:00Z'], // gap
    ['Europe/Berlin', '2024-10-27T02:30:00Z'], // overlap
    ['America/New_York', '2024-03-10T02:30:00Z'],
    ['America/New_York', '2024-11-03T01:30:00Z'],
    ['Pacific/Apia', '2011-12-30T12:00:00Z'], // the day Samoa skipped
    ['Australia/Lord_Howe', '2024-04-07T01:45:00Z'],
  ])('every minute of the days around a transition in %s (%s)', (zone, at) => {
    const middle = Date.parse(at)
    for (let wall = middle - 72 * HOUR; wall <= middle + 72 * HOUR; wall += 15 * MINUTE)
      expect(wallToInstant(wall, zone)).toEqual(reference(wall, zone))
  })

  // Regression: on a day with an offset change every lookup asked ICU (microseconds each); the change's instant is
  // now found once by bisection. Guards it to the millisecond on both sides of real changes.
  it.each([
    ['Europe/Berlin', '2024-03-31T01:00:00Z'],
    ['Europe/Berlin', '2024-10-27T01:00:00Z'],
    ['America/Denver', '2025-03-09T09:00:00Z'],
    ['Australia/Lord_Howe', '2024-04-06T15:00:00Z'],
    ['Pacific/Apia', '2011-12-30T10:00:00Z'],
    ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
  ])('zoneOffset in %s agrees with luxon to the millisecond around %s', (zone, at) => {
    const change = Date.parse(at)
    const z = IANAZone.create(zone)
    for (const delta of [-3_600_000, -1001, -1000, -999, -1, 0, 1, 999, 1000, 3_600_000])
      expect(zoneOffset(zone, change + delta)).toBe(z.offset(change + delta))
    fc.assert(
      fc.property(fc.integer({ min: -86_400_000, max: 86_400_000 }), (delta) => {
        expect(zoneOffset(zone, change + delta)).toBe(z.offset(change + delta))
      }),
      { numRuns: 400 },
    )
  })

  it('is NaN on and next to a day with a change, and the offset elsewhere', () => {
    const day = Date.parse('2024-03-31T12:00:00Z')
    expect(steadyOffset('Europe/Berlin', day)).toBeNaN()
    expect(steadyOffset('Europe/Berlin', day - 24 * HOUR)).toBeNaN()
    expect(steadyOffset('Europe/Berlin', day + 24 * HOUR)).toBeNaN()
    expect(steadyOffset('Europe/Berlin', day + 3 * 24 * HOUR)).toBe(120)
    expect(steadyOffset('Asia/Kathmandu', day)).toBe(345)
  })
})
