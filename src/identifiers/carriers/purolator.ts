/** Purolator tracking-number formats. */
import { luhn } from '../checksums.js'
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/purolator.json (MIT)'

export const purolatorCarrier: CarrierDescriptor = {
  id: 'purolator',
  name: 'Purolator',
  services: ['Express', 'Ground'],
  formats: [
    {
      name: 'PIN (12)',
      pattern: /^[0-5]\d{11}$/,
      lengths: [12],
      check: (n) => luhn(n, 0, 11),
      specificity: 0.6,
      source: `Purolator 12-digit PIN starting 0–5, Luhn check digit; ${TND}`,
    },
    {
      name: 'PIN (3 letters + 9)',
      pattern: /^[A-Z]{3}\d{9}$/,
      lengths: [12],
      specificity: 0.45,
      source: `Purolator PIN 3 letters + 9 digits, no check digit; ${TND}`,
    },
  ],
}
