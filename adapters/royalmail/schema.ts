/**
 * zod schemas of the Royal Mail Tracking API v2 events answer (`GET /mailpieces/v2/{mailPieceId}/events`):
 * `{ mailPieces: { mailPieceId, carrierShortName, summary, signature?, estimatedDelivery?, events: [{ eventCode,
 * eventName, eventDateTime, locationName }], links } }`, and of its refusal body `{ httpCode, httpMessage,
 * moreInformation, errors: [{ errorCode, errorDescription, errorCause, errorResolution }] }`. Only the fields
 * waybill reads are declared; the rest passes through and stays in `raw`.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** One scan. `eventDateTime` is ISO 8601 with the UK offset (`2016-10-20T10:04:00+01:00`). */
export const royalmailEventSchema = z.looseObject({
  eventCode: z.string().min(1),
  eventName: text,
  eventDateTime: z.string().min(1),
  /** A Royal Mail site ("Stafford DO", "Chelmsford Mail Centre"): a name, no address or country. */
  locationName: text,
})

export const royalmailSummarySchema = z.looseObject({
  oneDBarcode: text,
  productId: text,
  productName: text,
  statusCategory: text,
  statusDescription: text,
})

export const royalmailSignatureSchema = z.looseObject({ recipientName: text, signatureDateTime: text })

/** `date` (`2017-02-20T00:00:00+00:00`: the day) and the window (`08:00+01:00`–`11:00+01:00`). */
export const royalmailEstimatedDeliverySchema = z.looseObject({
  date: text,
  startOfEstimatedWindow: text,
  endOfEstimatedWindow: text,
})

/** One mail piece, as `mailPieces` of the events answer. */
export const royalmailMailPieceSchema = z.looseObject({
  mailPieceId: z.string().min(1),
  summary: royalmailSummarySchema.nullish(),
  signature: royalmailSignatureSchema.nullish(),
  estimatedDelivery: royalmailEstimatedDeliverySchema.nullish(),
  events: z.array(royalmailEventSchema).nullish(),
})

/** One entry of a refusal's `errors`. `E1142`: the barcode is not recognised. */
export const royalmailErrorSchema = z.looseObject({
  errorCode: z.union([z.string(), z.number()]).nullish(),
  errorDescription: text,
  errorCause: text,
  errorResolution: text,
})

/** The events answer. */
export const royalmailEventsAnswerSchema = z.looseObject({ mailPieces: royalmailMailPieceSchema })

/**
 * A not-found answer: Royal Mail's 404 body, which does not repeat the number, with the `mailPieceId` that was
 * asked for added by `track()`.
 */
export const royalmailNotFoundSchema = z.looseObject({
  mailPieceId: z.string().min(1),
  httpCode: z.union([z.string(), z.number()]).nullish(),
  httpMessage: text,
  errors: z.array(royalmailErrorSchema).min(1),
})

export type RoyalmailEvent = z.infer<typeof royalmailEventSchema>
export type RoyalmailMailPiece = z.infer<typeof royalmailMailPieceSchema>
export type RoyalmailEstimatedDelivery = z.infer<typeof royalmailEstimatedDeliverySchema>
