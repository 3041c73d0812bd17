/**
 * Canonical milestone/status → CBV 2.0 bizStep, disposition and EPCIS action. Our judgement, documented in
 * docs/identifiers.md: CBV has no "delivered" value (receipt is `receiving`), `in_transit` is a disposition whose
 * bizStep is `transporting`, and a created label commissions the logistic unit (`ADD`).
 */
import type { Milestone, Status } from '../model/core.js'

export type EpcisAction = 'ADD' | 'OBSERVE' | 'DELETE'

export interface CbvMapping {
  bizStep?: string
  disposition?: string
  action: EpcisAction
  /** The object is at rest at the place, so the place is also its business location. */
  atLocation: boolean
}

const m = (
  bizStep: string,
  disposition: string,
  atLocation = false,
  action: EpcisAction = 'OBSERVE',
): CbvMapping => ({
  bizStep,
  disposition,
  action,
  atLocation,
})

/** By milestone. `status_update` and `unknown` fall back to the status table. */
export const MILESTONE_CBV: Partial<Record<Milestone, CbvMapping>> = {
  label_created: m('commissioning', 'active', true, 'ADD'),
  picked_up: m('shipping', 'in_transit'),
  arrived_at_facility: m('arriving', 'in_transit', true),
  departed_facility: m('departing', 'in_transit'),
  in_transit: m('transporting', 'in_transit'),
  customs: m('inspecting', 'in_transit', true),
  out_for_delivery: m('transporting', 'in_transit'),
  delivery_attempted: m('transporting', 'in_transit'),
  available_for_pickup: m('holding', 'in_progress', true),
  delivered: m('receiving', 'in_progress', true),
  delivered_to_agent: m('receiving', 'in_progress', true),
  delayed: m('transporting', 'in_transit'),
  weather_delay: m('transporting', 'in_transit'),
  held: m('holding', 'in_transit', true),
  address_issue: m('holding', 'in_transit', true),
  damaged: m('inspecting', 'damaged', true),
  lost: m('transporting', 'unknown'),
  refused: m('transporting', 'returned'),
  returning: m('transporting', 'returned'),
  returned: m('receiving', 'returned', true),
  cancelled: m('void_shipping', 'inactive'),
}

/** By status, when the milestone says nothing more specific. */
export const STATUS_CBV: Record<Status, CbvMapping> = {
  pre_transit: m('commissioning', 'active', true, 'ADD'),
  in_transit: m('transporting', 'in_transit'),
  out_for_delivery: m('transporting', 'in_transit'),
  available_for_pickup: m('holding', 'in_progress', true),
  delivery_attempted: m('transporting', 'in_transit'),
  delivered: m('receiving', 'in_progress', true),
  exception: m('holding', 'in_transit'),
  returned_to_sender: m('transporting', 'returned'),
  failure: m('transporting', 'unknown'),
  cancelled: m('void_shipping', 'inactive'),
  unknown: { action: 'OBSERVE', atLocation: false },
}

/** The CBV mapping for an event. */
export function cbvFor(status: Status, milestone: Milestone): CbvMapping {
  return MILESTONE_CBV[milestone] ?? STATUS_CBV[status]
}
