import { describe, expect, it } from 'vitest'
import type { EventInput } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import type { Milestone } from '../../src/model/index.js'
import { kpiKey, quantile, summarize, type TrackedRecord, windowEnd } from '../../src/tracker/index.js'
import { ev, ship } from './build.js'

const memphis = { facility: 'Memphis Hub', city: 'Memphis', countryCode: 'US' }
const dallas = { city: 'Dallas', region: 'TX', countryCode: 'US' }
const austin = { city: 'Austin', region: 'TX', countryCode: 'US' }

function zed(milestone: Milestone, at: string, number: string, over: Partial<EventInput> = {}) {
  return ev(milestone, at, { carrier: 'zed', trackingNumber: number, ...over })
}
function acme(milestone: Milestone, at: string, number: string, over: Partial<EventInput> = {}) {
  return ev(milestone, at, { trackingNumber: number, ...over })
}

// A: on time, transit 48 h, dwell 6 h (same facility, spelled differently)
const A = ship(
  [
    acme('label_created', '2024-03-01T08:00:00Z', 'A1'),
    acme('picked_up', '2024-03-01T10:00:00Z', 'A1'),
    acme('arrived_at_facility', '2024-03-01T20:00:00Z', 'A1', { location: memphis }),
    acme('departed_facility', '2024-03-02T02:00:00Z', 'A1', {
      location: { ...memphis, facility: 'MEMPHIS HUB' },
    }),
    acme('out_for_delivery', '2024-03-03T08:00:00Z', 'A1'),
    acme('delivered', '2024-03-03T10:00:00Z', 'A1'),
  ],
  { trackingNumber: 'A1', estimatedDelivery: { from: '2024-03-03T00:00:00Z', precision: 'day' } },
)
// B: promised for the 3rd (first estimate), now says the 4th, delivered on the 4th; an exception; dwell 3 h
// (a second arrival report at the same place keeps the first; a departure from another place is ignored)
const B = ship(
  [
    acme('picked_up', '2024-03-01T00:00:00Z', 'B2'),
    acme('arrived_at_facility', '2024-03-01T12:00:00Z', 'B2', { location: dallas }),
    acme('arrived_at_facility', '2024-03-01T13:00:00Z', 'B2', { location: dallas, raw: { source: 'edi' } }),
    acme('departed_facility', '2024-03-01T14:00:00Z', 'B2', { location: austin }),
    acme('departed_facility', '2024-03-01T15:00:00Z', 'B2', { location: dallas }),
    acme('arrived_at_facility', '2024-03-02T00:00:00Z', 'B2', { location: austin }),
    acme('delayed', '2024-03-02T06:00:00Z', 'B2'),
    acme('delivered', '2024-03-04T00:00:00Z', 'B2'),
  ],
  { trackingNumber: 'B2', estimatedDelivery: { from: '2024-03-04T00:00:00Z', precision: 'day' } },
)
// C: label only, promised by the 2nd, still open on the 10th: late; no first scan, no final status
const C = ship([acme('label_created', '2024-03-01T00:00:00Z', 'C3')], {
  trackingNumber: 'C3',
  estimatedDelivery: { to: '2024-03-02T00:00:00Z', precision: 'minute' },
})
// D (zed): transit 12 h, dwell 1.5 h, no promise
const D = ship(
  [
    zed('picked_up', '2024-03-01T00:00:00Z', 'Z1'),
    zed('arrived_at_facility', '2024-03-01T02:00:00Z', 'Z1', {
      location: { facility: 'Hub X', city: 'Reno' },
    }),
    zed('departed_facility', '2024-03-01T03:30:00Z', 'Z1', {
      location: { facility: 'HUB-X', city: 'Sparks' },
    }),
    zed('delivered', '2024-03-01T12:00:00Z', 'Z1'),
  ],
  { carrier: 'zed', trackingNumber: 'Z1' },
)
// E (zed): cancelled before pickup: final, not measured for on-time
const E = ship(
  [zed('label_created', '2024-03-01T00:00:00Z', 'Z2'), zed('cancelled', '2024-03-02T00:00:00Z', 'Z2')],
  {
    carrier: 'zed',
    trackingNumber: 'Z2',
    estimatedDelivery: { to: '2024-03-01T00:00:00Z', precision: 'minute' },
  },
)

const now = new Date('2024-03-10T00:00:00Z')
const firstEstimates = new Map([[kpiKey(B), { from: '2024-03-03T00:00:00Z', precision: 'day' as const }]])
const ingestedAt = new Map<string, string | Date | number>([
  [A.events[1]!.id, '2024-03-01T11:00:00Z'], // 60 min
  [A.events[5]!.id, new Date('2024-03-03T10:30:00Z')], // 30 min
  [D.events[3]!.id, Date.parse('2024-03-01T12:05:00Z')], // 5 min
])

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1)
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([7], 0.9)).toBe(7)
    expect(quantile([], 0.5)).toBeNull()
  })
})

describe('summarize', () => {
  const out = summarize([A, B, C, D, E], { now, firstEstimates, ingestedAt })

  it('computes the overall KPIs (hand-computed)', () => {
    const o = out.overall
    expect(o.shipments).toBe(5)
    // measured: A (on time), B (late against the first promise), C (open, past its promise); D no promise; E cancelled
    expect(o.onTime).toEqual({ measured: 3, onTime: 1, rate: 1 / 3 })
    // transit [12, 48, 72]: median 48, p90 = 48 + 0.8 × 24
    expect(o.transitHours.count).toBe(3)
    expect(o.transitHours.median).toBe(48)
    expect(o.transitHours.p90).toBeCloseTo(67.2)
    // dwell [1.5, 3, 6]: median 3, p90 = 3 + 0.8 × 3
    expect(o.dwellHours).toMatchObject({ count: 3, median: 3 })
    expect(o.dwellHours.p90).toBeCloseTo(5.4)
    expect(o.exceptions).toEqual({ count: 1, rate: 0.2 })
    expect(o.coverage).toEqual({ withFirstScan: 3, withFinalStatus: 4, complete: 3, rate: 0.6 })
    // freshness [5, 30, 60] minutes: median 30, p90 = 30 + 0.8 × 30
    expect(o.freshnessMinutes).toMatchObject({ count: 3, median: 30 })
    expect(o.freshnessMinutes.p90).toBeCloseTo(54)
  })

  it('computes the same per carrier', () => {
    expect(Object.keys(out.byCarrier)).toEqual(['acme', 'zed'])
    const acmeKpis = out.byCarrier.acme!
    expect(acmeKpis.shipments).toBe(3)
    expect(acmeKpis.onTime).toEqual({ measured: 3, onTime: 1, rate: 1 / 3 })
    expect(acmeKpis.transitHours).toMatchObject({ count: 2, median: 60 })
    expect(acmeKpis.transitHours.p90).toBeCloseTo(69.6)
    expect(acmeKpis.dwellHours).toMatchObject({ count: 2, median: 4.5 })
    expect(acmeKpis.dwellHours.p90).toBeCloseTo(5.7)
    expect(acmeKpis.exceptions.rate).toBeCloseTo(1 / 3)
    expect(acmeKpis.coverage).toEqual({ withFirstScan: 2, withFinalStatus: 2, complete: 2, rate: 2 / 3 })
    expect(acmeKpis.freshnessMinutes).toMatchObject({ count: 2, median: 45 })
    const z = out.byCarrier.zed!
    expect(z.onTime).toEqual({ measured: 0, onTime: 0, rate: null })
    expect(z.transitHours).toEqual({ count: 1, median: 12, p90: 12 })
    expect(z.dwellHours).toEqual({ count: 1, median: 1.5, p90: 1.5 })
    expect(z.exceptions).toEqual({ count: 0, rate: 0 })
    expect(z.coverage).toEqual({ withFirstScan: 1, withFinalStatus: 2, complete: 1, rate: 0.5 })
    expect(z.freshnessMinutes).toEqual({ count: 1, median: 5, p90: 5 })
  })

  it('measures on-time against the current estimate when no first promise is known (B is then on time)', () => {
    const plain = summarize([A, B, C, D, E], { now })
    expect(plain.overall.onTime).toEqual({ measured: 3, onTime: 2, rate: 2 / 3 })
    expect(plain.overall.freshnessMinutes).toEqual({ count: 0, median: null, p90: null })
  })

  it('does not count an open shipment as late before its promise has passed', () => {
    const early = summarize([C], { now: new Date('2024-03-01T12:00:00Z') })
    expect(early.overall.onTime).toEqual({ measured: 0, onTime: 0, rate: null })
  })

  it("reads the tracker's records: first estimate and ingest lags", () => {
    const record: TrackedRecord = {
      shipment: B,
      firstEstimate: { from: '2024-03-03T00:00:00Z', precision: 'day' },
      updatedAt: '2024-03-04T00:10:00Z',
      ingestLag: [600_000, 1_200_000],
    }
    const fromRecords = summarize([record], { now })
    expect(fromRecords.overall.onTime).toEqual({ measured: 1, onTime: 0, rate: 0 })
    expect(fromRecords.overall.freshnessMinutes).toMatchObject({ count: 2, median: 15 })
  })

  it('gives nulls, not NaN, for an empty set', () => {
    const empty = summarize([], { now })
    expect(empty.byCarrier).toEqual({})
    expect(empty.overall).toEqual({
      shipments: 0,
      onTime: { measured: 0, onTime: 0, rate: null },
      transitHours: { count: 0, median: null, p90: null },
      dwellHours: { count: 0, median: null, p90: null },
      exceptions: { count: 0, rate: null },
      coverage: { withFirstScan: 0, withFinalStatus: 0, complete: 0, rate: null },
      freshnessMinutes: { count: 0, median: null, p90: null },
      unknownZone: { events: 0, shipmentsNotMeasured: 0 },
    })
  })

  it('rejects what is not a shipment with a typed error naming the position', () => {
    expect(() => summarize([A, 42 as never])).toThrow(ValidationError)
    expect(() => summarize([A, { shipment: null } as never])).toThrow(/shipments\[1\]/)
    expect(() => summarize([A], { now: new Date('nope') })).toThrow(ValidationError)
    expect(() => summarize([A], { now: 5 as never })).toThrow(ValidationError)
  })
})

describe('a date-only promise written as a day window from 00:00 to 23:59:59 (USPS)', () => {
  it('ends with its own day, not a day later: an attempt the next morning is late', () => {
    const promise = {
      from: '2024-05-08T00:00:00-05:00',
      to: '2024-05-08T23:59:59-05:00',
      precision: 'day' as const,
    }
    const late = ship([acme('picked_up', '2024-05-05T16:42:00-06:00', 'U1')], {
      trackingNumber: 'U1',
      estimatedDelivery: promise,
    })
    expect(windowEnd(promise)).toBe(Date.parse('2024-05-09T00:00:00-05:00') - 1)
    expect(summarize([late], { now: new Date('2024-05-09T09:00:00-05:00') }).overall.onTime).toEqual({
      measured: 1,
      onTime: 0,
      rate: 0,
    })
  })
})
