import { describe, expect, it } from 'vitest'
import type { AnomalyKind } from '../../src/model/index.js'
import { detectAnomalies } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'
import { setup } from './setup.js'

const now = new Date('2024-03-10T12:00:00Z')
const kinds = (s: ReturnType<typeof ship>, opts = {}) =>
  detectAnomalies(s, { now, ...opts }).map((a) => a.kind)
const nyc = { city: 'New York', countryCode: 'US', coordinates: { latitude: 40.7128, longitude: -74.006 } }
const la = {
  city: 'Los Angeles',
  countryCode: 'US',
  coordinates: { latitude: 34.0522, longitude: -118.2437 },
}
const newark = { city: 'Newark', countryCode: 'US', coordinates: { latitude: 40.7357, longitude: -74.1724 } }

describe('detectAnomalies: one test per kind, and its negative', () => {
  it('status_regression: in transit again after delivered, but not after a return', () => {
    const delivered = ev('delivered', '2024-03-05T10:00:00Z')
    const again = ev('in_transit', '2024-03-06T10:00:00Z')
    const s = ship([ev('picked_up', '2024-03-04T10:00:00Z'), delivered, again])
    const found = detectAnomalies(s, { now })
    expect(found).toEqual([
      expect.objectContaining({ kind: 'status_regression', eventIds: [delivered.id, again.id] }),
    ])
    expect(s.status).toBe('delivered') // the anomaly changes nothing: the later event does not reopen it
    expect(s.events).toHaveLength(3) // and nothing is dropped
    const returned = ship([delivered, ev('refused', '2024-03-05T12:00:00Z'), again])
    expect(kinds(returned)).toEqual([])
  })

  it('future_event: beyond the allowed skew (15 min by default, configurable)', () => {
    const soon = ship([ev('in_transit', '2024-03-10T12:10:00Z')])
    const later = ship([ev('in_transit', '2024-03-10T12:20:00Z')])
    expect(kinds(soon)).toEqual([])
    expect(kinds(later)).toEqual(['future_event'])
    expect(kinds(later, { futureSkewMs: 30 * 60_000 })).toEqual([])
    expect(kinds(soon, { futureSkewMs: 5 * 60_000 })).toEqual(['future_event'])
  })

  it('before_label: a scan before the label was created, except a date-only one', () => {
    const label = ev('label_created', '2024-03-05T10:00:00Z')
    const early = ev('picked_up', '2024-03-05T09:00:00Z')
    expect(detectAnomalies(ship([early, label]), { now })).toEqual([
      expect.objectContaining({ kind: 'before_label', eventIds: [early.id, label.id] }),
    ])
    expect(kinds(ship([label, ev('picked_up', '2024-03-05T11:00:00Z')]))).toEqual([])
    expect(kinds(ship([ev('picked_up', '2024-03-05T00:00:00Z', { precision: 'day' }), label]))).toEqual([])
  })

  it('impossible_travel: 3,900 km in one hour, not in ten, and not a short hop', () => {
    const from = ev('departed_facility', '2024-03-05T10:00:00Z', { location: nyc })
    expect(kinds(ship([from, ev('arrived_at_facility', '2024-03-05T11:00:00Z', { location: la })]))).toEqual([
      'impossible_travel',
    ])
    expect(kinds(ship([from, ev('arrived_at_facility', '2024-03-05T20:00:00Z', { location: la })]))).toEqual(
      [],
    )
    expect(
      kinds(ship([from, ev('arrived_at_facility', '2024-03-05T10:01:00Z', { location: newark })])),
    ).toEqual([])
    expect(
      kinds(ship([from, ev('arrived_at_facility', '2024-03-05T11:00:00Z', { location: la })]), {
        maxSpeedKmh: 5000,
      }),
    ).toEqual([])
  })

  it('impossible_travel from airport codes and UN/LOCODEs alone (#18: places named by a terminal code)', () => {
    const sydney = ev('departed_facility', '2024-03-05T10:00:00Z', { location: { iataCode: 'SYD' } })
    const london = ev('arrived_at_facility', '2024-03-05T11:00:00Z', { location: { unLocode: 'GBLON' } })
    expect(kinds(ship([sydney, london]))).toEqual(['impossible_travel'])
    const dayLater = ev('arrived_at_facility', '2024-03-06T11:00:00Z', { location: { iataCode: 'LHR' } })
    expect(kinds(ship([sydney, dayLater]))).toEqual([])
  })

  it('fallback_zone: a time resolved from the configured default zone', () => {
    expect(kinds(ship([ev('in_transit', '2024-03-05T10:00:00-05:00', { zoneSource: 'fallback' })]))).toEqual([
      'fallback_zone',
    ])
    expect(kinds(ship([ev('in_transit', '2024-03-05T10:00:00-05:00', { zoneSource: 'location' })]))).toEqual(
      [],
    )
  })

  it('conflicting_duplicate: two sources, same step, same minute, different places', () => {
    const api = ev('arrived_at_facility', '2024-03-05T10:00:00Z', {
      location: { city: 'Dallas', countryCode: 'US' },
    })
    const edi = ev('arrived_at_facility', '2024-03-05T10:00:30Z', {
      location: { city: 'Houston', countryCode: 'US' },
      raw: { source: 'edi', code: 'X1' },
    })
    expect(kinds(ship([api, edi]))).toEqual(['conflicting_duplicate'])
    const sameSource = { ...edi, raw: api.raw }
    expect(kinds(ship([api, sameSource]))).toEqual([])
    const minuteLater = ev('arrived_at_facility', '2024-03-05T10:01:30Z', {
      location: { city: 'Houston' },
      raw: { source: 'edi' },
    })
    expect(kinds(ship([api, minuteLater]))).toEqual([])
  })

  it('keys are stable: the same timeline gives the same keys', () => {
    const s = ship([
      ev('in_transit', '2024-03-05T10:00:00-05:00', { zoneSource: 'fallback' }),
      ev('delivered', '2024-03-06T10:00:00Z'),
    ])
    expect(detectAnomalies(s, { now }).map((a) => a.key)).toEqual(
      detectAnomalies(structuredClone(s), { now }).map((a) => a.key),
    )
  })
})

describe('anomalies through the tracker', () => {
  it('attaches anomalies to the shipment and emits each once, across sources and repeated ingests', async () => {
    const t = setup({}, '2024-03-10T12:00:00Z')
    const api = ev('arrived_at_facility', '2024-03-05T10:00:00Z', {
      location: { city: 'Dallas', countryCode: 'US' },
    })
    const edi = ev('arrived_at_facility', '2024-03-05T10:00:20Z', {
      location: { city: 'Houston', countryCode: 'US' },
      raw: { source: 'edi', code: 'X1' },
      zoneSource: 'fallback',
    })
    await t.tracker.ingestResult(result(ship([api])))
    expect(t.anomalies).toEqual([])
    await t.tracker.ingestResult(result(ship([edi])))
    const emitted = t.anomalies.map((a) => a.anomaly.kind).sort()
    expect(emitted).toEqual(['conflicting_duplicate', 'fallback_zone'])
    await t.tracker.ingestResult(result(ship([edi])))
    await t.tracker.ingestResult(result(ship([api, edi])))
    expect(t.anomalies).toHaveLength(2)
    const [stored] = await t.tracker.get('acme', 'A1')
    expect(stored?.events).toHaveLength(2)
    expect(stored?.anomalies?.map((a) => a.kind).sort()).toEqual(emitted)
  })

  it('uses the tracker anomaly options (futureSkewMs)', async () => {
    const t = setup({ anomalies: { futureSkewMs: 60 * 60_000 } }, '2024-03-10T12:00:00Z')
    await t.tracker.ingestResult(result(ship([ev('in_transit', '2024-03-10T12:30:00Z')])))
    expect(t.anomalies).toEqual([])
    await t.tracker.ingestResult(
      result(ship([ev('in_transit', '2024-03-10T14:00:00Z', { raw: { source: 'webhook' } })])),
    )
    expect(t.anomalies.map((a) => a.anomaly.kind satisfies AnomalyKind)).toEqual(['future_event'])
  })
})
