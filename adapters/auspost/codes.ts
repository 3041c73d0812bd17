/**
 * Australia Post tracking statuses and event texts → canonical meaning.
 *
 * The Shipping & Tracking API's Track Items answer (developers.auspost.com.au/apis/shipping-and-tracking/reference/
 * track-items) gives each trackable item a `status` from a fixed list and each event only a `description` text, no
 * event code. {@link AUSPOST_STATUSES} maps the item status (keys upper case); {@link AUSPOST_EVENT_RULES} read the
 * event descriptions (first match wins); a description no rule matches is kept as `unknown` with its text.
 */
import type { CodeEntry, CodeTable } from '../../src/adapter/index.js'

/** Trackable item `status` → meaning (keys upper case, as `mapCode` looks them up). */
export const AUSPOST_STATUSES: CodeTable = {
  // Created: "The shipment has been created" (Track Items reference, status list).
  CREATED: { status: 'pre_transit', milestone: 'label_created' },
  // Initiated: "The shipment has been initiated (order submitted)" (Track Items reference, status list).
  INITIATED: { status: 'pre_transit', milestone: 'label_created' },
  // Sealed: "The article is part of a sealed consignment awaiting lodgement" (Track Items reference, status list).
  SEALED: { status: 'pre_transit', milestone: 'label_created' },
  // In transit: "The article is in the Australia Post network" (Track Items reference, status list).
  'IN TRANSIT': { status: 'in_transit', milestone: 'in_transit' },
  // Delivered: "The article has been delivered" (Track Items reference, status list).
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // Awaiting collection: "The article is at a Post Office or Parcel Locker for collection" (Track Items reference).
  'AWAITING COLLECTION': { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  // Possible delay: "The article may be delayed" (Track Items reference, status list).
  'POSSIBLE DELAY': { status: 'exception', milestone: 'delayed' },
  // Unsuccessful pickup: "The courier could not pick the article up" (Track Items reference, status list).
  'UNSUCCESSFUL PICKUP': { status: 'exception', milestone: 'status_update', reason: 'pickup failed' },
  // Article damaged: "The article was damaged" (Track Items reference, status list).
  'ARTICLE DAMAGED': { status: 'exception', milestone: 'damaged' },
  // Cancelled: "The shipment was cancelled" (Track Items reference, status list).
  CANCELLED: { status: 'cancelled', milestone: 'cancelled' },
  // Held by courier: "The courier holds the article" (Track Items reference, status list).
  'HELD BY COURIER': { status: 'exception', milestone: 'held' },
  // Cannot be delivered: "The article cannot be delivered" (Track Items reference, status list).
  'CANNOT BE DELIVERED': { status: 'exception', milestone: 'status_update', reason: 'cannot be delivered' },
}

/** One event-description rule: a pattern over `description` and the meaning it gives. */
export interface AuspostEventRule {
  id: string
  pattern: RegExp
  entry: CodeEntry
}

/**
 * Event `description` → meaning, first match wins. The phrasings are those Australia Post shows on its tracking page
 * and returns in `events[].description` (auspost.com.au/parcels-mail/track "What does my tracking status mean?").
 */
export const AUSPOST_EVENT_RULES: readonly AuspostEventRule[] = [
  // "Delivered - Left in a safe place", "Delivered to neighbour": a delivery not handed to the addressee.
  {
    id: 'delivered-safe-place',
    pattern: /^delivered\b.*\b(safe place|neighbour|parcel locker)/i,
    entry: { status: 'delivered', milestone: 'delivered_to_agent' },
  },
  // "Delivered", "Delivered - Signature obtained".
  { id: 'delivered', pattern: /^delivered\b/i, entry: { status: 'delivered', milestone: 'delivered' } },
  // "Collected from Post Office", "Collected from Parcel Locker": picked up by the recipient.
  {
    id: 'collected',
    pattern: /^collected\b/i,
    entry: { status: 'delivered', milestone: 'delivered', reason: 'picked up by the customer' },
  },
  // "Attempted delivery - card left", "Attempted delivery - no safe place".
  {
    id: 'attempted',
    pattern: /attempted delivery|delivery attempted/i,
    entry: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  },
  // "Awaiting collection at …", "Available for collection".
  {
    id: 'awaiting-collection',
    pattern: /awaiting collection|available for collection/i,
    entry: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  },
  // "Onboard for delivery", "With Australia Post for delivery today".
  {
    id: 'out-for-delivery',
    pattern: /onboard for delivery|for delivery today/i,
    entry: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  },
  // "Returned to sender", "Being returned to sender".
  {
    id: 'returning',
    pattern: /return(ed|ing)? to sender/i,
    entry: { status: 'returned_to_sender', milestone: 'returning' },
  },
  // "Item damaged".
  { id: 'damaged', pattern: /damaged/i, entry: { status: 'exception', milestone: 'damaged' } },
  // "Delayed", "Possible delay".
  { id: 'delayed', pattern: /delay/i, entry: { status: 'exception', milestone: 'delayed' } },
  // "Received and ready for processing", "Picked up from sender", "Lodged at Post Office".
  {
    id: 'accepted',
    pattern: /^(received and ready for processing|picked up|lodged)/i,
    entry: { status: 'in_transit', milestone: 'picked_up' },
  },
  // "Shipping information received by Australia Post", "Shipping information approved by Australia Post".
  {
    id: 'info-received',
    pattern: /^shipping information (received|approved)/i,
    entry: { status: 'pre_transit', milestone: 'label_created' },
  },
  // "Processed through Australia Post facility", "In transit", "Arrived at facility".
  {
    id: 'in-transit',
    pattern: /processed through|in transit|arrived at|departed/i,
    entry: { status: 'in_transit', milestone: 'in_transit' },
  },
]

/** The rule a description matches, or `undefined`. */
export function auspostEventRule(description: string): AuspostEventRule | undefined {
  return AUSPOST_EVENT_RULES.find((rule) => rule.pattern.test(description))
}
