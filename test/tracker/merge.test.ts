import { describe, expect, it } from 'vitest'
import { createEvent } from '../../src/adapter/index.js'
import type { RawSource, TrackingEvent } from '../../src/model/index.js'
import { isSameEvent, mergeEvents } from '../../src/tracker/index.js'

function ev(over: Partial<TrackingEvent> & { source?: RawSource; code?: string } = {}): TrackingEvent {
  const { source = 'rest', code = 'D', ...rest } = over
  return createEvent({
    carrier: 'acme',
    trackingNumber: 'A1',
    status: 'delivered',
    milestone: 'delivered',
    occurredAt: '2024-03-26T10:58:13-05:00',
    zoneSource: 'carrier',
    precision: 'second',
    description: 'Delivered, front door',
    location: { city: 'Atlanta', region: 'GA', countryCode: 'US' },
    raw: { source, code, text: 'Delivered, front door' },
    ...rest,
  })
}

describe('merging reports of the same event', () => {
  it('merges an EDI report with minute precision and other words into the API event, keeping both raw records', () => {
    const api = ev()
    const edi = ev({
      source: 'edi',
      code: 'D1',
      occurredAt: '2024-03-26T10:58:00-05:00',
      precision: 'minute',
      zoneSource: 'location',
      description: 'Completed unloading at delivery location',
      location: { city: 'ATLANTA', region: 'GA', countryCode: 'US' },
      raw: { source: 'edi', code: 'D1', text: 'D1 NS' },
    })
    expect(isSameEvent(api, edi)).toBe(true)
    const out = mergeEvents([api], [edi])
    expect(out.events).toHaveLength(1)
    expect(out.events[0]?.id).toBe(api.id)
    expect(out.events[0]?.alsoReportedBy).toEqual([edi.raw])
    expect(out.duplicates).toBe(1)
    expect(out.enriched).toHaveLength(1)
  })

  it('upgrades the time when a better source arrives second, but keeps the first id', () => {
    const fallback = ev({
      zoneSource: 'fallback',
      precision: 'minute',
      occurredAt: '2024-03-26T10:58:00-05:00',
      raw: { source: 'file', code: 'DL' },
    })
    const api = ev()
    const out = mergeEvents([fallback], [api])
    expect(out.events[0]).toMatchObject({
      id: fallback.id,
      zoneSource: 'carrier',
      precision: 'second',
      occurredAt: api.occurredAt,
    })
    expect(out.events[0]?.alsoReportedBy).toEqual([fallback.raw])
  })

  it('sees a raw record read back with its keys reordered as the same record (regression: jsonb stores reorder keys)', () => {
    const record = {
      date: '20240326',
      time: '105813',
      status: { type: 'D', code: 'KB', description: 'DELIVERED' },
    }
    const reordered = {
      status: { description: 'DELIVERED', code: 'KB', type: 'D' },
      time: '105813',
      date: '20240326',
    }
    const stored = ev({
      raw: { source: 'rest', code: 'D', text: 'Delivered, front door', record: reordered },
    })
    const out = mergeEvents(
      [stored],
      [ev({ raw: { source: 'rest', code: 'D', text: 'Delivered, front door', record } })],
    )
    expect(out.enriched).toEqual([])
    expect(out.events[0]?.alsoReportedBy).toBeUndefined()
    const changed = ev({
      raw: {
        source: 'rest',
        code: 'D',
        text: 'Delivered, front door',
        record: { ...record, time: '105814' },
      },
    })
    expect(mergeEvents([stored], [changed]).enriched).toHaveLength(1)
  })

  it('changes nothing when the same payload is ingested again (regression: re-ingest must emit nothing)', () => {
    const first = mergeEvents(
      [],
      [
        ev(),
        ev({
          milestone: 'out_for_delivery',
          status: 'out_for_delivery',
          code: 'O',
          occurredAt: '2024-03-26T08:00:00-05:00',
        }),
      ],
    )
    const again = mergeEvents(first.events, [
      ev(),
      ev({
        milestone: 'out_for_delivery',
        status: 'out_for_delivery',
        code: 'O',
        occurredAt: '2024-03-26T08:00:00-05:00',
      }),
    ])
    expect(again.added).toEqual([])
    expect(again.enriched).toEqual([])
    expect(again.events).toEqual(first.events)
  })

  it('keeps events apart when the place, the kind or the minute differs', () => {
    expect(isSameEvent(ev(), ev({ location: { city: 'Macon', countryCode: 'US' } }))).toBe(false)
    expect(
      isSameEvent(ev(), ev({ status: 'out_for_delivery', milestone: 'out_for_delivery', code: 'O' })),
    ).toBe(false)
    expect(
      isSameEvent(ev(), ev({ occurredAt: '2024-03-26T11:05:00-05:00', precision: 'minute', code: 'X' })),
    ).toBe(false)
    // two second-precision reports a few seconds apart are two scans
    expect(isSameEvent(ev(), ev({ occurredAt: '2024-03-26T10:58:20-05:00', code: 'X' }))).toBe(false)
  })

  it('matches a day-precision report by local date', () => {
    const day = ev({
      precision: 'day',
      occurredAt: '2024-03-26T00:00:00-05:00',
      code: 'DAY',
      zoneSource: 'location',
    })
    expect(isSameEvent(ev(), day)).toBe(true)
  })
})

describe('records stored before raw records were compared whatever their key order (#26)', () => {
  it('drops the copies an event gathered when it next changes', () => {
    const api = ev({ raw: { source: 'rest', code: 'D', text: 'Delivered', record: { a: 1, b: 'x' } } })
    const copy = { source: 'rest' as const, code: 'D', text: 'Delivered', record: { b: 'x', a: 1 } }
    const stored = { ...api, alsoReportedBy: [copy, { ...copy }] }
    const edi = ev({ source: 'edi', code: 'D1', raw: { source: 'edi', code: 'D1', text: 'D1 NS' } })
    const out = mergeEvents([stored], [edi])
    expect(out.enriched).toHaveLength(1)
    expect(out.events[0]?.alsoReportedBy).toEqual([edi.raw])
  })

  it('leaves a stored event with copies alone when nothing new arrives (no rewrite only to clean up)', () => {
    const api = ev({ raw: { source: 'rest', code: 'D', text: 'Delivered', record: { a: 1 } } })
    const stored = { ...api, alsoReportedBy: [{ ...api.raw }] }
    const out = mergeEvents([stored], [api])
    expect(out.enriched).toHaveLength(0)
    expect(out.events[0]?.alsoReportedBy).toHaveLength(1)
  })
})
