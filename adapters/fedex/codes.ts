/**
 * FedEx status table, keyed on the scan event's `eventType` — never on `derivedStatusCode`, which is coarse: an
 * `OD` (on vehicle for delivery) scan carries `derivedStatusCode: "IT"` in real data, so mapping the derived code
 * loses out-for-delivery (karrio's captured FedEx Ground sample, `../shared/corpus/carriers/
 * fedex__karrioapi__karrio__delivered-ground-full-scan-history.json`).
 *
 * Sources, per row: [WS] the event-type list of the FedEx Web Services Track Service guide (TrackEvent
 * `EventType`, https://www.fedex.com/us/developer/webhelp/ws/2020/Docs/FedEx_WebServices_TrackService_WSDLGuide_v2020.pdf
 * — the REST Track API kept the same two-letter codes); [sample] seen in the karrio sample above; [karrio] only in
 * karrio's FedEx connector mapping (`modules/connectors/fedex/.../units.py`, used as a code list, not as truth).
 * The comment is FedEx's description; the canonical mapping is waybill's reading of it.
 */
import type { CodeEntry, CodeTable } from '../../src/adapter/index.js'

const inTransit: CodeEntry = { status: 'in_transit', milestone: 'in_transit' }
const arrived: CodeEntry = { status: 'in_transit', milestone: 'arrived_at_facility' }
const departed: CodeEntry = { status: 'in_transit', milestone: 'departed_facility' }
const update: CodeEntry = { status: 'in_transit', milestone: 'status_update' }
const preUpdate: CodeEntry = { status: 'pre_transit', milestone: 'status_update' }
const customs: CodeEntry = { status: 'in_transit', milestone: 'customs' }
const pickedUp: CodeEntry = { status: 'in_transit', milestone: 'picked_up' }
const outForDelivery: CodeEntry = { status: 'out_for_delivery', milestone: 'out_for_delivery' }
const delayed: CodeEntry = { status: 'exception', milestone: 'delayed' }
const pickup: CodeEntry = { status: 'available_for_pickup', milestone: 'available_for_pickup' }

/** `scanEvents[].eventType` → canonical. */
export const FEDEX_EVENT_TYPES: CodeTable = {
  AA: arrived, // At Airport [WS]
  AC: arrived, // At Canada Post facility [WS]
  AD: outForDelivery, // At Delivery (driver at the delivery address) [WS]
  AE: update, // Shipment arriving early [sample]
  AF: arrived, // At local FedEx facility [WS]
  AO: update, // Shipment arriving On-time [WS]
  AP: preUpdate, // At Pickup (driver at the pickup address) [WS]
  AR: arrived, // Arrived at FedEx location / At local FedEx facility [WS][sample]
  AX: arrived, // At USPS facility (FedEx Ground Economy) [WS]
  BR: customs, // Broker [WS]
  CA: { status: 'cancelled', milestone: 'cancelled' }, // Shipment cancelled [WS]
  CC: customs, // Cleared customs [WS]
  CD: { status: 'exception', milestone: 'customs', reason: 'customs' }, // Clearance delay [WS]
  CH: update, // Location changed [WS]
  CP: customs, // Clearance in progress [WS]
  CU: customs, // Customs [WS]
  DD: delayed, // Delivery delay [WS]
  DE: { status: 'delivery_attempted', milestone: 'delivery_attempted' }, // Delivery exception (attempt failed) [WS]
  DL: { status: 'delivered', milestone: 'delivered' }, // Delivered [WS][sample]
  DP: departed, // Departed FedEx location / Left FedEx origin facility [WS][sample]
  DR: preUpdate, // Vehicle furnished but not used [WS]
  DS: preUpdate, // Vehicle dispatched [WS]
  DY: delayed, // Delay [WS]
  EA: inTransit, // Enroute to airport [WS]
  ED: outForDelivery, // Enroute to delivery [WS]
  EO: inTransit, // Enroute to origin airport [WS]
  EP: preUpdate, // Enroute to pickup [WS]
  FD: arrived, // At FedEx destination facility [WS]
  HA: { status: 'exception', milestone: 'held' }, // Hold at location requested [karrio]
  HL: pickup, // Hold at location [WS]
  HP: pickup, // Ready for recipient pickup [karrio]
  IT: inTransit, // In transit / On the way [WS][sample]
  IX: inTransit, // In transit (see details) [WS]
  LO: departed, // Left origin [WS]
  LP: preUpdate, // Return label link cancelled by shipment originator [WS]
  MD: { status: 'pre_transit', milestone: 'label_created' }, // Manifest data received [karrio]
  OC: { status: 'pre_transit', milestone: 'label_created' }, // Order created / Shipment information sent to FedEx [WS][sample]
  OD: outForDelivery, // Out for delivery / On FedEx vehicle for delivery [WS][sample]
  OF: arrived, // At FedEx origin facility [WS]
  OX: update, // Shipment information sent to USPS (FedEx Ground Economy hand-off) [WS]
  PD: { ...delayed, reason: 'pickup_delay' }, // Pickup delay [WS]
  PF: inTransit, // Plane in flight [WS]
  PL: inTransit, // Plane landed [WS]
  PM: inTransit, // In progress [WS]
  PU: pickedUp, // Picked up [WS][sample]
  PX: pickedUp, // Picked up (see details) [WS]
  PY: delayed, // Delay [karrio]
  RC: update, // Recipient delivery option (CDO) cancelled [WS]
  RD: preUpdate, // Return label link expired [WS]
  RG: preUpdate, // Return label link expiring soon [WS]
  RM: update, // Recipient delivery option (CDO) modified [WS]
  RP: preUpdate, // Return label link emailed to return sender [WS]
  RR: update, // Recipient delivery option (CDO) requested [WS]
  RS: { status: 'returned_to_sender', milestone: 'returning' }, // Return to shipper [WS]
  RT: { status: 'returned_to_sender', milestone: 'returning' }, // Returned to shipper [karrio]
  SE: { status: 'exception', milestone: 'status_update' }, // Shipment exception [WS]
  SF: arrived, // At sort facility [WS]
  SP: update, // Split status (multi-piece shipment split) [WS]
  TR: inTransit, // Transfer [WS]
}

/**
 * Per-number errors inside an HTTP 200 that mean "FedEx does not know this number": `TRACKING.TRACKINGNUMBER.NOTFOUND`
 * (notes §2, karrio sample) and `TRACKING.DATA.NOTFOUND` "Tracking data unavailable" (FedEx Track API example output).
 */
export const FEDEX_NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'TRACKING.TRACKINGNUMBER.NOTFOUND',
  'TRACKING.DATA.NOTFOUND',
])

/**
 * Request-level error codes meaning the credentials or the token were refused: `NOT.AUTHORIZED.ERROR` (401, "Access
 * token expired", Track API OpenAPI 401 example, gist konung/d7e69c2f…) and `FORBIDDEN.ERROR` (403; the code name
 * is from memory — unverified — but any 401/403 is an AuthError anyway, keyed on the HTTP status).
 */
export const FEDEX_AUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  'NOT.AUTHORIZED.ERROR',
  'FORBIDDEN.ERROR',
])
