/** UPS tracking-number formats. */
import { mod10 } from '../checksums.js'
import { lengthRange } from './lengths.js'
import type { CarrierDescriptor } from './types.js'

/** Service codes of a `1Z` number (characters 9–10). */
export const UPS_SERVICES: Record<string, string> = {
  '01': 'Next Day Air',
  '02': '2nd Day Air',
  '03': 'Ground',
  '12': '3 Day Select',
  '13': 'Next Day Air Saver',
  '15': 'Next Day Air Early',
  '22': 'Ground Returns',
  '32': 'Next Day Air Early, COD',
  '33': 'Next Day Air Early, Saturday, COD',
  '41': 'Next Day Air Early, Saturday',
  '42': 'Ground, signature required',
  '44': 'Next Day Air Saturday',
  '66': 'Worldwide Express',
  '72': 'Ground COD',
  '78': 'Ground Returns Plus',
  '90': 'Ground Returns (label mailed)',
  A0: 'Next Day Air Early, adult signature',
  A2: 'Next Day Air, adult signature',
  A8: 'Ground, adult signature required',
  YW: 'SurePost',
}

const WAYBILL_SERVICES: Record<string, string> = {
  J: 'Next Day Express',
  K: 'Ground',
  V: 'Worldwide Express Saver',
}

export const upsCarrier: CarrierDescriptor = {
  id: 'ups',
  name: 'UPS',
  services: [
    'Next Day Air',
    'Next Day Air Saver',
    'Next Day Air Early',
    '2nd Day Air',
    '3 Day Select',
    'Ground',
    'Worldwide Express',
    'Worldwide Express Saver',
    'SurePost',
    'Mail Innovations',
  ],
  formats: [
    {
      name: '1Z',
      pattern: /^1Z[0-9A-Z]{15}\d$/,
      lengths: [18],
      // shipper (6) + service (2) + package (7); letters count as (code − 3) mod 10, odd positions ×2.
      check: (n) => mod10(n, 2, 17, 17, 1, 2),
      specificity: 0.97,
      service: (n) => UPS_SERVICES[n.slice(8, 10)],
      source:
        'UPS label/shipper guides: 1Z + shipper + service + package + mod-10 check; jkeen/tracking_number_data couriers/ups.json (MIT)',
    },
    {
      name: 'Waybill',
      pattern: /^[AHJKTV]\d{10}$/,
      lengths: [11],
      check: (n) => mod10(n, 1, 10, 10, 1, 2),
      specificity: 0.6,
      service: (n) => WAYBILL_SERVICES[n[0] as string],
      source:
        'UPS waybill (letter + 9 digits + mod-10 check); jkeen/tracking_number_data couriers/ups.json "UPS Waybill" (MIT)',
    },
    {
      name: 'Mail Innovations',
      pattern: /^MI\d{6}[0-9A-Z]{1,22}$/,
      lengths: lengthRange(9, 30),
      specificity: 0.55,
      service: () => 'Mail Innovations',
      source:
        'ups.com help centre "What is a Tracking Number?": Mail Innovations compliant package id = MI + 6-digit customer number + up to 22 letters/digits',
    },
  ],
}
