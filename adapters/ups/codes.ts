/**
 * UPS status tables: the 3-digit `status.statusCode` (the most reliable key, curated by UPS) and the activity
 * `status.type` used as a fallback when the status code is missing or new.
 *
 * Source of every row: UPS Track API appendix, "Tracking-status-description-codes" and
 * "Tracking-package-activity-types" (https://developer.ups.com/api/reference/tracking/appendix), as vendored in
 * karrioapi/karrio `modules/connectors/ups/vendors/*.html` (copied in `../shared/corpus/carriers/
 * ups__karrioapi__karrio__status-description-codes.tsv`). The appendix writes `3`; the API sends `"003"`: keys
 * here are zero-padded to three digits. The comment on each row is UPS's customer-facing text; the mapping to the
 * canonical status and milestone is waybill's reading of that text.
 */
import type { CodeEntry, CodeTable } from '../../src/adapter/index.js'

const inTransit: CodeEntry = { status: 'in_transit', milestone: 'in_transit' }
const update: CodeEntry = { status: 'in_transit', milestone: 'status_update' }
const labelCreated: CodeEntry = { status: 'pre_transit', milestone: 'label_created' }
const pickupUpdate: CodeEntry = { status: 'pre_transit', milestone: 'status_update' }
const outForDelivery: CodeEntry = { status: 'out_for_delivery', milestone: 'out_for_delivery' }
const attempted: CodeEntry = { status: 'delivery_attempted', milestone: 'delivery_attempted' }
const pickedUp: CodeEntry = { status: 'in_transit', milestone: 'picked_up' }
const delayed: CodeEntry = { status: 'exception', milestone: 'delayed' }
const weather: CodeEntry = { status: 'exception', milestone: 'weather_delay', reason: 'weather' }
const held: CodeEntry = { status: 'exception', milestone: 'held' }
const customs: CodeEntry = { status: 'in_transit', milestone: 'customs' }
const customsHold: CodeEntry = { status: 'exception', milestone: 'customs', reason: 'customs' }
const returning: CodeEntry = { status: 'returned_to_sender', milestone: 'returning' }
/** A return to the sender asked for or confirmed, the parcel not yet on its way back. */
const returnInitiated: CodeEntry = { status: 'returned_to_sender', milestone: 'return_initiated' }
const investigation: CodeEntry = { status: 'exception', milestone: 'status_update', reason: 'investigation' }

/** `status.statusCode` (3 digits) → canonical. UPS appendix "Tracking-status-description-codes". */
export const UPS_STATUS_CODES: CodeTable = {
  '003': labelCreated, // Shipment Ready for UPS
  '005': inTransit, // On the Way
  '006': outForDelivery, // Out for Delivery
  '007': { status: 'cancelled', milestone: 'cancelled' }, // Shipment Information Voided
  '010': inTransit, // On the Way
  '011': { status: 'delivered', milestone: 'delivered' }, // Delivered
  '012': customs, // Clearance in Progress (routine for international; a hold is 123–126)
  '013': { status: 'exception', milestone: 'status_update' }, // Exception
  '014': customs, // Clearance Completed
  '016': { status: 'in_transit', milestone: 'arrived_at_facility' }, // In Warehouse
  '017': { status: 'available_for_pickup', milestone: 'available_for_pickup' }, // Held for Customer Pickup
  '018': update, // Delivery Change Requested: Hold for Pickup
  '019': held, // Held for Future Delivery
  '020': held, // Held for Future Delivery Requested
  '021': outForDelivery, // Out for Delivery
  '022': attempted, // First Attempt Made
  '023': attempted, // Second Delivery Attempted
  '024': { ...attempted, reason: 'final_attempt' }, // Final Attempt Made
  '025': inTransit, // On the Way
  '026': { status: 'delivered', milestone: 'delivered', reason: 'local_post_office' }, // Delivered by Local Post Office
  '027': update, // Delivery Address Change Requested
  '028': update, // Delivery Address Changed
  '029': { ...held, reason: 'action_required' }, // Exception: Action Required
  '030': { ...delayed, reason: 'local_post_office' }, // Local Post Office Exception
  '032': weather, // Adverse Weather May Cause Delay
  '033': returnInitiated, // Return to Sender Requested
  '034': { status: 'returned_to_sender', milestone: 'returned' }, // Returned to Sender
  '035': returning, // Returning to Sender
  '036': returning, // Returning to Sender: In Transit
  '037': outForDelivery, // Out for Delivery
  '038': pickedUp, // Picked Up by UPS
  '039': inTransit, // On the Way
  '040': { status: 'available_for_pickup', milestone: 'available_for_pickup' }, // Ready for Customer Pickup
  '041': update, // Service Upgrade Requested
  '042': update, // Service Upgraded
  '043': pickupUpdate, // Voided Pickup (a pickup request, not the shipment)
  '044': inTransit, // On the Way to UPS
  '045': inTransit, // On the Way to UPS
  '046': delayed, // Delay
  '047': inTransit, // On the Way
  '048': delayed, // Delay
  '049': { ...delayed, reason: 'action_required' }, // Delay: Action Required
  '050': { status: 'exception', milestone: 'address_issue' }, // Address Information Required
  '051': weather, // Delay: Emergency Situation or Severe Weather
  '052': weather, // Delay: Severe Weather
  '053': weather, // Delay: Severe Weather
  '054': update, // Delivery Change Requested
  '055': delayed, // Rescheduled Delivery
  '056': update, // Service Upgrade Requested
  '057': inTransit, // On the Way to a Local UPS Access Point™
  '058': { ...customsHold, reason: 'clearance_information_required' }, // Clearance Information Required
  '059': { status: 'exception', milestone: 'damaged' }, // Damage Reported
  '060': attempted, // Delivery Attempted
  '061': { ...attempted, reason: 'adult_signature_required' }, // Delivery Attempted: Adult Signature Required
  '062': { ...attempted, reason: 'funds_required' }, // Delivery Attempted: Funds Required
  '063': update, // Delivery Change Completed
  '064': { status: 'returned_to_sender', milestone: 'refused' }, // Delivery Refused
  '065': pickupUpdate, // Pickup Attempted
  '066': { ...attempted, reason: 'post_office' }, // Post Office Delivery Attempted
  '067': returning, // Returned to Sender by Post Office
  '068': { status: 'failure', milestone: 'lost' }, // Sent to Lost and Found
  '069': { status: 'failure', milestone: 'delivery_attempted', reason: 'undeliverable' }, // Unable to Deliver
  '070': inTransit, // Package not at UPS Access Point™ yet
  '071': inTransit, // Preparing for Delivery
  '072': outForDelivery, // Loaded on Delivery Vehicle
  '073': inTransit, // In Transit to UPS Delivery Partner
  '074': inTransit, // UPS Delivery Partner has Shipment
  '075': update, // Scheduled for Delivery
  '076': { ...delayed, reason: 'delivery_partner' }, // UPS Delivery Partner Exception
  '077': pickupUpdate, // Scheduled for Pickup Today
  '078': outForDelivery, // Your Driver is Arriving Soon!
  '079': labelCreated, // Order Processed: In Transit to UPS
  '080': labelCreated, // Order Processed: Ready for UPS
  '081': { status: 'returned_to_sender', milestone: 'returned', reason: 'damaged' }, // Returned - Damage Reported
  '082': update, // Delivery Instructions Received
  '083': held, // Held
  '084': customs, // Cleared
  '085': { ...held, reason: 'cod_payment' }, // Held for COD Payment
  '086': delayed, // Delay
  '087': inTransit, // On the Way
  '089': outForDelivery, // Out for Delivery
  '090': delayed, // Delay
  '091': outForDelivery, // Out for Delivery
  '092': customs, // Customs Clearance in Progress
  '093': { ...held, reason: 'premier_recovery' }, // Premier Recovery In Progress
  '094': update, // Premier Recovery Completed
  '095': update, // Additional Attempt Requested
  '096': update, // Address Change Confirmed
  '097': update, // Address Change Requested
  '098': update, // Deliver to Original Address Requested
  '099': update, // Deliver to Original Address Confirmed
  '100': update, // Hold at UPS Access Point™ Confirmed
  '101': update, // Hold at UPS Access Point™ Requested
  '102': update, // Hold for Courier Requested
  '103': update, // Hold for Courier Confirmed
  '104': held, // Hold for Instructions Confirmed
  '105': held, // Hold for Instructions Requested
  '106': update, // Hold for Pickup Confirmed
  '107': update, // Hold for Pickup Requested
  '108': update, // Hold for Pickup Today Confirmed
  '109': update, // Hold for Pickup Today Requested
  '110': update, // Refrigeration Confirmed
  '111': update, // Refrigeration Requested
  '112': update, // Re-Ice Confirmed
  '113': update, // Re-Ice Requested
  '114': update, // Request Canceled
  '115': update, // Reschedule Delivery Confirmed
  '116': update, // Reschedule Delivery Requested
  '117': returning, // Return by Saturday Confirmed
  '118': returnInitiated, // Return to Sender Confirmed
  '119': returnInitiated, // Return to Sender Requested
  '120': update, // Saturday Delivery Confirmed
  '121': update, // Saturday Delivery Requested
  '122': update, // Upgrade Confirmed
  '123': { ...customsHold, reason: 'broker_release_pending' }, // Pending Release From Non-UPS Broker
  '124': { ...customsHold, reason: 'clearance_information_required' }, // Clearance Information Needed
  '125': { ...customsHold, reason: 'clearance_information_required' }, // Clearance Information Needed
  '126': { ...customsHold, reason: 'government_release_pending' }, // Pending Government Agency Release
  '127': investigation, // Investigation Closed
  '128': investigation, // Investigation Canceled
  '129': investigation, // Investigation Opened
  '130': { ...investigation, reason: 'claim' }, // Claim in Progress
  '131': pickupUpdate, // Final Pickup Attempted
  '132': { ...delayed, reason: 'airport_security' }, // Airport Security Delay
  '133': pickupUpdate, // Return Label Left With Customer
  '134': customs, // Cleared Import Customs
  '135': pickupUpdate, // Second Pickup Attempted
  '136': update, // Delivery Rescheduled for Saturday
  '137': inTransit, // Transferred to UPS Delivery Partner
  '138': inTransit, // Awaiting Scheduled Departure
  '139': { ...held, reason: 'security_access_required' }, // Security Access Required
  '140': { status: 'failure', milestone: 'lost', reason: 'claim_paid' }, // Claim Paid - Claim Payment Has Been Processed.
  '141': { ...customsHold, reason: 'incomplete_documentation' }, // Incomplete Documentation Received
  '142': { ...investigation, reason: 'claim' }, // Claim Voided
  '143': { status: 'delivered', milestone: 'delivered_to_agent' }, // Delivered to Agent
  '144': { status: 'available_for_pickup', milestone: 'available_for_pickup', reason: 'post_office' }, // Delivered to Post Office for Pickup
  '145': attempted, // Delivery Attempted
  '146': outForDelivery, // Out for Delivery
  '147': { status: 'failure', milestone: 'lost', reason: 'seized' }, // Seized by Law Enforcement, No Longer in UPS possession
  '149': { status: 'failure', milestone: 'damaged', reason: 'prohibited_contents_destroyed' }, // Prohibited Contents, Package Destroyed No Longer in UPS possession
  '153': update, // Updated Delivery Time (an ETA change, not a movement)
  '154': update, // Updated Delivery Date (an ETA change, not a movement)
  '155': update, // Delivery Photo (follows a delivery; a later non-terminal event never reopens one)
  '156': { status: 'delivered', milestone: 'delivered', reason: 'commercial_inside_release' }, // Commercial Inside Release
  '157': labelCreated, // Shipment Ready for UPS
  '158': inTransit, // On the Way
  '159': inTransit, // On the Way
  '160': pickedUp, // We Have Your Package
  '161': { status: 'available_for_pickup', milestone: 'available_for_pickup', reason: 'access_point' }, // Delivered to UPS Access Point
  '162': outForDelivery, // Out for Delivery
  '164': inTransit, // On the Way
  '165': inTransit, // On the Way
  '166': labelCreated, // Shipment Ready for Roadie
  '167': pickedUp, // Dropped off at UPS Store by Customer
  '168': pickedUp, // Dropped off at Retail Location by Customer
  '169': pickedUp, // Dropped off at a UPS Access Point by Customer
}

/**
 * `status.type` (activity type) → canonical, used when `statusCode` is absent or not in the table above.
 * UPS appendix "Tracking-package-activity-types"; `P` is the legacy XML Tracking API's pickup type (shipit mapped
 * it to en route), kept because older integrations still send it.
 */
export const UPS_ACTIVITY_TYPES: CodeTable = {
  D: { status: 'delivered', milestone: 'delivered' }, // Delivered
  I: inTransit, // In Transit, Out for Delivery (refined by the 2-char code, see UPS_IN_TRANSIT_CODES)
  M: labelCreated, // Billing Information Received
  MV: { status: 'cancelled', milestone: 'cancelled' }, // Billing Information Voided
  X: { status: 'exception', milestone: 'status_update' }, // Exception
  DO: { status: 'in_transit', milestone: 'arrived_at_facility' }, // Delivered Origin CFS (Freight Only)
  DD: { status: 'in_transit', milestone: 'arrived_at_facility' }, // Delivered Destination CFS (Freight Only)
  W: { status: 'in_transit', milestone: 'arrived_at_facility' }, // Warehousing (Freight Only)
  P: pickedUp, // Pickup (legacy XML Tracking API)
}

/**
 * 2-character activity codes that refine type `I` when no status code is given. Only codes whose meaning UPS
 * documents in a published example are listed: `OT` "Out for Delivery" (UPSTrackAlert.yaml, example 6, with
 * descriptionCode 021); `OF`/`OD` out for delivery (karrio `units.py`, UPS connector).
 */
export const UPS_IN_TRANSIT_CODES: CodeTable = {
  OT: outForDelivery, // Out for Delivery (UPS Track Alert example)
  OF: outForDelivery, // Out for delivery (karrio UPS table)
  OD: outForDelivery, // Out for delivery (karrio UPS table)
}

/**
 * Status codes and activity types that carry no status at all. They are not mapped: the event falls back to the
 * activity type when it has one, and is otherwise `unknown` with an `unknown_code` warning, so a human sees it.
 */
export const UPS_NO_STATUS_CODES: ReadonlySet<string> = new Set([
  '000', // Status Not Available
  '088', // Test
  '148', // Package Information Unavailable
  '163', // Package Information Unavailable
  'NA', // activity type: Not Available
  'U', // activity type: Updates (Track Alert API Only) — an ETA or delivery-time update, no movement
])

/** Warning code UPS puts on a shipment it does not know, inside an HTTP 200 (UPS issues #166, #102). */
export const UPS_NOT_FOUND_CODES = new Set(['TW0001'])

/**
 * Error codes in `response.errors[]` that mean the credentials were refused: `250003` Invalid Access License
 * number (karrio's UPS test sample `error-auth`), `UJ0001` Invalid token or token is not present
 * (UPS-API/api-documentation UPSTrackAlert.yaml, 401 example), `250002` Invalid Authentication Information
 * (widely reported by integrators; not found in a UPS document we could read — unverified).
 */
export const UPS_AUTH_ERROR_CODES = new Set(['250002', '250003', 'UJ0001'])

/** `10429` Too Many Requests (UPS-API/api-documentation issues #8, #123). */
export const UPS_RATE_LIMIT_CODES = new Set(['10429'])
