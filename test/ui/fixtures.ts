/** Shipments in every canonical status, built with the model's own `buildShipment`, for the UI tests. */
import {
  buildShipment,
  type Milestone,
  type Shipment,
  STATUSES,
  type Status,
  type TrackingEvent,
} from '../../src/model/index.js'

/** Fixed "now" so that "today"/"tomorrow" and past estimates are deterministic. */
export const NOW = new Date('2024-03-26T14:00:00Z')

let counter = 0
function event(
  milestone: Milestone,
  status: Status,
  occurredAt: string,
  place: { city: string; region?: string; countryCode: string },
  timeZone: string,
  text: string,
  code: string,
): TrackingEvent {
  counter++
  return {
    id: `ev_fixture_${counter}`,
    carrier: 'acme',
    trackingNumber: '1ZUIFIXTURE0001',
    status,
    milestone,
    occurredAt,
    timeZone,
    zoneSource: 'location',
    precision: 'minute',
    location: place,
    description: text,
    raw: { source: 'rest', code, text },
  }
}

const ATL = { city: 'ATLANTA', region: 'GA', countryCode: 'US' }
const LOU = { city: 'Louisville', region: 'KY', countryCode: 'US' }
const CHI = { city: 'Chicago', region: 'IL', countryCode: 'US' }

function base(): TrackingEvent[] {
  return [
    event(
      'label_created',
      'pre_transit',
      '2024-03-23T09:15:00-04:00',
      ATL,
      'America/New_York',
      'Shipper created a label, UPS has not received the package yet.',
      'MP',
    ),
    event(
      'picked_up',
      'in_transit',
      '2024-03-23T18:40:00-04:00',
      ATL,
      'America/New_York',
      'Pickup Scan',
      'PU',
    ),
    event(
      'departed_facility',
      'in_transit',
      '2024-03-24T23:05:00-04:00',
      LOU,
      'America/New_York',
      'Departed from Facility',
      'DP',
    ),
    event(
      'arrived_at_facility',
      'in_transit',
      '2024-03-25T06:30:00-05:00',
      CHI,
      'America/Chicago',
      'Arrived at Facility',
      'AR',
    ),
  ]
}

const LAST: Record<Status, [Milestone, string, string]> = {
  pre_transit: ['label_created', 'Order Processed: Ready for UPS', 'MP'],
  in_transit: ['departed_facility', 'Departed from Facility', 'DP'],
  out_for_delivery: ['out_for_delivery', 'Out For Delivery Today', 'OD'],
  available_for_pickup: [
    'available_for_pickup',
    'Delivered to UPS Access Point™ – awaiting customer pickup',
    'AP',
  ],
  delivery_attempted: [
    'delivery_attempted',
    "THE RECEIVER WAS NOT AVAILABLE FOR DELIVERY. WE'LL MAKE A 2ND ATTEMPT",
    'DA',
  ],
  delivered: ['delivered', 'DELIVERED', 'KB'],
  exception: ['address_issue', 'The address is incomplete; <b>missing</b> apartment number', 'AI'],
  returned_to_sender: ['returning', 'Returning to Sender: receiver refused', 'RS'],
  failure: ['lost', 'Package could not be located', 'LS'],
  cancelled: ['cancelled', 'Shipment cancelled by sender', 'CX'],
  unknown: ['unknown', 'Status code ZZ', 'ZZ'],
}

/**
 * A realistic shipment whose current status is `status`, with an estimate for tomorrow where one makes sense.
 * `hostile` replaces carrier text and places with markup and script payloads.
 */
export function shipmentFor(status: Status, options: { hostile?: string } = {}): Shipment {
  const [milestone, text, code] = LAST[status]
  const events = status === 'pre_transit' ? base().slice(0, 1) : base()
  if (status === 'unknown') events.length = 0
  if (status !== 'pre_transit' && status !== 'in_transit')
    events.push(event(milestone, status, '2024-03-26T08:02:00-05:00', CHI, 'America/Chicago', text, code))
  if (options.hostile) {
    for (const ev of events) {
      ev.description = options.hostile
      ev.raw = { ...ev.raw, text: options.hostile, code: options.hostile }
      ev.location = { city: options.hostile, countryCode: 'US' }
    }
  }
  const shipment = buildShipment({
    carrier: 'acme',
    trackingNumber: options.hostile ? `1Z${options.hostile}` : '1ZUIFIXTURE0001',
    events,
    service: { name: options.hostile ?? 'Ground' },
    destination: { city: 'Chicago', region: 'IL', countryCode: 'US' },
    ...(status === 'delivered' ? { signedBy: options.hostile ?? 'J. SMITH' } : {}),
    estimatedDelivery: {
      from: '2024-03-27T09:00:00-05:00',
      to: '2024-03-27T12:00:00-05:00',
      precision: 'minute',
    },
  })
  if (shipment.status !== status) throw new Error(`fixture for ${status} derived ${shipment.status}`)
  return shipment
}

/**
 * A shipment held in customs (an exception that needs nothing from the recipient), with the place in the capitals
 * carriers send ("MISSISSAUGA", "ON") and the estimate still ahead.
 */
export function customsShipment(): Shipment {
  const events = base()
  events.push(
    event(
      'customs',
      'exception',
      '2024-03-26T09:30:00-04:00',
      { city: 'MISSISSAUGA', region: 'ON', countryCode: 'CA' },
      'America/Toronto',
      'CLEARANCE IN PROGRESS',
      'CC',
    ),
  )
  const shipment = buildShipment({
    carrier: 'fedex',
    trackingNumber: '771234567878',
    events,
    service: { name: 'FedEx International Priority' },
    destination: { city: 'Chicago', region: 'IL', countryCode: 'US' },
    estimatedDelivery: { from: '2024-03-28', precision: 'day' },
  })
  if (shipment.status !== 'exception') throw new Error(`customs fixture derived ${shipment.status}`)
  return shipment
}

export const ALL_STATUSES = STATUSES
export const LOCALES = ['en', 'es', 'fr', 'de', 'vi'] as const
