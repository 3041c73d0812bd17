/**
 * The shape of a carrier descriptor: the tracking-number formats a carrier publishes, with their check-digit
 * rules and a source per row. Adapters and the detector share these; a custom carrier is one more descriptor.
 */

/** One published tracking-number format. Every function receives the normalized number (A–Z, 0–9 only). */
export interface TrackingFormat {
  /** Display name of the format, e.g. `'1Z'`, `'IMpb (420 + ZIP)'`. */
  readonly name: string
  /** Anchored pattern over the normalized number. */
  readonly pattern: RegExp
  /**
   * Normalized lengths the pattern can match: lets the detector skip the format cheaply.
   * @default every length is tried
   */
  readonly lengths?: readonly number[]
  /** A structural rule the pattern cannot say (e.g. an S10 country code that exists); false = no match. */
  readonly accept?: (n: string) => boolean
  /** The check-digit rule: true when it verifies. Omit for formats without a check digit. */
  readonly check?: (n: string) => boolean
  /**
   * How specific the format is, 0..1 (never 1): a long distinctive prefix scores high, bare digits low.
   * @default 0.5
   */
  readonly specificity?: number
  /** The service the number encodes, when it encodes one. */
  readonly service?: (n: string) => string | undefined
  /** ISO 3166-1 alpha-2 country encoded in the number (S10 issuing operator). */
  readonly country?: (n: string) => string | undefined
  /** The number as the carrier's API takes it, when it differs (e.g. USPS without the `420` + ZIP routing). */
  readonly trackingNumber?: (n: string) => string
  /** Where the format is documented (carrier guide, standard, or maintained public reference). */
  readonly source: string
}

/** A carrier: stable id, display name, the services its numbers encode, and its formats. */
export interface CarrierDescriptor {
  /** Stable id; an adapter with the same `id` tracks these numbers. */
  readonly id: string
  /** Display name, e.g. `'Royal Mail'`. */
  readonly name: string
  /** Services the carrier offers that its numbers can encode (shown by `waybill detect`). */
  readonly services?: readonly string[]
  readonly formats: readonly TrackingFormat[]
}
