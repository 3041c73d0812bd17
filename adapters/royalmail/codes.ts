/**
 * Royal Mail event codes (`mailPieces.events[].eventCode`) → canonical meaning.
 *
 * Source: Royal Mail's tracking event code list for the Tracking API v2 (developer.royalmail.net, Royal Mail
 * Tracking (for Server-side app) v2; each row gives the code, the network stage that scans it and the event name).
 * Each row below quotes the stage and the event name. Codes of Royal Mail's own notifications (`EVZ…`, `N…`) are
 * left out on purpose: they say a message was sent, not where the item is. Any other code becomes `unknown` with an
 * `unknown_code` warning, its code and name kept on the event.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `eventCode` → meaning (keys upper case, as `mapCode` looks them up). */
export const ROYALMAIL_EVENT_CODES: CodeTable = {
  // Pre-Advice: "Pre-advice" (event code list)
  EVAPA: { status: 'pre_transit', milestone: 'label_created' },
  // Pre-Advice: "Pre-advice Item Passed - Validation Passed" (event code list)
  EVAIP: { status: 'pre_transit', milestone: 'label_created' },
  // Pre-Advice: "Pre-advice Item Passed - Received with errors" (event code list)
  EVAIE: { status: 'pre_transit', milestone: 'label_created' },
  // Customer Service Point: "Accepted by Royal Mail at Customer Service Point" (event code list)
  EVNPB: { status: 'in_transit', milestone: 'picked_up' },
  // POL (Post Office): "Receipt scan for all product arriving at POL" (event code list)
  EVPPA: { status: 'in_transit', milestone: 'picked_up' },
  // Outward MC: "Item Acceptance" (event code list)
  EVOAC: { status: 'in_transit', milestone: 'picked_up' },
  // Outward MC: "Outward MC - Handheld Acceptance" (event code list)
  EVDAC: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Outward MC: "Outward Mail Centre Automation Acceptance" (event code list)
  EVDAV: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Outward RDC: "Outward RDC - Handheld Acceptance" (event code list)
  EVBAH: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Outward RDC: "Outward RDC - Volumetric Acceptance" (event code list)
  EVBAV: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Inward RDC: "Inward RDC - Handheld Acceptance" (event code list)
  EVCAH: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Inward MC: "Inward MC - Automation Acceptance" (event code list)
  EVIAV: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Inward MC: "Inward MC - Handheld Acceptance" (event code list)
  EVIMC: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Inward MC/Delivery Office: "MC Handheld Acceptance – inferred from container receipt" (event code list)
  EVORI: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Inward MC/Delivery Office: "Delivery Office - Item received in a bag from another Delivery Office" (event code list)
  EVGDO: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Outward MC/Inward MC: "Item despatched (Inferred)" (event code list)
  EVODO: { status: 'in_transit', milestone: 'departed_facility' },
  // Delivery Office: "Forwarded to Delivery Office" (event code list)
  EVNDO: { status: 'in_transit', milestone: 'in_transit' },
  // Customer Service Point: "Forwarded - Mis-sort" (event code list; the Tracking API v2 sample answer)
  EVNMI: { status: 'in_transit', milestone: 'in_transit', reason: 'mis-sorted, re-routed' },
  // Outward MC: "Outward MC Mis-sort Scan" (event code list)
  EVDMI: { status: 'in_transit', milestone: 'in_transit', reason: 'mis-sorted, re-routed' },
  // Across the network: "Item mis-sorted" (event code list)
  EVOMI: { status: 'in_transit', milestone: 'in_transit', reason: 'mis-sorted, re-routed' },
  // Delivery Office: "Indoor Sorting - Mis-sort - Redirected" (event code list)
  EVGMI: { status: 'in_transit', milestone: 'in_transit', reason: 'mis-sorted, re-routed' },
  // Inward MC/Delivery Office: "Item received in container" (event code list)
  EVORC: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // Delivery Office: "Item redirected" ("Redirection in place - item forwarded") (event code list)
  EVNRD: { status: 'in_transit', milestone: 'status_update', reason: 'redirected' },
  // Customer Service Point: "Forwarded - Wrong Address" (event code list)
  EVNWA: { status: 'in_transit', milestone: 'status_update', reason: 'address corrected, forwarded' },
  // ILC: "Item despatched from Heathrow ILC to RMG Location" (event code list)
  EVILC: { status: 'in_transit', milestone: 'departed_facility' },
  // ILC: "Departure from Inward Office of Exchange" (event code list)
  EVJDU: { status: 'in_transit', milestone: 'departed_facility' },
  // ILC: "Returned from Import Customs due to Import Authorised; No Taxes or Duties to be Paid" (event code list)
  EVJNT: { status: 'in_transit', milestone: 'customs' },
  // ILC: "Returned from Import Customs due to Import Authorised; Taxes and / or Duties to be Paid" (event code list)
  EVJDP: { status: 'in_transit', milestone: 'customs', reason: 'taxes or duties to pay' },
  // HWDC: "Departure from Outward Office of Exchange" ("Item Leaving the UK") (event code list)
  EVHOE: { status: 'in_transit', milestone: 'departed_facility' },
  // ILC: "Arrival at Inward Office of Exchange" (event code list)
  EVJOE: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // ILC: "Presented to Import Customs" (event code list)
  EVJIC: { status: 'in_transit', milestone: 'customs' },
  // ILC: "Returned from Import Customs due to Import Authorised" (event code list)
  EVJIA: { status: 'in_transit', milestone: 'customs' },
  // ILC: "Held by Import Customs due to Customs Declaration Missing / Inappropriate" (event code list)
  EVJCD: { status: 'exception', milestone: 'customs', reason: 'customs declaration missing' },
  // ILC: "Held by Import Customs due to Insufficient / Incomplete / Incorrect Documentation" (event code list)
  EVJIN: { status: 'exception', milestone: 'customs', reason: 'customs documentation incomplete' },
  // Delivery Office: "Indoor Sorting - Ready For Delivery" ("due for delivery today") (event code list)
  EVGPD: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // Outdoor: "No Answer" ("Delivery Attempted - No Answer") (event code list)
  EVKNA: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no answer' },
  // Outdoor: "Address Inaccessible" ("Delivery Attempted") (event code list)
  EVKAA: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'address inaccessible' },
  // Outdoor: "Unable to deliver to Safeplace" ("Delivery Attempted") (event code list)
  EVKSU: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'safeplace unavailable' },
  // Customer Service Point: "Delivery attempted on time- no answer recorded at delivery office" (event code list)
  EVNSA: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no answer' },
  // Customer Service Point: "Delivery attempted late - no answer recorded at delivery office" (event code list)
  EVNBA: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no answer' },
  // POL: "Undelivered - Attempted on time – No Answer" (event code list)
  EVPON: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no answer' },
  // POL: "Undelivered - Attempted Late – No Answer" (event code list)
  EVPXN: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'no answer' },
  // Customer Service Point: "Allocated to Customer Service Point" ("Available for Collection or Redelivery") (event code list)
  EVNAE: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Customer Service Point: "Available For Collection - Keepsafe" (held at the recipient's request) (event code list)
  EVNKS: { status: 'exception', milestone: 'held', reason: 'Keepsafe hold requested by the recipient' },
  // Customer Service Point: "Available For Collection - No Answer" (event code list)
  EVNDA: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Customer Service Point: "Selected For Redelivery" (event code list)
  EVNSR: { status: 'in_transit', milestone: 'status_update', reason: 'redelivery booked' },
  // Customer Service Point: "Delivery Not Attempted" (event code list)
  EVNDN: { status: 'exception', milestone: 'delayed', reason: 'delivery not attempted' },
  // Delivery Office: "Held for Retention" (event code list)
  EVNRT: { status: 'exception', milestone: 'held', reason: 'held for retention' },
  // Delivery Office: "Hold with fee to pay" (event code list)
  EVNCF: { status: 'exception', milestone: 'held', reason: 'fee to pay' },
  // Outdoor: "Local Collect - No Signature (Delivered to POL)" (event code list)
  EVKLC: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Outdoor: "Local Collect - Signature" (event code list)
  EVKLS: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // POL: "Local Collect arrived at Post Office" (event code list)
  EVPLA: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Customer Service Point: "Available For Collection - Local Collect" (event code list)
  EVNLC: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Outdoor: "Delivered - Signature" ("Delivered and Signed") (event code list)
  EVKSP: { status: 'delivered', milestone: 'delivered' },
  // Inward MC: "Delivered - No Signature" (event code list)
  EVKOP: { status: 'delivered', milestone: 'delivered' },
  // Outdoor: "Safeplace Delivered" (event code list)
  EVKSF: { status: 'delivered', milestone: 'delivered', reason: 'left in safeplace' },
  // Outdoor: "Delivered to Neighbour - No Signature" (event code list)
  EVKDN: { status: 'delivered', milestone: 'delivered_to_agent', reason: 'delivered to a neighbour' },
  // Outdoor: "Delivered to Neighbour - Signature" (event code list)
  EVKNS: { status: 'delivered', milestone: 'delivered_to_agent', reason: 'delivered to a neighbour' },
  // Customer Service Point: "Delivery Recorded at the Delivery Office" (event code list)
  EVNFS: { status: 'delivered', milestone: 'delivered' },
  // Customer Service Point: "Item Delivered - RECORDED LATE AT DELIVERY OFFICE" (event code list)
  EVNLP: { status: 'delivered', milestone: 'delivered' },
  // Delivery Office: "Delivered to PO Box" (event code list)
  EVNPO: { status: 'delivered', milestone: 'delivered', reason: 'delivered to a PO box' },
  // Customer Service Point: "Item Collected" (event code list)
  EVNOC: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // Customer Service Point: "Item Collected - from SPS site" (event code list)
  EVNCO: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // Customer Service Point: "Item Collected - Signature" (event code list)
  EVNSC: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // POL: "Local Collect collected from Post Office - No Fee Paid" (event code list)
  EVPLC: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // POL: "Local Collect collected from Post Office - Fee Paid" (event code list)
  EVPLF: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // Outdoor: "Refused" ("Refused - Returned to Sender") (event code list)
  EVKRF: { status: 'returned_to_sender', milestone: 'refused' },
  // Customer Service Point: "Return To Sender - Refused" (event code list)
  EVNRF: { status: 'returned_to_sender', milestone: 'refused' },
  // Outdoor: "Gone Away" ("Returned to Sender") (event code list)
  EVKGA: { status: 'returned_to_sender', milestone: 'returning', reason: 'addressee gone away' },
  // Customer Service Point: "Return To Sender - Gone Away" (event code list)
  EVNGA: { status: 'returned_to_sender', milestone: 'returning', reason: 'addressee gone away' },
  // Outdoor: "Address Incomplete/Incorrect" ("Returned to Sender") (event code list)
  EVKAI: { status: 'returned_to_sender', milestone: 'returning', reason: 'address incomplete' },
  // Customer Service Point: "Return To Sender - Retention Exceeded" (event code list)
  EVNRE: { status: 'returned_to_sender', milestone: 'returning', reason: 'not collected in time' },
  // POL: "Local Collect not collected return to sender" (event code list)
  EVPLN: { status: 'returned_to_sender', milestone: 'returning', reason: 'not collected in time' },
  // Customer Service Point: "Returned to Sender" (event code list)
  EVNRS: { status: 'returned_to_sender', milestone: 'returning' },
  // Outward RDC: "Outward RDC - Returned to Sender" (event code list)
  EVBRT: { status: 'returned_to_sender', milestone: 'returning' },
  // Across the network: "Item received and identified as a return to sender item" (event code list)
  EVORR: { status: 'returned_to_sender', milestone: 'returning' },
  // Delivery Office: "Suspected prohibited goods" (event code list)
  EVSUS: { status: 'exception', milestone: 'held', reason: 'suspected prohibited goods' },
}
