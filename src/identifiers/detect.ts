/**
 * Tracking-number detection: which carrier(s) a number can belong to, ranked. The input is normalized once
 * (spaces, dashes and punctuation dropped, upper-cased), then dispatched on its length and first characters —
 * no regular expressions on the hot path. Formats overlap and several have no check digit, so the answer is a
 * ranked list of candidates; confidence 1 is never claimed.
 *
 * Ranking: a candidate whose check digit verifies comes before one whose format has no check digit, which comes
 * before one whose check digit fails; within a class, by confidence (how specific the format is).
 */
import {
  allDigits,
  allLetters,
  gs1Mod10,
  isCountryAt,
  mod7,
  mod10,
  s10CheckDigit,
  weightedMod11Mod10,
} from './checksums.js'

/** Carrier ids detection can return. */
export type CarrierId =
  | 'ups'
  | 'fedex'
  | 'usps'
  | 'dhl'
  | 'dhl-ecommerce'
  | 's10'
  | 'amazon'
  | 'ontrac'
  | 'lasership'
  | 'canada-post'
  | 'royal-mail'

export interface CarrierCandidate {
  carrier: CarrierId
  /** 0..1 (never 1): how likely this carrier is, given the format's specificity and its check digit. */
  confidence: number
  /** true/false when the format has a check digit and it verified/failed; null when the format has none. */
  checksumValid: boolean | null
  /** The format matched, e.g. `1Z`, `Express (12)`, `IMpb`, `S10`. */
  format: string
  /** The service the number encodes, when it encodes one (UPS service code, S10 service class…). */
  service?: string
  /** S10 numbers: ISO 3166-1 alpha-2 country of the issuing postal operator. */
  country?: string
}

/**
 * Upper-cases and drops everything that is not an ASCII letter or digit (spaces, dashes, dots, slashes).
 * @example normalizeTrackingNumber('1z 8v9 2a7-0') // '1Z8V92A70'
 */
export function normalizeTrackingNumber(input: string): string {
  let clean = true
  for (let i = 0; i < input.length && clean; i++) {
    const c = input.charCodeAt(i)
    clean = (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
  }
  if (clean) return input
  let out = ''
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) out += input[i]
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32)
  }
  return out
}

const UPS_SERVICES: Record<string, string> = {
  '01': 'Next Day Air',
  '02': '2nd Day Air',
  '03': 'Ground',
  '12': '3 Day Select',
  '13': 'Next Day Air Saver',
  '15': 'Next Day Air Early',
  '22': 'Ground Returns',
  '42': 'Ground, signature required',
  '44': 'Next Day Air Saturday',
  '66': 'Worldwide Express',
  '72': 'Ground COD',
  '90': 'Ground Returns (label mailed)',
  A8: 'Ground, adult signature required',
  YW: 'SurePost',
}

/** First letter of an S10 service indicator (UPU S10 service classes). */
const S10_CLASSES: Record<string, string> = {
  E: 'EMS',
  L: 'Letter post express',
  M: 'Letter post M-bag',
  Q: 'Letter post IBRS',
  R: 'Letter post registered',
  U: 'Letter post',
  V: 'Letter post insured',
  C: 'Parcel post',
  H: 'Parcel post (e-commerce)',
}

const S10_OPERATORS: Record<string, CarrierId> = { US: 'usps', CA: 'canada-post', GB: 'royal-mail' }

const FEDEX_12_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]
const FEDEX_13_WEIGHTS = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]
const DHL_ECOMMERCE_PREFIXES = new Set(['GM', 'LX', 'RX', 'UV', 'CN', 'SG', 'TH', 'IN', 'HK', 'MY'])

type Out = CarrierCandidate[]

function add(
  out: Out,
  carrier: CarrierId,
  format: string,
  checksumValid: boolean | null,
  confidence: number,
  service?: string,
): void {
  const c: CarrierCandidate = {
    carrier,
    confidence: checksumValid === false ? Math.min(confidence, 0.1) : confidence,
    checksumValid,
    format,
  }
  if (service !== undefined) c.service = service
  out.push(c)
}

/** USPS IMpb core (after an optional 420+ZIP routing prefix): 20, 22, 24 or 26 digits. */
function uspsCore(out: Out, s: string, start: number, routed: boolean, smartPost = true): void {
  const n = s.length - start
  const end = s.length - 1
  const c0 = s.charCodeAt(start)
  const c1 = s.charCodeAt(start + 1)
  const hasAi = c0 === 57 && c1 >= 49 && c1 <= 53 // 91–95
  if (hasAi && (n === 22 || n === 26)) {
    add(out, 'usps', 'IMpb', gs1Mod10(s, start, end), routed ? 0.95 : 0.9)
  } else if (n === 20 || n === 24) {
    // Older USPS labels drop the leading "91"; certified-mail style numbers have no prefix at all.
    const valid = gs1Mod10(s, start, end, '91') || gs1Mod10(s, start, end)
    add(out, 'usps', n === 20 ? 'USPS (20)' : 'IMpb', valid, routed ? 0.85 : 0.7)
  }
  // FedEx SmartPost / Ground Economy: USPS-delivered, service type "29" after the 2-digit channel code
  // (only ever behind a 5-digit ZIP routing prefix).
  const st = hasAi ? start + 4 : start + 2
  const core = hasAi ? n - 2 : n
  if (smartPost && (core === 20 || core === 24) && s.charCodeAt(st) === 50 && s.charCodeAt(st + 1) === 57) {
    if (!hasAi || c1 === 50)
      add(out, 'fedex', 'SmartPost', gs1Mod10(s, hasAi ? start + 2 : start, end, '92'), 0.96)
  }
}

function detectDigits(out: Out, s: string): void {
  const n = s.length
  const last = n - 1
  switch (n) {
    case 10:
    case 11:
      add(out, 'dhl', 'Express', mod7(s, 0, last), 0.6)
      return
    case 12:
      add(out, 'fedex', 'Express (12)', weightedMod11Mod10(s, 0, FEDEX_12_WEIGHTS, last), 0.8)
      return
    case 15:
      add(out, 'fedex', 'Ground (15)', gs1Mod10(s, 0, last), 0.8)
      return
    case 16:
      add(out, 'canada-post', 'Canada Post (16)', gs1Mod10(s, 0, last), 0.75)
      return
    case 18: {
      const known = s.charCodeAt(0) === 48 && '0124'.includes(s[1] as string)
      add(out, 'fedex', 'Ground (SSCC-18)', gs1Mod10(s, 0, last), known ? 0.75 : 0.55)
      return
    }
    case 22:
      if (s.charCodeAt(0) === 57 && s.charCodeAt(1) === 54) {
        add(out, 'fedex', 'Ground (96)', gs1Mod10(s, 7, last), 0.95)
        return
      }
      break
    case 34:
      if (s.charCodeAt(0) === 49 && s.charCodeAt(1) === 48) {
        add(out, 'fedex', 'Express (34)', weightedMod11Mod10(s, 20, FEDEX_13_WEIGHTS, last), 0.95)
        return
      }
      if (s.charCodeAt(0) === 57 && s.charCodeAt(1) === 54) {
        add(out, 'fedex', 'Ground GSN (34)', weightedMod11Mod10(s, 20, FEDEX_13_WEIGHTS, last), 0.95)
        return
      }
      break
  }
  if (n >= 28 && s.charCodeAt(0) === 52 && s.charCodeAt(1) === 50 && s.charCodeAt(2) === 48) {
    // 420 + ZIP (5) or ZIP+4 (9), then the IMpb.
    uspsCore(out, s, 8, true)
    uspsCore(out, s, 12, true, false)
    return
  }
  if (n >= 20 && n <= 26) uspsCore(out, s, 0, false)
}

function detectS10(out: Out, s: string): void {
  const country = s.slice(11, 13)
  if (!isCountryAt(s, 11)) return
  const valid = s10CheckDigit(s, 2) === s.charCodeAt(10) - 48
  const service = S10_CLASSES[s[0] as string] ?? 'Domestic / bilateral'
  const c: CarrierCandidate = {
    carrier: 's10',
    confidence: valid ? 0.97 : 0.1,
    checksumValid: valid,
    format: 'S10',
    service,
    country,
  }
  out.push(c)
  const operator = S10_OPERATORS[country]
  if (operator) add(out, operator, 'S10', valid, 0.9, service)
}

function detectAlnum(out: Out, s: string): void {
  const n = s.length
  const a = s.charCodeAt(0)
  const b = s.charCodeAt(1)
  if (n === 18 && a === 49 && b === 90) {
    // 1Z + shipper (6) + service (2) + package (7) + check
    add(out, 'ups', '1Z', mod10(s, 2, 17, 17, 1, 2), 0.97, UPS_SERVICES[s.slice(8, 10)])
    return
  }
  if (n === 13 && allLetters(s, 0, 2) && allDigits(s, 2, 11) && allLetters(s, 11, 13)) {
    detectS10(out, s)
    return
  }
  if (n === 15 && a === 84 && b === 66 && s.charCodeAt(2) === 65 && allDigits(s, 3, 15)) {
    add(out, 'amazon', 'TBA', null, 0.9)
    return
  }
  if (n === 15 && (a === 67 || a === 68) && allDigits(s, 1, 15)) {
    // OnTrac C/D + 14 digits; the check runs over "4"/"5" + serial when the serial lacks it.
    const lead = a === 67 ? 52 : 53
    const prefix = s.charCodeAt(1) === lead ? '' : String.fromCharCode(lead)
    add(out, 'ontrac', a === 67 ? 'C' : 'D', mod10(s, 1, 14, 14, 1, 2, prefix), 0.95)
    return
  }
  if (n === 11 && allDigits(s, 1, 11)) {
    if (a === 65 || a === 72 || a === 74 || a === 75 || a === 84 || a === 86) {
      const service =
        a === 74 ? 'Next Day Express' : a === 75 ? 'Ground' : a === 86 ? 'Worldwide Express Saver' : undefined
      add(out, 'ups', 'Waybill', mod10(s, 1, 10, 10, 1, 2), 0.6, service)
    }
    if (a === 65 || a === 67 || a === 70) add(out, 'amazon', 'International', null, 0.3)
    return
  }
  if (a === 49 && b === 76 && s.charCodeAt(2) === 83 && allDigits(s, 3, n)) {
    // LaserShip 1LS7 + 11 digits, or 1LS7… with a "-1" piece suffix (no check digit)
    if ((n === 15 || n === 17) && s.charCodeAt(3) === 55) add(out, 'lasership', '1LS', null, 0.85)
    else if (n === 15) add(out, 'lasership', '1LS', null, 0.6)
    return
  }
  if (n === 10 && a === 76 && b === 88 && s.charCodeAt(2) === 49 && allDigits(s, 2, 10)) {
    add(out, 'lasership', 'LX', null, 0.6)
    return
  }
  if (a === 74 && (n === 12 || n === 13 || n === 14)) {
    // DHL Express piece id: J + 2–3 letters + 9–10 digits
    const letters = allLetters(s, 1, 4) ? 4 : 3
    if (allLetters(s, 1, 3) && n - letters >= 9 && n - letters <= 10 && allDigits(s, letters, n)) {
      add(out, 'dhl', 'Express piece id', null, 0.8)
      return
    }
  }
  if (n >= 12 && n <= 41 && DHL_ECOMMERCE_PREFIXES.has(s.slice(0, 2)) && allDigits(s, 2, n)) {
    add(out, 'dhl-ecommerce', 'eCommerce', null, a === 71 && b === 77 ? 0.75 : 0.5)
  }
}

function rank(c: CarrierCandidate): number {
  return c.checksumValid === true ? 2 : c.checksumValid === null ? 1 : 0
}

/**
 * The carriers a tracking number can belong to, best first. Empty when no known format matches.
 * @example detectCarrier('1Z5R89390357567127')[0] // { carrier: 'ups', checksumValid: true, confidence: 0.97, … }
 */
export function detectCarrier(input: string): CarrierCandidate[] {
  if (typeof input !== 'string') return []
  const s = normalizeTrackingNumber(input)
  const out: Out = []
  if (s.length < 10 || s.length > 41) return out
  if (allDigits(s, 0, s.length)) detectDigits(out, s)
  else detectAlnum(out, s)
  if (out.length < 2) return out
  out.sort((x, y) => rank(y) - rank(x) || y.confidence - x.confidence)
  // One candidate per carrier: the best reading (e.g. of ZIP vs ZIP+4 routing prefixes) wins.
  return out.filter((c, i) => out.findIndex((d) => d.carrier === c.carrier) === i)
}
