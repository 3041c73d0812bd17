/**
 * Shippo Tracks: `tracking_status.status` and `tracking_status.substatus.code` → canonical meaning, and Shippo's
 * carrier tokens → waybill carrier ids.
 *
 * Source for every row: Shippo API reference, "Tracking status" object (docs.goshippo.com/shippoapi/public-api/
 * tracking-status): `status` is one of PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE, UNKNOWN; `substatus.code`
 * refines it. A substatus listed here overrides its status; any other keeps the meaning of its status.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `status` → meaning (keys upper case, as `mapCode` looks them up). */
export const SHIPPO_STATUSES: CodeTable = {
  // PRE_TRANSIT: the carrier has been notified of the shipment (label created) but has not received it. Source: Shippo Tracking status enum.
  PRE_TRANSIT: { status: 'pre_transit', milestone: 'label_created' },
  // TRANSIT: the carrier has the shipment and it is on its way. Source: Shippo Tracking status enum.
  TRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // DELIVERED: the shipment has been delivered. Source: Shippo Tracking status enum.
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // RETURNED: the shipment is being or has been returned to the sender. Source: Shippo Tracking status enum.
  RETURNED: { status: 'returned_to_sender', milestone: 'returned' },
  // FAILURE: delivery failed (lost, damaged, undeliverable). Source: Shippo Tracking status enum.
  FAILURE: { status: 'failure', milestone: 'status_update' },
  // UNKNOWN is deliberately absent: Shippo has no status, so the event is `unknown` with an `unknown_code` warning.
}

/** `substatus.code` → meaning that overrides the status (keys upper case). Source: Shippo Tracking substatus list. */
export const SHIPPO_SUBSTATUSES: CodeTable = {
  // out_for_delivery: Package is out for delivery. Source: Shippo Tracking substatus list.
  OUT_FOR_DELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // delivery_attempted: Delivery of the package was attempted. Source: Shippo Tracking substatus list.
  DELIVERY_ATTEMPTED: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // pickup_available: Package is available for pickup. Source: Shippo Tracking substatus list.
  PICKUP_AVAILABLE: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // package_accepted: Package has been accepted by the carrier. Source: Shippo Tracking substatus list.
  PACKAGE_ACCEPTED: { status: 'in_transit', milestone: 'picked_up' },
  // delayed: Package is delayed. Source: Shippo Tracking substatus list.
  DELAYED: { status: 'exception', milestone: 'delayed' },
  // package_held: Package is held (e.g. customs). Source: Shippo Tracking substatus list.
  PACKAGE_HELD: { status: 'exception', milestone: 'held' },
  // address_issue: There is an issue with the address. Source: Shippo Tracking substatus list.
  ADDRESS_ISSUE: { status: 'exception', milestone: 'address_issue' },
  // return_to_sender: Package is being returned to the sender. Source: Shippo Tracking substatus list.
  RETURN_TO_SENDER: { status: 'returned_to_sender', milestone: 'returning' },
}

/**
 * Shippo carrier tokens whose parcels waybill also tracks directly → the waybill adapter id, so the same parcel
 * seen through Shippo and seen directly lands on the same `carrier` + tracking number. Source: Shippo carrier
 * tokens (docs.goshippo.com "Carrier tokens"). Any other token is kept as Shippo spells it.
 */
export const SHIPPO_CARRIERS: Readonly<Record<string, string>> = {
  usps: 'usps',
  ups: 'ups',
  fedex: 'fedex',
  dhl_express: 'dhl',
  // royal_mail: "Royal Mail Intersoft". Source: Shippo Tracking Carriers (docs.goshippo.com/docs/tracking/trackingcarriers).
  royal_mail: 'royalmail',
  // la_poste: "La Poste". Source: Shippo Tracking Carriers.
  la_poste: 'laposte',
  // colissimo: "Colissimo", tracked by La Poste's Suivi API. Source: Shippo Tracking Carriers.
  colissimo: 'laposte',
  // dpd_de: "DPD DE", the network waybill's dpd adapter reads. Source: Shippo Tracking Carriers.
  dpd_de: 'dpd',
  // canada_post: "Canada Post". Source: Shippo Tracking Carriers.
  canada_post: 'canadapost',
  // australia_post: "Australia Post". Source: Shippo Tracking Carriers.
  australia_post: 'auspost',
  // Not mapped: gls_us ("GLS US", not the European GLS network), dpd_uk (not read by the dpd adapter); PostNL and
  // Amazon Shipping tokens were not confirmed from Shippo's list.
}
