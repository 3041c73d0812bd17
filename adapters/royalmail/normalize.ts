/**
 * Royal Mail Tracking API v2 events answer → one `royalmail` shipment; a not-found answer (Royal Mail's 404 body
 * with the number asked for) → a not-found entry carrying Royal Mail's error code. Event times carry the UK offset;
 * one written without an offset is read in Royal Mail's zone (Europe/London, or the `homeZone` option). The
 * estimated delivery window becomes `estimatedDelivery`.
 */
import {
  clean,
  createEvent,
  mapCode,
  type NormalizeContext,
  parsePayload,
  readEventTime,
} from '../../src/adapter/index.js'
import {
  buildShipment,
  compactLocation,
  type DeliveryWindow,
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { ROYALMAIL_EVENT_CODES } from './codes.js'
import {
  type RoyalmailEstimatedDelivery,
  type RoyalmailEvent,
  type RoyalmailMailPiece,
  royalmailEventsAnswerSchema,
  royalmailNotFoundSchema,
} from './schema.js'

export const ROYALMAIL_ID = 'royalmail'

/** The zone Royal Mail writes its local times in. */
export const ROYALMAIL_HOME_ZONE = 'Europe/London'

const ENDS_WITH_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/** True when an ISO date-time states its own offset (`+01:00`, `+0100`, `Z`). */
export function statesOffset(dateTime: string): boolean {
  return ENDS_WITH_OFFSET.test(dateTime.trim()) && /T|\s\d/.test(dateTime)
}

/** Options of {@link normalizeRoyalmail} beyond the context. */
export interface RoyalmailNormalizeOptions {
  /** Zone of times written without an offset. @default ROYALMAIL_HOME_ZONE */
  homeZone?: string
}

/** A Royal Mail time: with its own offset as given, else in the home zone. */
function readTime(
  value: string,
  field: string,
  path: string,
  trackingNumber: string,
  homeZone: string,
  warnings: NormalizeWarning[],
) {
  const dateTime = value.trim()
  return readEventTime(
    statesOffset(dateTime) ? { dateTime } : { dateTime, timeZone: homeZone },
    { field, path, trackingNumber },
    warnings,
  )
}

/**
 * `estimatedDelivery` → the delivery window: the window's start and end when given, else the whole day of `date`
 * (its time part, midnight, is not a time of day).
 */
function deliveryWindow(
  estimate: RoyalmailEstimatedDelivery | null | undefined,
  trackingNumber: string,
  homeZone: string,
  warnings: NormalizeWarning[],
): DeliveryWindow | undefined {
  if (!estimate) return undefined
  const path = 'mailPieces.estimatedDelivery'
  const start = clean(estimate.startOfEstimatedWindow)
  const end = clean(estimate.endOfEstimatedWindow)
  if (start || end) {
    const from = start
      ? readTime(start, 'startOfEstimatedWindow', path, trackingNumber, homeZone, warnings)
      : undefined
    const to = end
      ? readTime(end, 'endOfEstimatedWindow', path, trackingNumber, homeZone, warnings)
      : undefined
    const known = [from, to].filter((t) => t !== undefined && t.zoneSource !== 'unknown')
    if (!known.length) return undefined
    return {
      ...(from && from.zoneSource !== 'unknown' ? { from: from.occurredAt } : {}),
      ...(to && to.zoneSource !== 'unknown' ? { to: to.occurredAt } : {}),
      precision: known[0]!.precision,
      source: 'estimatedDelivery',
    }
  }
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(clean(estimate.date) ?? '')?.[1]
  if (!day) return undefined
  const time = readTime(day, 'date', path, trackingNumber, homeZone, warnings)
  return time && time.zoneSource !== 'unknown'
    ? { from: time.occurredAt, precision: 'day', source: 'estimatedDelivery.date' }
    : undefined
}

/**
 * The number to file the piece under: the one that was asked for when it is the `mailPieceId`, else the barcode
 * printed on the item (`summary.oneDBarcode`): Royal Mail answers a 1D barcode with the 2D unique item id as
 * `mailPieceId`.
 */
function trackingNumberOf(piece: RoyalmailMailPiece, ctx: NormalizeContext): string {
  const id = piece.mailPieceId.trim()
  if (ctx.requested?.some((n) => n.trim().toUpperCase() === id.toUpperCase())) return id
  return clean(piece.summary?.oneDBarcode) ?? id
}

function readEvent(
  event: RoyalmailEvent,
  trackingNumber: string,
  path: string,
  ctx: NormalizeContext,
  homeZone: string,
  warnings: NormalizeWarning[],
): TrackingEvent | undefined {
  const time = readTime(event.eventDateTime, 'eventDateTime', path, trackingNumber, homeZone, warnings)
  if (!time) return undefined
  const code = event.eventCode.trim().toUpperCase()
  const entry = mapCode(ROYALMAIL_EVENT_CODES, code, {
    warnings,
    path: `${path}.eventCode`,
    trackingNumber,
    carrier: 'Royal Mail',
  })
  const name = clean(event.eventName) ?? ''
  return createEvent({
    carrier: ROYALMAIL_ID,
    trackingNumber,
    status: entry.status,
    milestone: entry.milestone,
    reason: entry.reason,
    occurredAt: time.occurredAt,
    timeZone: time.timeZone,
    zoneSource: time.zoneSource,
    precision: time.precision,
    ...(time.ambiguous ? { ambiguous: true } : {}),
    location: compactLocation({ facility: clean(event.locationName) }),
    description: name,
    raw: { source: ctx.source ?? 'rest', code, text: name || undefined, record: event, origin: ctx.origin },
  })
}

function hasMailPieces(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'mailPieces' in payload
}

/**
 * The events answer (or a not-found answer) → the canonical result. Throws a ValidationError naming the wrong
 * field.
 * @example normalizeRoyalmail({ mailPieces: { mailPieceId: 'FQ087430672GB', events: [] } }).shipments[0]?.status
 */
export function normalizeRoyalmail(
  payload: unknown,
  ctx: NormalizeContext = {},
  options: RoyalmailNormalizeOptions = {},
): NormalizeResult {
  if (!hasMailPieces(payload)) {
    const refusal = parsePayload(royalmailNotFoundSchema, payload, '')
    const error = refusal.errors[0]
    return {
      shipments: [],
      notFound: [
        {
          trackingNumber: refusal.mailPieceId.trim(),
          carrierCode: error?.errorCode != null ? String(error.errorCode) : 'NOT_FOUND',
          message: clean(error?.errorDescription) ?? 'Royal Mail does not recognise this mail piece',
        },
      ],
      warnings: [],
    }
  }
  const piece = parsePayload(royalmailEventsAnswerSchema, payload, '').mailPieces
  const trackingNumber = trackingNumberOf(piece, ctx)
  const homeZone = options.homeZone ?? ROYALMAIL_HOME_ZONE
  const warnings: NormalizeWarning[] = []
  const events: TrackingEvent[] = []
  ;(piece.events ?? []).forEach((event, i) => {
    const read = readEvent(event, trackingNumber, `mailPieces.events[${i}]`, ctx, homeZone, warnings)
    if (read) events.push(read)
  })
  const productName = clean(piece.summary?.productName)
  const productId = clean(piece.summary?.productId)
  const signedBy = clean(piece.signature?.recipientName)
  const estimatedDelivery = deliveryWindow(piece.estimatedDelivery, trackingNumber, homeZone, warnings)
  // The other of the two numbers (1D barcode, 2D unique item id) stays findable as a reference.
  const other = [piece.mailPieceId.trim(), clean(piece.summary?.oneDBarcode)].find(
    (n): n is string => Boolean(n) && n !== trackingNumber,
  )
  return {
    shipments: [
      buildShipment({
        carrier: ROYALMAIL_ID,
        trackingNumber,
        events,
        ...(productName || productId
          ? {
              service: {
                ...(productId ? { code: productId } : {}),
                ...(productName ? { name: productName } : {}),
              },
            }
          : {}),
        ...(signedBy ? { signedBy } : {}),
        ...(estimatedDelivery ? { estimatedDelivery } : {}),
        ...(other
          ? {
              identifiers: {
                references: [
                  {
                    type: 'shipment_id',
                    value: other,
                    qualifier: other === piece.mailPieceId.trim() ? 'mailPieceId' : 'oneDBarcode',
                  },
                ],
              },
            }
          : {}),
        raw: [payload],
      }),
    ],
    notFound: [],
    warnings,
  }
}
