/** LaserShip (part of OnTrac since 2024) tracking-number formats; none has a published check digit. */
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/lasership.json (MIT)'

export const lasershipCarrier: CarrierDescriptor = {
  id: 'lasership',
  name: 'LaserShip (OnTrac)',
  services: ['Ground'],
  formats: [
    {
      name: '1LS7 (15)',
      pattern: /^1LS7[12]\d{10}$/,
      lengths: [15],
      specificity: 0.92,
      source: `LaserShip 1LS7 + 11 digits; ${TND}`,
    },
    {
      name: '1LS7 (18, piece suffix)',
      pattern: /^1LS7[12]\d{2}01[1-4]\d{6}1$/,
      lengths: [17],
      specificity: 0.92,
      source: `LaserShip 1LS7…-1 (the "-1" piece suffix, dash dropped); ${TND}`,
    },
    {
      name: '1LSCX',
      pattern: /^1LSCX[0-9A-Z]{10}$/,
      lengths: [15],
      specificity: 0.9,
      source:
        'LaserShip 1LSCX + 10 characters; trackingnumber.fyi "LaserShip 1LSCX (15)" (tracking_number_data)',
    },
    {
      name: '1LS',
      pattern: /^1LS[0-9A-Z]{12,14}$/,
      lengths: [15, 16, 17],
      specificity: 0.6,
      source: `Other LaserShip 1LS… labels; ${TND}`,
    },
    {
      name: 'L (10)',
      pattern: /^L[AEHINX]\d{8}$/,
      lengths: [10],
      specificity: 0.7,
      source: `LaserShip LX/LA/LE/LH/LI/LN + 8 digits; ${TND} "LaserShip LX"`,
    },
  ],
}
