/**
 * AfterShip delivery statuses (`tag`) and sub-statuses (`subtag`) → canonical meaning.
 *
 * Sources: "Delivery Statuses" (aftership.com/docs/tracking/enum/delivery-statuses: InfoReceived, InTransit,
 * OutForDelivery, AttemptFail, Delivered, AvailableForPickup, Exception, Expired, Pending) and "Delivery
 * Sub-statuses" (aftership.com/docs/tracking/enum/delivery-sub-statuses). A subtag listed here overrides its
 * tag; any other subtag keeps the meaning of its tag.
 */
import type { CodeEntry, CodeTable } from '../../src/adapter/index.js'

/** `tag` → meaning (keys upper case, as `mapCode` looks them up). */
export const AFTERSHIP_TAGS: CodeTable = {
  // InfoReceived: "Carrier has received request from shipper and is about to pick up the shipment."
  INFORECEIVED: { status: 'pre_transit', milestone: 'label_created' },
  // InTransit: "Carrier has accepted or picked up shipment from shipper. The shipment is on the way."
  INTRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // OutForDelivery: "Carrier is about to deliver the shipment, or it is ready to pickup."
  OUTFORDELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // AttemptFail: "Carrier attempted to deliver but failed, and usually leaves a notice and will try to deliver again."
  ATTEMPTFAIL: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // Delivered: "The shipment was delivered successfully."
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // AvailableForPickup: "The package arrived at a pickup point near you and is available for pickup."
  AVAILABLEFORPICKUP: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Exception: "Custom hold, undelivered, returned shipment to sender or any shipping exceptions." (refined by subtag)
  EXCEPTION: { status: 'exception', milestone: 'status_update' },
  // Pending ("pending to track / no tracking information yet") and Expired ("no tracking information for 30 days")
  // describe AfterShip's lookup, not the parcel: deliberately absent, so they become `unknown` with a warning.
}

/** `subtag` → meaning, where it says more than the tag (keys upper case). */
export const AFTERSHIP_SUBTAGS: Readonly<Record<string, CodeEntry>> = {
  // Delivered_002 "Picked up by the customer"
  DELIVERED_002: { status: 'delivered', milestone: 'delivered', reason: 'picked up by the customer' },
  // Delivered_005 "Delivered to neighbor"
  DELIVERED_005: { status: 'delivered', milestone: 'delivered_to_agent', reason: 'delivered to a neighbour' },
  // Exception_002 "Customer moved"
  EXCEPTION_002: { status: 'exception', milestone: 'address_issue', reason: 'customer moved' },
  // Exception_003 "Customer refused delivery"
  EXCEPTION_003: { status: 'returned_to_sender', milestone: 'refused', reason: 'refused by the recipient' },
  // Exception_004 "Delayed (Customs clearance)"
  EXCEPTION_004: { status: 'exception', milestone: 'customs', reason: 'customs clearance delay' },
  // Exception_005 "Delayed (External factors)"
  EXCEPTION_005: { status: 'exception', milestone: 'delayed' },
  // Exception_006 "Held for payment"
  EXCEPTION_006: { status: 'exception', milestone: 'held', reason: 'held for payment' },
  // Exception_007 "Incorrect Address"
  EXCEPTION_007: { status: 'exception', milestone: 'address_issue', reason: 'incorrect address' },
  // Exception_008 "Pick up missed": available for pickup but not collected
  EXCEPTION_008: { status: 'exception', milestone: 'held', reason: 'not collected' },
  // Exception_010 "Returning to sender": on its way back
  EXCEPTION_010: { status: 'returned_to_sender', milestone: 'returning' },
  // Exception_011 "Returned to sender": received back by the sender
  EXCEPTION_011: { status: 'returned_to_sender', milestone: 'returned' },
  // Exception_012 "Shipment damage"
  EXCEPTION_012: { status: 'exception', milestone: 'damaged' },
  // Exception_013 "Shipment lost"
  EXCEPTION_013: { status: 'failure', milestone: 'lost' },
  // InTransit_007 "Departure scan" (the example AfterShip gives on the sub-statuses page)
  INTRANSIT_007: { status: 'in_transit', milestone: 'departed_facility' },
}

/**
 * AfterShip courier slugs (`tracking.slug`) of carriers waybill also tracks directly → the waybill adapter id, so
 * the same parcel seen through AfterShip and seen directly lands on the same `carrier` + tracking number. Keys lower
 * case; any other slug stays under `aftership` with a warning. DPD UK, DPD Poland and the other national DPD slugs
 * are not mapped: their numbers are not read by waybill's dpd adapter (DPD Deutschland's Web Services).
 */
export const AFTERSHIP_SLUGS: Readonly<Record<string, string>> = {
  // "usps": USPS. Source: AfterShip Tracking API quick start (Create Tracking example, `"slug": "usps"`) and the courier list (aftership.com/couriers/usps).
  usps: 'usps',
  // "ups": UPS. Source: AfterShip courier list (aftership.com/couriers/ups).
  ups: 'ups',
  // "fedex": FedEx. Source: AfterShip Tracking object reference, `slug` example "fedex".
  fedex: 'fedex',
  // "dhl": DHL Express waybills, which waybill's dhl adapter reads. Source: AfterShip courier list (aftership.com/couriers/dhl).
  dhl: 'dhl',
  // "royal-mail": Royal Mail. Source: AfterShip courier list (GET /couriers/all, slug "royal-mail", name "Royal Mail").
  'royal-mail': 'royalmail',
  // "la-poste-colissimo": La Poste, whose Suivi API also tracks Colissimo. Source: AfterShip courier list (slug "la-poste-colissimo", name "La Poste", other name "Coliposte").
  'la-poste-colissimo': 'laposte',
  // "colissimo": Colissimo parcels, tracked by La Poste's Suivi API. Source: AfterShip courier list (slug "colissimo", name "Colissimo").
  colissimo: 'laposte',
  // "postnl": PostNL domestic parcels. Source: AfterShip courier list (slug "postnl", name "PostNL Domestic").
  postnl: 'postnl',
  // "postnl-international": PostNL international parcels. Source: AfterShip courier list (slug "postnl-international", name "PostNL International").
  'postnl-international': 'postnl',
  // "gls": GLS. Source: AfterShip courier list (slug "gls", name "GLS", other name "General Logistics Systems").
  gls: 'gls',
  // "dpd": DPD. Source: AfterShip courier list (slug "dpd", name "DPD").
  dpd: 'dpd',
  // "dpd-de": DPD Germany, the network waybill's dpd adapter reads. Source: AfterShip courier list (slug "dpd-de", name "DPD Germany").
  'dpd-de': 'dpd',
  // "canada-post": Canada Post. Source: AfterShip courier list (slug "canada-post", name "Canada Post").
  'canada-post': 'canadapost',
  // "australia-post": Australia Post. Source: AfterShip courier list (slug "australia-post", name "Australia Post").
  'australia-post': 'auspost',
  // Amazon Shipping is not listed: its AfterShip slug was not confirmed from AfterShip's courier list.
}
