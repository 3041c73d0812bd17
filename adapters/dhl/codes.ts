/**
 * DHL Shipment Tracking – Unified: the status table and the text rules that refine it.
 *
 * DHL's `statusCode` has only five values (DHL's OpenAPI `statusCode` enum:
 * https://developer.dhl.com/api-reference/shipment-tracking — "pre-transit, transit, delivered, failure,
 * unknown"). Out for delivery, ready for pick-up, failed attempts and returns exist only in the event text
 * (`status`, `statusDetailed`, `description`), worded differently by each DHL division (`service`). So the code
 * gives the base meaning and {@link DHL_TEXT_RULES} refine it, first match wins. The phrasings are the ones
 * DHL's divisions show on their tracking pages (English and German for Post & Parcel Germany, Dutch for Parcel
 * NL); they are heuristics — an event no rule matches keeps the meaning of its code.
 */
import type { CodeEntry, CodeTable } from '../../src/adapter/index.js'

/** `statusCode` → canonical meaning (keys upper case, as `mapCode` looks them up). */
export const DHL_STATUS_CODES: CodeTable = {
  // "pre-transit": DHL has the shipment's data (label / electronic advice) but not the shipment. Source: DHL OpenAPI enum.
  'PRE-TRANSIT': { status: 'pre_transit', milestone: 'label_created' },
  // "transit": anything between hand-over and delivery. Source: DHL OpenAPI enum.
  TRANSIT: { status: 'in_transit', milestone: 'in_transit' },
  // "delivered": delivered to the recipient (or, per text, a neighbour / locker / the sender). Source: DHL OpenAPI enum.
  DELIVERED: { status: 'delivered', milestone: 'delivered' },
  // "failure": delivery failed (refused, undeliverable, lost); refined by text. Source: DHL OpenAPI enum.
  FAILURE: { status: 'failure', milestone: 'status_update' },
  // "unknown" is deliberately absent: DHL itself does not know the status, so the event is `unknown` and, like any
  // code without a meaning, reported in an `unknown_code` warning with the raw code kept.
}

/** DHL divisions, the values of the `service` query parameter and of `shipments[].service` (DHL OpenAPI). */
export const DHL_SERVICES = [
  'dgf',
  'dsc',
  'ecommerce',
  'ecommerce-apac',
  'ecommerce-europe',
  'express',
  'freight',
  'parcel-de',
  'parcel-nl',
  'parcel-pl',
  'parcel-uk',
  'post-de',
  'post-international',
  'sameday',
  'svb',
] as const
export type DhlService = (typeof DHL_SERVICES)[number]

/** One text rule: applies to events with one of `statusCodes` (and, when given, one of `services`). */
export interface DhlTextRule {
  /** Stable name, used in tests and docs. */
  id: string
  statusCodes: readonly string[]
  /** Divisions whose wording this is; absent = any division. */
  services?: readonly string[]
  pattern: RegExp
  entry: CodeEntry
}

const GERMANY = ['parcel-de', 'post-de'] as const

/** Ordered: the first rule that matches an event wins. */
export const DHL_TEXT_RULES: readonly DhlTextRule[] = [
  // Cancelled shipment data ("Shipment cancelled", "Sendung storniert").
  {
    id: 'cancelled',
    statusCodes: ['pre-transit', 'failure'],
    pattern: /\bcancel+ed\b|\bstorniert\b/i,
    entry: { status: 'cancelled', milestone: 'cancelled' },
  },
  // A return that reached the sender ("Returned to shipper", "delivered back to the sender").
  {
    id: 'return-delivered',
    statusCodes: ['delivered'],
    pattern:
      /(returned|delivered( back)?) to (the )?(sender|shipper)|an den Absender zurück|Absender zugestellt/i,
    entry: { status: 'returned_to_sender', milestone: 'returned' },
  },
  // Refused by the recipient ("Delivery refused", "Annahme verweigert").
  {
    id: 'refused',
    statusCodes: ['transit', 'failure'],
    pattern: /\brefused\b|verweigert/i,
    entry: { status: 'returned_to_sender', milestone: 'refused' },
  },
  // On its way back ("Returned to shipper", "being returned", "Rücksendung an den Absender").
  {
    id: 'returning',
    statusCodes: ['transit', 'failure'],
    pattern:
      /return(ed|ing)? to (the )?(sender|shipper)|being returned|Rücksendung|zurück an den Absender|retour/i,
    entry: { status: 'returned_to_sender', milestone: 'returning' },
  },
  // Express: "Delivery attempted; recipient not home", "Business closed - delivery attempted".
  // Parcel DE: "The recipient was not present ... notification card", "Zustellversuch", "nicht angetroffen".
  {
    id: 'attempt-failed',
    statusCodes: ['transit', 'failure'],
    pattern:
      /delivery attempt|attempted delivery|not (at )?home|not present|business closed|closed on arrival|Zustellversuch|nicht angetroffen|niet thuis/i,
    entry: { status: 'delivery_attempted', milestone: 'delivery_attempted' },
  },
  // Parcel DE: "The shipment is ready for pick-up at the PACKSTATION / retail outlet", "zur Abholung bereit".
  {
    id: 'pickup-ready-de',
    statusCodes: ['transit', 'failure'],
    services: GERMANY,
    pattern: /ready for pick-?up|zur Abholung bereit|abholbereit|kann .* abgeholt werden/i,
    entry: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  },
  // Express: "Awaiting collection by recipient as requested"; Parcel NL: "ligt klaar"; others: "available for pickup".
  {
    id: 'pickup-ready',
    statusCodes: ['transit', 'failure'],
    pattern:
      /ready for (pick-?up|collection)|available for (pick-?up|collection)|awaiting collection|ligt klaar/i,
    entry: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
  },
  // Express: "With delivery courier", "Shipment is out with courier for delivery".
  {
    id: 'out-for-delivery-express',
    statusCodes: ['transit'],
    services: ['express'],
    pattern: /with (the )?(delivery )?courier|courier for delivery/i,
    entry: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  },
  // Parcel DE: "The shipment has been loaded onto the delivery vehicle" / "in das Zustellfahrzeug geladen".
  {
    id: 'out-for-delivery-de',
    statusCodes: ['transit'],
    services: GERMANY,
    pattern: /delivery vehicle|Zustellfahrzeug|in Zustellung/i,
    entry: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  },
  // Parcel NL: "De bezorger is onderweg", "Zending is onderweg naar je toe".
  {
    id: 'out-for-delivery-nl',
    statusCodes: ['transit'],
    services: ['parcel-nl'],
    pattern: /bezorger is onderweg|onderweg naar (je|u)/i,
    entry: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  },
  // Every division in English: "Out for delivery".
  {
    id: 'out-for-delivery',
    statusCodes: ['transit'],
    pattern: /out for delivery/i,
    entry: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  },
  // Delivered to someone or somewhere other than the recipient ("neighbour", "PACKSTATION", "parcel shop").
  {
    id: 'delivered-to-agent',
    statusCodes: ['delivered'],
    pattern: /neighbou?r|Nachbar|Packstation|parcel ?shop|service ?point|retail outlet|Filiale|buren/i,
    entry: { status: 'delivered', milestone: 'delivered_to_agent' },
  },
  // Express: "Clearance delay", "Shipment on hold"; "held" anywhere.
  {
    id: 'held',
    statusCodes: ['transit'],
    pattern: /clearance delay|on hold|\bheld\b|angehalten/i,
    entry: { status: 'exception', milestone: 'held' },
  },
  {
    id: 'address-issue',
    statusCodes: ['transit', 'failure'],
    pattern:
      /incorrect address|address (is )?(incorrect|incomplete|insufficient)|Adresse (ist )?(falsch|unvollständig)/i,
    entry: { status: 'exception', milestone: 'address_issue' },
  },
  {
    id: 'weather',
    statusCodes: ['transit'],
    pattern: /weather|Unwetter/i,
    entry: { status: 'exception', milestone: 'weather_delay' },
  },
  {
    id: 'damaged',
    statusCodes: ['transit'],
    pattern: /damage|beschädigt/i,
    entry: { status: 'exception', milestone: 'damaged' },
  },
  {
    id: 'delayed',
    statusCodes: ['transit'],
    pattern: /\bdelay|verzögert|verspätet/i,
    entry: { status: 'exception', milestone: 'delayed' },
  },
  {
    id: 'lost',
    statusCodes: ['failure'],
    pattern: /\blost\b|verloren|nicht auffindbar/i,
    entry: { status: 'failure', milestone: 'lost' },
  },
  {
    id: 'failure-damaged',
    statusCodes: ['failure'],
    pattern: /damage|beschädigt/i,
    entry: { status: 'failure', milestone: 'damaged' },
  },
  // "Customs clearance status updated", "Clearance processing complete", "Zollabfertigung".
  {
    id: 'customs',
    statusCodes: ['transit'],
    pattern: /customs|clearance|\bZoll/i,
    entry: { status: 'in_transit', milestone: 'customs' },
  },
  // "Shipment picked up", "The shipment has been posted by the sender at the retail outlet", "eingeliefert".
  {
    id: 'picked-up',
    statusCodes: ['transit'],
    pattern: /picked up|\bposted\b|handed over to DHL|abgeholt|eingeliefert|in Empfang genommen|opgehaald/i,
    entry: { status: 'in_transit', milestone: 'picked_up' },
  },
  // "Arrived at DHL Sort Facility", "processed at the parcel center", "im Paketzentrum bearbeitet".
  {
    id: 'arrived',
    statusCodes: ['transit'],
    pattern: /arrived|arrival|processed (at|in)|angekommen|eingetroffen|bearbeitet|Paketzentrum|gesorteerd/i,
    entry: { status: 'in_transit', milestone: 'arrived_at_facility' },
  },
  // "Departed Facility", "left the parcel center", "Transferred through".
  {
    id: 'departed',
    statusCodes: ['transit'],
    pattern: /departed|\bleft\b|transferred|verlassen/i,
    entry: { status: 'in_transit', milestone: 'departed_facility' },
  },
]

type Meaning = CodeEntry & { rule?: string }

/**
 * The canonical meaning of one DHL event: its `statusCode` refined by the first text rule that applies to the
 * event's code and service. Returns `undefined` for a code that is not one of DHL's five (the caller maps it to
 * `unknown` with a warning).
 * @example classifyDhlEvent('transit', 'With delivery courier', 'express') // out_for_delivery
 */
export function classifyDhlEvent(
  statusCode: string,
  text: string,
  service: string | undefined,
): Meaning | undefined {
  // DHL writes its codes in lower case: those are looked up as they are; anything else is trimmed and lowered.
  let code = statusCode
  let base = BASE_BY_CODE.get(code)
  if (base === undefined) {
    code = statusCode.trim().toLowerCase()
    base = DHL_STATUS_CODES[code.toUpperCase()]
  }
  if (!base) return undefined // includes DHL's own 'unknown'
  if (!text) return base
  return applyTextRules(code, text, service, base)
}

/** The first text rule for this code and service that matches `text`, or the code's own meaning. */
function applyTextRules(code: string, text: string, service: string | undefined, base: Meaning): Meaning {
  for (let i = 0; i < DHL_TEXT_RULES.length; i++) {
    const rule = DHL_TEXT_RULES[i] as (typeof DHL_TEXT_RULES)[number]
    if (!rule.statusCodes.includes(code)) continue
    if (rule.services && !(service && rule.services.includes(service))) continue
    if (rule.pattern.test(text)) return RULE_MEANINGS[i] as Meaning
  }
  return base
}

/** What each text rule means, built once (frozen: results are shared between calls). */
const RULE_MEANINGS = DHL_TEXT_RULES.map((rule) => Object.freeze({ ...rule.entry, rule: rule.id }))
/** The five codes as DHL writes them (lower case) → their base meaning. */
const BASE_BY_CODE = new Map(
  Object.entries(DHL_STATUS_CODES).map(([code, entry]) => [code.toLowerCase(), entry] as const),
)
