/**
 * X12 214 code tables: AT701 shipment status (element 1650), AT702 status reason (element 1651) and AT703
 * appointment status (element 1652), each mapped to the canonical model.
 *
 * Sources (each row says which):
 * - [1650] element 1650 "Shipment Status Code", 004010 list as published in stupidedi's 004010 tables
 *   (https://github.com/irobayna/stupidedi) and Stedi's X12 reference (https://www.stedi.com/edi/x12/element/1650);
 * - [1651] element 1651 "Shipment Status or Appointment Reason Code", same sources
 *   (https://www.stedi.com/edi/x12/element/1651);
 * - [1652] element 1652 "Shipment Appointment Status Code" (https://www.stedi.com/edi/x12/element/1652);
 * - [128] element 128 "Reference Identification Qualifier" (https://www.stedi.com/edi/x12/element/128).
 * Canonical choices follow `docs/edi.md` ("Status mapping"). Unknown codes map to `unknown`, raw code kept.
 */
import type { CodeEntry } from '../adapter/index.js'
import type { Milestone } from '../model/core.js'

/**
 * What an AT701 code means for the timeline:
 * - `event`: something that happened (goes on the timeline);
 * - `estimate-delivery`: an estimate of delivery (updates `estimatedDelivery`, never the timeline);
 * - `estimate-pickup`, `estimate-other`: other estimates (kept as appointments of kind `pickup`/`other`).
 */
export type At7Kind = 'event' | 'estimate-delivery' | 'estimate-pickup' | 'estimate-other'

export interface At7Entry extends CodeEntry {
  kind: At7Kind
  /** The code's name in the standard, used as the event description. */
  text: string
}

const ev = (status: CodeEntry['status'], milestone: Milestone, text: string): At7Entry => ({
  kind: 'event',
  status,
  milestone,
  text,
})
const est = (kind: Exclude<At7Kind, 'event'>, text: string): At7Entry => ({
  kind,
  status: 'in_transit',
  milestone: 'in_transit',
  text,
})

/** AT701 shipment status code → canonical meaning. */
export const AT701: Readonly<Record<string, At7Entry>> = {
  XB: ev('pre_transit', 'label_created', 'Shipment acknowledged'), // [1650] XB: tendered or booked
  AA: est('estimate-pickup', 'Pick-up appointment date and/or time'), // [1650] AA: an estimate, not an event
  X3: ev('in_transit', 'in_transit', 'Arrived at pick-up location'), // [1650] X3
  X8: ev('in_transit', 'in_transit', 'Arrived at pick-up location loading dock'), // [1650] X8
  L1: ev('in_transit', 'in_transit', 'Loading'), // [1650] L1
  CP: ev('in_transit', 'picked_up', 'Completed loading at pick-up location'), // [1650] CP
  AF: ev('in_transit', 'picked_up', 'Carrier departed pick-up location with shipment'), // [1650] AF
  BA: ev('in_transit', 'picked_up', 'Connecting line or cartage pick-up'), // [1650] BA
  R1: ev('in_transit', 'in_transit', 'Received from prior carrier'), // [1650] R1
  J1: ev('in_transit', 'in_transit', 'Delivered to connecting line'), // [1650] J1
  X6: ev('in_transit', 'in_transit', 'En route to delivery location'), // [1650] X6
  X4: ev('in_transit', 'arrived_at_facility', 'Arrived at terminal location'), // [1650] X4
  B6: est('estimate-other', 'Estimated to arrive at carrier terminal'), // [1650] B6: an estimate
  P1: ev('in_transit', 'departed_facility', 'Departed terminal location'), // [1650] P1
  C1: est('estimate-other', 'Estimated to depart terminal location'), // [1650] C1: an estimate
  CL: ev('in_transit', 'in_transit', 'Trailer closed out'), // [1650] CL
  I1: ev('in_transit', 'arrived_at_facility', 'In-gate'), // [1650] I1: intermodal or terminal in-gate
  OA: ev('in_transit', 'departed_facility', 'Out-gate'), // [1650] OA
  RL: ev('in_transit', 'departed_facility', 'Rail departure from origin intermodal ramp'), // [1650] RL
  AR: ev('in_transit', 'arrived_at_facility', 'Rail arrival at destination intermodal ramp'), // [1650] AR
  AM: ev('in_transit', 'in_transit', 'Loaded on truck'), // [1650] AM
  AN: ev('in_transit', 'in_transit', 'Diverted to air carrier'), // [1650] AN
  BC: ev('in_transit', 'in_transit', 'Storage in transit'), // [1650] BC
  K1: ev('in_transit', 'customs', 'Arrived at customs'), // [1650] K1
  PR: ev('exception', 'held', 'U.S. Customs hold at in-bond location'), // [1650] PR
  AG: est('estimate-delivery', 'Estimated delivery'), // [1650] AG: updates estimatedDelivery only
  X2: est('estimate-delivery', "Estimated date/time of arrival at consignee's location"), // [1650] X2: ETA only
  // [1650] AV "Available for delivery" (at the carrier's terminal). Only some partners mean "available for
  // pick-up by the consignee": they override it to available_for_pickup in their trading-partner profile.
  AV: ev('in_transit', 'in_transit', 'Available for delivery'),
  AJ: ev('out_for_delivery', 'out_for_delivery', 'Tendered for delivery'), // [1650] AJ
  X1: ev('out_for_delivery', 'out_for_delivery', 'Arrived at delivery location'), // [1650] X1
  X5: ev('out_for_delivery', 'out_for_delivery', 'Arrived at delivery location loading dock'), // [1650] X5
  S1: ev('out_for_delivery', 'out_for_delivery', "Trailer spotted at consignee's location"), // [1650] S1
  AH: ev('delivery_attempted', 'delivery_attempted', 'Attempted delivery'), // [1650] AH
  AP: ev('delivery_attempted', 'delivery_attempted', 'Delivery not completed'), // [1650] AP
  D1: ev('delivered', 'delivered', 'Completed unloading at delivery location'), // [1650] D1
  CD: ev('delivered', 'delivered', 'Carrier departed delivery location'), // [1650] CD: follows delivery
  A7: ev('exception', 'refused', 'Refused by consignee'), // [1650] A7
  A9: ev('exception', 'damaged', 'Shipment damaged'), // [1650] A9
  SD: ev('exception', 'delayed', 'Shipment delayed'), // [1650] SD
  OO: ev('exception', 'status_update', 'Paperwork received, did not receive shipment or equipment'), // [1650] OO
  AI: ev('exception', 'status_update', 'Shipment has been reconsigned'), // [1650] AI: rerouted
  A3: ev('returned_to_sender', 'returned', 'Shipment returned to shipper'), // [1650] A3
  CA: ev('cancelled', 'cancelled', 'Shipment cancelled'), // [1650] CA
}

/** An AT702 reason: its text, and the milestone it implies for an exception or an incomplete delivery. */
export interface ReasonEntry {
  text: string
  milestone?: Milestone
}

/**
 * AT702 reason code → reason text (the `reason` of the event) and, where it says more than the status, the
 * milestone for exception (SD, AP…) events. NS (normal status) and NA (normal appointment) set no reason.
 */
export const AT702: Readonly<Record<string, ReasonEntry>> = {
  NS: { text: 'Normal status' }, // [1651] NS: no reason set on the event
  NA: { text: 'Normal appointment' }, // [1651] NA: no reason set on the event
  A1: { text: 'Missed delivery' }, // [1651] A1
  A2: { text: 'Incorrect address', milestone: 'address_issue' }, // [1651] A2
  A3: { text: 'Indirect delivery' }, // [1651] A3
  A5: { text: 'Unable to locate', milestone: 'address_issue' }, // [1651] A5
  A6: { text: 'Address corrected - delivery attempted', milestone: 'address_issue' }, // [1651] A6
  AA: { text: 'Mis-sort' }, // [1651] AA
  AD: { text: 'Customer requested future delivery' }, // [1651] AD
  AF: { text: 'Accident', milestone: 'delayed' }, // [1651] AF
  AG: { text: 'Consignee related' }, // [1651] AG
  AH: { text: 'Driver related' }, // [1651] AH
  AI: { text: 'Mechanical breakdown', milestone: 'delayed' }, // [1651] AI
  AJ: { text: 'Other carrier related' }, // [1651] AJ
  AK: { text: 'Damaged, rewrapped in hub', milestone: 'damaged' }, // [1651] AK
  AL: { text: 'Previous stop' }, // [1651] AL
  AM: { text: 'Shipper related' }, // [1651] AM
  AN: { text: 'Holiday - closed' }, // [1651] AN
  AO: { text: 'Weather or natural disaster related', milestone: 'weather_delay' }, // [1651] AO
  AQ: { text: 'Recipient unavailable - delivery delayed' }, // [1651] AQ
  AS: { text: 'Hold due to customs documentation problems', milestone: 'customs' }, // [1651] AS
  AW: { text: 'Past cut-off time' }, // [1651] AW
  AX: { text: 'Insufficient pick-up time' }, // [1651] AX
  AY: { text: 'Missed pick-up' }, // [1651] AY
  B1: { text: 'Consignee closed' }, // [1651] B1
  B5: { text: 'Held for consignee', milestone: 'held' }, // [1651] B5
  B9: { text: 'Receiving time restricted' }, // [1651] B9
  BB: { text: 'Held per shipper', milestone: 'held' }, // [1651] BB
  BD: { text: 'Border clearance', milestone: 'customs' }, // [1651] BD
  BE: { text: 'Road conditions', milestone: 'delayed' }, // [1651] BE
  BF: { text: 'Carrier keying error' }, // [1651] BF
  BG: { text: 'Other' }, // [1651] BG
  BH: { text: 'Insufficient time to complete delivery' }, // [1651] BH
  BS: { text: 'Refused by customer', milestone: 'refused' }, // [1651] BS
  BT: { text: 'Returned to shipper', milestone: 'returning' }, // [1651] BT: makes the event a return
  C1: { text: 'Waiting for customer pick-up', milestone: 'held' }, // [1651] C1
  C2: { text: 'Credit hold', milestone: 'held' }, // [1651] C2
  C8: { text: 'COD required', milestone: 'held' }, // [1651] C8
  CA: { text: 'Customs', milestone: 'customs' }, // [1651] CA
  D1: { text: 'Carrier dispatch error' }, // [1651] D1
  D2: { text: 'Driver not available', milestone: 'delayed' }, // [1651] D2
  F2: { text: 'International non-carrier delay', milestone: 'delayed' }, // [1651] F2
  P1: { text: 'Processing delay', milestone: 'delayed' }, // [1651] P1
  P4: { text: 'Held for full carrier load', milestone: 'held' }, // [1651] P4
  RC: { text: 'Reconsigned' }, // [1651] RC
  T2: { text: 'Equipment not available' }, // [1651] T2 (T2–T6: equipment not available, by kind)
  T3: { text: 'Equipment not available' }, // [1651] T3
  T4: { text: 'Equipment not available' }, // [1651] T4
  T5: { text: 'Equipment not available' }, // [1651] T5
  T6: { text: 'Equipment not available' }, // [1651] T6
  T7: { text: 'Insufficient delivery time' }, // [1651] T7
}

/** Reason codes that mean "nothing special": no `reason` on the event. */
export const NORMAL_REASONS: ReadonlySet<string> = new Set(['NS', 'NA'])

/** What an AT703 appointment line schedules. */
export interface AppointmentEntry {
  kind: 'pickup' | 'delivery'
  /** Which end of the window the date/time gives: both (`at`), only the start, or only the end. */
  bound: 'at' | 'from' | 'to'
  text: string
}

/** AT703 appointment status code → scheduled window (never a timeline event). */
export const AT703: Readonly<Record<string, AppointmentEntry>> = {
  AA: { kind: 'pickup', bound: 'at', text: 'Pick-up appointment date and/or time' }, // [1652] AA
  AB: { kind: 'delivery', bound: 'at', text: 'Delivery appointment date and/or time' }, // [1652] AB
  AC: { kind: 'delivery', bound: 'at', text: 'Estimated delivery appointment' }, // [1652] AC (4030+)
  ED: { kind: 'delivery', bound: 'from', text: 'Deliver no earlier than' }, // [1652] ED
  EP: { kind: 'pickup', bound: 'from', text: 'Pick-up no earlier than' }, // [1652] EP
  LD: { kind: 'delivery', bound: 'to', text: 'Deliver no later than' }, // [1652] LD
  LP: { kind: 'pickup', bound: 'to', text: 'Pick-up no later than' }, // [1652] LP
  X9: { kind: 'delivery', bound: 'at', text: 'Delivery appointment secured' }, // [1652] X9
  XA: { kind: 'pickup', bound: 'at', text: 'Pick-up appointment secured' }, // [1652] XA
}

/** L11 reference qualifier → canonical reference type (others are kept as `other` with their qualifier). */
export const L11_TYPES: Readonly<
  Record<
    string,
    | 'bill_of_lading'
    | 'purchase_order'
    | 'pro_number'
    | 'customer_reference'
    | 'invoice'
    | 'order'
    | 'shipment_id'
  >
> = {
  BM: 'bill_of_lading', // [128] BM Bill of Lading Number
  BL: 'bill_of_lading', // [128] BL Government Bill of Lading
  PO: 'purchase_order', // [128] PO Purchase Order Number
  CN: 'pro_number', // [128] CN Carrier's Reference Number (PRO/Invoice)
  CR: 'customer_reference', // [128] CR Customer Reference Number
  IK: 'invoice', // [128] IK Invoice Number
  IV: 'invoice', // [128] IV Seller's Invoice Number
  DO: 'order', // [128] DO Delivery Order Number
  OQ: 'order', // [128] OQ Order Number
  SI: 'shipment_id', // [128] SI Shipper's Identifying Number for Shipment (SID)
}
