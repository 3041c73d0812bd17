/**
 * `waybill/epcis`: canonical shipments or events → an EPCIS 2.0 JSON-LD document of ObjectEvents. The logistic
 * unit is the SSCC (as an EPC URN or a GS1 Digital Link), times keep the offset of the place, bizStep and
 * disposition come from CBV 2.0 (see ./mapping.ts), readPoint/bizLocation from the GLN when known, and the
 * carrier's raw code travels in a `waybill:` extension namespace.
 */
import { z } from 'zod'
import { ValidationError } from '../errors/index.js'
import { buildDigitalLink } from '../identifiers/digital-link.js'
import { isValidGln, isValidSscc } from '../identifiers/gs1-keys.js'
import {
  type Shipment,
  shipmentSchema,
  sortEvents,
  type TrackingEvent,
  trackingEventSchema,
} from '../model/index.js'
import { cbvFor } from './mapping.js'

export { type CbvMapping, cbvFor, type EpcisAction, MILESTONE_CBV, STATUS_CBV } from './mapping.js'

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'

export interface ToEpcisOptions {
  /**
   * How GS1 keys (SSCC, GLN) are written: `digital-link` (`https://id.gs1.org/00/…`) or `urn`
   * (`urn:epc:id:sscc:…`, `urn:epc:id:sgln:…`; needs `companyPrefixLength`). @default 'digital-link'
   */
  idFormat?: 'digital-link' | 'urn'
  /** Length of the GS1 Company Prefix inside the keys (6–12), needed for EPC URNs. */
  companyPrefixLength?: number
  /** Domain for Digital Link ids. @default 'https://id.gs1.org' */
  digitalLinkDomain?: string
  /** The SSCC of the logistic unit, when the input does not carry one (`identifiers.sscc`). */
  sscc?: string
  /** IRI of the `waybill:` extension namespace. @default 'urn:waybill:epcis:' */
  namespace?: string
  /** `creationDate` of the document (ISO 8601 or a Date). @default now */
  creationDate?: string | Date
}

export interface EpcisObjectEvent {
  type: 'ObjectEvent'
  eventID: string
  eventTime: string
  eventTimeZoneOffset: string
  action: 'ADD' | 'OBSERVE' | 'DELETE'
  epcList: string[]
  bizStep?: string
  disposition?: string
  readPoint?: { id: string }
  bizLocation?: { id: string }
  [extension: `waybill:${string}`]: unknown
}

export interface EpcisDocument {
  '@context': [string, Record<string, string>]
  type: 'EPCISDocument'
  schemaVersion: '2.0'
  creationDate: string
  epcisBody: { eventList: EpcisObjectEvent[] }
  /**
   * Events left out of `eventList` because their zone is unknown: EPCIS requires `eventTime` as an instant and
   * `eventTimeZoneOffset`, which such an event does not have (it has a local time only). Present only when some
   * were left out; each names the event and its local time.
   */
  'waybill:omittedEvents'?: { eventID: string; localTime: string; reason: 'unknown_zone' }[]
}

const eventsSchema = z.array(trackingEventSchema)

function invalid(error: z.ZodError, root: string): ValidationError {
  const issue = error.issues[0]
  const where = issue
    ? issue.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), root)
    : root
  return new ValidationError(where, issue?.message ?? 'invalid input', { cause: error })
}

/** `±HH:MM` from an ISO 8601 date-time with offset (`Z` → `+00:00`). */
export function timeZoneOffsetOf(isoDateTime: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(isoDateTime)
  if (!match) throw new ValidationError('occurredAt', `has no UTC offset: ${JSON.stringify(isoDateTime)}`)
  return match[1] === 'Z' ? '+00:00' : (match[1] as string)
}

interface Ids {
  sscc(sscc: string): string
  gln(gln: string): string
}

function idWriter(options: ToEpcisOptions): Ids {
  if ((options.idFormat ?? 'digital-link') === 'digital-link') {
    const domain = options.digitalLinkDomain
    const link = (ai: string, value: string) => buildDigitalLink([{ ai, value }], domain ? { domain } : {})
    return { sscc: (v) => link('00', v), gln: (v) => link('414', v) }
  }
  const length = options.companyPrefixLength
  if (length === undefined || !Number.isInteger(length) || length < 6 || length > 12) {
    throw new ValidationError('companyPrefixLength', 'EPC URNs need the GS1 Company Prefix length (6–12)')
  }
  return {
    // SSCC: extension digit moves in front of the serial reference; the check digit is dropped.
    sscc: (v) => `urn:epc:id:sscc:${v.slice(1, 1 + length)}.${v[0]}${v.slice(1 + length, 17)}`,
    // SGLN without extension: company prefix . location reference . 0
    gln: (v) => `urn:epc:id:sgln:${v.slice(0, length)}.${v.slice(length, 12)}.0`,
  }
}

function epcFor(
  carrier: string,
  trackingNumber: string,
  sscc: string | undefined,
  ids: Ids,
  ns: string,
): string {
  if (sscc) return ids.sscc(sscc)
  if (isValidSscc(trackingNumber)) return ids.sscc(trackingNumber)
  return `${ns}tracking:${encodeURIComponent(carrier)}:${encodeURIComponent(trackingNumber)}`
}

function toObjectEvent(event: TrackingEvent, epc: string, ids: Ids, ns: string): EpcisObjectEvent {
  const cbv = cbvFor(event.status, event.milestone)
  const out: EpcisObjectEvent = {
    type: 'ObjectEvent',
    eventID: `${ns}event:${encodeURIComponent(event.id)}`,
    eventTime: event.occurredAt,
    eventTimeZoneOffset: timeZoneOffsetOf(event.occurredAt),
    action: cbv.action,
    epcList: [epc],
  }
  if (cbv.bizStep) out.bizStep = cbv.bizStep
  if (cbv.disposition) out.disposition = cbv.disposition
  const gln = event.location?.gln
  if (gln && isValidGln(gln)) {
    out.readPoint = { id: ids.gln(gln) }
    if (cbv.atLocation) out.bizLocation = { id: ids.gln(gln) }
  }
  out['waybill:carrier'] = event.carrier
  out['waybill:trackingNumber'] = event.trackingNumber
  out['waybill:status'] = event.status
  out['waybill:milestone'] = event.milestone
  if (event.raw.code !== undefined) out['waybill:rawCode'] = event.raw.code
  if (event.precision === 'day') out['waybill:precision'] = 'day'
  return out
}

/**
 * An EPCIS 2.0 JSON-LD document with one ObjectEvent per canonical event, in time order.
 * @throws ValidationError naming the field when the input is not a canonical shipment or event list, or when a
 * given SSCC is invalid.
 * @example toEpcis(shipment, { idFormat: 'urn', companyPrefixLength: 7 })
 */
export function toEpcis(
  input: Shipment | readonly TrackingEvent[],
  options: ToEpcisOptions = {},
): EpcisDocument {
  const ns = options.namespace ?? 'urn:waybill:epcis:'
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*[/#:]$/.test(ns)) {
    throw new ValidationError(
      'namespace',
      `must be an IRI ending in '/', '#' or ':' (a JSON-LD prefix), got ${JSON.stringify(ns)}`,
    )
  }
  const ids = idWriter(options)
  let events: TrackingEvent[]
  let sscc = options.sscc
  if (Array.isArray(input)) {
    const parsed = eventsSchema.safeParse(input)
    if (!parsed.success) throw invalid(parsed.error, 'events')
    events = parsed.data
  } else {
    const parsed = shipmentSchema.safeParse(input)
    if (!parsed.success) throw invalid(parsed.error, 'shipment')
    events = parsed.data.events
    sscc ??= parsed.data.identifiers.sscc
  }
  if (sscc !== undefined && !isValidSscc(sscc)) {
    throw new ValidationError(
      'sscc',
      `not a valid SSCC (18 digits with a GS1 check digit): ${JSON.stringify(sscc)}`,
    )
  }
  const created = options.creationDate ?? new Date()
  const ordered = sortEvents(events)
  const omitted = ordered
    .filter((event) => event.zoneSource === 'unknown')
    .map((event) => ({
      eventID: `${ns}event:${encodeURIComponent(event.id)}`,
      localTime: event.occurredAt,
      reason: 'unknown_zone' as const,
    }))
  const document: EpcisDocument = {
    '@context': [EPCIS_CONTEXT, { waybill: ns }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: typeof created === 'string' ? created : created.toISOString(),
    epcisBody: {
      eventList: ordered
        .filter((event) => event.zoneSource !== 'unknown')
        .map((event) =>
          toObjectEvent(event, epcFor(event.carrier, event.trackingNumber, sscc, ids, ns), ids, ns),
        ),
    },
  }
  if (omitted.length) document['waybill:omittedEvents'] = omitted
  return document
}
