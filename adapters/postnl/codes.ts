/**
 * PostNL Shippingstatus codes → canonical meaning.
 *
 * Source: PostNL developer portal, reference data "T & T status codes" (developer.postnl.nl/docs/#/http/reference-data/
 * t-t-status-codes): the status code table (status code, phase, Dutch and English description) and the event code
 * table (event code, English description, the status each event sets). Each row below quotes the English
 * description; event rows also name their status. {@link POSTNL_EVENT_CODES} maps `Event[].Code`, the most precise
 * code; {@link POSTNL_STATUS_CODES} maps `Status.StatusCode`, used when an answer has no events (the `detail=false`
 * answer). An event code missing from the table is kept as `unknown` with a warning, its code and text kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `Status.StatusCode` (and `OldStatus[].Code`) → meaning. */
export const POSTNL_STATUS_CODES: CodeTable = {
  // 1, phase 1 Collection: "Shipment pre-alerted"
  '1': { status: 'pre_transit', milestone: 'label_created' },
  // 2, phase 1 Collection: "Shipment accepted"
  '2': { status: 'in_transit', milestone: 'picked_up' },
  // 3, phase 1 Collection: "Shipment collected"
  '3': { status: 'in_transit', milestone: 'picked_up' },
  // 4, phase 1 Collection: "Shipment not collected"
  '4': { status: 'exception', milestone: 'status_update', reason: 'not collected from the sender' },
  // 5, phase 2 Sorting: "Shipment sorted"
  '5': { status: 'in_transit', milestone: 'in_transit' },
  // 6, phase 2 Sorting: "Shipment not sorted"
  '6': { status: 'exception', milestone: 'delayed', reason: 'not sorted' },
  // 7, phase 3 Distribution: "Shipment out for delivery"
  '7': { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // 8, phase 3 Distribution: "Shipment not delivered"
  '8': { status: 'exception', milestone: 'status_update', reason: 'not delivered' },
  // 9, phase 3 Distribution: "Shipment at customs"
  '9': { status: 'in_transit', milestone: 'customs' },
  // 11, phase 4 Delivered: "Shipment delivered"
  '11': { status: 'delivered', milestone: 'delivered' },
  // 12, phase 4 Delivered: "Shipment at pick-up location"
  '12': { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // 13, phase 1 Collection: "Pre-alerted shipment" (Dutch: "Voorgemeld: nog niet aangenomen", not yet accepted)
  '13': { status: 'pre_transit', milestone: 'label_created' },
  // 14, phase 1 Collection: Dutch "Voorgemeld: definitief niet aangenomen" (pre-alerted, definitely not accepted)
  '14': { status: 'exception', milestone: 'status_update', reason: 'never handed to PostNL' },
  // 15, phase 1 Collection: "Missing collection"
  '15': { status: 'exception', milestone: 'delayed', reason: 'missing in collection' },
  // 16, phase 2 Sorting: "Missing in sorting"
  '16': { status: 'exception', milestone: 'delayed', reason: 'missing in sorting' },
  // 17, phase 3 Distribution: "Missing in distribution"
  '17': { status: 'exception', milestone: 'delayed', reason: 'missing in distribution' },
  // 18, phase 1 Collection: "Definitely missing"
  '18': { status: 'failure', milestone: 'lost' },
  // 19, phase 1 Collection: "Shipment rejected"
  '19': { status: 'exception', milestone: 'status_update', reason: 'shipment rejected' },
  // 20, phase 3 Distribution: "Shipment in clearance process"
  '20': { status: 'in_transit', milestone: 'customs' },
  // 21, phase 2 Sorting: "Shipment in storage"
  '21': { status: 'exception', milestone: 'held', reason: 'in storage' },
  // 22, phase 4 Delivered: "Shipment picked up from post office"
  '22': { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // 23, phase 4 Delivered: "Parcel collected" (a pick-up order collected from the sender)
  '23': { status: 'in_transit', milestone: 'picked_up' },
  // 99, phase 99: "Not applicable" (PostNL's own "no meaningful status"; kept without a meaning)
  '99': { status: 'unknown', milestone: 'unknown' },
}

/** `Event[].Code` → meaning (keys upper case, as `mapCode` looks them up). */
export const POSTNL_EVENT_CODES: CodeTable = {
  // A01 (status 01): "Shipment expected, but not yet arrived at PostNL"
  A01: { status: 'pre_transit', milestone: 'label_created' },
  // A71 (status 01): "Shipment registered"
  A71: { status: 'pre_transit', milestone: 'label_created' },
  // A10 (status 01): "Sender has generated return label"
  A10: { status: 'pre_transit', milestone: 'label_created', reason: 'return label created' },
  // B01 (status 02): "Shipment received by PostNL"
  B01: { status: 'in_transit', milestone: 'picked_up' },
  // X40 (status 02): "Shipment received at PostNL outlet"
  X40: { status: 'in_transit', milestone: 'picked_up' },
  // B04 (status 03): "Shipment collected by PostNL"
  B04: { status: 'in_transit', milestone: 'picked_up' },
  // Z80 (status 03): "Yes! Your shipment has been picked up at a collection point"
  Z80: { status: 'in_transit', milestone: 'picked_up' },
  // D03 (status 04): "Collection shipment not collected, no one present at address"
  D03: { status: 'exception', milestone: 'status_update', reason: 'pickup failed' },
  // D09 (status 04): "Collection shipment not collected, no answer"
  D09: { status: 'exception', milestone: 'status_update', reason: 'pickup failed' },
  // H31 (status 04): "Sender has cancelled the shipment order"
  H31: { status: 'cancelled', milestone: 'cancelled' },
  // J01 (status 05): "Shipment has been sorted"
  J01: { status: 'in_transit', milestone: 'in_transit' },
  // J06 (status 05): "Shipment sorted in sorting centre"
  J06: { status: 'in_transit', milestone: 'in_transit' },
  // J10 (status 05): "Shipment has been sorted"
  J10: { status: 'in_transit', milestone: 'in_transit' },
  // J27 (status 05): "Shipment sorted by the depot"
  J27: { status: 'in_transit', milestone: 'in_transit' },
  // J61 (status 05): "Shipment has been sorted"
  J61: { status: 'in_transit', milestone: 'in_transit' },
  // R01 (status 05): "Shipment has been sorted"
  R01: { status: 'in_transit', milestone: 'in_transit' },
  // X50 (status 05): "Shipment in sorting centre"
  X50: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // X51 (status 05): "Shipment has been sorted"
  X51: { status: 'in_transit', milestone: 'in_transit' },
  // Q12 (status 05): "Shipment sent to country of destination"
  Q12: { status: 'in_transit', milestone: 'departed_facility' },
  // X01 (status 05): "Good news! Your parcel has crossed the border"
  X01: { status: 'in_transit', milestone: 'in_transit' },
  // X02 (status 05): "Yes! Your shipment has arrived in the destination country"
  X02: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // A08 (status 05): "Recipient's choice: deliver to neighbour"
  A08: {
    status: 'in_transit',
    milestone: 'status_update',
    reason: 'recipient chose delivery to a neighbour',
  },
  // A09 (status 05): "Recipient's choice: deliver to pick-up location"
  A09: { status: 'in_transit', milestone: 'status_update', reason: 'recipient chose a pick-up location' },
  // J16 (status 05): "Delivery address inaccessible, new attempt to follow"
  J16: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'address inaccessible' },
  // J17 (status 05): "Delivery postponed due to 'closed' notification"
  J17: { status: 'exception', milestone: 'delayed', reason: 'recipient closed' },
  // J26 (status 05): "Delivery postponed until the following working day"
  J26: { status: 'exception', milestone: 'delayed', reason: 'postponed to the next working day' },
  // Y33 (status 05): "Delivery postponed until the following working day"
  Y33: { status: 'exception', milestone: 'delayed', reason: 'postponed to the next working day' },
  // R06 (status 05): "Shipment has been cancelled. Please contact the sender"
  R06: { status: 'cancelled', milestone: 'cancelled' },
  // D08 (status 06): "We missed you; we'll try again"
  D08: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // K02 (status 06): "Recipient has moved. Shipment forwarded to new address"
  K02: { status: 'in_transit', milestone: 'status_update', reason: 'forwarded to a new address' },
  // K92 (status 06): "Shipment destroyed"
  K92: { status: 'failure', milestone: 'status_update', reason: 'destroyed' },
  // V06 (status 06): "Your shipment has been delayed due to very high traffic"
  V06: { status: 'exception', milestone: 'delayed', reason: 'high volumes' },
  // J05 (status 07): "Driver is en route"
  J05: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // X55 (status 07): "Driver is en route"
  X55: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // Y05 (status 07): "Your shipment is on its way to the recipient"
  Y05: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // X06 (status 07): "Your shipment is on its way to the recipient"
  X06: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // J55 (status 07): "Driver is en route to PostNL outlet"
  J55: { status: 'in_transit', milestone: 'in_transit', reason: 'on its way to a PostNL outlet' },
  // J45 (status 07): "On liner service to distribution depot"
  J45: { status: 'in_transit', milestone: 'in_transit' },
  // X04 (status 07): "Customs in the destination country has approved your parcel"
  X04: { status: 'in_transit', milestone: 'customs' },
  // J08 (status 07): "Delivery unsuccessful, we'll try again"
  J08: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // J29 (status 07): "Shipment does not fit through letterbox, we'll try again"
  J29: {
    status: 'delivery_attempted',
    milestone: 'delivery_attempted',
    reason: 'does not fit the letterbox',
  },
  // K14 (status 07): "We missed you; we'll try again"
  K14: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // K70 (status 07): "Delivery unsuccessful, shipment will go to PostNL outlet"
  K70: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'going to a PostNL outlet' },
  // H35 (status 07): "Shipment is damaged, return to sender"
  H35: { status: 'returned_to_sender', milestone: 'returning', reason: 'damaged' },
  // H01 (status 08): "Refused at delivery; return shipment to sender"
  H01: { status: 'returned_to_sender', milestone: 'refused' },
  // H38 (status 08): "Refused at delivery; return shipment to sender"
  H38: { status: 'returned_to_sender', milestone: 'refused' },
  // Y03 (status 08): "Shipment refused by addressee"
  Y03: { status: 'returned_to_sender', milestone: 'refused' },
  // H02 (status 08): "Incorrect address; return shipment to sender"
  H02: { status: 'returned_to_sender', milestone: 'returning', reason: 'incorrect address' },
  // Y16 (status 08): "Address incorrect, return shipment to sender"
  Y16: { status: 'returned_to_sender', milestone: 'returning', reason: 'incorrect address' },
  // H03 (status 08): "Shipment not collected, return to sender"
  H03: { status: 'returned_to_sender', milestone: 'returning', reason: 'not collected in time' },
  // Y20 (status 08): "Shipment not collected, return to sender"
  Y20: { status: 'returned_to_sender', milestone: 'returning', reason: 'not collected in time' },
  // H04 (status 08): "Shipment is damaged, return to sender"
  H04: { status: 'returned_to_sender', milestone: 'returning', reason: 'damaged' },
  // H05 (status 08): "We missed you; shipment returned to sender"
  H05: { status: 'returned_to_sender', milestone: 'returning', reason: 'recipient not at home' },
  // Y40 (status 08): "We missed you; shipment returned to sender"
  Y40: { status: 'returned_to_sender', milestone: 'returning', reason: 'recipient not at home' },
  // H20 (status 08): "Shipment returned to sender"
  H20: { status: 'returned_to_sender', milestone: 'returning' },
  // Y21 (status 08): "Shipment returned to sender"
  Y21: { status: 'returned_to_sender', milestone: 'returning' },
  // H22 (status 08): "Shipment returned on request of sender"
  H22: { status: 'returned_to_sender', milestone: 'returning', reason: 'sender request' },
  // H36 (status 08): "Shipment not delivered; incorrect address"
  H36: { status: 'exception', milestone: 'address_issue' },
  // Y01 (status 08): "Shipment not delivered; incorrect address"
  Y01: { status: 'exception', milestone: 'address_issue' },
  // Y02 (status 08): "We missed you; shipment not delivered"
  Y02: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // Y10 (status 08): "We missed you; we'll try again"
  Y10: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // Y42 (status 08): "Shipment not delivered, addressee unavailable"
  Y42: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'addressee unavailable' },
  // K41 (status 08): "Cash on Delivery shipment not delivered, recipient cannot pay"
  K41: { status: 'delivery_attempted', milestone: 'delivery_attempted', reason: 'cash on delivery not paid' },
  // Y04 (status 08): "Shipment damaged"
  Y04: { status: 'exception', milestone: 'damaged' },
  // Y25 (status 09): "The shipment is with the customs authorities in the destination country"
  Y25: { status: 'in_transit', milestone: 'customs' },
  // X64 (status 09): "Shipment delayed due to sample check at customs clearance"
  X64: { status: 'exception', milestone: 'customs', reason: 'customs sample check' },
  // Y29 (status 09): "The shipment has been destroyed on behalf of customs in the destination country"
  Y29: { status: 'failure', milestone: 'customs', reason: 'destroyed by customs' },
  // A76 (status 20): "Shipment arrived in the Netherlands"
  A76: { status: 'in_transit', milestone: 'customs' },
  // X67 (status 20): "Awaiting payment of import costs"
  X67: { status: 'exception', milestone: 'customs', reason: 'import costs to pay' },
  // I01 (status 11): "Shipment delivered"
  I01: { status: 'delivered', milestone: 'delivered' },
  // I03 (status 11): "Shipment delivered"
  I03: { status: 'delivered', milestone: 'delivered' },
  // I05 (status 11): "Shipment in letterbox"
  I05: { status: 'delivered', milestone: 'delivered', reason: 'in the letterbox' },
  // I11 (status 11): "Shipment in letterbox"
  I11: { status: 'delivered', milestone: 'delivered', reason: 'in the letterbox' },
  // I09 (status 11): "Shipment delivered in personal parcel locker"
  I09: { status: 'delivered', milestone: 'delivered', reason: 'in a personal parcel locker' },
  // I10 (status 11): "Shipment delivered to neighbour"
  I10: { status: 'delivered', milestone: 'delivered_to_agent', reason: 'delivered to a neighbour' },
  // Z05 (status 11): "Parcel was delivered to neighbours in destination country"
  Z05: { status: 'delivered', milestone: 'delivered_to_agent', reason: 'delivered to a neighbour' },
  // I12 (status 11): "Shipment delivered to indicated location"
  I12: { status: 'delivered', milestone: 'delivered', reason: 'left at the agreed place' },
  // Z09 (status 11): "Your parcel has been delivered to recipient's safe location"
  Z09: { status: 'delivered', milestone: 'delivered', reason: 'left at the agreed place' },
  // I22 (status 11): "Shipment collected at PostNL outlet"
  I22: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // Z06 (status 11): "Yes! Your shipment has been picked up at a collection point"
  Z06: { status: 'delivered', milestone: 'delivered', reason: 'collected by the recipient' },
  // I23 (status 11): "Shipment has been handed over to recipient"
  I23: { status: 'delivered', milestone: 'delivered' },
  // Z01 (status 11): "Yes! Your shipment has been delivered to the recipient"
  Z01: { status: 'delivered', milestone: 'delivered' },
  // Z02 (status 11): "Yes! Your shipment has been delivered to the recipient"
  Z02: { status: 'delivered', milestone: 'delivered' },
  // J63 (status 11): "Return shipment delivered"
  J63: { status: 'returned_to_sender', milestone: 'returned' },
  // I08 (status 12): "Shipment available at PostNL outlet"
  I08: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // J02 (status 12): "Shipment to be collected at PostNL outlet"
  J02: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // J12 (status 12): "Shipment to be collected at PostNL outlet"
  J12: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // J23 (status 11 and 12): "Shipment can be collected at the parcel locker"
  J23: { status: 'available_for_pickup', milestone: 'available_for_pickup', reason: 'in a parcel locker' },
  // X05 (status 12): "Shipment to be collected at pick-up location"
  X05: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // M01 (status 14): "Shipment not physically presented to PostNL"
  M01: { status: 'exception', milestone: 'status_update', reason: 'never handed to PostNL' },
}
