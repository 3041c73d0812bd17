/**
 * zod schemas of the La Poste Suivi v2 answer (`GET /suivi/v2/idships/{idship}`; developer.laposte.fr, Suivi v2
 * OpenAPI): one unitary answer `{ lang, scope, returnCode, returnMessage?, idShip?, shipment? }`, or, for several
 * numbers (HTTP 207), an array of them. Only the fields waybill reads are declared; everything else passes through
 * and stays in `raw`.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** One event: `{ code, label, date }`; La Poste lists them newest first. */
export const laposteEventSchema = z.looseObject({
  code: z.string().min(1),
  label: text,
  /** `aaaa-mm-jjThh:mn:ss+hh:mn` per the documentation. */
  date: z.string().min(1),
})

/** The shipment of a 200 unitary answer. */
export const laposteShipmentSchema = z.looseObject({
  idShip: z.string().trim().min(1),
  /** 1 = Courrier, 3 = Chronopost, 4 = Colissimo. */
  holder: z.number().int().nullish(),
  product: text,
  isFinal: z.boolean().nullish(),
  deliveryDate: text,
  event: z.array(laposteEventSchema).nullish(),
  contextData: z
    .looseObject({
      originCountry: text,
      arrivalCountry: text,
      removalPoint: z.looseObject({ name: text }).nullish(),
    })
    .nullish(),
})

/** One unitary answer: `returnCode` 200 with a shipment, or a code (104, 105, 400…) with a message. */
export const laposteAnswerSchema = z.looseObject({
  lang: text,
  returnCode: z.number().int(),
  returnMessage: text,
  idShip: text,
  shipment: laposteShipmentSchema.nullish(),
})

export type LaposteAnswer = z.output<typeof laposteAnswerSchema>
export type LaposteShipment = z.output<typeof laposteShipmentSchema>
export type LaposteEvent = z.output<typeof laposteEventSchema>
