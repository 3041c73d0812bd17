/** Public types of the time module (see `docs/time-model.md`). */

import type { ZoneSource } from '../model/event-time.js'

// Where an event's offset came from is part of the event (the model, the ground floor); the time module fills it.
export { ZONE_SOURCES, type ZoneSource } from '../model/event-time.js'

/**
 * How much of `occurredAt` is real. `day`: only the date is known; `occurredAt` is the local start of that day
 * and consumers must not render a time of day for it. `minute`: no seconds were given. `second`: seconds given.
 */
export type Precision = 'day' | 'minute' | 'second'

/** The place an event happened, as far as time-zone inference needs it. */
export interface TimeLocation {
  /** ISO 3166-1 alpha-2 code (`US`); a few alpha-3 codes (`USA`) and `UK` are accepted too. */
  countryCode?: string
  /** State, province or other subdivision: ISO 3166-2 code (`TX`, `US-TX`) or English/local name (`Texas`). */
  region?: string
  /** Postal code; decides the zone inside split regions (US ZIP prefix, Canadian FSA, ...). */
  postalCode?: string
  /** City name; used inside split regions when no postal code decides it. */
  city?: string
  /**
   * IANA zone of the place when it is already known (a place found from an airport code or UN/LOCODE): used as
   * is when it is a zone of `countryCode` (or when no country is given).
   */
  timeZone?: string
}

/** A time as carriers send it. Give `dateTime`, or `date` (+ optional `time`); the rest says where it is. */
export interface TimeInput {
  /**
   * ISO 8601 with or without an offset: `2024-03-26T10:58:00-05:00`, `2024-03-26T10:58:00`,
   * `2024-03-26 10:58`, `2024-03-26T15:58:00.000Z`, or a date alone `2024-03-26`.
   */
  dateTime?: string
  /** `20240326`, `2024-03-26`, `2024/03/26`, `03/26/2024`, or 6-digit `240326` (YYMMDD, pre-4010 X12; 00-69 → 20xx). */
  date?: string
  /** `105800`, `1058`, `74700` (= 07:47:00), `10:58`, `10:58:00`, `10:58:00.5`, `7:47 AM`, `10580012` (hundredths). */
  time?: string
  /** `-5:00`, `-05:00`, `-0500`, `-5`, `+05:45`, `Z`, `UTC-5`, or minutes east of UTC as a number (`-300`). */
  offset?: string | number
  /** A fixed-offset abbreviation: `EST`, `CDT`, `PST`, `GMT`, `UTC`, `CET`, `CEST`, `BST`, ... (North American meaning). */
  zoneAbbreviation?: string
  /** X12 element 623: LT, UT, GM, ES/ED, CS/CD, MS/MD, PS/PD, AS/AD, HS/HD, NS/ND, ET/CT/MT/PT/AT/HT/NT, 01..24. */
  x12TimeCode?: string
  /** An IANA zone the source itself stated (counts as `carrier`). */
  timeZone?: string
  /** Where the event happened; gives the zone when the source gave none (or for X12 `LT`). */
  location?: TimeLocation
  /** IANA zone used last, marked `fallback`. */
  defaultZone?: string
}

/** The normalized time of an event. */
export interface NormalizedTime {
  /**
   * ISO 8601 with seconds and a numeric offset (`+00:00`, never `Z`); milliseconds only when non-zero. When
   * `zoneSource` is `unknown`: the local wall time with seconds and no offset (`2024-03-26T10:58:00`).
   */
  occurredAt: string
  /** IANA zone of the place, when known. */
  timeZone?: string
  zoneSource: ZoneSource
  precision: Precision
  /** Only with `zoneSource: 'unknown'`: what was missing, in words (for the warning that goes with the event). */
  missing?: string
  /**
   * True when the local time fell in the repeated hour of a DST change (autumn): it names two instants, and the
   * earlier one was chosen.
   */
  ambiguous?: true
}

/** Options of `normalizeTime`. */
export interface NormalizeOptions {
  /**
   * What to do when no offset or zone can be found. `throw`: a TimeError. `keep`: a result with
   * `zoneSource: 'unknown'` and `occurredAt` as the local time without offset (how events are kept).
   * @default 'throw'
   * @example normalizeTime({ date: '20240326', time: '1058' }, { unknownZone: 'keep' })
   * // { occurredAt: '2024-03-26T10:58:00', zoneSource: 'unknown', precision: 'minute', missing: 'no location given' }
   */
  unknownZone?: 'throw' | 'keep'
}
