/**
 * Check-digit algorithms used by carrier tracking numbers. All work on a normalized string (upper-case ASCII
 * letters and digits) between offsets, without allocating.
 */

const ZERO = 48

/** Value of a character for the carrier mod-10 variants: digits as-is, letters as (charCode − 3) mod 10 (UPS). */
function charValue(code: number): number {
  return code <= 57 ? code - ZERO : (code - 3) % 10
}

/**
 * Mod 10 with separate weights for even and odd positions counted from the left of `[start, end)` (0-based),
 * optionally with a numeric `prefix` in front (USPS "91", OnTrac "4"/"5"). The check digit is at `check`.
 */
export function mod10(
  s: string,
  start: number,
  end: number,
  check: number,
  evenWeight: number,
  oddWeight: number,
  prefix = '',
): boolean {
  let sum = 0
  let index = 0
  for (let i = 0; i < prefix.length; i++, index++) {
    sum += (prefix.charCodeAt(i) - ZERO) * (index % 2 === 0 ? evenWeight : oddWeight)
  }
  for (let i = start; i < end; i++, index++) {
    sum += charValue(s.charCodeAt(i)) * (index % 2 === 0 ? evenWeight : oddWeight)
  }
  return (10 - (sum % 10)) % 10 === s.charCodeAt(check) - ZERO
}

/**
 * GS1 mod 10 over `[start, end)` with an optional numeric prefix: weight 3 on the digit next to the check digit,
 * alternating 3,1 leftwards. Check digit at `end`.
 */
export function gs1Mod10(s: string, start: number, end: number, prefix = ''): boolean {
  let sum = 0
  let weight = 3
  for (let i = end - 1; i >= start; i--) {
    sum += (s.charCodeAt(i) - ZERO) * weight
    weight = 4 - weight
  }
  for (let i = prefix.length - 1; i >= 0; i--) {
    sum += (prefix.charCodeAt(i) - ZERO) * weight
    weight = 4 - weight
  }
  return (10 - (sum % 10)) % 10 === s.charCodeAt(end) - ZERO
}

/** Σ dᵢ·wᵢ mod 11 mod 10 over `[start, start + weights.length)` (FedEx Express); check digit at `check`. */
export function weightedMod11Mod10(
  s: string,
  start: number,
  weights: readonly number[],
  check: number,
): boolean {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (s.charCodeAt(start + i) - ZERO) * (weights[i] as number)
  return (sum % 11) % 10 === s.charCodeAt(check) - ZERO
}

/** DHL Express: the serial `[start, end)` as a number, mod 7, equals the check digit at `end`. */
export function mod7(s: string, start: number, end: number): boolean {
  let r = 0
  for (let i = start; i < end; i++) r = (r * 10 + s.charCodeAt(i) - ZERO) % 7
  return r === s.charCodeAt(end) - ZERO
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7]

/** UPU S10 check digit for the 8 serial digits at `[start, start + 8)`: 11 − Σ mod 11, 10 → 0, 11 → 5. */
export function s10CheckDigit(s: string, start: number): number {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (s.charCodeAt(start + i) - ZERO) * (S10_WEIGHTS[i] as number)
  const check = 11 - (sum % 11)
  return check === 10 ? 0 : check === 11 ? 5 : check
}

/** True when every character of `[start, end)` is a digit. */
export function allDigits(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return end > start
}

/** True when every character of `[start, end)` is an upper-case ASCII letter. */
export function allLetters(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c < 65 || c > 90) return false
  }
  return end > start
}

/** ISO 3166-1 alpha-2 codes (the country part of an S10 number must be one). */
const ISO_ALPHA2 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'

const COUNTRY_FLAGS = (() => {
  const flags = new Uint8Array(26 * 26)
  for (const code of ISO_ALPHA2.split(' '))
    flags[(code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65] = 1
  return flags
})()

/** True when the two upper-case letters at `at` are an ISO 3166-1 alpha-2 country code. */
export function isCountryAt(s: string, at: number): boolean {
  const a = s.charCodeAt(at) - 65
  const b = s.charCodeAt(at + 1) - 65
  return a >= 0 && a < 26 && b >= 0 && b < 26 && COUNTRY_FLAGS[a * 26 + b] === 1
}

/** Luhn (ISO/IEC 7812) over `[start, end)`; check digit at `end`. Old Dominion PRO numbers, Purolator. */
export function luhn(s: string, start: number, end: number): boolean {
  let sum = 0
  let double = true
  for (let i = end - 1; i >= start; i--, double = !double) {
    let d = s.charCodeAt(i) - ZERO
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10 === s.charCodeAt(end) - ZERO
}

/** Value of a character in the ISO/IEC 7064 alphanumeric alphabet (0–9 → 0–9, A–Z → 10–35). */
function alnumValue(code: number): number {
  return code <= 57 ? code - ZERO : code - 55
}

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system, DPD parcel numbers) over `[start, end)`; the check character (0–9,
 * A–Z) is at `end`.
 */
export function iso7064Mod3736(s: string, start: number, end: number): boolean {
  let p = 36
  for (let i = start; i < end; i++) {
    let t = (p + alnumValue(s.charCodeAt(i))) % 36
    if (t === 0) t = 36
    p = (t * 2) % 37
  }
  return (37 - p) % 36 === alnumValue(s.charCodeAt(end))
}

/** Deutsche Post Identcode/Leitcode: weights 4 and 9 alternating from the left over `[start, end)`. */
export function identcode(s: string, start: number, end: number): boolean {
  let sum = 0
  for (let i = start; i < end; i++) sum += (s.charCodeAt(i) - ZERO) * ((i - start) % 2 === 0 ? 4 : 9)
  return (10 - (sum % 10)) % 10 === s.charCodeAt(end) - ZERO
}
