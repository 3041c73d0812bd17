/**
 * Shipment-level FedEx facts: the delivery estimate (`estimatedDeliveryTimeWindow`, `dateAndTimes`
 * ESTIMATED_DELIVERY, `standardTransitTimeWindow`), references (`packageIdentifiers`), piece count and weight.
 */
import { clean } from '../../src/adapter/index.js'
import { TimeError } from '../../src/errors/index.js'
import type {
  DeliveryWindow,
  Location,
  NormalizeWarning,
  Reference,
  Shipment,
} from '../../src/model/index.js'
import type { NormalizedTime } from '../../src/time/index.js'
import { timeLocation } from './place.js'
import type { FedexTrackResult } from './schema.js'
import { fedexTime } from './time.js'

const RANK = { day: 0, minute: 1, second: 2 } as const

function coarser(a: NormalizedTime | undefined, b: NormalizedTime | undefined): DeliveryWindow['precision'] {
  const ranks = [a, b].filter((t): t is NormalizedTime => t !== undefined).map((t) => RANK[t.precision])
  const min = Math.min(...ranks)
  return min === 0 ? 'day' : min === 1 ? 'minute' : 'second'
}

/**
 * The best delivery estimate FedEx gave: the estimated window, else the ESTIMATED_DELIVERY date-time, else the
 * end of the standard transit window. Midnight values are dates (precision `day`). A bad value gives a warning.
 */
export function estimatedDelivery(
  track: FedexTrackResult,
  destination: Location | undefined,
  ctx: { defaultZone?: string; warnings: NormalizeWarning[]; path: string; trackingNumber: string },
): DeliveryWindow | undefined {
  const place = timeLocation(destination)
  const read = (value: string | undefined) => (value ? fedexTime(value, place, ctx.defaultZone) : undefined)
  const window = (
    from: string | undefined,
    to: string | undefined,
    source: string,
  ): DeliveryWindow | undefined => {
    const a = read(clean(from))
    const b = read(clean(to))
    if (!a && !b) return undefined
    return {
      ...(a ? { from: a.occurredAt } : {}),
      ...(b ? { to: b.occurredAt } : {}),
      precision: coarser(a, b),
      source,
    }
  }
  try {
    const estimated = track.estimatedDeliveryTimeWindow?.window
    const fromWindow = window(estimated?.begins, estimated?.ends, 'estimatedDeliveryTimeWindow')
    if (fromWindow) return fromWindow
    const eta = track.dateAndTimes.find((d) => clean(d.type)?.toUpperCase() === 'ESTIMATED_DELIVERY')
    const fromEta = window(eta?.dateTime, eta?.dateTime, 'dateAndTimes.ESTIMATED_DELIVERY')
    if (fromEta) return fromEta
    const standard = track.standardTransitTimeWindow?.window
    return window(standard?.begins, standard?.ends, 'standardTransitTimeWindow')
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    ctx.warnings.push({
      code: 'invalid_field',
      message: `fedex delivery estimate left out: ${error.message}`,
      path: ctx.path,
      trackingNumber: ctx.trackingNumber,
    })
    return undefined
  }
}

/** FedEx `packageIdentifiers[].type` → canonical reference type; anything else is `other`. */
const REFERENCE_TYPES: Record<string, Reference['type']> = {
  CUSTOMER_REFERENCE: 'customer_reference',
  SHIPPER_REFERENCE: 'customer_reference',
  PURCHASE_ORDER: 'purchase_order',
  INVOICE: 'invoice',
  BILL_OF_LADING: 'bill_of_lading',
}

export function references(track: FedexTrackResult): Reference[] {
  const out: Reference[] = []
  const seen = new Set<string>()
  for (const id of track.additionalTrackingInfo?.packageIdentifiers ?? []) {
    const qualifier = clean(id.type)?.toUpperCase()
    const type: Reference['type'] = (qualifier ? REFERENCE_TYPES[qualifier] : undefined) ?? 'other'
    for (const raw of [...id.values, id.value]) {
      const value = clean(raw)
      if (!value || seen.has(`${qualifier}|${value}`)) continue
      seen.add(`${qualifier}|${value}`)
      out.push({ type, value, ...(qualifier ? { qualifier } : {}) })
    }
  }
  return out
}

export function pieces(
  track: FedexTrackResult,
  path: string,
  trackingNumber: string,
  warnings: NormalizeWarning[],
): { pieces?: number } {
  const value = clean(track.packageDetails?.count)
  if (value === undefined) return {}
  const count = Number(value)
  if (Number.isInteger(count) && count >= 0) return { pieces: count }
  warnings.push({
    code: 'invalid_field',
    message: `fedex packageDetails.count '${value.slice(0, 40)}' is not a count`,
    path: `${path}.packageDetails.count`,
    trackingNumber,
  })
  return {}
}

const UNITS: Record<string, 'kg' | 'lb'> = { LB: 'lb', LBS: 'lb', KG: 'kg', KGS: 'kg' }

/** The first weight FedEx gives in a unit we know. */
export function weight(track: FedexTrackResult): { weight?: Shipment['weight'] } {
  for (const w of track.packageDetails?.weightAndDimensions?.weight ?? []) {
    const unit = UNITS[clean(w.unit)?.toUpperCase() ?? '']
    const value = Number(clean(w.value))
    if (unit && Number.isFinite(value) && value >= 0) return { weight: { value, unit } }
  }
  return {}
}
