/** An estimated delivery or appointment window. */
import { z } from 'zod'
import { isoDateTimeSchema } from './event.js'

export const deliveryWindowSchema = z.object({
  /** Earliest expected arrival (ISO 8601 with offset). */
  from: isoDateTimeSchema.optional(),
  /** Latest expected arrival (ISO 8601 with offset). */
  to: isoDateTimeSchema.optional(),
  /** `day` when the carrier gave only a date. */
  precision: z.enum(['day', 'minute', 'second']),
  /** Which carrier field the window came from (e.g. `estimatedTimeOfDelivery`, `AT7:AG`). */
  source: z.string().optional(),
})
export type DeliveryWindow = z.infer<typeof deliveryWindowSchema>
