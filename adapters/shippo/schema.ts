/**
 * Shippo Tracks response (`GET /tracks/{carrier}/{tracking_number}`), as far as waybill reads it. Field names from
 * the Shippo API reference ("Track" and "Tracking status" objects); unknown fields pass through.
 */
import { z } from 'zod'

const text = z.string().nullish()

export const shippoLocationSchema = z.looseObject({ city: text, state: text, zip: text, country: text })

export const shippoTrackingStatusSchema = z.looseObject({
  object_id: text,
  status: text,
  status_details: text,
  status_date: text,
  substatus: z.looseObject({ code: text, text: text }).nullish(),
  location: shippoLocationSchema.nullish(),
})
export type ShippoTrackingStatus = z.infer<typeof shippoTrackingStatusSchema>

export const shippoTrackSchema = z.looseObject({
  carrier: z.string().min(1),
  tracking_number: z.string().min(1),
  eta: text,
  tracking_status: shippoTrackingStatusSchema.nullish(),
  tracking_history: z.array(shippoTrackingStatusSchema).nullish(),
})
export type ShippoTrack = z.infer<typeof shippoTrackSchema>
