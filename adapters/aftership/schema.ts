/**
 * zod schemas of an AfterShip Tracking webhook delivery (aftership.com/docs/tracking/webhook): an envelope
 * `{ event, event_id?, msg: Tracking, ts }` whose `msg` is the tracking with its `checkpoints`. Only the fields
 * waybill reads are declared; the rest passes through and stays in the shipment's `raw` copy.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** One checkpoint (scan). `checkpoint_time` is local to the checkpoint, with or without an offset. */
export const aftershipCheckpointSchema = z.looseObject({
  checkpoint_time: z.string().min(1),
  tag: text,
  subtag: text,
  subtag_message: text,
  message: text,
  location: text,
  city: text,
  state: text,
  zip: text,
  /** ISO 3166-1 alpha-3 (older API versions). */
  country_iso3: text,
  /** ISO 3166-1 alpha-3 (newer API versions). */
  country_region: text,
  slug: text,
  raw_tag: text,
})

/** The tracking object (`msg`). */
export const aftershipTrackingSchema = z.looseObject({
  id: text,
  tracking_number: z.string().min(1),
  slug: text,
  tag: text,
  subtag: text,
  signed_by: text,
  checkpoints: z.array(aftershipCheckpointSchema).nullish(),
})

/** The webhook envelope. */
export const aftershipWebhookSchema = z.looseObject({
  event: z.string().nullish(),
  event_id: text,
  msg: aftershipTrackingSchema,
  ts: z.number().nullish(),
})

export type AftershipCheckpoint = z.infer<typeof aftershipCheckpointSchema>
export type AftershipTracking = z.infer<typeof aftershipTrackingSchema>
export type AftershipWebhook = z.infer<typeof aftershipWebhookSchema>
