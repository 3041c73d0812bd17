/**
 * The zod schema of shipper events (`tracker.ingestShipperEvents` input). In a module of its own so that zod loads
 * only when shipper events are validated: the tracker imports it on the first `ingestShipperEvents` call, and the
 * root entry (`waybill`) does not re-export it (it is on `waybill/tracker`).
 */
import { z } from 'zod'
import { isValidSscc, normalizeSscc } from '../identifiers/gs1-keys.js'
import { isoDateTimeSchema } from '../model/schemas.js'
import { SHIPPER_EVENT_TYPES } from './shipper.js'

export const shipperEventSchema = z
  .object({
    type: z.enum(SHIPPER_EVENT_TYPES),
    /** When it happened: ISO 8601 with offset. */
    occurredAt: isoDateTimeSchema,
    orderId: z.string().trim().min(1).optional(),
    /** The carrier's id (`ups`), with `trackingNumber`: links the event to the carrier's shipment. */
    carrier: z.string().trim().min(1).optional(),
    trackingNumber: z.string().trim().min(1).optional(),
    /**
     * The SSCC on the parcel's or pallet's label (18 digits; a `(00)` or `00` in front is taken off): links the
     * event to the carrier shipment that carries the same SSCC (an X12 214 `MAN*GM`, or a tracking number that is
     * itself an SSCC), when the event has no tracking number.
     */
    sscc: z
      .string()
      .transform((value) => normalizeSscc(value))
      .pipe(
        z
          .string()
          .regex(/^\d{18}$/, 'must be 18 digits (an SSCC, optionally with (00) in front)')
          .refine(isValidSscc, 'is not a valid SSCC: the check digit does not match (GS1 mod 10)'),
      )
      .optional(),
    pieces: z.number().int().positive().optional(),
    weightKg: z.number().positive().optional(),
    /** The shipper's own id of the event (de-duplication); derived from the other fields when absent. */
    id: z.string().min(1).optional(),
  })
  .refine((e) => e.trackingNumber === undefined || e.carrier !== undefined, {
    message: 'carrier and trackingNumber go together',
    path: ['carrier'],
  })
  .refine((e) => e.carrier === undefined || e.trackingNumber !== undefined || e.sscc !== undefined, {
    message: 'carrier and trackingNumber go together (carrier alone only with an sscc)',
    path: ['trackingNumber'],
  })
  .refine((e) => e.trackingNumber !== undefined || e.orderId !== undefined || e.sscc !== undefined, {
    message: 'needs carrier and trackingNumber, orderId, or sscc, to be linked to a shipment',
    path: ['orderId'],
  })
export type ShipperEventInput = z.input<typeof shipperEventSchema>
export type ShipperEvent = z.infer<typeof shipperEventSchema> & { id: string }
