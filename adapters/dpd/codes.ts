/**
 * DPD parcel life cycle statuses (`statusInfo[].status`) → canonical meaning.
 *
 * Source: DPD Web Services (DPD Deutschland, esolutions.dpd.com "DPD Webservices"), ParcelLifeCycleService 2.0,
 * XSD type `StatusInfo`, element `status`: an enumeration of six values, the steps of DPD's parcel tracking
 * (SHIPMENT, ACCEPTED, AT_SENDING_DEPOT, ON_THE_ROAD, AT_DELIVERY_DEPOT, DELIVERED). The list is coarse: failed
 * attempts, pickup-shop hand-overs and returns appear only in the step's `description` text, which every event
 * keeps. Any other value becomes `unknown` with a warning, its code kept.
 */
import type { CodeTable } from '../../src/adapter/index.js'

/** `status` → meaning (keys upper case, as `mapCode` looks them up). */
export const DPD_STATUSES: CodeTable = {
  // SHIPMENT: DPD holds the shipment data ("order data transmitted"), the parcel is not with DPD yet.
  SHIPMENT: { status: 'pre_transit', milestone: 'label_created' },
  // ACCEPTED: DPD has received the parcel from the sender.
  ACCEPTED: { status: 'in_transit', milestone: 'picked_up' },
  // AT_SENDING_DEPOT: the parcel is at the sending (origin) depot.
  AT_SENDING_DEPOT: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // ON_THE_ROAD: the parcel is travelling between depots.
  ON_THE_ROAD: { status: 'in_transit', milestone: 'in_transit' },
  // AT_DELIVERY_DEPOT: the parcel is at the delivery (destination) depot.
  AT_DELIVERY_DEPOT: { status: 'in_transit', milestone: 'arrived_at_facility' },
  // DELIVERED: the parcel was delivered.
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
}
