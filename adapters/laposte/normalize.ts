/**
 * La Poste Suivi v2 answers → canonical shipments: a unitary answer with `returnCode` 200 becomes one `laposte`
 * shipment (Courrier, Colissimo or Chronopost: the `holder` is kept as the service), any other `returnCode` (104
 * not yet available, 105 unknown, 400 invalid number, …) a not-found entry carrying that code and La Poste's
 * message; a 207 array is read answer by answer. Event dates carry an offset; one without is read in the
 * shipment's country when it is domestic (origin = arrival), else kept with an unknown zone and a warning.
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
  type NormalizeResult,
  type NormalizeWarning,
  type TrackingEvent,
} from '../../src/model/index.js'
import { LAPOSTE_EVENT_CODES } from './codes.js'
import { type LaposteAnswer, type LaposteShipment, laposteAnswerSchema } from './schema.js'

export const LAPOSTE_ID = 'laposte'

/** `holder` → the network that carries the item (Suivi v2 OpenAPI, `holder`: 1 Courrier, 3 Chronopost, 4 Colissimo). */
export const LAPOSTE_HOLDERS: Readonly<Record<number, string>> = {
  1: 'Courrier',
  3: 'Chronopost',
  4: 'Colissimo',
}

/** The country events are read in when they lack an offset: the shipment's, when it never left it. */
function domesticCountry(shipment: LaposteShipment): string | undefined {
  const origin = clean(shipment.contextData?.originCountry)?.toUpperCase()
  const arrival = clean(shipment.contextData?.arrivalCountry)?.toUpperCase()
  return origin && origin === arrival && /^[A-Z]{2}$/.test(origin) ? origin : undefined
}

function readShipment(
  shipment: LaposteShipment,
  answer: LaposteAnswer,
  path: string,
  ctx: NormalizeContext,
  warnings: NormalizeWarning[],
) {
  const trackingNumber = shipment.idShip
  const country = domesticCountry(shipment)
  const events: TrackingEvent[] = []
  ;(shipment.event ?? []).forEach((event, i) => {
    const at = `${path}shipment.event[${i}]`
    const time = readEventTime(
      {
        dateTime: event.date,
        ...(country ? { location: { countryCode: country } } : {}),
        ...(ctx.defaultZone ? { defaultZone: ctx.defaultZone } : {}),
      },
      { field: 'date', path: at, trackingNumber },
      warnings,
    )
    if (!time) return
    const code = event.code.trim().toUpperCase()
    const entry = mapCode(LAPOSTE_EVENT_CODES, code, {
      warnings,
      path: `${at}.code`,
      trackingNumber,
      carrier: 'La Poste',
    })
    const label = clean(event.label) ?? ''
    events.push(
      createEvent({
        carrier: LAPOSTE_ID,
        trackingNumber,
        status: entry.status,
        milestone: entry.milestone,
        ...(entry.reason ? { reason: entry.reason } : {}),
        occurredAt: time.occurredAt,
        timeZone: time.timeZone,
        zoneSource: time.zoneSource,
        precision: time.precision,
        ...(time.ambiguous ? { ambiguous: true } : {}),
        description: label,
        raw: {
          source: ctx.source ?? 'rest',
          code,
          text: label || undefined,
          record: event,
          origin: ctx.origin,
        },
        discriminator: label,
      }),
    )
  })
  const holder = typeof shipment.holder === 'number' ? LAPOSTE_HOLDERS[shipment.holder] : undefined
  const product = clean(shipment.product)
  const service = product ?? holder
  const removalPoint = clean(shipment.contextData?.removalPoint?.name)
  return buildShipment({
    carrier: LAPOSTE_ID,
    trackingNumber,
    events,
    ...(service ? { service: { name: service } } : {}),
    ...(removalPoint ? { destination: { facility: removalPoint } } : {}),
    raw: [answer],
  })
}

/**
 * A Suivi v2 answer (an object, or the 207 array) → shipments and not-found entries. Throws ValidationError naming
 * the wrong field.
 */
export function normalizeLaposte(payload: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const warnings: NormalizeWarning[] = []
  const out: NormalizeResult = { shipments: [], notFound: [], warnings }
  const answers = Array.isArray(payload) ? payload : [payload]
  answers.forEach((item, i) => {
    const root = Array.isArray(payload) ? `[${i}]` : ''
    const answer = parsePayload(laposteAnswerSchema, item, root)
    if (answer.returnCode === 200 && answer.shipment) {
      out.shipments.push(readShipment(answer.shipment, answer, root ? `${root}.` : '', ctx, warnings))
      return
    }
    const trackingNumber = clean(answer.idShip) ?? clean(answer.shipment?.idShip)
    if (!trackingNumber) {
      warnings.push({
        code: 'skipped',
        message: `La Poste answered returnCode ${answer.returnCode} without naming the number`,
        path: root ? `${root}.returnCode` : 'returnCode',
      })
      return
    }
    out.notFound.push({
      trackingNumber,
      carrierCode: String(answer.returnCode),
      message: clean(answer.returnMessage) ?? 'La Poste has no tracking for this number',
    })
  })
  return out
}
