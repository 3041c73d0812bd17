/**
 * Which stored shipment a report belongs to, among every shipment known under its tracking number: pure
 * functions over a `NumberRecord`, run inside the tracker's atomic update.
 *
 * Rules:
 * - a report that starts more than the recycle gap after a shipment ended (terminal status) opens a new
 *   generation of the number (`…#2`); a late report of an earlier generation goes back to it;
 * - some sources give the carrier's own shipment id (FedEx `trackingNumberUniqueId`) and others do not (webhooks
 *   relayed by aggregators): the first report with an id takes over the number's current shipment known only
 *   without one; a report without an id goes to the shipment with an id that was active last; two different ids
 *   stay two shipments.
 */
import { eventInstant, isTerminal, type Shipment, wallTimeOf } from '../model/core.js'
import { type NumberRecord, shipmentSlot } from './layout.js'

export interface Placement {
  /** The slot of `record.shipments` the report merges into (absent there: a new shipment). */
  slot: string
  /** True when placing moved a shipment or opened a generation: the number record must be written. */
  moved: boolean
}

/**
 * An event's instant, or for an event whose zone is unknown its wall time read as UTC: off by at most 14 hours,
 * which is nothing next to the recycle gap (days) these rules compare with.
 */
function roughInstant(event: Shipment['events'][number]): number {
  const instant = eventInstant(event)
  return Number.isNaN(instant) ? wallTimeOf(event.occurredAt) : instant
}

function lastEventAt(s: Shipment): number {
  const last = s.events[s.events.length - 1]
  return last ? roughInstant(last) : Number.NEGATIVE_INFINITY
}

/** True when `incoming` starts after `known` ended in a terminal status, by more than the recycle gap. */
function reusesNumber(known: Shipment, incoming: Shipment, recycleMs: number): boolean {
  const firstNew = incoming.events[0] ? roughInstant(incoming.events[0]) : Number.NaN
  return isTerminal(known.status, known.milestone) && firstNew - lastEventAt(known) > recycleMs
}

function slotOf(base: string, generation: number): string {
  return generation > 1 ? `${base}#${generation}` : base
}

/** The slot a report joins through the carrier's shipment id (see the header), or undefined. */
function linkByShipmentId(
  record: NumberRecord,
  incoming: Shipment,
  recycleMs: number,
): Placement | undefined {
  const known = Object.entries(record.shipments)
  if (!known.length) return undefined
  if (!incoming.carrierShipmentId) {
    let latest: [string, Shipment] | undefined
    for (const [slot, { shipment }] of known)
      if (shipment.carrierShipmentId && (!latest || lastEventAt(shipment) > lastEventAt(latest[1])))
        latest = [slot, shipment]
    return latest && !reusesNumber(latest[1], incoming, recycleMs)
      ? { slot: latest[0], moved: false }
      : undefined
  }
  const slot = shipmentSlot(incoming)
  if (known.some(([key]) => key === slot || key.startsWith(`${slot}#`))) return undefined
  const bareBase = shipmentSlot({ ...incoming, carrierShipmentId: undefined })
  const bareSlot = slotOf(bareBase, record.generations?.[bareBase] ?? 1)
  const bare = record.shipments[bareSlot]
  if (!bare || reusesNumber(bare.shipment, incoming, recycleMs)) return undefined
  // The shipment moves under the id's slot (the merge that follows records the id on the shipment).
  record.shipments[slot] = bare
  delete record.shipments[bareSlot]
  return { slot, moved: true }
}

/**
 * Places `incoming` among the number's shipments; may change `record` (a moved shipment, a new generation), which
 * `moved` then says.
 */
export function placeReport(record: NumberRecord, incoming: Shipment, recycleMs: number): Placement {
  const linked = linkByShipmentId(record, incoming, recycleMs)
  if (linked) return linked
  const base = shipmentSlot(incoming)
  const generations = record.generations?.[base] ?? 1
  const slot = slotOf(base, generations)
  const current = record.shipments[slot]
  if (!current || incoming.carrierShipmentId) return { slot, moved: false }
  // A late report of an earlier generation (all of it before the current one began) goes back to that one, so
  // that a replayed old payload never merges into the shipment that reuses the number.
  const lastNew = lastEventAt(incoming)
  let generation = generations
  let shipment = current.shipment
  while (generation > 1 && shipment.events[0] && lastNew < roughInstant(shipment.events[0])) {
    const older = record.shipments[slotOf(base, generation - 1)]
    if (!older) break
    generation--
    shipment = older.shipment
  }
  if (generation < generations) return { slot: slotOf(base, generation), moved: false }
  if (!reusesNumber(current.shipment, incoming, recycleMs)) return { slot, moved: false }
  record.generations = { ...record.generations, [base]: generations + 1 }
  return { slot: slotOf(base, generations + 1), moved: true }
}
