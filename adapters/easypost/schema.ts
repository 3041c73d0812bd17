/**
 * zod schemas of what EasyPost pushes: a webhook `Event` whose `result` is a `Tracker` (docs.easypost.com/docs/
 * events, /docs/trackers). Only the fields waybill reads are declared; everything else passes through untouched
 * and stays in the shipment's `raw` copy. EasyPost sends `null` for absent values, so optional fields accept it.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** `TrackingLocation`: city, state, country, zip — any of them may be null. */
export const easypostLocationSchema = z.looseObject({
  city: text,
  state: text,
  country: text,
  zip: text,
})

/** `TrackingDetail`: one scan. */
export const easypostTrackingDetailSchema = z.looseObject({
  message: text,
  description: text,
  status: text,
  status_detail: text,
  /** ISO 8601; EasyPost gives the local offset when it knows the place, else UTC. */
  datetime: z.string(),
  source: text,
  carrier_code: text,
  tracking_location: easypostLocationSchema.nullish(),
})

/** `Tracker`. */
export const easypostTrackerSchema = z.looseObject({
  id: z.string(),
  object: z.literal('Tracker'),
  tracking_code: z.string().min(1),
  status: text,
  status_detail: text,
  carrier: text,
  signed_by: text,
  /** Ounces. */
  weight: z.number().nonnegative().nullish(),
  est_delivery_date: text,
  tracking_details: z.array(easypostTrackingDetailSchema).nullish(),
  carrier_detail: z
    .looseObject({
      service: text,
      origin_tracking_location: easypostLocationSchema.nullish(),
      destination_tracking_location: easypostLocationSchema.nullish(),
    })
    .nullish(),
})

/** Webhook `Event` (`tracker.created`, `tracker.updated`). */
export const easypostEventSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('Event'),
  description: z.string(),
  result: z.unknown(),
})

export type EasypostTracker = z.infer<typeof easypostTrackerSchema>
export type EasypostTrackingDetail = z.infer<typeof easypostTrackingDetailSchema>
export type EasypostEvent = z.infer<typeof easypostEventSchema>
