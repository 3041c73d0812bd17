/**
 * Amazon Shipping event codes (`eventHistory[].eventCode`) → canonical meaning.
 *
 * Source: Amazon Shipping API v2 reference (developer-docs.amazon.com/amazon-shipping/docs/shipping-api-v2-reference),
 * `EventCode` enum of the `getTracking` response. Any other code becomes `unknown` with a warning, its code kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `eventCode` → meaning (keys upper case, as `mapCode` looks them up). */
export const AMAZON_EVENT_CODES: CodeTable = {
  // ReadyForReceive: "Package has been created and is ready for pickup" (EventCode enum).
  READYFORRECEIVE: { status: 'pre_transit', milestone: 'label_created' },
  // PickupDone: "Package has been picked up" (EventCode enum).
  PICKUPDONE: { status: 'in_transit', milestone: 'picked_up' },
  // ArrivedAtCarrierFacility: "Package has arrived at a carrier facility" (EventCode enum).
  ARRIVEDATCARRIERFACILITY: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Departed: "Package has departed from a carrier facility" (EventCode enum).
  DEPARTED: { status: 'in_transit', milestone: 'departed_facility' },
  // OutForDelivery: "Package is out for delivery" (EventCode enum).
  OUTFORDELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // DeliveryAttempted: "Delivery was attempted" (EventCode enum).
  DELIVERYATTEMPTED: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // Delivered: "Package has been delivered" (EventCode enum).
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // Rejected: "Package was rejected by the recipient" (EventCode enum).
  REJECTED: { status: 'returned_to_sender', milestone: 'refused' },
  // Undeliverable: "Package is undeliverable" (EventCode enum).
  UNDELIVERABLE: { status: 'exception', milestone: 'status_update', reason: 'undeliverable' },
  // Lost: "Package is lost" (EventCode enum).
  LOST: { status: 'failure', milestone: 'lost' },
  // PickupCancelled: "Pickup was cancelled" (EventCode enum).
  PICKUPCANCELLED: { status: 'cancelled', milestone: 'cancelled' },
}
