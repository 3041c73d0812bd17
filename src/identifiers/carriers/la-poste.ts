/** La Poste (Colissimo, Chronopost and letters) tracking-number formats. */
import { gs1Mod10, iso7064Mod3736 } from '../checksums.js'
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

export const laPosteCarrier: CarrierDescriptor = {
  id: 'la-poste',
  name: 'La Poste / Colissimo',
  services: ['Colissimo', 'Chronopost', 'Lettre suivie', 'International (S10)'],
  formats: [
    {
      name: 'Colissimo (13)',
      pattern: /^(?:[1-36-9][A-Z]|5[N-Z])\d{11}$/,
      lengths: [13],
      // The key is GS1 mod 10 over the 10 digits after the 2-character product code.
      check: (n) => gs1Mod10(n, 2, 12),
      specificity: 0.8,
      service: () => 'Colissimo',
      source:
        'Colissimo 13-character parcel number: product code (digit + letter) + 10 digits + GS1 mod-10 key, from public format tables; not checked against a La Poste document',
    },
    {
      name: 'Chronopost / La Poste (15)',
      pattern: /^(?:86[56]|87[05]|88[05])\d{11}[0-9A-Z]$/,
      lengths: [15],
      check: (n) => iso7064Mod3736(n, 0, 14),
      specificity: 0.75,
      service: () => 'Chronopost',
      source:
        'Chronopost/La Poste 15-character parcel number (Geopost network, DPD layout): 14 digits + ISO/IEC 7064 MOD 37,36, prefixes from public format tables; not checked against a La Poste document',
    },
    s10For('FR', 'La Poste'),
  ],
}
