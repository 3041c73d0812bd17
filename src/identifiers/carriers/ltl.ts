/** LTL freight PRO numbers. Only carriers whose PRO layout and check digit are published are listed. */
import { luhn } from '../checksums.js'
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/old_dominion.json (MIT)'

export const oldDominionCarrier: CarrierDescriptor = {
  id: 'old-dominion',
  name: 'Old Dominion Freight Line',
  services: ['LTL', 'Guaranteed'],
  formats: [
    {
      name: 'PRO',
      pattern: /^(?:072|77[78])\d{8}$/,
      lengths: [11],
      check: (n) => luhn(n, 0, 10),
      specificity: 0.65,
      service: () => 'LTL',
      source: `Old Dominion PRO: 072/777/778 + 7 digits + Luhn check; ${TND}`,
    },
    {
      name: 'Guaranteed PRO',
      pattern: /^80\d{9}$/,
      lengths: [11],
      check: (n) => luhn(n, 0, 10),
      specificity: 0.6,
      service: () => 'Guaranteed',
      source: `Old Dominion guaranteed-shipment PRO: 80 + 8 digits + Luhn check; ${TND}`,
    },
  ],
}
