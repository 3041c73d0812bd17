/** Shipment-level identifiers: SCAC, GS1 keys (SSCC, GSIN, GINC) and business references (BOL, PO, PRO...). */

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

export type { Reference, ShipmentIdentifiers } from './schemas.js'
