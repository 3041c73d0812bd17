/**
 * Canada Post tracking `event-identifier` → canonical meaning (docs/status-model.md).
 *
 * The full list is Canada Post's "Messages and Code Tables" → "Tracking scan events"
 * (https://www.canadapost.ca/info/mc/business/productsservices/developers/messagescodetables.jsf), which was not
 * readable here: each row names where its identifier and description were actually read. Any other identifier
 * becomes `unknown` with its raw code kept and a warning (never dropped).
 */
import type { CodeTable } from '../../src/adapter/index.js'

export const CANADAPOST_EVENTS: CodeTable = {
  // 4310 "International shipment has arrived in a foreign country" (sample answer, docs.digitalgenius.com/docs/canada-post-track-trace)
  '4310': { status: 'in_transit', milestone: 'arrived_at_facility' },
  // 4500 "International item is in transit to the delivery office." (sample answer, docs.digitalgenius.com/docs/canada-post-track-trace)
  '4500': { status: 'in_transit', milestone: 'in_transit' },
  // 4600 "Item has arrived at the delivery office in the destination country" (sample answer, docs.digitalgenius.com/docs/canada-post-track-trace)
  '4600': { status: 'in_transit', milestone: 'arrived_at_facility' },
  // 1496 "Item successfully delivered" (Canada Post "Get Tracking Details" sample answer, developer docs track/trackingdetails; not re-read this session)
  '1496': { status: 'delivered', milestone: 'delivered' },
}

/** The `messages/message/code` Canada Post answers when a PIN has no history ("No Pin History"). */
export const CANADAPOST_NO_PIN_HISTORY = '004'
