/**
 * 17TRACK's vocabulary → canonical meaning, and 17TRACK's numeric carrier keys → waybill carrier ids.
 *
 * Status source: 17TRACK Tracking API v2.2 documentation (api.17track.net/en/doc?version=v2.2), section "Status
 * description" (main statuses NotFound, InfoReceived, InTransit, Expired, AvailableForPickup, OutForDelivery,
 * DeliveryFailure, Delivered, Exception, each with its sub-statuses `<Main>_<Detail>`). Events carry a sub-status
 * (`events[].sub_status`); a sub-status not listed here falls back to its main status (the part before `_`), and a
 * main status not listed becomes `unknown` with a warning, its code kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `sub_status` → meaning (keys upper case, as `mapCode` looks them up). */
export const TRACK17_SUB_STATUSES: CodeTable = {
  // InfoReceived: the carrier has received the order information and is waiting for the parcel (v2.2 docs, Status description).
  INFORECEIVED: { status: 'pre_transit', milestone: 'label_created' },
  // InTransit_PickedUp: the parcel has been picked up by the carrier (v2.2 docs, Status description).
  INTRANSIT_PICKEDUP: { status: 'in_transit', milestone: 'picked_up' },
  // InTransit_Other: the parcel is in transit with no finer detail (v2.2 docs, Status description).
  INTRANSIT_OTHER: { status: 'in_transit', milestone: 'in_transit' },
  // InTransit_Departure: the parcel has departed a facility or the origin country (v2.2 docs, Status description).
  INTRANSIT_DEPARTURE: { status: 'in_transit', milestone: 'departed_facility' },
  // InTransit_Arrival: the parcel has arrived at a facility or the destination country (v2.2 docs, Status description).
  INTRANSIT_ARRIVAL: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // InTransit_CustomsProcessing: the parcel is being processed by customs (v2.2 docs, Status description).
  INTRANSIT_CUSTOMSPROCESSING: { status: 'in_transit', milestone: 'customs' },
  // InTransit_CustomsReleased: customs clearance completed (v2.2 docs, Status description).
  INTRANSIT_CUSTOMSRELEASED: { status: 'in_transit', milestone: 'customs' },
  // InTransit_CustomsRequiringInformation: customs needs documents or information from the recipient (v2.2 docs, Status description).
  INTRANSIT_CUSTOMSREQUIRINGINFORMATION: {
    status: 'exception',
    milestone: 'customs',
    reason: 'clearance_information_required',
  },
  // Expired_Other: no new tracking information for a long time (30 days for express, 60 for postal; v2.2 docs, Status description).
  EXPIRED_OTHER: { status: 'exception', milestone: 'delayed', reason: 'no_updates' },
  // AvailableForPickup_Other: the parcel has arrived at a pickup point and is waiting to be collected (v2.2 docs, Status description).
  AVAILABLEFORPICKUP_OTHER: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // OutForDelivery_Other: the parcel is out for delivery (v2.2 docs, Status description).
  OUTFORDELIVERY_OTHER: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // DeliveryFailure_Other: delivery failed for another reason (v2.2 docs, Status description).
  DELIVERYFAILURE_OTHER: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // DeliveryFailure_NoBody: nobody was available to receive the parcel (v2.2 docs, Status description).
  DELIVERYFAILURE_NOBODY: {
    status: 'delivery_attempted',
    milestone: 'delivery_attempted',
    reason: 'no_authorized_recipient',
  },
  // DeliveryFailure_Security: delivery failed on a security matter, e.g. customs or a prohibited item (v2.2 docs, Status description).
  DELIVERYFAILURE_SECURITY: { status: 'delivery_attempted', milestone: 'held', reason: 'security' },
  // DeliveryFailure_Rejected: the recipient refused the parcel (v2.2 docs, Status description).
  DELIVERYFAILURE_REJECTED: { status: 'returned_to_sender', milestone: 'refused' },
  // DeliveryFailure_InvalidAddress: the address is wrong or incomplete (v2.2 docs, Status description).
  DELIVERYFAILURE_INVALIDADDRESS: { status: 'delivery_attempted', milestone: 'address_issue' },
  // Delivered_Other: the parcel has been delivered (v2.2 docs, Status description).
  DELIVERED_OTHER: { status: 'delivered', milestone: 'delivered' },
  // Exception_Other: an exception with no finer detail (v2.2 docs, Status description).
  EXCEPTION_OTHER: { status: 'exception', milestone: 'status_update' },
  // Exception_Returning: the parcel is being returned to the sender (v2.2 docs, Status description).
  EXCEPTION_RETURNING: { status: 'returned_to_sender', milestone: 'returning' },
  // Exception_Returned: the parcel has been returned to the sender (v2.2 docs, Status description).
  EXCEPTION_RETURNED: { status: 'returned_to_sender', milestone: 'returned' },
  // Exception_NoBody: the recipient cannot be found or contacted, an exception rather than a single failed attempt (v2.2 docs, Status description).
  EXCEPTION_NOBODY: { status: 'exception', milestone: 'held', reason: 'no_authorized_recipient' },
  // Exception_Security: held on a security matter (customs, prohibited item) (v2.2 docs, Status description).
  EXCEPTION_SECURITY: { status: 'exception', milestone: 'held', reason: 'security' },
  // Exception_Damage: the parcel was damaged (v2.2 docs, Status description).
  EXCEPTION_DAMAGE: { status: 'exception', milestone: 'damaged' },
  // Exception_Rejected: the recipient refused the parcel (v2.2 docs, Status description).
  EXCEPTION_REJECTED: { status: 'returned_to_sender', milestone: 'refused' },
  // Exception_Delayed: the parcel is delayed (v2.2 docs, Status description).
  EXCEPTION_DELAYED: { status: 'exception', milestone: 'delayed' },
  // Exception_Lost: the parcel is lost (v2.2 docs, Status description).
  EXCEPTION_LOST: { status: 'failure', milestone: 'lost' },
  // Exception_Destroyed: the parcel could not be delivered and was destroyed (v2.2 docs, Status description).
  EXCEPTION_DESTROYED: { status: 'failure', milestone: 'lost', reason: 'destroyed' },
  // Exception_Cancel: the shipment was cancelled (v2.2 docs, Status description).
  EXCEPTION_CANCEL: { status: 'cancelled', milestone: 'cancelled' },
}

/**
 * Main `status` → meaning, used when an event's sub-status is missing or not in {@link TRACK17_SUB_STATUSES}.
 * `NotFound` is deliberately absent: a number 17TRACK found nothing for is a not-found result, not an event.
 */
export const TRACK17_STATUSES: CodeTable = {
  // InfoReceived (v2.2 docs, Status description).
  INFORECEIVED: { status: 'pre_transit', milestone: 'label_created' },
  // InTransit (v2.2 docs, Status description).
  INTRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // Expired: no update for a long time (v2.2 docs, Status description).
  EXPIRED: { status: 'exception', milestone: 'delayed', reason: 'no_updates' },
  // AvailableForPickup (v2.2 docs, Status description).
  AVAILABLEFORPICKUP: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // OutForDelivery (v2.2 docs, Status description).
  OUTFORDELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // DeliveryFailure (v2.2 docs, Status description).
  DELIVERYFAILURE: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // Delivered (v2.2 docs, Status description).
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // Exception (v2.2 docs, Status description).
  EXCEPTION: { status: 'exception', milestone: 'status_update' },
}

/**
 * 17TRACK's numeric carrier key (`accepted[].carrier`, `provider.key`) → the waybill id of a carrier waybill also
 * tracks directly, so a parcel seen through 17TRACK lands on the same carrier and number as the direct poll.
 * Source of the keys: 17TRACK's carrier list (the v2.2 docs' "Carrier list", the `apicarrier.all.json` it links),
 * as quoted by peer integrations; the network is closed here, so the live list was not re-read (README says so).
 * Royal Mail, DPD and Amazon are absent: the peer sources disagree on their keys, and a wrong key would merge
 * parcels of one carrier into another's timeline. Any other key stays under `17track` with a warning.
 */
export const TRACK17_CARRIERS: Readonly<Record<number, string>> = {
  // 21051: "USPS" (17TRACK carrier list; the same key in every peer source read).
  21051: 'usps',
  // 100002: "UPS" (17TRACK carrier list, express carriers 1000xx).
  100002: 'ups',
  // 100003: "FedEx" (17TRACK carrier list, express carriers 1000xx).
  100003: 'fedex',
  // 100001: "DHL" (DHL Express) (17TRACK carrier list, express carriers 1000xx).
  100001: 'dhl',
  // 100005: "GLS" (17TRACK carrier list, express carriers 1000xx).
  100005: 'gls',
  // 6051: "La Poste" (France; Colissimo numbers are tracked under it) (17TRACK carrier list, postal carriers).
  6051: 'laposte',
  // 14041: "PostNL" (Netherlands) (17TRACK carrier list, postal carriers).
  14041: 'postnl',
  // 3041: "Canada Post" (17TRACK carrier list, postal carriers).
  3041: 'canadapost',
  // 1151: "Australia Post" (17TRACK carrier list, postal carriers).
  1151: 'auspost',
}

/** The waybill id → 17TRACK's key, sent as `carrier` when registering `usps:9400…` (the reverse of the table). */
export const TRACK17_CARRIER_KEYS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(Object.entries(TRACK17_CARRIERS).map(([key, id]) => [id, Number(key)])),
)
