/**
 * The closed canonical status set and the milestone list (DESIGN §3).
 *
 * `status` answers "where is the shipment in its life"; `milestone` says which step an event was, in more detail.
 * "Not found", "expired" and "error" describe a lookup, not a shipment, and so are not statuses.
 */
import { z } from 'zod'
import { MILESTONES, STATUSES } from './status-values.js'

export * from './status-values.js'

export const statusSchema = z.enum(STATUSES)
export const milestoneSchema = z.enum(MILESTONES)
