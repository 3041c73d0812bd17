/** Package-level UPS facts: the delivery estimate to use, references, service, signer, piece count and weight. */
import { clean } from '../../src/adapter/index.js'
import type { NormalizeWarning, Reference, Shipment } from '../../src/model/index.js'
import type { UpsPackage } from './schema.js'

/** Rescheduled (`RDD`) wins over scheduled (`SDD`); `DEL` is a delivery, not an estimate. */
export function pickEstimate(pkg: UpsPackage) {
  const dates = pkg.deliveryDate.filter((d) => clean(d.date))
  const chosen =
    dates.find((d) => clean(d.type)?.toUpperCase() === 'RDD') ??
    dates.find((d) => clean(d.type)?.toUpperCase() === 'SDD')
  if (!chosen) return undefined
  const kind = clean(chosen.type)?.toUpperCase()
  const timeType = clean(pkg.deliveryTime?.type)?.toUpperCase()
  return {
    date: chosen.date,
    type: timeType ?? 'EOD',
    start: pkg.deliveryTime?.startTime,
    end: pkg.deliveryTime?.endTime,
    source: `deliveryDate.${kind}${timeType ? `+deliveryTime.${timeType}` : ''}`,
  }
}

export function references(pkg: UpsPackage): Reference[] {
  const out: Reference[] = []
  for (const ref of pkg.referenceNumber) {
    const value = clean(ref.number)
    if (!value) continue
    const qualifier = clean(ref.type)
    out.push({ type: 'customer_reference', value, ...(qualifier ? { qualifier } : {}) })
  }
  return out
}

export function service(pkg: UpsPackage): { service?: { code?: string; name?: string } } {
  const code = clean(pkg.service?.code)
  const name = clean(pkg.service?.description)
  if (!code && !name) return {}
  return { service: { ...(code ? { code } : {}), ...(name ? { name } : {}) } }
}

export function signedBy(pkg: UpsPackage): { signedBy?: string } {
  const who = clean(pkg.deliveryInformation?.receivedBy)
  return who ? { signedBy: who } : {}
}

export function pieces(
  pkg: UpsPackage,
  path: string,
  trackingNumber: string,
  warnings: NormalizeWarning[],
): { pieces?: number } {
  const value = clean(pkg.packageCount)
  if (value === undefined) return {}
  const count = Number(value)
  if (Number.isInteger(count) && count >= 0) return { pieces: count }
  warnings.push({
    code: 'invalid_field',
    message: `ups packageCount '${value}' is not a count`,
    path: `${path}.packageCount`,
    trackingNumber,
  })
  return {}
}

const WEIGHT_UNITS: Record<string, 'kg' | 'lb'> = { LBS: 'lb', LB: 'lb', KGS: 'kg', KG: 'kg' }

export function weight(
  pkg: UpsPackage,
  path: string,
  trackingNumber: string,
  warnings: NormalizeWarning[],
): { weight?: Shipment['weight'] } {
  const raw = clean(pkg.weight?.weight)
  if (raw === undefined) return {}
  const value = Number(raw)
  const unit = WEIGHT_UNITS[clean(pkg.weight?.unitOfMeasurement)?.toUpperCase() ?? '']
  if (Number.isFinite(value) && value >= 0 && unit) return { weight: { value, unit } }
  warnings.push({
    code: 'invalid_field',
    message: `ups weight '${raw}' left out`,
    path: `${path}.weight`,
    trackingNumber,
  })
  return {}
}
