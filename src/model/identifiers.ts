/** Shipment-level identifiers: SCAC, GS1 keys (SSCC, GSIN, GINC) and business references (BOL, PO, PRO...). */
import { z } from 'zod'

export const REFERENCE_TYPES = [
  'bill_of_lading',
  'purchase_order',
  'pro_number',
  'customer_reference',
  'shipment_id',
  'invoice',
  'order',
  'other',
] as const

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
