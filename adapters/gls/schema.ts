/**
 * zod schemas of the GLS Track And Trace V1 answer (`GET /track-and-trace-v1/tracking/simple/trackids/{unitnos}`):
 * `{ parcels: [{ requested, unitno?, status?, statusDateTime?, events?: [{ code, city, postalCode, country,
 * description, eventDateTime }], errorCode?, errorMessage? }] }`. Times are ISO 8601 with an offset written without
 * a colon (`2024-10-07T10:46:14+0200`). Only the fields waybill reads are declared; the rest stays in `raw`.
 */
import { z } from 'zod'
import { lenient } from '../../src/adapter/index.js'

const text = z.string().nullish()

/** One scan. `city`, `postalCode` and `country` are often empty strings. */
export const glsEventSchema = z.looseObject({
  code: z.string().min(1),
  city: text,
  postalCode: text,
  /** ISO 3166-1 alpha-2, or empty. */
  country: text,
  description: text,
  eventDateTime: z.string().min(1),
})

/** One parcel of the answer, or a per-number refusal (`errorCode` `E_404_01`: not found). */
export const glsParcelSchema = z.looseObject({
  requested: z.string().min(1),
  unitno: text,
  status: text,
  statusDateTime: text,
  events: lenient.list(glsEventSchema),
  errorCode: text,
  errorMessage: text,
})

/** The whole answer. */
export const glsAnswerSchema = z.looseObject({ parcels: z.array(glsParcelSchema) })

export type GlsEvent = z.infer<typeof glsEventSchema>
export type GlsParcel = z.infer<typeof glsParcelSchema>
