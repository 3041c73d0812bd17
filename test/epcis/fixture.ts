/** A small canonical shipment (our own data) used by the EPCIS unit and corpus tests. */
import {
  buildShipment,
  eventId,
  type Milestone,
  type Shipment,
  type Status,
  type TrackingEvent,
} from '../../src/model/index.js'

const carrier = 'acme'
const trackingNumber = '1Z5R89390357567127'

function event(
  occurredAt: string,
  status: Status,
  milestone: Milestone,
  code: string,
  gln?: string,
  precision: TrackingEvent['precision'] = 'minute',
): TrackingEvent {
  const location = gln
    ? { city: 'Louisville', countryCode: 'US', gln }
    : { city: 'Louisville', countryCode: 'US' }
  return {
    id: eventId({ carrier, trackingNumber, occurredAt, rawCode: code, location }),
    carrier,
    trackingNumber,
    status,
    milestone,
    occurredAt,
    zoneSource: 'carrier',
    precision,
    location,
    description: `event ${code}`,
    raw: { source: 'rest', code },
  }
}

export const EVENTS: TrackingEvent[] = [
  // deliberately out of order: export must sort by instant
  event('2024-03-27T09:15:00+01:00', 'delivered', 'delivered', 'D1', '9520123456788'),
  event('2024-03-25T08:00:00-05:00', 'pre_transit', 'label_created', 'MP', undefined, 'day'),
  event('2024-03-25T18:30:00-05:00', 'in_transit', 'picked_up', 'PU', '9520123456788'),
  event('2024-03-26T10:58:00Z', 'in_transit', 'departed_facility', 'DP', '9520123456788'),
  event('2024-03-26T12:00:00Z', 'exception', 'damaged', 'XD'),
  event('2024-03-26T13:00:00Z', 'unknown', 'unknown', 'ZZ'),
]

export function shipment(sscc?: string): Shipment {
  return buildShipment({
    carrier,
    trackingNumber,
    events: EVENTS,
    identifiers: sscc ? { sscc, references: [] } : { references: [] },
  })
}
