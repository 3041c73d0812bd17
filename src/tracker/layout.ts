/**
 * Where the tracker keeps things in the `Store`:
 * - `tracker:number:<carrier>:<NUMBER>`: a `NumberRecord`, every shipment ever seen under one tracking number
 *   (several when the number was recycled or the carrier gave several shipment ids), so that placing a report
 *   and merging it is one atomic `update` of one key;
 * - `tracker:outbox:<carrier>:<NUMBER>`: what changes of that number have still to announce (see outbox.ts);
 * - `tracker:order:<id>`: the shipper's events of an order and the numbers it shipped under;
 * - `tracker:sscc:<SSCC>`: the shipper's events that name only an SSCC, and the numbers whose shipments carry it;
 * - `tracker:timers`: the lease of the instance running `checkTimers`;
 * - `tracker:layout`: the layout version (2); version 1 kept one key per shipment plus index keys.
 */
import type { Shipment } from '../model/core.js'
import type { Store, StoreValue } from '../store/index.js'
import type { ShipperEvent } from './shipper.js'
import type { TrackedRecord } from './types.js'

export const NUMBER_PREFIX = 'tracker:number:'
export const OUTBOX_PREFIX = 'tracker:outbox:'
export const TIMERS_LEASE_KEY = 'tracker:timers'
const LAYOUT_KEY = 'tracker:layout'
const LAYOUT = 2

/** Every shipment of one tracking number, by slot (the shipment's key: carrier, number, carrier id, generation). */
export interface NumberRecord {
  shipments: Record<string, TrackedRecord>
  /** How many generations a recycled number has had, per slot base (absent: 1). */
  generations?: Record<string, number>
  /** The shipper's own events for this number (orders, handover, returns), reconciled with the carrier's. */
  shipper?: ShipperEvent[]
  /** Alerts the reconciliation raised while the carrier had reported nothing (dedupe key → raised at). */
  alerted?: Record<string, string>
}

export const ORDER_PREFIX = 'tracker:order:'

/** The shipper's events of one order and the tracking numbers it shipped under. */
export interface OrderRecord {
  numbers: { carrier: string; trackingNumber: string }[]
  events: ShipperEvent[]
}

export const SSCC_PREFIX = 'tracker:sscc:'

/**
 * The shipper's events that name an SSCC and no tracking number, and the carrier numbers whose shipments carry
 * that SSCC (learned when the carrier's report is ingested).
 */
export interface SsccRecord {
  numbers: { carrier: string; trackingNumber: string }[]
  events: ShipperEvent[]
  /** Alerts the reconciliation raised while no carrier shipment carried the SSCC (dedupe key → raised at). */
  alerted?: Record<string, string>
}

export function ssccKey(sscc: string): string {
  return `${SSCC_PREFIX}${sscc}`
}

export function numberKey(carrier: string, trackingNumber: string): string {
  return `${NUMBER_PREFIX}${carrier}:${trackingNumber.toUpperCase()}`
}

export function outboxKeyOf(numberKeyValue: string): string {
  return `${OUTBOX_PREFIX}${numberKeyValue.slice(NUMBER_PREFIX.length)}`
}

export function numberKeyOfOutbox(outboxKey: string): string {
  return `${NUMBER_PREFIX}${outboxKey.slice(OUTBOX_PREFIX.length)}`
}

/** A shipment's slot within its number: carrier, number and carrier shipment id (generations add `#n`). */
export function shipmentSlot(s: Pick<Shipment, 'carrier' | 'trackingNumber' | 'carrierShipmentId'>): string {
  return `${s.carrier}:${s.trackingNumber.toUpperCase()}:${s.carrierShipmentId ?? ''}`
}

/**
 * Moves a store written by layout 1 (`tracker:shipment:<slot>` records with `tracker:index:` keys) into number
 * records, once; later calls cost one read. Safe to run from several instances at once (each number is moved in
 * one `update`, and a record already moved is left as it is).
 */
export async function upgradeLayout(store: Store): Promise<void> {
  if ((await store.get(LAYOUT_KEY)) === LAYOUT) return
  const legacy: string[] = []
  for await (const key of store.keys('tracker:shipment:')) legacy.push(key)
  for (const key of legacy) {
    const record = await store.get<StoreValue>(key)
    if (!record) continue
    const shipment = (record as unknown as TrackedRecord).shipment
    const slot = key.slice('tracker:shipment:'.length)
    const target = numberKey(shipment.carrier, shipment.trackingNumber)
    await store.update([target], (tx) => {
      const current = (tx.get(target) as unknown as NumberRecord | undefined) ?? { shipments: {} }
      if (current.shipments[slot]) return
      const { pending: _pending, ...rest } = record as unknown as TrackedRecord & { pending?: unknown }
      current.shipments[slot] = rest as TrackedRecord
      tx.set(target, current as unknown as StoreValue)
    })
  }
  for await (const key of store.keys('tracker:generations:')) {
    const count = await store.get<number>(key)
    const base = key.slice('tracker:generations:'.length)
    const [carrier, number] = base.split(':')
    if (!carrier || !number || typeof count !== 'number') continue
    const target = numberKey(carrier, number)
    await store.update([target], (tx) => {
      const current = (tx.get(target) as unknown as NumberRecord | undefined) ?? { shipments: {} }
      current.generations = {
        ...current.generations,
        [base]: Math.max(count, current.generations?.[base] ?? 1),
      }
      tx.set(target, current as unknown as StoreValue)
    })
  }
  // Alerts version 1 recorded as announced (a plain `raisedAt`; `pending:` ones were never announced).
  for await (const key of store.keys('tracker:alert:')) {
    const raisedAt = await store.get(key)
    if (typeof raisedAt !== 'string' || raisedAt.startsWith('pending:')) continue
    const dedupeKey = key.slice('tracker:alert:'.length)
    const [carrier, number, carrierShipmentId] = dedupeKey.split(':')
    if (!carrier || !number) continue
    const target = numberKey(carrier, number)
    const base = `${carrier}:${number.toUpperCase()}:${carrierShipmentId ?? ''}`
    await store.update([target], (tx) => {
      const current = tx.get(target) as unknown as NumberRecord | undefined
      if (!current) return
      for (const [slot, record] of Object.entries(current.shipments))
        if (slot === base || slot.startsWith(`${base}#`))
          record.alerted = { ...record.alerted, [dedupeKey]: raisedAt }
      tx.set(target, current as unknown as StoreValue)
    })
  }
  for (const prefix of ['tracker:shipment:', 'tracker:index:', 'tracker:generations:', 'tracker:alert:']) {
    const old: string[] = []
    for await (const key of store.keys(prefix)) old.push(key)
    for (const key of old) await store.delete(key)
  }
  await store.set(LAYOUT_KEY, LAYOUT)
}
