/**
 * GLS Track And Trace V1 codes → canonical meaning.
 *
 * Sources: GLS Track And Trace V1 OpenAPI description (dev-portal.gls-group.net, "Track And Trace V1" 1.0.7):
 * `ParcelDTO.status` lists the twelve parcel statuses with their meaning, and its answer examples and the
 * `GET /tracking/events/codes` example give event codes with GLS's English description. Event codes read
 * `GROUP.DETAIL` (`DELIVD.PARCELSHOP`): {@link GLS_EVENT_CODES} maps whole codes; {@link GLS_EVENT_GROUPS} maps the
 * group of a code the table does not list, only for groups whose documented members all mean the same thing. A code
 * neither table knows is kept as `unknown` with a warning, its code and description kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** Whole event codes (`events[].code`) → meaning (keys upper case). */
export const GLS_EVENT_CODES: CodeTable = {
  // INTIAL.PREADVICE: "The parcel data was entered into the GLS IT system; the parcel was not yet handed over to GLS."
  'INTIAL.PREADVICE': { status: 'pre_transit', milestone: 'label_created' },
  // INTIAL.E48_DATA: "The parcel was provided by the sender for collection by GLS." (answer example)
  'INTIAL.E48_DATA': { status: 'pre_transit', milestone: 'label_created', reason: 'ready for collection' },
  // INTIAL.NORMAL: "The parcel was handed over to GLS." (answer example; events codes, codeNo 0.0)
  'INTIAL.NORMAL': { status: 'in_transit', milestone: 'picked_up' },
  // INBOUD.NORMAL: "The parcel has reached the parcel center." (events codes, codeNo 2.0)
  'INBOUD.NORMAL': { status: 'in_transit', milestone: 'arrived_at_facility' },
  // OUTBOD.NORMAL: "The parcel has left the parcel center." (events codes, codeNo 1.0)
  'OUTBOD.NORMAL': { status: 'in_transit', milestone: 'departed_facility' },
  // OUTDEL.NORMAL: "The parcel is expected to be delivered during the day." (events codes, codeNo 11.0)
  'OUTDEL.NORMAL': { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // DELIVD.NORMAL: "The parcel has been delivered." (events codes, codeNo 3.0)
  'DELIVD.NORMAL': { status: 'delivered', milestone: 'delivered' },
  // DELIVD.PARCELSHOP: "The parcel has been delivered at the ParcelShop" (answer example): waiting for the recipient
  'DELIVD.PARCELSHOP': { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // CANCEL.NORMAL: "The parcel data have been deleted from the GLS IT system." (events codes, codeNo 43.0)
  'CANCEL.NORMAL': { status: 'cancelled', milestone: 'cancelled' },
  // CHANGD.MONEWADDR: "Change completed for - Delivery at new address" (events codes example)
  'CHANGD.MONEWADDR': {
    status: 'in_transit',
    milestone: 'status_update',
    reason: 'delivery to a new address',
  },
  // CHANGD.PARCELBOX: "Change completed for - ParcelLocker" (events codes example)
  'CHANGD.PARCELBOX': {
    status: 'in_transit',
    milestone: 'status_update',
    reason: 'delivery to a parcel locker',
  },
}

/** The group before the dot (`OUTDEL` of `OUTDEL.NORMAL`) → meaning, for codes {@link GLS_EVENT_CODES} lacks. */
export const GLS_EVENT_GROUPS: CodeTable = {
  // INBOUD: its documented member INBOUD.NORMAL "reached the parcel center"
  INBOUD: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // OUTBOD: its documented member OUTBOD.NORMAL "left the parcel center"
  OUTBOD: { status: 'in_transit', milestone: 'departed_facility' },
  // OUTDEL: its documented member OUTDEL.NORMAL "expected to be delivered during the day"
  OUTDEL: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // CANCEL: its documented member CANCEL.NORMAL "parcel data have been deleted"
  CANCEL: { status: 'cancelled', milestone: 'cancelled' },
  // CHANGD: its documented members "Change completed for - …" (new address, parcel locker)
  CHANGD: { status: 'in_transit', milestone: 'status_update', reason: 'delivery changed' },
}

/** `parcels[].status` → meaning (Track And Trace V1, `ParcelDTO.status`). */
export const GLS_PARCEL_STATUSES: CodeTable = {
  // PLANNEDPICKUP: "Parcel is planned to be picked up"
  PLANNEDPICKUP: { status: 'pre_transit', milestone: 'label_created' },
  // INPICKUP: "Parcel will be picked up by a driver"
  INPICKUP: { status: 'pre_transit', milestone: 'label_created', reason: 'pickup under way' },
  // NOTPICKEDUP: "Parcel was not picked up"
  NOTPICKEDUP: { status: 'exception', milestone: 'status_update', reason: 'pickup failed' },
  // PREADVICE: "GLS has received the parceldata but not the physical parcel"
  PREADVICE: { status: 'pre_transit', milestone: 'label_created' },
  // INTRANSIT: "Parcel is on its way to the final depot"
  INTRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // INDELIVERY: "Parcel in delivery by a driver"
  INDELIVERY: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  // DELIVEREDPS: "Parcel delivered to a parcel shop"
  DELIVEREDPS: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // DELIVERED: "Parcel was delivered"
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // INWAREHOUSE: "Parcel is in warehouse"
  INWAREHOUSE: { status: 'exception', milestone: 'held', reason: 'in a GLS warehouse' },
  // NOTDELIVERED: "Parcel was not delivered"
  NOTDELIVERED: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  // CANCELED: "Parcel was cancelled"
  CANCELED: { status: 'cancelled', milestone: 'cancelled' },
  // FINAL: "Parcel history closed" (says nothing about how it ended)
  FINAL: { status: 'unknown', milestone: 'unknown' },
}
