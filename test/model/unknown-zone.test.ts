/**
 * Issue #18: an event whose zone is unknown (`occurredAt` a local time without offset, `zoneSource: 'unknown'`)
 * is a first-class event: valid in the schema, ordered by its wall time, delivering a shipment, merged with the
 * same scan reported with an offset, counted (not guessed) by KPIs, flagged as an anomaly, shown without a zone,
 * and left out of EPCIS (which needs an instant) with a note.
 */
import { describe, expect, it } from 'vitest'
import { toEpcis } from '../../src/epcis/index.js'
import {
  deriveStatus,
  eventInstant,
  instantOfTime,
  shipmentSchema,
  sortEvents,
  trackingEventSchema,
  wallTimeOf,
} from '../../src/model/index.js'
import {
  describe as describeEvent,
  detectAnomalies,
  mergeEvents,
  summarize,
} from '../../src/tracker/index.js'
import { renderTrackingPage } from '../../src/ui/index.js'
import { ev, ship } from '../tracker/build.js'

const unknown = { zoneSource: 'unknown' as const }

describe('regression #18: the unknown-zone event in the model', () => {
  it('is valid only as a local time without offset, and an offset-less time needs zoneSource unknown', () => {
    const kept = ev('delivered', '2024-03-26T10:58:00', unknown)
    expect(trackingEventSchema.safeParse(kept).success).toBe(true)
    expect(trackingEventSchema.safeParse({ ...kept, zoneSource: 'location' }).success).toBe(false)
    expect(trackingEventSchema.safeParse({ ...kept, occurredAt: '2024-03-26T10:58:00-05:00' }).success).toBe(
      false,
    )
    expect(trackingEventSchema.safeParse({ ...kept, occurredAt: '2024-02-30T10:58:00' }).success).toBe(false)
  })

  it('has no instant (NaN, never the process-local reading Date.parse gives) but a wall time', () => {
    expect(eventInstant({ occurredAt: '2024-03-26T10:58:00' })).toBeNaN()
    expect(instantOfTime('2024-03-26T10:58:00')).toBeNaN()
    expect(Date.parse('2024-03-26T10:58:00')).not.toBeNaN() // what the model must not use
    expect(wallTimeOf('2024-03-26T10:58:00')).toBe(Date.UTC(2024, 2, 26, 10, 58))
    expect(wallTimeOf('2024-03-26T10:58:00-05:00')).toBe(Date.UTC(2024, 2, 26, 10, 58))
  })

  it('a delivered event with an unknown zone still delivers the shipment (deliveredAt is its local time)', () => {
    const s = ship([
      ev('picked_up', '2024-03-25T09:00:00-05:00'),
      ev('out_for_delivery', '2024-03-26T07:00:00-05:00'),
      ev('delivered', '2024-03-26T10:58:00', unknown),
    ])
    expect(s.status).toBe('delivered')
    expect(s.deliveredAt).toBe('2024-03-26T10:58:00')
    expect(shipmentSchema.safeParse(s).success).toBe(true)
  })

  it('is placed among its neighbours by wall time (read at the nearest known offset), whatever the input order', () => {
    const a = ev('picked_up', '2024-03-26T08:00:00-05:00')
    const b = ev('arrived_at_facility', '2024-03-26T09:30:00', unknown)
    const c = ev('out_for_delivery', '2024-03-26T11:00:00-05:00')
    for (const order of [
      [a, b, c],
      [c, b, a],
      [b, c, a],
    ])
      expect(sortEvents(order).map((e) => e.milestone)).toEqual([
        'picked_up',
        'arrived_at_facility',
        'out_for_delivery',
      ])
  })

  it('on a tie with an event whose instant is known, comes after it (documented rule)', () => {
    const known = ev('out_for_delivery', '2024-03-26T10:58:00-05:00')
    const local = ev('delivered', '2024-03-26T10:58:00', unknown)
    expect(sortEvents([local, known]).map((e) => e.milestone)).toEqual(['out_for_delivery', 'delivered'])
    expect(deriveStatus([local, known]).status).toBe('delivered')
  })

  it('gets a deterministic id of its own (the local text stands in for the instant)', () => {
    const one = ev('delivered', '2024-03-26T10:58:00', unknown)
    const again = ev('delivered', '2024-03-26T10:58:00', unknown)
    const placed = ev('delivered', '2024-03-26T10:58:00-05:00')
    expect(one.id).toBe(again.id)
    expect(one.id).not.toBe(placed.id)
  })
})

describe('regression #18: consumers of an unknown-zone event', () => {
  it('merge: the same scan reported later with its offset is one event, upgraded to the known time', () => {
    const local = ev('delivered', '2024-03-26T10:58:00', unknown)
    const placed = ev('delivered', '2024-03-26T10:58:00-05:00', { raw: { source: 'webhook' } })
    const outcome = mergeEvents([local], [placed])
    expect(outcome.events).toHaveLength(1)
    expect(outcome.duplicates).toBe(1)
    expect(outcome.events[0]).toMatchObject({ id: local.id, occurredAt: '2024-03-26T10:58:00-05:00' })
  })

  it('KPIs: transit time is left out (never guessed) and the event and the shipment are counted', () => {
    const s = ship([
      ev('picked_up', '2024-03-25T09:00:00-05:00'),
      ev('delivered', '2024-03-26T10:58:00', unknown),
    ])
    const kpis = summarize([s], { now: new Date('2024-04-01T00:00:00Z') }).overall
    expect(kpis.transitHours.count).toBe(0)
    expect(kpis.unknownZone).toEqual({ events: 1, shipmentsNotMeasured: 1 })
  })

  it('anomalies: flagged as unknown_zone; a local time is in the future only if even UTC+14 puts it there', () => {
    const now = new Date('2024-03-26T12:00:00Z')
    const s = ship([
      ev('picked_up', '2024-03-26T20:00:00', unknown), // could be 06:00Z at UTC+14: not surely future
      ev('in_transit', '2024-03-28T10:00:00', { ...unknown, description: 'later' }),
    ])
    const kinds = detectAnomalies(s, { now }).map(
      (a) => `${a.kind}:${a.eventIds[0] === s.events[1]?.id ? 2 : 1}`,
    )
    expect(kinds).toContain('unknown_zone:1')
    expect(kinds).toContain('future_event:2')
    expect(kinds).not.toContain('future_event:1')
  })

  it('describe and the page show the carrier wall clock, never converted, with no zone name', () => {
    const e = ev('delivered', '2024-03-26T10:58:00', unknown)
    expect(describeEvent(e, { locale: 'en-US' }).when).toMatch(/10:58/)
    const html = renderTrackingPage(ship([e]), { locale: 'en-US', timeZone: 'Asia/Tokyo' })
    expect(html).toMatch(/10:58/)
    expect(html).toMatch(/local time, zone unknown/)
  })

  it('EPCIS: left out of eventList (eventTime needs an instant) and listed as omitted', () => {
    const kept = ev('delivered', '2024-03-26T10:58:00', unknown)
    const doc = toEpcis(ship([ev('picked_up', '2024-03-25T09:00:00-05:00'), kept]), {
      creationDate: '2024-04-01T00:00:00Z',
    })
    expect(doc.epcisBody.eventList).toHaveLength(1)
    expect(doc['waybill:omittedEvents']).toEqual([
      {
        eventID: `urn:waybill:epcis:event:${kept.id}`,
        localTime: '2024-03-26T10:58:00',
        reason: 'unknown_zone',
      },
    ])
  })
})
