/**
 * zod schemas of the Australia Post Track Items answer (`GET /shipping/v1/track?tracking_ids=…`):
 * `{ tracking_results: [{ tracking_id, status?, trackable_items?: [{ article_id, product_type, status, events }],
 * errors? }] }`. Only the fields waybill reads are declared; the rest passes through and stays in `raw`.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** One scan. `date` is ISO 8601, normally with an offset (`2025-03-04T10:12:00+11:00`). */
export const auspostEventSchema = z.looseObject({
  date: z.string().min(1),
  description: text,
  /** "ALEXANDRIA NSW": a suburb and an Australian state code. */
  location: text,
})

/** A per-number refusal (`ESB-10001` invalid tracking id, `ESB-10002` not found). */
export const auspostErrorSchema = z.looseObject({ code: text, name: text, message: text })

export const auspostItemSchema = z.looseObject({
  article_id: text,
  product_type: text,
  status: text,
  events: z.array(auspostEventSchema).nullish(),
})

/** One entry of `tracking_results`. */
export const auspostResultSchema = z.looseObject({
  tracking_id: z.string().min(1),
  status: text,
  trackable_items: z.array(auspostItemSchema).nullish(),
  errors: z.array(auspostErrorSchema).nullish(),
})

/** The whole answer. */
export const auspostTrackSchema = z.looseObject({ tracking_results: z.array(auspostResultSchema) })

export type AuspostEvent = z.infer<typeof auspostEventSchema>
export type AuspostResult = z.infer<typeof auspostResultSchema>
