/** UPU S10: the 13-character item identifier every postal operator uses for international (and many domestic) items. */
import { isCountryAt, s10CheckDigit } from '../checksums.js'
import type { CarrierDescriptor, TrackingFormat } from './types.js'

const S10_SOURCE = 'UPU S10 standard (item identifier: 2 letters, 8 digits, check digit, ISO 3166-1 country)'

/** First letter of the service indicator: the UPU S10 service classes. */
const S10_CLASSES: Record<string, string> = {
  E: 'EMS',
  L: 'Letter post express',
  M: 'Letter post M-bag',
  Q: 'Letter post IBRS',
  R: 'Letter post registered',
  U: 'Letter post',
  V: 'Letter post insured',
  C: 'Parcel post',
  H: 'Parcel post (e-commerce)',
}

/** The S10 check digit (weights 8,6,4,2,3,5,9,7; 11 − Σ mod 11; 10 → 0, 11 → 5) at position 10. */
export function validS10(n: string): boolean {
  return s10CheckDigit(n, 2) === n.charCodeAt(10) - 48
}

/** The S10 service class named by the first letter of the service indicator. */
export function s10Service(n: string): string {
  return S10_CLASSES[n[0] as string] ?? 'Domestic / bilateral'
}

const s10Country = (n: string): string => n.slice(11, 13)

/**
 * The S10 format as issued by one postal operator (its ISO country suffix), for that operator's descriptor.
 * @example s10For('GB', 'Royal Mail') // matches RB123456785GB
 */
export function s10For(country: string, operator: string, specificity = 0.9): TrackingFormat {
  return {
    name: 'S10',
    pattern: new RegExp(`^[A-Z]{2}\\d{9}${country}$`),
    lengths: [13],
    check: validS10,
    specificity,
    service: s10Service,
    country: () => country,
    source: `${S10_SOURCE}; ${country} = ${operator}`,
  }
}

/** Any postal operator's S10 number (the issuing country must exist). */
export const s10: CarrierDescriptor = {
  id: 's10',
  name: 'UPU S10 (international post)',
  services: Object.values(S10_CLASSES),
  formats: [
    {
      name: 'S10',
      pattern: /^[A-Z]{2}\d{9}[A-Z]{2}$/,
      lengths: [13],
      accept: (n) => isCountryAt(n, 11),
      check: validS10,
      specificity: 0.97,
      service: s10Service,
      country: s10Country,
      source: S10_SOURCE,
    },
  ],
}
