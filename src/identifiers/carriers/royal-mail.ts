/** Royal Mail and Parcelforce Worldwide tracking-number formats. */
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

export const royalMailCarrier: CarrierDescriptor = {
  id: 'royal-mail',
  name: 'Royal Mail',
  services: [
    'Tracked 24',
    'Tracked 48',
    'Special Delivery',
    'Signed For',
    'International (S10)',
    'Parcelforce',
  ],
  formats: [
    s10For('GB', 'Royal Mail'),
    {
      name: 'Parcelforce (4 letters + 10)',
      pattern: /^[A-Z]{4}\d{10}$/,
      lengths: [14],
      specificity: 0.6,
      service: () => 'Parcelforce',
      source:
        'parcelforce.com "Tracking number formats": UK tracking 4 letters + 10 numbers (e.g. PBAA1234567001)',
    },
    {
      name: 'Parcelforce (2 letters + 7)',
      pattern: /^[A-Z]{2}\d{7}$/,
      lengths: [9],
      specificity: 0.35,
      service: () => 'Parcelforce',
      source: 'parcelforce.com "Tracking number formats": UK tracking 2 letters + 7 numbers (e.g. AA1234567)',
    },
  ],
}
