/**
 * EasyPost tracker statuses → canonical meaning.
 *
 * `status` has ten documented values (docs.easypost.com/docs/trackers, Tracker object, "status": unknown,
 * pre_transit, in_transit, out_for_delivery, delivered, available_for_pickup, return_to_sender, failure,
 * cancelled, error). `status_detail` refines the milestone; only values confirmed in EasyPost's docs or in a
 * recorded EasyPost response are listed — others keep the milestone of `status`.
 */
import type { CodeTable } from '../../src/adapter/index.js'
import type { Milestone } from '../../src/model/index.js'

/** `status` → status and milestone (keys upper case, as `mapCode` looks them up). */
export const EASYPOST_STATUSES: CodeTable = {
  // "pre_transit": label bought / electronic info sent, not yet with the carrier. Source: EasyPost Tracker docs.
  PRE_TRANSIT: { status: 'pre_transit', milestone: 'label_created' },
  // "in_transit": with the carrier, moving. Source: EasyPost Tracker docs.
  IN_TRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // "out_for_delivery": on the vehicle for delivery today. Source: EasyPost Tracker docs.
  OUT_FOR_DELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // "delivered". Source: EasyPost Tracker docs.
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // "available_for_pickup": waiting at a pickup location. Source: EasyPost Tracker docs.
  AVAILABLE_FOR_PICKUP: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // "return_to_sender": on its way back to the shipper. Source: EasyPost Tracker docs.
  RETURN_TO_SENDER: { status: 'returned_to_sender', milestone: 'returning' },
  // "failure": the carrier could not deliver and will not retry. Source: EasyPost Tracker docs.
  FAILURE: { status: 'failure', milestone: 'status_update' },
  // "cancelled": the shipment/label was cancelled. Source: EasyPost Tracker docs.
  CANCELLED: { status: 'cancelled', milestone: 'cancelled' },
  // "unknown" and "error" are deliberately absent: EasyPost itself has no status (or failed to get one), so the
  // event is `unknown` with an `unknown_code` warning and the raw code kept.
}

/** `status_detail` → a more precise milestone (the status still comes from `status`). */
export const EASYPOST_STATUS_DETAILS: Readonly<Record<string, Milestone>> = {
  // "arrived_at_facility": scanned in at a carrier facility. Source: EasyPost Tracker docs, status_detail list.
  ARRIVED_AT_FACILITY: 'arrived_at_facility',
  // "arrived_at_destination": at the destination facility. Source: EasyPost Tracker docs, status_detail list.
  ARRIVED_AT_DESTINATION: 'arrived_at_facility',
  // "address_correction": the carrier corrected/needs the address. Source: EasyPost Tracker docs, status_detail list.
  ADDRESS_CORRECTION: 'address_issue',
  // "status_update": a generic update; keeps the status's own milestone. Source: recorded EasyPost test tracker
  // (EasyPost/easypost-python cassette), where pre_transit details carry status_detail "status_update".
}

/**
 * EasyPost's `carrier` string (the `Tracker.carrier` field and the `carrier` given when creating a tracker) → the
 * waybill id of a carrier waybill also tracks directly, so the same parcel seen through EasyPost and seen directly
 * lands on the same `carrier` + tracking number. Keys upper case (the lookup upper-cases EasyPost's value); any
 * other carrier stays under `easypost` with a warning. When waybill gains an adapter for one, add its row.
 */
export const EASYPOST_CARRIERS: Readonly<Record<string, string>> = {
  // "USPS": the United States Postal Service. Source: EasyPost Tracking Guide (docs.easypost.com/guides/tracking-guide), `"carrier": "USPS"` in POST /trackers.
  USPS: 'usps',
  // "UPS": United Parcel Service. Source: EasyPost carrier list (docs.easypost.com/docs/carriers, carrier string "UPS").
  UPS: 'ups',
  // "FedEx": FedEx Express and Ground numbers. Source: EasyPost carrier list (docs.easypost.com/docs/carriers, carrier string "FedEx").
  FEDEX: 'fedex',
  // "DHLExpress": DHL Express waybills, which waybill's dhl adapter reads (DHL Unified Tracking). Source: EasyPost carrier list (docs.easypost.com/docs/carriers, carrier string "DHLExpress").
  DHLEXPRESS: 'dhl',
  // "CanadaPost": Canada Post. Source: EasyPost Rate objects (`"carrier": "CanadaPost"`, EasyPost/easypost-* client fixtures) and the carrier account type CanadaPostAccount (docs.easypost.com/docs/carrier-accounts).
  CANADAPOST: 'canadapost',
  // "AustraliaPost": Australia Post. Source: EasyPost Rate objects (`"carrier": "AustraliaPost"`) and the carrier account type AustraliaPostAccount.
  AUSTRALIAPOST: 'auspost',
  // "RoyalMail": Royal Mail. Source: EasyPost's carrier account type RoyalMailAccount (EasyPost/examples create-carrier-curls); the carrier string follows the account-type naming confirmed above (CanadaPostAccount → "CanadaPost"), not yet seen in a recorded EasyPost object.
  ROYALMAIL: 'royalmail',
  // Not mapped: EasyPost's DPD, GLS, PostNL, La Poste and Amazon carrier strings were not confirmed from EasyPost's documentation.
}

/** The waybill id → EasyPost's spelling of the carrier, for `track(['usps:9400…'])`. */
export const EASYPOST_CARRIER_NAMES: Readonly<Record<string, string>> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHLExpress',
  canadapost: 'CanadaPost',
  auspost: 'AustraliaPost',
  royalmail: 'RoyalMail',
}
