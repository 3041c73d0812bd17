/** Australia Post tracking-number formats. Domestic article ids have no published structure, so they rank low. */
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

export const australiaPostCarrier: CarrierDescriptor = {
  id: 'australia-post',
  name: 'Australia Post',
  services: ['Parcel Post', 'Express Post', 'StarTrack', 'International (S10)'],
  formats: [
    s10For('AU', 'Australia Post'),
    {
      name: 'eParcel article id',
      pattern: /^[0-9A-Z]{2,5}\d{18,20}$/,
      lengths: [20, 21, 22, 23, 24, 25],
      // Bare digits of these lengths are other carriers' numbers far more often: require a letter in the prefix.
      accept: (n) => /[A-Z]/.test(n.slice(0, 5)),
      specificity: 0.1,
      source:
        'Australia Post eParcel article id: consignment prefix (with letters) + 18–20 digits (Australia Post eParcel label guide); no public check digit',
    },
  ],
}
