/**
 * Tracking-number detection: which carrier(s) a number can belong to, ranked. The formats live with their
 * carriers (`./carriers/*.ts`, one `CarrierDescriptor` each); this module only normalizes the input, runs the
 * formats of the registered carriers whose length fits, and ranks what matched. The core keeps no list of
 * carrier ids: the shipped descriptors are just the default `carriers`.
 *
 * Ranking: a candidate whose check digit verifies comes before one whose format has no check digit, which comes
 * before one whose check digit fails; within a class, by confidence (how specific the format is). Confidence 1
 * is never claimed, and `level` says how much to trust the first answer.
 */
import { type CarrierDescriptor, DEFAULT_CARRIERS, type TrackingFormat } from './carriers/index.js'

/** A carrier id: a descriptor's `id` (the shipped ones are `ups`, `fedex`, `usps`, `dhl`, …; custom ids welcome). */
export type CarrierId = string

/** How far to trust a candidate: `high` = distinctive format and no close rival; `low` = a guess. */
export type ConfidenceLevel = 'high' | 'medium' | 'low'

export interface CarrierCandidate {
  /** The carrier descriptor's id (an adapter with this id tracks the number). */
  carrier: CarrierId
  /** The carrier's display name, e.g. `'Royal Mail'`. */
  name: string
  /** 0..1 (never 1): how likely this carrier is, given the format's specificity and its check digit. */
  confidence: number
  /** `high`/`medium`/`low`: confidence, lowered when another carrier's reading is as plausible. */
  level: ConfidenceLevel
  /** true/false when the format has a check digit and it verified/failed; null when the format has none. */
  checksumValid: boolean | null
  /** The format matched, e.g. `1Z`, `Express (12)`, `IMpb (420 + ZIP)`, `S10`. */
  format: string
  /** The number as the carrier takes it (normalized; routing prefixes such as USPS `420` + ZIP removed). */
  trackingNumber: string
  /** The service the number encodes, when it encodes one (UPS service code, S10 service class…). */
  service?: string
  /** ISO 3166-1 alpha-2 country the number encodes (S10: the issuing postal operator). */
  country?: string
}

export interface DetectOptions {
  /**
   * The carrier descriptors to consider.
   * @default DEFAULT_CARRIERS (every carrier waybill ships)
   * @example detectCarrier('ACME12345678', { carriers: [...DEFAULT_CARRIERS, acmeCarrier] })
   */
  carriers?: readonly CarrierDescriptor[]
}

function isUpperAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
}

/** A scanner's AIM symbology identifier (`]C1` = GS1-128) in front of the data. */
const SYMBOLOGY_ID = /^\s*\][A-Za-z]\d/
/** A GS1 `(00)` SSCC application identifier written in brackets in front of the 18 digits. */
const BRACKETED_SSCC = /^\s*\(\s*00\s*\)/
const NOT_ALNUM = /[^0-9A-Za-z]+/g

/**
 * Upper-cases and drops everything that is not an ASCII letter or digit (spaces, dashes, dots, slashes, GS1
 * brackets, FNC1). A scanner's symbology id (`]C1`) and a bracketed GS1 `(00)` in front of an SSCC are dropped;
 * `(420)` + ZIP stays (the USPS formats read it).
 * @example normalizeTrackingNumber('1z 8v9 2a7-0') // '1Z8V92A70'
 * @example normalizeTrackingNumber('(00) 0 0123 4500 0000 0027') // '000123450000000027'
 */
export function normalizeTrackingNumber(input: string): string {
  let clean = true
  for (let i = 0; i < input.length && clean; i++) clean = isUpperAlnum(input.charCodeAt(i))
  if (clean) return input
  let s = input
  if (s.includes(']')) s = s.replace(SYMBOLOGY_ID, '')
  if (s.includes('(')) s = s.replace(BRACKETED_SSCC, '')
  return s.replace(NOT_ALNUM, '').toUpperCase()
}

interface Entry {
  readonly carrier: CarrierDescriptor
  readonly format: TrackingFormat
  readonly specificity: number
  /** Character codes the pattern can start with (1 = can), when its first atom says so; absent = unknown. */
  readonly first: Uint8Array | undefined
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Whether the atom ending just before `at` may be skipped (`?`, `*`, `{0…`). */
function optionalAt(source: string, at: number): boolean {
  const q = source[at]
  return q === '?' || q === '*' || (q === '{' && source[at + 1] === '0')
}

/**
 * The characters an anchored pattern can start with, read from its first atom (a literal, `\d` or a `[…]`
 * class). Undefined when the first atom is anything else (a group, a lookahead) or optional: no pre-filter.
 */
function firstCharacters(pattern: RegExp): Uint8Array | undefined {
  const source = pattern.source
  if (source[0] !== '^' || pattern.flags.includes('i')) return undefined
  let atom: string
  let next: number
  if (source.startsWith('\\d', 1)) {
    atom = '\\d'
    next = 3
  } else if (source[1] === '[') {
    const end = source.indexOf(']', 2)
    if (end < 0 || source.slice(1, end).includes('\\')) return undefined
    atom = source.slice(1, end + 1)
    next = end + 1
  } else if (source[1] !== undefined && ALNUM.includes(source[1])) {
    atom = source[1]
    next = 2
  } else return undefined
  if (optionalAt(source, next)) return undefined
  const test = new RegExp(`^${atom}`)
  const table = new Uint8Array(128)
  for (const ch of ALNUM) if (test.test(ch)) table[ch.charCodeAt(0)] = 1
  return table
}

/** The registered formats, indexed by the normalized lengths they can match. */
interface FormatIndex {
  readonly byLength: ReadonlyMap<number, readonly Entry[]>
  /** Formats that did not declare their lengths: tried on every input. */
  readonly anyLength: readonly Entry[]
}

function clampSpecificity(value: number | undefined): number {
  const v = value ?? 0.5
  return Number.isFinite(v) ? Math.min(Math.max(v, 0.01), 0.99) : 0.5
}

function buildIndex(carriers: readonly CarrierDescriptor[]): FormatIndex {
  const byLength = new Map<number, Entry[]>()
  const anyLength: Entry[] = []
  for (const carrier of carriers) {
    for (const format of carrier.formats) {
      const entry: Entry = {
        carrier,
        format,
        specificity: clampSpecificity(format.specificity),
        first: firstCharacters(format.pattern),
      }
      if (!format.lengths) anyLength.push(entry)
      for (const length of format.lengths ?? []) {
        const list = byLength.get(length) ?? []
        list.push(entry)
        byLength.set(length, list)
      }
    }
  }
  return { byLength, anyLength }
}

/** One index per descriptor list (keyed by the list itself, released with it). */
const indexes = new WeakMap<readonly CarrierDescriptor[], FormatIndex>()

function indexFor(carriers: readonly CarrierDescriptor[]): FormatIndex {
  let index = indexes.get(carriers)
  if (!index) {
    index = buildIndex(carriers)
    indexes.set(carriers, index)
  }
  return index
}

function checkClass(c: CarrierCandidate): number {
  return c.checksumValid === true ? 2 : c.checksumValid === null ? 1 : 0
}

function match(entry: Entry, s: string, out: CarrierCandidate[]): void {
  const { carrier, format } = entry
  if (entry.first && entry.first[s.charCodeAt(0)] !== 1) return
  if (!format.pattern.test(s) || (format.accept && !format.accept(s))) return
  const checksumValid = format.check ? format.check(s) : null
  const candidate: CarrierCandidate = {
    carrier: carrier.id,
    name: carrier.name,
    confidence: checksumValid === false ? entry.specificity * 0.1 : entry.specificity,
    level: 'low',
    checksumValid,
    format: format.name,
    trackingNumber: format.trackingNumber ? format.trackingNumber(s) : s,
  }
  const service = format.service?.(s)
  if (service !== undefined) candidate.service = service
  const country = format.country?.(s)
  if (country !== undefined) candidate.country = country
  out.push(candidate)
}

/**
 * `high` needs confidence ≥ 0.9 and no rival of the same check class within 0.15. A rival reading the number
 * with the same format (the S10 standard and the operator of its country suffix) does not contest it.
 */
function levelOf(c: CarrierCandidate, rival: CarrierCandidate | undefined): ConfidenceLevel {
  if (c.checksumValid === false || c.confidence < 0.5) return 'low'
  const contested =
    rival !== undefined &&
    rival.format !== c.format &&
    checkClass(rival) === checkClass(c) &&
    Math.abs(c.confidence - rival.confidence) < 0.15
  return c.confidence >= 0.9 && !contested ? 'high' : 'medium'
}

/**
 * The carriers a tracking number can belong to, best first; one candidate per carrier. Empty when no
 * registered format matches.
 * @example detectCarrier('1Z5R89390357567127')[0] // { carrier: 'ups', name: 'UPS', checksumValid: true, confidence: 0.97, level: 'high', … }
 */
export function detectCarrier(input: string, options: DetectOptions = {}): CarrierCandidate[] {
  if (typeof input !== 'string') return []
  const s = normalizeTrackingNumber(input)
  const index = indexFor(options.carriers ?? DEFAULT_CARRIERS)
  const out: CarrierCandidate[] = []
  const sized = index.byLength.get(s.length)
  if (sized) for (const entry of sized) match(entry, s, out)
  for (const entry of index.anyLength) match(entry, s, out)
  if (out.length > 1) out.sort((x, y) => checkClass(y) - checkClass(x) || y.confidence - x.confidence)
  const ranked =
    out.length > 1 ? out.filter((c, i) => out.findIndex((d) => d.carrier === c.carrier) === i) : out
  for (let i = 0; i < ranked.length; i++) {
    const c = ranked[i] as CarrierCandidate
    c.level = levelOf(c, i === 0 ? ranked[1] : ranked[0])
  }
  return ranked
}

/**
 * How likely `trackingNumber` is one of `carriers`' (0 when none of their formats matches): the confidence of
 * the best candidate. This is what an adapter's `detect()` returns for its own descriptor(s).
 * @example carrierConfidence('1Z5R89390357567127', [upsCarrier]) // 0.97
 */
export function carrierConfidence(trackingNumber: string, carriers: readonly CarrierDescriptor[]): number {
  return detectCarrier(trackingNumber, { carriers })[0]?.confidence ?? 0
}
