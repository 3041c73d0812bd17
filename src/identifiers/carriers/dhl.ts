/** DHL (Express and Parcel Germany / Deutsche Post) tracking-number formats. DHL eCommerce is its own descriptor. */
import { gs1Mod10, identcode, mod7 } from '../checksums.js'
import { lengthRange } from './lengths.js'
import { s10For } from './s10.js'
import type { CarrierDescriptor } from './types.js'

const TND = 'jkeen/tracking_number_data couriers/dhl.json (MIT)'

export const dhlCarrier: CarrierDescriptor = {
  id: 'dhl',
  name: 'DHL',
  services: ['Express', 'Parcel Germany (DHL Paket)', 'Deutsche Post international'],
  formats: [
    {
      name: 'Express (10)',
      pattern: /^\d{10}$/,
      lengths: [10],
      check: (n) => mod7(n, 0, 9),
      specificity: 0.6,
      service: () => 'Express',
      source: `DHL Express waybill: 9-digit serial mod 7 = check digit; ${TND}`,
    },
    {
      name: 'Express (11)',
      pattern: /^\d{11}$/,
      lengths: [11],
      check: (n) => mod7(n, 0, 10),
      specificity: 0.5,
      service: () => 'Express',
      source: `DHL Express air waybill (11): 10-digit serial mod 7; ${TND} "DHL Express"`,
    },
    {
      name: 'Express piece id',
      pattern: /^J(?:JD|VGL)\d{9,10}$/,
      lengths: [12, 13, 14],
      specificity: 0.85,
      service: () => 'Express',
      source: `DHL Express licence plate (piece id) JJD or JVGL + 9–10 digits, no check digit; ${TND}`,
    },
    {
      name: 'Express piece id (other J prefix)',
      pattern: /^J[A-Z]{2,3}\d{9,10}$/,
      lengths: [12, 13, 14],
      specificity: 0.4,
      service: () => 'Express',
      source: `DHL Express licence plates J + 2–3 letters + 9–10 digits; only JJD and JVGL are attested, so other letters rank low; ${TND}`,
    },
    {
      name: 'Parcel DE SSCC (NVE)',
      pattern: /^0034043[3-5]\d{12}$/,
      lengths: [20],
      check: (n) => gs1Mod10(n, 2, 19),
      specificity: 0.95,
      service: () => 'Parcel Germany (DHL Paket)',
      source:
        'DHL Paket NVE = GS1 SSCC under Deutsche Post company prefixes 4043 3–5 (00 + 340433…), GS1 mod-10; paketda.de "Prüfziffern-Berechnung"',
    },
    {
      name: 'Parcel DE licence plate (JJD)',
      pattern: /^JJD\d{12,24}$/,
      lengths: lengthRange(15, 27),
      specificity: 0.7,
      service: () => 'Parcel Germany (DHL Paket)',
      source:
        'DHL Paket licence plate JJD + digits (e.g. JJD1410302937991), no public check digit; paketda.de "DHL Paketnummern"',
    },
    {
      name: 'Parcel DE licence plate (JD)',
      pattern: /^JD\d{18}$/,
      lengths: [20],
      specificity: 0.6,
      service: () => 'Parcel Germany (DHL Paket)',
      source: 'DHL Paket licence plate JD + 18 digits, no public check digit',
    },
    {
      name: 'Parcel DE Identcode (12)',
      pattern: /^\d{12}$/,
      lengths: [12],
      check: (n) => identcode(n, 0, 11),
      specificity: 0.35,
      service: () => 'Parcel Germany (DHL Paket)',
      source:
        'Deutsche Post Identcode: mail centre (2) + customer (3) + delivery (6) + check, weights 4/9 mod 10 (activebarcode.com "Identcode")',
    },
    s10For('DE', 'Deutsche Post (DHL)', 0.85),
  ],
}
