/** Yodel (UK) tracking-number formats. */
import type { CarrierDescriptor } from './types.js'

export const yodelCarrier: CarrierDescriptor = {
  id: 'yodel',
  name: 'Yodel',
  services: ['Xpress', 'Xpect'],
  formats: [
    {
      name: 'J(J)D (16)',
      pattern: /^J?JD\d{16}$/,
      lengths: [18, 19],
      specificity: 0.8,
      source:
        'Yodel UK domestic numbers JD or JJD + 16 digits, no check digit; jkeen/tracking_number_data couriers/yodel.json (MIT)',
    },
  ],
}
