/** FedEx tracking-number formats: Express 12, Ground 15, the 22/34-digit barcodes, ASTRA 32, SSCC and Ground Economy. */
import { gs1Mod10, weightedMod11Mod10 } from '../checksums.js'
import type { CarrierDescriptor } from './types.js'

const EXPRESS_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]
const BARCODE_WEIGHTS = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]
const TND = 'jkeen/tracking_number_data couriers/fedex.json (MIT)'

/** Where the 20/24-digit Ground Economy core starts: after `420` + ZIP (5) + `92`, after `92`, or at 0. */
function groundEconomyStart(n: string): number {
  if (n.length >= 30 && n.startsWith('420')) return 10
  if (n.startsWith('92') && (n.length === 22 || n.length === 26)) return 2
  return 0
}

export const fedexCarrier: CarrierDescriptor = {
  id: 'fedex',
  name: 'FedEx',
  services: ['Express', 'Ground', 'Home Delivery', 'Ground Economy (SmartPost)', 'Freight'],
  formats: [
    {
      name: 'Express (12)',
      pattern: /^\d{12}$/,
      lengths: [12],
      check: (n) => weightedMod11Mod10(n, 0, EXPRESS_WEIGHTS, 11),
      specificity: 0.8,
      source: `FedEx Express 12-digit airbill: weights 3,1,7 mod 11 mod 10; ${TND}`,
    },
    {
      name: 'Ground (15)',
      pattern: /^\d{15}$/,
      lengths: [15],
      check: (n) => gs1Mod10(n, 0, 14),
      specificity: 0.7,
      source: `FedEx Ground 15-digit: mod 10, weights 1/3; ${TND}`,
    },
    {
      name: 'Ground 96 (22)',
      pattern: /^96\d{20}$/,
      lengths: [22],
      check: (n) => gs1Mod10(n, 7, 21),
      specificity: 0.93,
      source: `FedEx Ground barcode: 96 + SCNC (2) + service (3) + shipper (7) + package (7) + check; ${TND}`,
    },
    {
      name: 'Ground GSN (34)',
      pattern: /^96\d{32}$/,
      lengths: [34],
      check: (n) => weightedMod11Mod10(n, 20, BARCODE_WEIGHTS, 33),
      specificity: 0.95,
      trackingNumber: (n) => n.slice(22),
      source: `FedEx Ground GSN barcode (34): 96 + SCNC + … + 12-digit tracking number; ${TND}`,
    },
    {
      name: 'Express (34)',
      pattern: /^10[0-9]\d{31}$/,
      lengths: [34],
      check: (n) => weightedMod11Mod10(n, 20, BARCODE_WEIGHTS, 33),
      specificity: 0.93,
      trackingNumber: (n) => n.slice(22),
      source: `FedEx Express 34-digit barcode: 100 + form + zip + 12-digit tracking number, weights 1,7,3; ${TND}`,
    },
    {
      name: 'Express (34, other form)',
      pattern: /^[0-8]\d{33}$/,
      lengths: [34],
      check: (n) => weightedMod11Mod10(n, 20, BARCODE_WEIGHTS, 33),
      specificity: 0.6,
      trackingNumber: (n) => n.slice(22),
      source: `FedEx 34-digit barcodes other than 100…: the 12-digit tracking number is the last 12, weights 1,7,3; ${TND}`,
    },
    {
      name: 'ASTRA (32)',
      pattern: /^3\d{31}$/,
      lengths: [32],
      check: (n) => weightedMod11Mod10(n, 16, EXPRESS_WEIGHTS, 27),
      specificity: 0.85,
      trackingNumber: (n) => n.slice(16, 28),
      source: `FedEx ASTRA label barcode (32): the 12-digit Express tracking number at characters 17–28; trackingnumber.fyi "FedEx ASTRA (32)" (${TND})`,
    },
    {
      name: 'Ground Economy (SmartPost)',
      // [420 + ZIP + 92 | 92] + SCNC (2) + service 29 + shipper (8) + package (7 or 11) + check (USPS-delivered IMpb).
      pattern: /^(?:420\d{5}92|92)?\d{2}29\d{16}(?:\d{4})?$/,
      lengths: [20, 22, 24, 26, 30, 34],
      accept: (n) => {
        const core = n.length - groundEconomyStart(n)
        return core === 20 || core === 24
      },
      check: (n) => gs1Mod10(n, groundEconomyStart(n), n.length - 1, '92'),
      specificity: 0.96,
      service: () => 'Ground Economy (delivered by USPS)',
      source: `FedEx Ground Economy/SmartPost IMpb (service type 29, checked with the 92 channel prefix); ${TND} "FedEx SmartPost"`,
    },
    {
      name: 'SSCC-18',
      pattern: /^\d{18}$/,
      lengths: [18],
      check: (n) => gs1Mod10(n, 2, 17),
      specificity: 0.45,
      source: `GS1 SSCC (AI 00) on FedEx Ground labels: container type (2) + 15 + GS1 mod-10; ${TND} "FedEx Ground (SSCC-18)"`,
    },
  ],
}
