/**
 * The zone offsets the time layer reads through Intl (src/time/intl-zone.ts) equal luxon's, which the layer used
 * before: any zone, any instant (historical local mean times with seconds, half-hour and 45-minute zones, a skipped
 * day, negative epochs), and the same zones known and unknown.
 */
import { IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { isRuntimeZone, zoneOffsetAt } from '../../src/time/intl-zone.js'

const ZONES = [
  'America/Chicago',
  'America/New_York',
  'America/St_Johns',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'UTC',
  'Etc/GMT+5',
]

function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('zoneOffsetAt', () => {
  it("equals luxon's IANAZone offset for 3,000 instants from 1850 to 2100 in 15 zones", () => {
    const random = seeded(42)
    const from = Date.UTC(1850, 0, 1)
    const to = Date.UTC(2100, 0, 1)
    for (let i = 0; i < 3000; i++) {
      const zone = ZONES[i % ZONES.length]!
      const instant = Math.floor(from + random() * (to - from))
      expect(zoneOffsetAt(zone, instant), `${zone} ${new Date(instant).toISOString()}`).toBe(
        IANAZone.create(zone).offset(instant),
      )
    }
  })

  it('reads both sides of a DST change to the millisecond', () => {
    const change = Date.parse('2024-03-10T08:00:00Z') // 02:00 CST → 03:00 CDT
    expect(zoneOffsetAt('America/Chicago', change - 1)).toBe(-360)
    expect(zoneOffsetAt('America/Chicago', change)).toBe(-300)
  })
})

describe('isRuntimeZone', () => {
  it('knows the zones luxon knows, and refuses the rest', () => {
    for (const zone of [
      ...ZONES,
      'america/chicago',
      'US/Central',
      'Mars/Olympus',
      'CST',
      '',
      'Europe/Berlin ',
      'x'.repeat(80),
    ])
      expect(isRuntimeZone(zone), JSON.stringify(zone)).toBe(zone.length <= 64 && IANAZone.isValidZone(zone))
  })
})
