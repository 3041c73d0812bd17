/** DPD (Geopost) parcel numbers: 14 digits + ISO/IEC 7064 MOD 37,36 check character, alone or in the 28-character barcode. */
import { iso7064Mod3736 } from '../checksums.js'
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/dpd.json (MIT)'

const SERVICES: Record<string, string> = {
  '101': 'Classic',
  '136': 'Classic (small parcel)',
  '154': 'Parcel Letter',
  '155': 'Guarantee',
  '179': 'DPD 10:00',
  '225': 'DPD 12:00',
  '350': 'DPD 8:30',
}

export const dpdCarrier: CarrierDescriptor = {
  id: 'dpd',
  name: 'DPD',
  services: [...Object.values(SERVICES), 'Predict'],
  formats: [
    {
      name: 'Barcode (28)',
      // ZIP (7) + parcel number (14) + service (3) + ISO 3166 numeric country (3) + check character.
      pattern: /^\d{27}[0-9A-Z]$/,
      lengths: [28],
      check: (n) => iso7064Mod3736(n, 0, 27),
      specificity: 0.85,
      service: (n) => SERVICES[n.slice(21, 24)],
      trackingNumber: (n) => n.slice(7, 21),
      source: `DPD parcel label barcode (28): destination + parcel number + service code + country + ISO/IEC 7064 MOD 37,36; ${TND}`,
    },
    {
      name: 'Parcel number (14 + check)',
      pattern: /^\d{14}[0-9A-Z]$/,
      lengths: [15],
      check: (n) => iso7064Mod3736(n, 0, 14),
      specificity: 0.55,
      trackingNumber: (n) => n.slice(0, 14),
      source: `DPD parcel number 14 digits + ISO/IEC 7064 MOD 37,36 check character; ${TND} "DPD (14)"`,
    },
  ],
}
