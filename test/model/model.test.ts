import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildShipment,
  deriveStatus,
  eventId,
  isTerminal,
  MILESTONE_STATUS,
  MILESTONES,
  STATUSES,
  shipmentSchema,
  type TrackingEvent,
  trackingEventSchema,
} from '../../src/model/index.js'

function event(
  partial: Partial<TrackingEvent> & Pick<TrackingEvent, 'status' | 'occurredAt'>,
): TrackingEvent {
  const base = {
    carrier: 'test',
    trackingNumber: 'T1',
    milestone: partial.milestone ?? 'status_update',
    zoneSource: 'carrier' as const,
    precision: 'second' as const,
    description: '',
    raw: { source: 'rest' as const, code: partial.status },
    ...partial,
  }
  return { id: eventId({ ...base, rawCode: base.raw.code }), ...base }
}

describe('status set', () => {
  it('is exactly the 11 values of the design, in order', () => {
    expect(STATUSES).toEqual([
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'available_for_pickup',
      'delivery_attempted',
      'delivered',
      'exception',
      'returned_to_sender',
      'failure',
      'cancelled',
      'unknown',
    ])
  })
  it('gives every milestone a status', () => {
    for (const m of MILESTONES) expect(STATUSES).toContain(MILESTONE_STATUS[m])
  })
  it('treats a return as terminal only once it is delivered back', () => {
    expect(isTerminal('returned_to_sender', 'returning')).toBe(false)
    expect(isTerminal('returned_to_sender', 'returned')).toBe(true)
    expect(isTerminal('delivered')).toBe(true)
    expect(isTerminal('exception')).toBe(false)
  })
})

describe('eventId', () => {
  const base = {
    carrier: 'ups',
    trackingNumber: '1Z999',
    occurredAt: '2024-03-26T10:58:00-05:00',
    rawCode: '012',
  }
  it('is the same for the same facts, whatever offset expresses the instant', () => {
    expect(eventId(base)).toBe(eventId({ ...base, occurredAt: '2024-03-26T15:58:00Z' }))
    expect(eventId(base)).toBe(eventId({ ...base, trackingNumber: '1z999' }))
  })
  it('differs when any identifying fact differs', () => {
    const ids = new Set([
      eventId(base),
      eventId({ ...base, carrier: 'fedex' }),
      eventId({ ...base, rawCode: '013' }),
      eventId({ ...base, occurredAt: '2024-03-26T10:59:00-05:00' }),
      eventId({ ...base, location: { city: 'Atlanta' } }),
      eventId({ ...base, discriminator: '2' }),
    ])
    expect(ids.size).toBe(6)
  })
  it('never collides for distinct instants (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e9 }), (t, delta) => {
        const a = eventId({ ...base, occurredAt: new Date(t).toISOString() })
        const b = eventId({ ...base, occurredAt: new Date(t + delta).toISOString() })
        return a !== b
      }),
    )
  })
})

describe('deriveStatus', () => {
  it('takes the latest event by instant, not by array position', () => {
    const events = [
      event({ status: 'delivered', milestone: 'delivered', occurredAt: '2024-03-27T14:00:00-05:00' }),
      event({ status: 'in_transit', milestone: 'picked_up', occurredAt: '2024-03-26T09:00:00-05:00' }),
    ]
    expect(deriveStatus(events).status).toBe('delivered')
  })
  it('compares instants across offsets', () => {
    const events = [
      // 10:00 in New York is 15:00 UTC: later than 14:30 UTC
      event({ status: 'out_for_delivery', occurredAt: '2024-03-27T10:00:00-05:00' }),
      event({ status: 'in_transit', occurredAt: '2024-03-27T14:30:00+00:00' }),
    ]
    expect(deriveStatus(events).status).toBe('out_for_delivery')
  })
  it('does not let an unknown event hide a known status', () => {
    const events = [
      event({ status: 'in_transit', occurredAt: '2024-03-26T09:00:00Z' }),
      event({ status: 'unknown', milestone: 'unknown', occurredAt: '2024-03-26T10:00:00Z' }),
    ]
    expect(deriveStatus(events).status).toBe('in_transit')
  })
  it('keeps a delivered shipment delivered after a stray later scan (regression guard), but lets a return through', () => {
    const delivered = event({
      status: 'delivered',
      milestone: 'delivered',
      occurredAt: '2024-03-26T09:00:00Z',
    })
    const stray = event({ status: 'in_transit', occurredAt: '2024-03-26T10:00:00Z' })
    expect(deriveStatus([delivered, stray]).status).toBe('delivered')
    const refused = event({
      status: 'returned_to_sender',
      milestone: 'refused',
      occurredAt: '2024-03-26T11:00:00Z',
    })
    expect(deriveStatus([delivered, stray, refused]).status).toBe('returned_to_sender')
  })
  it('is unknown without events', () => {
    expect(deriveStatus([])).toEqual({ status: 'unknown', milestone: 'unknown' })
  })
})

describe('buildShipment', () => {
  it('sorts events, derives status and deliveredAt, and validates', () => {
    const shipment = buildShipment({
      carrier: 'test',
      trackingNumber: 'T1',
      events: [
        event({ status: 'delivered', milestone: 'delivered', occurredAt: '2024-03-27T14:00:00-05:00' }),
        event({ status: 'pre_transit', milestone: 'label_created', occurredAt: '2024-03-25T09:00:00-05:00' }),
      ],
    })
    expect(shipment.events.map((e) => e.status)).toEqual(['pre_transit', 'delivered'])
    expect(shipment.status).toBe('delivered')
    expect(shipment.deliveredAt).toBe('2024-03-27T14:00:00-05:00')
    expect(shipmentSchema.parse(shipment)).toEqual(shipment)
  })
  it('keeps a scan the carrier repeated once, whichever adapter built the shipment (regression: duplicates from adapters without UniqueEvents)', () => {
    const picked = event({
      status: 'in_transit',
      milestone: 'picked_up',
      occurredAt: '2024-03-25T09:00:00-05:00',
    })
    const other = event({
      status: 'in_transit',
      milestone: 'arrived_at_facility',
      occurredAt: '2024-03-25T10:00:00-05:00',
    })
    const delivered = event({
      status: 'delivered',
      milestone: 'delivered',
      occurredAt: '2024-03-27T14:00:00-05:00',
    })
    const shipment = buildShipment({
      carrier: 'test',
      trackingNumber: 'T1',
      events: [delivered, picked, other, { ...picked }, delivered],
    })
    expect(shipment.events.map((e) => e.milestone)).toEqual(['picked_up', 'arrived_at_facility', 'delivered'])
    const once = [picked, delivered]
    expect(buildShipment({ carrier: 'test', trackingNumber: 'T1', events: once }).events).toHaveLength(2)
  })
})

describe('schemas', () => {
  it('reject an event time without an offset and name the field', () => {
    const bad = {
      ...event({ status: 'in_transit', occurredAt: '2024-03-26T09:00:00Z' }),
      occurredAt: '2024-03-26T09:00:00',
    }
    const result = trackingEventSchema.safeParse(bad)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['occurredAt'])
  })
  it('reject an unknown status', () => {
    const bad = {
      ...event({ status: 'in_transit', occurredAt: '2024-03-26T09:00:00Z' }),
      status: 'lost_in_space',
    }
    expect(trackingEventSchema.safeParse(bad).success).toBe(false)
  })
})
