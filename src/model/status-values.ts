/**
 * The closed canonical status set and the milestone list (docs/status-model.md) as plain values, with no dependency on zod,
 * so that browser code (the tracking widget) can use them without bundling the schemas.
 */

/** The 11 canonical statuses, in lifecycle order. */
export const STATUSES = [
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivery_attempted',
  'delivered',
  'exception',
  'returned_to_sender',
  'failure',
  'cancelled',
  'unknown',
] as const

export type Status = (typeof STATUSES)[number]

/** Milestones: the documented closed list of event kinds. */
export const MILESTONES = [
  'label_created',
  'picked_up',
  'arrived_at_facility',
  'departed_facility',
  'in_transit',
  'customs',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'delivered',
  'delivered_to_agent',
  'delayed',
  'weather_delay',
  'held',
  'address_issue',
  'damaged',
  'lost',
  'refused',
  /** A return was started (requested from the carrier, or authorised by the shipper): nothing has moved back yet. */
  'return_initiated',
  'returning',
  'returned',
  'cancelled',
  'status_update',
  'unknown',
] as const

export type Milestone = (typeof MILESTONES)[number]

/** The status each milestone implies when a carrier gives nothing more specific. */
export const MILESTONE_STATUS: Record<Milestone, Status> = {
  label_created: 'pre_transit',
  picked_up: 'in_transit',
  arrived_at_facility: 'in_transit',
  departed_facility: 'in_transit',
  in_transit: 'in_transit',
  customs: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  delivery_attempted: 'delivery_attempted',
  available_for_pickup: 'available_for_pickup',
  delivered: 'delivered',
  delivered_to_agent: 'delivered',
  delayed: 'exception',
  weather_delay: 'exception',
  held: 'exception',
  address_issue: 'exception',
  damaged: 'exception',
  lost: 'failure',
  refused: 'returned_to_sender',
  return_initiated: 'returned_to_sender',
  returning: 'returned_to_sender',
  returned: 'returned_to_sender',
  cancelled: 'cancelled',
  status_update: 'in_transit',
  unknown: 'unknown',
}

/**
 * True when nothing further is expected: delivered, failure, cancelled, and a return once it has been delivered
 * back to the sender (milestone `returned`).
 */
export function isTerminal(status: Status, milestone?: Milestone): boolean {
  if (status === 'delivered' || status === 'failure' || status === 'cancelled') return true
  return status === 'returned_to_sender' && milestone === 'returned'
}
