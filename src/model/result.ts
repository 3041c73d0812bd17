/** What a normalization returns: shipments, numbers the carrier did not find, and warnings (never silent). */

export const WARNING_CODES = [
  /** A carrier code with no entry in the adapter's table: the event is `unknown`, the code is kept. */
  'unknown_code',
  /** A time resolved from a configured default zone rather than the carrier or the place. */
  'fallback_zone',
  /**
   * An event kept without a zone: no offset, zone or usable place was given, so `occurredAt` is the local time
   * without offset and `zoneSource` is `unknown` (the message says what was missing).
   */
  'unknown_zone',
  /** A field had a value that could not be used and was left out (the raw record still has it). */
  'invalid_field',
  /** An envelope or count check failed; the data was still delivered. */
  'envelope',
  /** Part of the input was of a kind this adapter skips (e.g. an X12 210 in a 214 file). */
  'skipped',
  /** Anything else worth a human look. */
  'other',
] as const

export type { NormalizeResult, NormalizeWarning, NotFound } from './schemas.js'
