/**
 * FedEx payload → canonical shipments. Pure and synchronous.
 *
 * - status from each scan's `eventType` (`codes.ts`), never from the coarse `derivedStatusCode`;
 * - per-number errors inside the HTTP 200 (`trackResults[].error`): `…NOTFOUND` → a `notFound` entry;
 * - a recycled number yields several `trackResults` with distinct `trackingNumberUniqueId`: each is its own
 *   shipment (`carrierShipmentId`), events never merged, ids kept apart;
 * - times per `time.ts` (midnight facts are dates).
 */
import {
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parsePayload,
  UniqueEvents,
} from '../../src/adapter/index.js'
import { AuthError, CarrierError, TimeError, ValidationError } from '../../src/errors/index.js'
import {
  buildShipment,
  eventInstant,
  type NormalizeResult,
  type NormalizeWarning,
  type RawRecord,
  type Shipment,
} from '../../src/model/index.js'
import { FEDEX_AUTH_ERROR_CODES, FEDEX_EVENT_TYPES, FEDEX_NOT_FOUND_CODES } from './codes.js'
import { estimatedDelivery, pieces, references, weight } from './details.js'
import { type FedexPlaces, fedexLocation, fedexPlaces, timeLocation } from './place.js'
import {
  type FedexErrorResponse,
  type FedexTrackResult,
  fedexErrorResponseSchema,
  fedexTrackResponseSchema,
} from './schema.js'
import { fedexTime } from './time.js'

export interface FedexNormalizeOptions {
  /** IANA zone for times with neither an offset nor a place. */
  defaultZone?: string
}

/** Normalizes a FedEx Track API response or error envelope. */
export function normalizeFedex(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: FedexNormalizeOptions = {},
  places: FedexPlaces = fedexPlaces(),
): NormalizeResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new ValidationError('', 'expected a FedEx Track API response object')
  if (!('output' in payload) && 'errors' in payload)
    errorEnvelope(parsePayload(fedexErrorResponseSchema, payload, ''))
  const body = parsePayload(fedexTrackResponseSchema, payload, '')
  const defaultZone = ctx.defaultZone ?? options.defaultZone
  const result: NormalizeResult = { shipments: [], notFound: [], warnings: [] }
  body.output.completeTrackResults.forEach((complete, ci) => {
    complete.trackResults.forEach((track, ti) => {
      const path = `output.completeTrackResults[${ci}].trackResults[${ti}]`
      const trackingNumber =
        clean(track.trackingNumberInfo?.trackingNumber) ??
        clean(complete.trackingNumber) ??
        ctx.requested?.[ci]
      if (!trackingNumber) {
        result.warnings.push({
          code: 'invalid_field',
          message: 'fedex track result without a tracking number left out',
          path,
        })
        return
      }
      if (track.error && (clean(track.error.code) || clean(track.error.message))) {
        const code = clean(track.error.code)?.toUpperCase()
        const message = clean(track.error.message)
        result.notFound.push({
          trackingNumber,
          ...(code ? { carrierCode: code } : {}),
          ...(message ? { message } : {}),
        })
        if (!code || !FEDEX_NOT_FOUND_CODES.has(code))
          result.warnings.push({
            code: 'other',
            message: `fedex error ${code ?? '(no code)'} for this number${message ? `: ${message}` : ''}`,
            path: `${path}.error`,
            trackingNumber,
          })
        return
      }
      result.shipments.push(
        normalizeResult(track, trackingNumber, path, payload, ctx, defaultZone, result.warnings, places),
      )
    })
  })
  return result
}

function normalizeResult(
  track: FedexTrackResult,
  trackingNumber: string,
  path: string,
  payload: unknown,
  ctx: NormalizeContext,
  defaultZone: string | undefined,
  warnings: NormalizeWarning[],
  places: FedexPlaces,
): Shipment {
  const carrierShipmentId = clean(track.trackingNumberInfo?.trackingNumberUniqueId)
  const origin =
    fedexLocation(places, track.originLocation?.locationContactAndAddress?.address) ??
    fedexLocation(places, track.shipperInformation?.address)
  const destination =
    fedexLocation(places, track.recipientInformation?.address) ??
    fedexLocation(places, track.lastUpdatedDestinationAddress) ??
    fedexLocation(places, track.destinationLocation?.locationContactAndAddress?.address)
  const source = ctx.source ?? 'rest'
  const events = new UniqueEvents()
  let usedFallback = false
  track.scanEvents.forEach((scan, si) => {
    const location = fedexLocation(places, scan.scanLocation, scan.locationId)
    const date = clean(scan.date)
    let time: ReturnType<typeof fedexTime>
    try {
      if (!date) throw new TimeError('scan has no date')
      try {
        time = fedexTime(date, timeLocation(location), defaultZone)
      } catch (noZone) {
        // no offset and no usable place: the destination's zone is a guess, flagged as such
        const guess = timeLocation(destination)
        if (!(noZone instanceof TimeError)) throw noZone
        const guessed = guess ? guessedTime(date, guess) : undefined
        if (guessed) time = guessed
        else {
          // No zone anywhere: kept at its local time without offset (never dropped, never read as UTC).
          time = fedexTime(date, timeLocation(location), defaultZone, { unknownZone: 'keep' })
          warnings.push({
            code: 'unknown_zone',
            message: `fedex scan kept without a zone (${time.missing}): occurredAt is the local time`,
            path: `${path}.scanEvents[${si}].date`,
            trackingNumber,
          })
        }
      }
    } catch (error) {
      if (!(error instanceof TimeError)) throw error
      warnings.push({
        code: 'invalid_field',
        message: `fedex scan left out: ${error.message}`,
        path: `${path}.scanEvents[${si}].date`,
        trackingNumber,
      })
      return
    }
    if (time.zoneSource === 'fallback') usedFallback = true
    const eventType = clean(scan.eventType)?.toUpperCase()
    const entry =
      (eventType ? FEDEX_EVENT_TYPES[eventType] : undefined) ??
      mapCode(FEDEX_EVENT_TYPES, eventType, {
        warnings,
        path: `${path}.scanEvents[${si}].eventType`,
        trackingNumber,
        carrier: 'fedex',
      })
    const raw: RawRecord = { source }
    if (eventType) raw.code = eventType
    const derived = clean(scan.derivedStatusCode)
    const exceptionCode = clean(scan.exceptionCode)
    const locationType = clean(scan.locationType)
    if (derived || exceptionCode || locationType) {
      const codes: Record<string, string> = {}
      if (derived) codes.derivedStatusCode = derived
      if (exceptionCode) codes.exceptionCode = exceptionCode
      if (locationType) codes.locationType = locationType
      raw.codes = codes
    }
    if (scan.eventDescription !== undefined) raw.text = scan.eventDescription
    raw.record = scan
    if (ctx.origin) raw.origin = ctx.origin
    const text = clean(scan.eventDescription)
    const exception = clean(scan.exceptionDescription)
    const event = createEvent({
      carrier: 'fedex',
      trackingNumber,
      status: entry.status,
      milestone: entry.milestone,
      reason: entry.reason,
      occurredAt: time.occurredAt,
      timeZone: time.timeZone,
      zoneSource: time.zoneSource,
      precision: time.precision,
      ...(time.ambiguous ? { ambiguous: true } : {}),
      location,
      description: text && exception ? `${text}: ${exception}` : (text ?? exception ?? ''),
      raw,
      discriminator: carrierShipmentId,
    })
    events.add(event, eventInstant(event))
  })
  if (usedFallback)
    warnings.push({
      code: 'fallback_zone',
      message: 'some fedex scan times resolved in a fallback zone',
      path,
      trackingNumber,
    })
  const latest = clean(track.latestStatusDetail?.code)
  if (track.scanEvents.length === 0 && latest)
    warnings.push({
      code: 'other',
      message: `fedex sent no scan events (latest status '${latest}' has no time); track with includeDetailedScans`,
      path: `${path}.scanEvents`,
      trackingNumber,
    })
  const eta = estimatedDelivery(track, destination, { defaultZone, warnings, path, trackingNumber })
  const signedBy = clean(track.deliveryDetails?.receivedByName)
  const code = clean(track.serviceDetail?.type)
  const name = clean(track.serviceDetail?.description)
  return buildShipment({
    carrier: 'fedex',
    trackingNumber,
    ...(carrierShipmentId ? { carrierShipmentId } : {}),
    events: events.list,
    identifiers: { references: references(track) },
    ...(eta ? { estimatedDelivery: eta } : {}),
    ...(origin ? { origin } : {}),
    ...(destination ? { destination } : {}),
    ...(code || name ? { service: { ...(code ? { code } : {}), ...(name ? { name } : {}) } } : {}),
    ...(signedBy ? { signedBy } : {}),
    ...pieces(track, path, trackingNumber, warnings),
    ...weight(track),
    raw: [payload],
  })
}

/** A request-level error envelope as the typed error it stands for (always throws). */
function errorEnvelope(body: FedexErrorResponse): never {
  const first = body.errors[0]
  const code = clean(first?.code)?.toUpperCase()
  const message = clean(first?.message) ?? 'error'
  const transaction = clean(body.transactionId)
  const context = {
    ...(code ? { carrierCode: code } : {}),
    ...(transaction ? { requestId: transaction } : {}),
  }
  const text = `${message}${code ? ` (${code})` : ''}${transaction ? ` [transaction ${transaction}]` : ''}`
  if (code && FEDEX_AUTH_ERROR_CODES.has(code)) throw new AuthError(`fedex: ${text}`, context)
  throw new CarrierError('fedex', text, context)
}

/** A scan time read in the zone of another place (the destination), marked `fallback`; undefined if none. */
function guessedTime(date: string, place: NonNullable<ReturnType<typeof timeLocation>>) {
  try {
    const time = { ...fedexTime(date, place), zoneSource: 'fallback' as const }
    delete time.timeZone
    return time
  } catch (error) {
    if (error instanceof TimeError) return undefined
    throw error
  }
}
