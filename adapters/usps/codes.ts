/**
 * USPS Tracking v3 `eventCode` → canonical status. USPS defines the two-character codes in Publication 199,
 * Appendix G-4 "USPS Domestic Tracking Scan Events" (https://postalpro.usps.com/pub199; the v3 OpenAPI points
 * there). Sources of each row, by tag:
 * - [G4] the code and its name as transcribed from Pub 199 in the open-source Perl module
 *   USPS::WebTools::Tracking::Codes (found with the project's code search; the Pub 199 PDF itself was not read);
 * - [karrio] seen with its text in karrio's recorded USPS v3 response
 *   (karrioapi/karrio modules/connectors/usps/tests/usps/test_tracking.py).
 * Codes not listed (international G-5 codes, rare domestic ones) map to `unknown` with a warning.
 */
import type { CodeTable } from '../../src/adapter/index.js'

export const USPS_EVENT_CODES: CodeTable = {
  // --- pre-transit
  MA: { status: 'pre_transit', milestone: 'label_created' }, // [G4] Manifest Acknowledgement
  GX: { status: 'pre_transit', milestone: 'label_created' }, // [karrio] "Shipping Label Created, USPS Awaiting Item" (not "cancelled")

  // --- accepted / picked up
  '03': { status: 'in_transit', milestone: 'picked_up' }, // [G4] Accept or Pickup (by carrier); [karrio] "USPS in possession of item"
  TM: { status: 'in_transit', milestone: 'picked_up' }, // [G4] Truck manifest, shown as "Shipment Acceptance"
  PA: { status: 'in_transit', milestone: 'picked_up' }, // [G4] Passive Acceptance, shown as "Shipment Acceptance"
  '80': { status: 'in_transit', milestone: 'picked_up' }, // [G4] Picked Up by Shipping Partner
  '42': { status: 'in_transit', milestone: 'in_transit' }, // [G4] USPS Handoff to Shipping Partner

  // --- moving through the network
  '10': { status: 'in_transit', milestone: 'arrived_at_facility' }, // [G4] Processed; [karrio] "Arrived at USPS Regional Origin Facility"
  A1: { status: 'in_transit', milestone: 'arrived_at_facility' }, // [karrio] "Arrived at USPS Regional Facility"
  '07': { status: 'in_transit', milestone: 'arrived_at_facility' }, // [G4] Arrival at Unit; [karrio] "Arrived at Post Office"
  '19': { status: 'in_transit', milestone: 'arrived_at_facility' }, // [G4] DC eVS Arrive
  '41': { status: 'in_transit', milestone: 'arrived_at_facility' }, // [G4] Received at Opening Unit
  '81': { status: 'in_transit', milestone: 'arrived_at_facility' }, // [G4] Arrived Shipping Partner Facility
  '82': { status: 'in_transit', milestone: 'departed_facility' }, // [G4] Departed Shipping Partner Facility
  T1: { status: 'in_transit', milestone: 'departed_facility' }, // [karrio] "Departed USPS Regional Facility"
  EF: { status: 'in_transit', milestone: 'departed_facility' }, // [G4] Departed Sort Facility
  SF: { status: 'in_transit', milestone: 'departed_facility' }, // [G4] Departed Post Office; [karrio] same text
  TL: { status: 'in_transit', milestone: 'in_transit' }, // [karrio] "In Transit to Next Facility"
  PC: { status: 'in_transit', milestone: 'in_transit' }, // [G4] Sorting / Processing Complete
  '06': { status: 'in_transit', milestone: 'in_transit', reason: 'forwarded' }, // [G4] Forwarded

  // --- last mile
  OF: { status: 'out_for_delivery', milestone: 'out_for_delivery' }, // [G4] Out for Delivery; [karrio] same text
  '16': { status: 'available_for_pickup', milestone: 'available_for_pickup' }, // [G4] Available for Pickup
  '14': { status: 'in_transit', milestone: 'arrived_at_facility', reason: 'arrived_at_pickup_point' }, // [G4] Arrival at Pickup Point
  '01': { status: 'delivered', milestone: 'delivered' }, // [G4] Delivered; [karrio] "Delivered, Parcel Locker"
  '17': { status: 'delivered', milestone: 'delivered_to_agent' }, // [G4] Picked Up By Agent

  // --- attempts (G4 groups 02 and 52–56 as "attempted / notice left")
  '02': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'notice_left' }, // [G4] Attempted / Notice Left
  '52': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'notice_left' }, // [G4] Notice Left
  '53': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'receptacle_blocked' }, // [G4] Receptacle Blocked
  '54': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'receptacle_full' }, // [G4] Receptacle Full / Item Oversized
  '55': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no_secure_location' }, // [G4] No Secure Location Available
  '56': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no_authorized_recipient' }, // [G4] No Authorized Recipient Available
  '30': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no_access' }, // [G4] Delivery Attempted - No Access to Delivery Location
  '51': { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'business_closed' }, // [G4] Business Closed

  // --- exceptions (still moving)
  '05': { status: 'exception', milestone: 'address_issue', reason: 'undeliverable_as_addressed' }, // [G4] Undeliverable as Addressed
  '08': { status: 'exception', milestone: 'delayed', reason: 'missent' }, // [G4] Missent
  '15': { status: 'exception', milestone: 'delayed', reason: 'mis_shipped' }, // [G4] Mis-shipped
  '71': { status: 'exception', milestone: 'delayed', reason: 'rescheduled' }, // [G4] Rescheduled to Next Delivery Day
  DX: { status: 'exception', milestone: 'status_update', reason: 'delivery_status_not_updated' }, // [G4] Delivery Status Not Updated

  // --- returns (G4 groups 09, 21–29 and 31 as "return to sender")
  '04': { status: 'returned_to_sender', milestone: 'refused' }, // [G4] Refused
  '09': { status: 'returned_to_sender', milestone: 'returning' }, // [G4] Return to Sender
  '21': { status: 'returned_to_sender', milestone: 'returning', reason: 'no_such_number' }, // [G4] No Such Number
  '22': { status: 'returned_to_sender', milestone: 'returning', reason: 'insufficient_address' }, // [G4] Insufficient Address
  '23': { status: 'returned_to_sender', milestone: 'returning', reason: 'moved_left_no_address' }, // [G4] Moved, Left No Address
  '24': { status: 'returned_to_sender', milestone: 'returning', reason: 'forward_expired' }, // [G4] Forward Expired
  '25': { status: 'returned_to_sender', milestone: 'returning', reason: 'addressee_unknown' }, // [G4] Addressee Unknown
  '26': { status: 'returned_to_sender', milestone: 'returning', reason: 'vacant' }, // [G4] Vacant
  '27': { status: 'returned_to_sender', milestone: 'returning', reason: 'unclaimed' }, // [G4] Unclaimed
  '28': { status: 'returned_to_sender', milestone: 'returning', reason: 'deceased' }, // [G4] Deceased
  '29': { status: 'returned_to_sender', milestone: 'returning', reason: 'other' }, // [G4] Other
  '31': { status: 'returned_to_sender', milestone: 'returning', reason: 'not_picked_up' }, // [G4] Not Picked Up
  '44': { status: 'returned_to_sender', milestone: 'returning', reason: 'customer_recall' }, // [G4] Customer Recall

  // --- end of the road
  '11': { status: 'failure', milestone: 'lost', reason: 'dead_letter' }, // [G4] Dead Letter (neither deliverable nor returnable)
}
