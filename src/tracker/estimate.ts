/** Which delivery estimate a shipment keeps when a new report arrives. */
import type { DeliveryWindow } from '../model/core.js'

const PRECISION = { day: 0, minute: 1, second: 2 } as const

/**
 * The estimate to keep when a new report arrives: the new one, unless it is coarser than the one we have and
 * agrees with it (a date-only "delivery today" from a push must not replace the 12:00–16:00 window from the API).
 */
export function pickEstimate(
  previous: DeliveryWindow | undefined,
  incoming: DeliveryWindow | undefined,
): DeliveryWindow | undefined {
  if (!previous || !incoming) return incoming ?? previous
  if (PRECISION[incoming.precision] >= PRECISION[previous.precision]) return incoming
  const day = (iso: string | undefined) => iso?.slice(0, 10)
  const sameDays =
    day(incoming.from ?? incoming.to) === day(previous.from ?? previous.to) &&
    day(incoming.to ?? incoming.from) === day(previous.to ?? previous.from)
  return sameDays ? previous : incoming
}
