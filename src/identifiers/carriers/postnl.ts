/** PostNL tracking-number formats. */
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

export const postnlCarrier: CarrierDescriptor = {
  id: 'postnl',
  name: 'PostNL',
  services: ['Parcel', 'International (S10)'],
  formats: [
    {
      name: '3S barcode',
      pattern: /^3S[A-Z]{1,4}\d{6,11}$/,
      lengths: [13, 15],
      specificity: 0.85,
      source:
        'PostNL Barcode API (developer.postnl.nl): type 3S + customer code (range) + serie, 13 or 15 characters in total',
    },
    s10For('NL', 'PostNL'),
  ],
}
