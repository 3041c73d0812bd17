/** Canpar Express tracking-number formats. */
import type { CarrierDescriptor } from './types.js'

export const canparCarrier: CarrierDescriptor = {
  id: 'canpar',
  name: 'Canpar Express',
  services: ['Ground', 'Select', 'Overnight'],
  formats: [
    {
      name: 'Barcode (22)',
      pattern: /^[CDKLSUXZ]\d{21}$/,
      lengths: [22],
      specificity: 0.85,
      source:
        'Canpar 22-character barcode: service letter (C, D, K, L, S, U, X, Z) + 21 digits; jkeen/tracking_number_data couriers/canpar.json (MIT)',
    },
  ],
}
