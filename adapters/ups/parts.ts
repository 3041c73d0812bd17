/**
 * Pieces of UPS normalization shared by the Track API response and Track Alert events: status lookup (3-digit
 * status code first, activity type as fallback), places, and delivery windows.
 */
import { type CodeEntry, clean, placeMemo, timeLocationOf, UNKNOWN_CODE } from '../../src/adapter/index.js'
import { TimeError } from '../../src/errors/index.js'
import {
  compactLocation,
  type DeliveryWindow,
  type Location,
  type NormalizeWarning,
} from '../../src/model/index.js'
import { UPS_ACTIVITY_TYPES, UPS_IN_TRANSIT_CODES, UPS_NO_STATUS_CODES, UPS_STATUS_CODES } from './codes.js'
import { upsTime } from './time.js'

export interface UpsStatusInput {
  statusCode?: string | undefined
  type?: string | undefined
  code?: string | undefined
}

export interface MappedStatus {
  entry: CodeEntry
  /** The code the mapping was keyed on (kept as `raw.code`). */
  rawCode: string | undefined
  /** Every code UPS gave, by its field name. */
  codes: Record<string, string>
}

/** `3` → `003`; non-digit codes are kept as they are (upper case). */
export function padStatusCode(value: string | undefined): string | undefined {
  const code = clean(value)?.toUpperCase()
  if (!code) return undefined
  if (code.length === 3 && isDigit(code, 0) && isDigit(code, 1) && isDigit(code, 2)) return code // the usual `005`
  return /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : code
}

function isDigit(value: string, at: number): boolean {
  const c = value.charCodeAt(at)
  return c >= 48 && c <= 57
}

/**
 * Maps a UPS status: `statusCode` when UPS curated one, else the activity `type` (refined by the 2-char code for
 * out-for-delivery), else `unknown`. Unknown codes are warned about once, under the code kept as `raw.code`.
 */
export function mapUpsStatus(
  status: UpsStatusInput | undefined,
  where: { warnings: NormalizeWarning[]; path: string; trackingNumber: string },
): MappedStatus {
  const statusCode = padStatusCode(status?.statusCode)
  const type = clean(status?.type)?.toUpperCase()
  const code = clean(status?.code)?.toUpperCase()
  const codes: Record<string, string> = {}
  if (statusCode) codes.statusCode = statusCode
  if (type) codes.type = type
  if (code) codes.code = code
  const rawCode = statusCode ?? type ?? code

  let entry = statusCode ? UPS_STATUS_CODES[statusCode] : undefined
  let warned = false
  if (statusCode && !entry && !UPS_NO_STATUS_CODES.has(statusCode)) {
    warnUnknown(where, statusCode, `ups status code '${statusCode}' is not in the status table`)
    warned = true
  }
  if (!entry && type) {
    entry = (type === 'I' && code ? UPS_IN_TRANSIT_CODES[code] : undefined) ?? UPS_ACTIVITY_TYPES[type]
  }
  if (!entry) {
    if (!warned)
      warnUnknown(
        where,
        rawCode ?? '',
        rawCode
          ? `ups code '${rawCode}' carries no status the table knows`
          : 'ups activity has no status code or type',
      )
    return { entry: UNKNOWN_CODE, rawCode, codes }
  }
  return { entry, rawCode, codes }
}

function warnUnknown(
  where: { warnings: NormalizeWarning[]; path: string; trackingNumber: string },
  rawCode: string,
  message: string,
): void {
  where.warnings.push({
    code: 'unknown_code',
    message,
    path: where.path,
    trackingNumber: where.trackingNumber,
    rawCode,
  })
}

/** The places one UPS adapter has read (`ups()` keeps its own): one frozen `Location` per place. */
export type UpsPlaces = ReturnType<typeof placeMemo>

/** A set of places of its own: `ups()` makes one per adapter, a bare `normalizeUps` call one per call. */
export function upsPlaces(): UpsPlaces {
  return placeMemo()
}

/** A UPS address (REST `address` or Track Alert `activityLocation`) as a canonical location, once per place. */
export function upsLocation(
  places: UpsPlaces,
  address:
    | { city?: string; stateProvince?: string; postalCode?: string; country?: string; countryCode?: string }
    | undefined,
  facility?: string,
): Location | undefined {
  if (!address && !facility) return undefined
  return places(
    [
      address?.city,
      address?.stateProvince,
      address?.postalCode,
      address?.country,
      address?.countryCode,
      facility,
    ],
    readParts,
  )
}

/** The place of `[city, state, postalCode, country, countryCode, facility]` (one function for every lookup). */
function readParts(parts: readonly (string | undefined)[]): Location | undefined {
  return readAddress(
    {
      city: parts[0],
      stateProvince: parts[1],
      postalCode: parts[2],
      country: parts[3],
      countryCode: parts[4],
    },
    parts[5],
  )
}

function readAddress(
  address:
    | { city?: string; stateProvince?: string; postalCode?: string; country?: string; countryCode?: string }
    | undefined,
  facility: string | undefined,
): Location | undefined {
  const country = [address?.countryCode, address?.country]
    .map((c) => clean(c)?.toUpperCase())
    .find((c) => c !== undefined && /^[A-Z]{2}$/.test(c))
  return compactLocation({
    city: clean(address?.city),
    region: clean(address?.stateProvince),
    postalCode: clean(address?.postalCode),
    countryCode: country,
    facility: clean(facility),
  })
}

/** The part of a location time-zone inference reads. */
export const timeLocation = timeLocationOf

/** Window kinds in `deliveryTime.type` with a start and an end (UPS Tracking.yaml `DeliveryTime`). */
const WINDOW_TYPES = new Set(['EDW', 'CDW', 'IDW'])

/**
 * A delivery window from a local date (`YYYYMMDD`) and optional `HHMMSS` start/end, in the zone of `place`
 * (UPS gives no zone for estimates, issue #187). Window types (EDW/CDW/IDW) give a start and an end; a commit
 * time (CMT) an end only; anything else (EOD, none) the day. A bad value gives a warning and no window.
 */
export function upsWindow(
  input: { date?: string; type?: string; start?: string; end?: string; source: string },
  place: Location | undefined,
  ctx: { defaultZone?: string; warnings: NormalizeWarning[]; path: string; trackingNumber: string },
): DeliveryWindow | undefined {
  const date = clean(input.date)
  if (!date) return undefined
  const loc = timeLocation(place)
  const type = clean(input.type)?.toUpperCase()
  const start = clean(input.start)
  const end = clean(input.end)
  try {
    if (end && (type === undefined || WINDOW_TYPES.has(type)) && start) {
      const from = upsTime({ date, time: start }, loc, ctx.defaultZone)
      const to = upsTime({ date, time: end }, loc, ctx.defaultZone)
      return { from: from.occurredAt, to: to.occurredAt, precision: 'minute', source: input.source }
    }
    if (end && type === 'CMT') {
      const to = upsTime({ date, time: end }, loc, ctx.defaultZone)
      return { to: to.occurredAt, precision: 'minute', source: input.source }
    }
    const day = upsTime({ date }, loc, ctx.defaultZone)
    return { from: day.occurredAt, to: day.occurredAt, precision: 'day', source: input.source }
  } catch (error) {
    if (!(error instanceof TimeError)) throw error
    ctx.warnings.push({
      code: 'invalid_field',
      message: `ups estimated delivery left out: ${error.message}`,
      path: ctx.path,
      trackingNumber: ctx.trackingNumber,
    })
    return undefined
  }
}
