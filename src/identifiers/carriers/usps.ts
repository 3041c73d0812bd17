/**
 * USPS tracking-number formats: Intelligent Mail package barcode (IMpb, Publication 199) in all lengths, with and
 * without the GS1 `420` + ZIP (5 or 9 digits) routing prefix a scanner reads, legacy 20-digit numbers, and S10.
 */
import { gs1Mod10 } from '../checksums.js'
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

const PUB_199 =
  'USPS Publication 199 (IMpb): channel application identifier 91–95 + service type + mailer id + serial + GS1 mod-10 check; 22, 26 or 30 digits'
const ROUTING =
  'GS1 General Specifications AI 420 (ship-to postal code) as printed in the IMpb barcode: 420 + ZIP (5) or ZIP+4 (9)'

/** Offsets where the package identification code can start behind a `420` routing prefix (ZIP+4, then ZIP). */
const ROUTED_STARTS = [12, 8] as const

function isImpbAt(n: string, start: number): boolean {
  const len = n.length - start
  const c1 = n.charCodeAt(start + 1)
  return (len === 22 || len === 26 || len === 30) && n.charCodeAt(start) === 57 && c1 >= 49 && c1 <= 53
}

/** Where the IMpb starts behind a `420` + ZIP prefix: the reading whose check digit verifies, else the first that fits. */
export function routedImpbStart(n: string): number {
  let first = -1
  for (const start of ROUTED_STARTS) {
    if (!isImpbAt(n, start)) continue
    if (gs1Mod10(n, start, n.length - 1)) return start
    if (first < 0) first = start
  }
  return first
}

/** Legacy 20-digit USPS numbers verify with an implied `91` channel prefix (older labels) or as printed. */
function valid20(n: string, start: number): boolean {
  const end = n.length - 1
  return gs1Mod10(n, start, end, '91') || gs1Mod10(n, start, end)
}

const LEGACY_SERVICES: Record<string, string> = {
  '71': 'Certified Mail',
  '73': 'Insured Mail',
  '77': 'Registered Mail',
  '81': 'Return Receipt for Merchandise',
}

export const uspsCarrier: CarrierDescriptor = {
  id: 'usps',
  name: 'USPS',
  services: [
    'Priority Mail',
    'Priority Mail Express',
    'Ground Advantage',
    'Parcel Select',
    'Certified Mail',
    'Registered Mail',
    'International (S10)',
  ],
  formats: [
    {
      name: 'IMpb (420 + ZIP)',
      pattern: /^420(?:\d{5}|\d{9})9[1-5]\d{20}(?:\d{4}|\d{8})?$/,
      lengths: [30, 34, 38, 42],
      accept: (n) => routedImpbStart(n) >= 0,
      check: (n) => gs1Mod10(n, routedImpbStart(n), n.length - 1),
      specificity: 0.95,
      trackingNumber: (n) => n.slice(routedImpbStart(n)),
      source: `${PUB_199}; ${ROUTING}`,
    },
    {
      name: 'IMpb',
      pattern: /^9[1-5]\d{20}(?:\d{4}|\d{8})?$/,
      lengths: [22, 26, 30],
      check: (n) => gs1Mod10(n, 0, n.length - 1),
      specificity: 0.9,
      source: PUB_199,
    },
    {
      name: 'USPS (20, 420 + ZIP)',
      pattern: /^420(?:\d{5}|\d{9})\d{20}$/,
      lengths: [28, 32],
      check: (n) => valid20(n, n.length - 20),
      specificity: 0.8,
      trackingNumber: (n) => n.slice(n.length - 20),
      source: `USPS legacy 20-digit label (service + mailer + serial + mod-10, checked with implied "91"); ${ROUTING}; jkeen/tracking_number_data couriers/usps.json (MIT)`,
    },
    {
      name: 'USPS (20)',
      pattern: /^\d{20}$/,
      lengths: [20],
      check: (n) => valid20(n, 0),
      specificity: 0.5,
      service: (n) => LEGACY_SERVICES[n.slice(0, 2)],
      source:
        'USPS legacy 20-digit label (Certified/Insured/Registered Mail), mod-10 with implied "91"; jkeen/tracking_number_data couriers/usps.json "USPS 20" (MIT)',
    },
    s10For('US', 'USPS'),
  ],
}
