/** OnTrac tracking-number formats (C and D series). LaserShip, now part of OnTrac, keeps its own descriptor. */
import { mod10 } from '../checksums.js'
import type { CarrierDescriptor } from './types.js'

/** Mod 10 (×1/×2) over "4" (C) or "5" (D) + the 13-digit serial, unless the serial already starts with it. */
function validOnTrac(n: string): boolean {
  const lead = n.charCodeAt(0) === 67 ? '4' : '5'
  const prefix = n[1] === lead ? '' : lead
  return mod10(n, 1, 14, 14, 1, 2, prefix)
}

export const ontracCarrier: CarrierDescriptor = {
  id: 'ontrac',
  name: 'OnTrac',
  services: ['Ground'],
  formats: [
    {
      name: 'C/D',
      pattern: /^[CD]\d{14}$/,
      lengths: [15],
      check: validOnTrac,
      specificity: 0.95,
      source:
        'OnTrac C/D + 13-digit serial + mod-10 check (serial read with a leading 4/5); jkeen/tracking_number_data couriers/ontrac.json (MIT)',
    },
  ],
}
