/** What a normalization returns: shipments, numbers the carrier did not find, and warnings (never silent). */
import { z } from 'zod'
import { shipmentSchema } from './shipment.js'

export const WARNING_CODES = [
  /** A carrier code with no entry in the adapter's table: the event is `unknown`, the code is kept. */
  'unknown_code',
  /** A time resolved from a configured default zone rather than the carrier or the place. */
  'fallback_zone',
  /**
   * An event kept without a zone: no offset, zone or usable place was given, so `occurredAt` is the local time
   * without offset and `zoneSource` is `unknown` (the message says what was missing).
   */
  'unknown_zone',
  /** A field had a value that could not be used and was left out (the raw record still has it). */
  'invalid_field',
  /** An envelope or count check failed; the data was still delivered. */
  'envelope',
  /** Part of the input was of a kind this adapter skips (e.g. an X12 210 in a 214 file). */
  'skipped',
  /** Anything else worth a human look. */
  'other',
] as const

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
