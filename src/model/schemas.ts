/**
 * The canonical model's zod schemas (exported so users validate with them too) and the types inferred from them.
 * Kept apart from the model's functions so that code which only builds or reads events (the EDI mapper, the
 * webhook handler, the tracker's merge) does not load zod, whose import costs about 100 ms.
 */
import { z } from 'zod'
import { ISO_WITH_OFFSET, SOURCES } from './event.js'
import { LOCAL_DATE_TIME, wallTimeOf, ZONE_SOURCES } from './event-time.js'
import { ALERT_KINDS, ANOMALY_KINDS } from './findings.js'
import { REFERENCE_TYPES } from './identifiers.js'
import { WARNING_CODES } from './result.js'
import { MILESTONES, STATUSES } from './status-values.js'

export const statusSchema = z.enum(STATUSES)
export const milestoneSchema = z.enum(MILESTONES)

export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
})

export const locationSchema = z.object({
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
  coordinates: coordinatesSchema.optional(),
  facility: z.string().optional(),
  /** GS1 Global Location Number (13 digits). */
  gln: z
    .string()
    .regex(/^\d{13}$/, 'must be 13 digits')
    .optional(),
  /** UN/LOCODE, e.g. `USNYC`. */
  unLocode: z
    .string()
    .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE')
    .optional(),
  /** IATA airport code, e.g. `MEM`, when the carrier named the place by one. */
  iataCode: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA code')
    .optional(),
  /**
   * IANA zone of the place, when it is known from a code table (an airport, a port) rather than from the
   * postal parts; times at this place resolve in it (`zoneSource: 'location'`).
   */
  timeZone: z.string().min(1).max(64).optional(),
  /**
   * How the library found this place when the carrier named it only by a code: `profile` (an EDI partner
   * profile's `places`), `iata` (an IATA airport code), `unlocode` (a UN/LOCODE). Absent when the carrier gave
   * the place itself.
   */
  resolvedFrom: z.enum(['profile', 'iata', 'unlocode']).optional(),
})

export type Location = z.infer<typeof locationSchema>

export const isoDateTimeSchema = z
  .string()
  .regex(ISO_WITH_OFFSET, 'must be an ISO 8601 date-time with an offset')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date and time')

/** A local date-time without offset (a wall time whose zone is unknown), with a real date and clock time. */
export const localDateTimeSchema = z
  .string()
  .regex(LOCAL_DATE_TIME, 'must be an ISO 8601 local date-time (YYYY-MM-DDTHH:mm:ss)')
  .refine((value) => !Number.isNaN(wallTimeOf(value)), 'must be a real date and time')

/**
 * An event time: an instant with offset, or (only when the zone is unknown) a local date-time without offset.
 * Read it with {@link eventInstant} (NaN without offset) and {@link wallTimeOf}; never `Date.parse`, which reads an
 * offset-less value in the process's own zone.
 */
export const eventTimeSchema = z.union([isoDateTimeSchema, localDateTimeSchema])

/** What the carrier said, untouched, and which kind of source produced it. */
export const rawRecordSchema = z.object({
  source: z.enum(SOURCES),
  /** The carrier code the mapping was keyed on (e.g. UPS `012`, FedEx `OD`, X12 AT701 `X1`). */
  code: z.string().optional(),
  /** Every other code the carrier gave, by the carrier's own field name (e.g. `{ type: 'I', reason: 'NS' }`). */
  codes: z.record(z.string(), z.string()).optional(),
  /** The carrier's text for the event, untouched. */
  text: z.string().optional(),
  /** The carrier's record for this event (a JSON object, an X12 segment list...), for audit. */
  record: z.unknown().optional(),
  /** Where the record came from: a file name, a webhook delivery id, a request id. */
  origin: z.string().optional(),
})
export type RawRecord = z.infer<typeof rawRecordSchema>

export const trackingEventSchema = z
  .object({
    /** Deterministic id: the idempotency key. See {@link eventId}. */
    id: z.string().min(1),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
    status: statusSchema,
    milestone: milestoneSchema,
    reason: z.string().optional(),
    /**
     * When it happened: ISO 8601 with offset, or, with `zoneSource: 'unknown'` only, the local wall time without
     * offset (`2024-03-26T10:58:00`). See docs/time-model.md.
     */
    occurredAt: eventTimeSchema,
    /** IANA zone when known. */
    timeZone: z.string().optional(),
    /** Where the offset came from; `unknown`: no offset and no zone (the event is kept; its instant is unknown). */
    zoneSource: z.enum(ZONE_SOURCES),
    precision: z.enum(['day', 'minute', 'second']),
    /** True when the local time fell in the repeated autumn hour of a DST change (the earlier instant is used). */
    ambiguous: z.literal(true).optional(),
    location: locationSchema.optional(),
    /** The carrier's text, trimmed (may be empty when the carrier gives only a code). */
    description: z.string(),
    raw: rawRecordSchema,
    /** Raw records of the same physical event reported by other sources (filled by the tracker when merging). */
    alsoReportedBy: z.array(rawRecordSchema).optional(),
  })
  .superRefine((event, ctx) => {
    const local = LOCAL_DATE_TIME.test(event.occurredAt)
    if (local !== (event.zoneSource === 'unknown'))
      ctx.addIssue({
        code: 'custom',
        path: ['occurredAt'],
        message: local
          ? 'a local time without offset needs zoneSource "unknown"'
          : 'zoneSource "unknown" needs occurredAt without offset (the local wall time)',
      })
  })

export type TrackingEvent = z.infer<typeof trackingEventSchema>

/** An estimated delivery or appointment window. */
export const deliveryWindowSchema = z.object({
  /** Earliest expected arrival (ISO 8601 with offset). */
  from: isoDateTimeSchema.optional(),
  /** Latest expected arrival (ISO 8601 with offset). */
  to: isoDateTimeSchema.optional(),
  /** `day` when the carrier gave only a date. */
  precision: z.enum(['day', 'minute', 'second']),
  /** Which carrier field the window came from (e.g. `estimatedTimeOfDelivery`, `AT7:AG`). */
  source: z.string().optional(),
})
export type DeliveryWindow = z.infer<typeof deliveryWindowSchema>

export const referenceSchema = z.object({
  type: z.enum(REFERENCE_TYPES),
  value: z.string().min(1),
  /** The qualifier the source used (e.g. X12 L101 `BM`, `PO`), untouched. */
  qualifier: z.string().optional(),
})

export type Reference = z.infer<typeof referenceSchema>

export const shipmentIdentifiersSchema = z.object({
  /** Standard Carrier Alpha Code, 2–4 upper-case letters. */
  scac: z
    .string()
    .regex(/^[A-Z]{2,4}$/, 'must be a 2–4 letter SCAC')
    .optional(),
  /** Serial Shipping Container Code, 18 digits. */
  sscc: z
    .string()
    .regex(/^\d{18}$/, 'must be 18 digits')
    .optional(),
  /** Global Shipment Identification Number, 17 digits. */
  gsin: z
    .string()
    .regex(/^\d{17}$/, 'must be 17 digits')
    .optional(),
  /** Global Identification Number for Consignment: up to 30 GS1 AI-82 characters. */
  ginc: z
    .string()
    .regex(/^[!-"%-/0-9:-?A-Z_a-z]{1,30}$/, 'must be 1–30 GS1 AI encodable characters')
    .optional(),
  references: z.array(referenceSchema).default([]),
})

export type ShipmentIdentifiers = z.infer<typeof shipmentIdentifiersSchema>

export const anomalySchema = z.object({
  kind: z.enum(ANOMALY_KINDS),
  message: z.string(),
  /** The events involved. */
  eventIds: z.array(z.string()),
  /** Stable key: the same anomaly found twice has the same key. */
  key: z.string(),
})
export type Anomaly = z.infer<typeof anomalySchema>

export const alertSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(['info', 'warning', 'critical']),
  /** Raised once per key (e.g. `ups:1Z…:out_for_delivery:2024-03-26`). */
  dedupeKey: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  /** ISO 8601 instant when the alert was raised. */
  raisedAt: z.string(),
  /** The event that raised it, when one did. */
  eventId: z.string().optional(),
  /** The current estimate, when known. */
  estimatedDelivery: deliveryWindowSchema.optional(),
  /** For `eta_later`/`late`: the estimate before (or the first promised one). */
  previousEstimate: deliveryWindowSchema.optional(),
  /** For `stalled`: hours since the last event. */
  hoursSinceLastEvent: z.number().optional(),
})
export type Alert = z.infer<typeof alertSchema>

export const appointmentSchema = z.object({
  kind: z.enum(['pickup', 'delivery', 'other']),
  window: deliveryWindowSchema,
  /** The carrier's code for it (e.g. X12 AT703 `AA`). */
  code: z.string().optional(),
})

export const shipmentSchema = z.object({
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  /** The carrier's id for this particular shipment when a number is reused (e.g. FedEx `trackingNumberUniqueId`). */
  carrierShipmentId: z.string().optional(),
  status: statusSchema,
  milestone: milestoneSchema,
  reason: z.string().optional(),
  identifiers: shipmentIdentifiersSchema,
  /** In instant order. */
  events: z.array(trackingEventSchema),
  estimatedDelivery: deliveryWindowSchema.optional(),
  appointments: z.array(appointmentSchema).optional(),
  origin: locationSchema.optional(),
  destination: locationSchema.optional(),
  service: z.object({ code: z.string().optional(), name: z.string().optional() }).optional(),
  signedBy: z.string().optional(),
  /** `occurredAt` of the delivery event: without offset when that event's zone is unknown. */
  deliveredAt: eventTimeSchema.optional(),
  pieces: z.number().int().nonnegative().optional(),
  weight: z.object({ value: z.number().nonnegative(), unit: z.enum(['kg', 'lb', 'g', 'oz']) }).optional(),
  /** Data-quality findings (filled by the tracker). */
  anomalies: z.array(anomalySchema).optional(),
  /** The carrier payload(s) this snapshot was built from, for audit. */
  raw: z.array(z.unknown()),
})
export type Shipment = z.infer<typeof shipmentSchema>

export const warningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  /** Path or position in the input (`trackResponse.shipment[0].package[0].activity[2]`, `segment 14`). */
  path: z.string().optional(),
  trackingNumber: z.string().optional(),
  /** For `unknown_code`: the code that was not in the table. */
  rawCode: z.string().optional(),
})
export type NormalizeWarning = z.infer<typeof warningSchema>

/** A tracking number the carrier does not know (yet): a result, not an error. */
export const notFoundSchema = z.object({
  trackingNumber: z.string(),
  /** The carrier's code for "not found" (e.g. UPS `TW0001`, FedEx `TRACKING.TRACKINGNUMBER.NOTFOUND`). */
  carrierCode: z.string().optional(),
  message: z.string().optional(),
})
export type NotFound = z.infer<typeof notFoundSchema>

export const normalizeResultSchema = z.object({
  shipments: z.array(shipmentSchema),
  notFound: z.array(notFoundSchema),
  warnings: z.array(warningSchema),
})
export type NormalizeResult = z.infer<typeof normalizeResultSchema>
