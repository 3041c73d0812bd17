/**
 * X12 time codes (element 623) and zone abbreviations → what they say about the offset.
 *
 * X12 623 per the X12 element dictionary (Stedi reference, 003060-004030): 01..12 = UTC+1..+12 (ISO P01..P12),
 * 13..24 = UTC-12..-1 (ISO M12..M01), letter codes below. Codes 25-29 of later releases are not accepted.
 */
import { TimeError } from '../errors/index.js'
import { quote } from './text.js'

/** What a code says: a fixed offset, a zone whose DST follows the date, or "local time at the place". */
export type ZoneHint =
  | { kind: 'fixed'; offsetMinutes: number; utc: boolean }
  | { kind: 'zone'; zone: string }
  | { kind: 'local' }

const fixed = (offsetMinutes: number, utc = false): ZoneHint => ({ kind: 'fixed', offsetMinutes, utc })
const zone = (name: string): ZoneHint => ({ kind: 'zone', zone: name })

const X12_LETTER_CODES: Readonly<Record<string, ZoneHint>> = {
  UT: fixed(0, true),
  GM: fixed(0, true),
  LT: { kind: 'local' },
  ES: fixed(-300),
  ED: fixed(-240),
  CS: fixed(-360),
  CD: fixed(-300),
  MS: fixed(-420),
  MD: fixed(-360),
  PS: fixed(-480),
  PD: fixed(-420),
  AS: fixed(-540),
  AD: fixed(-480),
  HS: fixed(-600),
  HD: fixed(-540),
  NS: fixed(-210),
  ND: fixed(-150),
  ET: zone('America/New_York'),
  CT: zone('America/Chicago'),
  MT: zone('America/Denver'),
  PT: zone('America/Los_Angeles'),
  AT: zone('America/Anchorage'),
  HT: zone('Pacific/Honolulu'),
  NT: zone('America/St_Johns'),
}

/**
 * Reads an X12 time code (element 623).
 * @example x12TimeHint('CD') // { kind: 'fixed', offsetMinutes: -300, utc: false }
 */
export function x12TimeHint(code: string): ZoneHint {
  const c = code.trim().toUpperCase()
  const letter = X12_LETTER_CODES[c]
  if (letter) return letter
  if (/^\d{2}$/.test(c)) {
    const n = Number(c)
    if (n >= 1 && n <= 12) return fixed(n * 60)
    if (n >= 13 && n <= 24) return fixed((n - 25) * 60)
  }
  throw new TimeError(
    `x12TimeCode: unknown X12 time code ${quote(code)} (expected LT, UT, GM, ES..ND, ET..NT or 01..24)`,
    {
      details: { field: 'x12TimeCode', value: code.slice(0, 100) },
    },
  )
}

/** Abbreviations with a fixed offset. North American meaning where one letter set is shared (CST, AST). */
const ABBREVIATIONS: Readonly<Record<string, ZoneHint>> = {
  UTC: fixed(0, true),
  UT: fixed(0, true),
  GMT: fixed(0, true),
  Z: fixed(0, true),
  ZULU: fixed(0, true),
  WET: fixed(0),
  WEST: fixed(60),
  BST: fixed(60),
  CET: fixed(60),
  CEST: fixed(120),
  MET: fixed(60),
  MEST: fixed(120),
  EET: fixed(120),
  EEST: fixed(180),
  MSK: fixed(180),
  WAT: fixed(60),
  CAT: fixed(120),
  SAST: fixed(120),
  EAT: fixed(180),
  GST: fixed(240),
  PKT: fixed(300),
  NPT: fixed(345),
  ICT: fixed(420),
  WIB: fixed(420),
  WITA: fixed(480),
  WIT: fixed(540),
  HKT: fixed(480),
  SGT: fixed(480),
  PHT: fixed(480),
  AWST: fixed(480),
  JST: fixed(540),
  KST: fixed(540),
  ACST: fixed(570),
  ACDT: fixed(630),
  AEST: fixed(600),
  AEDT: fixed(660),
  NZST: fixed(720),
  NZDT: fixed(780),
  NST: fixed(-210),
  NDT: fixed(-150),
  AST: fixed(-240),
  ADT: fixed(-180),
  EST: fixed(-300),
  EDT: fixed(-240),
  CST: fixed(-360),
  CDT: fixed(-300),
  MST: fixed(-420),
  MDT: fixed(-360),
  PST: fixed(-480),
  PDT: fixed(-420),
  AKST: fixed(-540),
  AKDT: fixed(-480),
  HST: fixed(-600),
  HDT: fixed(-540),
  HAST: fixed(-600),
  HADT: fixed(-540),
  BRT: fixed(-180),
  ART: fixed(-180),
  // Generic names without a DST flag: DST follows the date, as for X12 ET/CT/MT/PT/AT/HT/NT.
  ET: zone('America/New_York'),
  CT: zone('America/Chicago'),
  MT: zone('America/Denver'),
  PT: zone('America/Los_Angeles'),
  AKT: zone('America/Anchorage'),
  HT: zone('Pacific/Honolulu'),
  NT: zone('America/St_Johns'),
}

/** Abbreviations refused because they name several offsets in common use. */
const AMBIGUOUS: Readonly<Record<string, string>> = {
  IST: 'India +05:30, Ireland +01:00 or Israel +02:00',
  CLT: 'Chile -04:00 or -03:00 depending on the region',
}

/**
 * Reads a zone abbreviation (`EST`, `CEST`, `UTC`, `ET`).
 * @example zoneAbbreviationHint('cdt') // { kind: 'fixed', offsetMinutes: -300, utc: false }
 */
export function zoneAbbreviationHint(abbreviation: string): ZoneHint {
  const a = abbreviation.trim().toUpperCase()
  const hint = ABBREVIATIONS[a]
  if (hint) return hint
  const details = { field: 'zoneAbbreviation', value: abbreviation.slice(0, 100) }
  const ambiguous = AMBIGUOUS[a]
  if (ambiguous) {
    throw new TimeError(
      `zoneAbbreviation: ${quote(abbreviation)} is ambiguous (${ambiguous}); pass an offset`,
      { details },
    )
  }
  throw new TimeError(`zoneAbbreviation: unknown zone abbreviation ${quote(abbreviation)}`, { details })
}
