/** Canada Post tracking-number formats. */
import { gs1Mod10 } from '../checksums.js'
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

export const canadaPostCarrier: CarrierDescriptor = {
  id: 'canada-post',
  name: 'Canada Post',
  services: ['Regular Parcel', 'Expedited Parcel', 'Xpresspost', 'Priority', 'International (S10)'],
  formats: [
    {
      name: 'PIN (16)',
      pattern: /^\d{16}$/,
      lengths: [16],
      check: (n) => gs1Mod10(n, 0, 15),
      specificity: 0.5,
      source:
        'Canada Post 16-digit parcel PIN (origin id + serial + mod-10 check); jkeen/tracking_number_data couriers/canadapost.json (MIT)',
    },
    s10For('CA', 'Canada Post'),
  ],
}
