/**
 * zod schemas of the Amazon Shipping API v2 `getTracking` answer: `{ payload: { trackingId, eventHistory: [{
 * eventCode, location?, eventTime }], summary?: { status } } }`. Only the fields waybill reads are declared.
 */
import { z } from 'zod'

const text = z.string().nullish()

export const amazonLocationSchema = z.looseObject({
  city: text,
  stateOrRegion: text,
  countryCode: text,
  postalCode: text,
})

/** One event. `eventTime` is ISO 8601, normally UTC (`2026-03-05T18:42:00Z`). */
export const amazonEventSchema = z.looseObject({
  eventCode: z.string().min(1),
  eventTime: z.string().min(1),
  location: amazonLocationSchema.nullish(),
  shipmentType: text,
})

export const amazonTrackingSchema = z.looseObject({
  payload: z.looseObject({
    trackingId: z.string().min(1),
    alternateLegTrackingId: text,
    eventHistory: z.array(amazonEventSchema).nullish(),
    summary: z.looseObject({ status: text }).nullish(),
  }),
})

export type AmazonEvent = z.infer<typeof amazonEventSchema>
