/**
 * GS1 keys: the one mod-10 check-digit routine (weights 3,1,3,1… from the right) and the validate/build helpers
 * for GTIN-8/12/13/14, GLN, SSCC-18, GSIN-17 and GINC.
 *
 * What the mod-10 check does not catch (by construction, for every key length): an adjacent transposition of
 * two digits that differ by 5 (0↔5, 1↔6, 2↔7, 3↔8, 4↔9), because 3a+b ≡ 3b+a (mod 10) exactly when
 * 2(a−b) ≡ 0 (mod 10). Every single-digit substitution and every other adjacent transposition is caught.
 */
import { ValidationError } from '../errors/index.js'

const ZERO = 48

/** True when `value` is a non-empty string of ASCII digits. */
export function isDigits(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) - ZERO
    if (c < 0 || c > 9) return false
  }
  return true
}

/** Weighted sum for the GS1 check: the digit next to the check digit gets weight 3. No validation. */
function weightedSum(digits: string, end: number): number {
  let sum = 0
  let weight = 3
  for (let i = end - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - ZERO) * weight
    weight = 4 - weight
  }
  return sum
}

/**
 * The GS1 check digit for `body` (the key without its check digit).
 * @throws ValidationError when `body` is empty or not all digits.
 * @example gs1CheckDigit('00614141123456789') // 0 — SSCC 006141411234567890
 */
export function gs1CheckDigit(body: string): number {
  if (typeof body !== 'string' || !isDigits(body)) {
    throw new ValidationError(
      'gs1CheckDigit',
      `expected digits, got ${JSON.stringify(String(body).slice(0, 40))}`,
    )
  }
  return (10 - (weightedSum(body, body.length) % 10)) % 10
}

/** True when the last digit of `key` is the right GS1 check digit (any length ≥ 2, digits only). */
export function hasValidGs1CheckDigit(key: string): boolean {
  if (typeof key !== 'string' || key.length < 2 || !isDigits(key)) return false
  const expected = (10 - (weightedSum(key, key.length - 1) % 10)) % 10
  return key.charCodeAt(key.length - 1) - ZERO === expected
}

/** GTIN-8, -12, -13 or -14 with a valid check digit. */
export function isValidGtin(value: string): boolean {
  if (typeof value !== 'string') return false
  const n = value.length
  return (n === 8 || n === 12 || n === 13 || n === 14) && hasValidGs1CheckDigit(value)
}

/** GLN: 13 digits with a valid check digit. */
export function isValidGln(value: string): boolean {
  return typeof value === 'string' && value.length === 13 && hasValidGs1CheckDigit(value)
}

/** SSCC: 18 digits with a valid check digit. */
export function isValidSscc(value: string): boolean {
  return typeof value === 'string' && value.length === 18 && hasValidGs1CheckDigit(value)
}

/**
 * An SSCC written as 18 digits: spaces taken out, and a GS1 `(00)` or a bare `00` application identifier in front of
 * the 18 digits taken off (as scanned from a GS1-128 label or sent in an X12 `MAN*GM`). Anything else is returned
 * as it is, for the caller to refuse.
 * @example normalizeSscc('(00) 0061414 1123456789 0') // '006141411234567890'
 */
export function normalizeSscc(value: string): string {
  const compact = value.replace(/\s+/g, '')
  const bare = compact.replace(/^\(00\)/, '')
  return /^00\d{18}$/.test(bare) ? bare.slice(2) : bare
}

/**
 * The SSCC a value holds (see {@link normalizeSscc}) when it is 18 digits with a valid check digit, else undefined.
 * @example ssccOf('00006141411234567890') // '006141411234567890'
 */
export function ssccOf(value: string | undefined): string | undefined {
  if (typeof value !== 'string' || !value) return undefined
  const key = normalizeSscc(value)
  return /^\d{18}$/.test(key) && isValidSscc(key) ? key : undefined
}

/** GSIN (Global Shipment Identification Number): 17 digits with a valid check digit. */
export function isValidGsin(value: string): boolean {
  return typeof value === 'string' && value.length === 17 && hasValidGs1CheckDigit(value)
}

/**
 * Left-pads a GTIN-8/12/13 to the 14 digits carried in AI (01).
 * @throws ValidationError when the value is not a valid GTIN.
 */
export function toGtin14(value: string): string {
  if (!isValidGtin(value))
    throw new ValidationError('gtin', `not a valid GTIN-8/12/13/14: ${JSON.stringify(value)}`)
  return value.padStart(14, '0')
}

/** Appends the GS1 check digit to `body`. */
export function completeGs1Key(body: string): string {
  return body + String(gs1CheckDigit(body))
}

/** Parts of an SSCC to build. */
export interface SsccParts {
  /** Extension digit, 0–9, chosen by the company that builds the SSCC. @default 0 */
  extension?: number | string
  /** GS1 Company Prefix, 4–12 digits. */
  companyPrefix: string
  /** Serial reference: digits, left-padded with zeros to fill 16 − prefix length digits. */
  serial: string | number | bigint
}

/**
 * Builds an 18-digit SSCC (extension + company prefix + serial reference + check digit).
 * @throws ValidationError naming the part that is wrong.
 * @example sscc({ extension: 0, companyPrefix: '0614141', serial: '123456789' }) // '006141411234567890'
 */
export function sscc(parts: SsccParts): string {
  const extension = String(parts.extension ?? 0)
  if (extension.length !== 1 || !isDigits(extension)) {
    throw new ValidationError('sscc.extension', `must be one digit 0–9, got ${JSON.stringify(extension)}`)
  }
  const prefix = parts.companyPrefix
  if (typeof prefix !== 'string' || prefix.length < 4 || prefix.length > 12 || !isDigits(prefix)) {
    throw new ValidationError(
      'sscc.companyPrefix',
      `must be 4–12 digits, got ${JSON.stringify(String(prefix))}`,
    )
  }
  const room = 16 - prefix.length
  const serial = String(parts.serial)
  if (!isDigits(serial) || serial.length > room) {
    throw new ValidationError(
      'sscc.serial',
      `must be at most ${room} digits with a ${prefix.length}-digit company prefix, got ${JSON.stringify(serial)}`,
    )
  }
  return completeGs1Key(extension + prefix + serial.padStart(room, '0'))
}

/** The GS1 AI encodable character set 82 (used by GINC, lot, serial and most X.. AIs). */
export function isGs1Cset82(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // ! " % & ' ( ) * + , - . / 0-9 : ; < = > ? A-Z _ a-z
    const ok =
      c === 33 ||
      c === 34 ||
      (c >= 37 && c <= 63) ||
      (c >= 65 && c <= 90) ||
      c === 95 ||
      (c >= 97 && c <= 122)
    if (!ok) return false
  }
  return true
}

/** GINC (Global Identification Number for Consignment, AI 401): 1–30 characters of GS1 set 82. */
export function isValidGinc(value: string): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 30 && isGs1Cset82(value)
}

/** A validated GINC string (branded so a plain string cannot be passed by mistake). */
export type Ginc = string & { readonly __brand: 'Ginc' }

/**
 * Validates a GINC and returns it typed as {@link Ginc}.
 * @throws ValidationError when it is empty, longer than 30 characters or outside GS1 set 82.
 */
export function ginc(value: string): Ginc {
  if (!isValidGinc(value)) {
    throw new ValidationError('ginc', 'must be 1–30 characters of the GS1 AI encodable set 82')
  }
  return value as Ginc
}
