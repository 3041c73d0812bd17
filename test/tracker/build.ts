/** Small builders for tracker tests: canonical events and shipments for the carrier `acme`. */
import { createEvent, type EventInput } from '../../src/adapter/index.js'
import {
  buildShipment,
  MILESTONE_STATUS,
  type Milestone,
  type NormalizeResult,
  type Shipment,
  type ShipmentDraft,
  type TrackingEvent,
} from '../../src/model/index.js'

/** An event; `milestone` sets the status unless given. The raw code defaults to the milestone. */
export function ev(milestone: Milestone, occurredAt: string, over: Partial<EventInput> = {}): TrackingEvent {
  return createEvent({
    carrier: 'acme',
    trackingNumber: 'A1',
    status: MILESTONE_STATUS[milestone],
    milestone,
    occurredAt,
    zoneSource: 'carrier',
    precision: 'second',
    description: milestone,
    ...over,
    raw: { source: 'rest', code: milestone.toUpperCase(), ...over.raw },
  })
}

export function ship(events: TrackingEvent[], over: Partial<ShipmentDraft> = {}): Shipment {
  return buildShipment({ carrier: 'acme', trackingNumber: 'A1', events, ...over })
}

export function result(...shipments: Shipment[]): NormalizeResult {
  return { shipments, notFound: [], warnings: [] }
}
