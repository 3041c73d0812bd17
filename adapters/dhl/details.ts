/** DHL shipment details: references (an object or a list, DHL's `type` kept as the qualifier) and weight units. */
import { clean } from '../../src/adapter/index.js'
import type { Reference } from '../../src/model/index.js'

/** DHL reference types → canonical reference types; anything else is `other`. */
const REFERENCE_TYPES: Record<string, Reference['type']> = {
  'customer-reference': 'customer_reference',
  'customer-confirmation-number': 'customer_reference',
  housebill: 'bill_of_lading',
  masterbill: 'bill_of_lading',
  'shipment-id': 'shipment_id',
  'order-number': 'order',
}

/** DHL `details.references` (one object or a list) as canonical references. */
export function references(value: unknown): Reference[] {
  const list = (Array.isArray(value) ? value : value ? [value] : []) as {
    number: string | number
    type?: string | null
  }[]
  const out: Reference[] = []
  for (const ref of list) {
    const number = clean(String(ref.number))
    if (!number) continue
    const qualifier = clean(ref.type)
    out.push({
      type: (qualifier && REFERENCE_TYPES[qualifier.toLowerCase()]) || 'other',
      value: number,
      ...(qualifier ? { qualifier } : {}),
    })
  }
  return out
}

/** DHL `weight.unitText` as a canonical unit, or undefined when it is none of kg, lb, g, oz. */
export function weightUnit(unit: string | null | undefined): 'kg' | 'lb' | 'g' | 'oz' | undefined {
  const u = (unit ?? '').trim().toLowerCase()
  if (u === 'kg' || u === 'kgs' || u === 'kilogram' || u === 'kilograms') return 'kg'
  if (u === 'lb' || u === 'lbs' || u === 'pound' || u === 'pounds') return 'lb'
  if (u === 'g' || u === 'gram' || u === 'grams') return 'g'
  if (u === 'oz' || u === 'ounce' || u === 'ounces') return 'oz'
  return undefined
}
