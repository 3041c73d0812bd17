/**
 * The transactional outbox: what each stored change has still to announce, kept per tracking number under
 * `tracker:outbox:<carrier>:<NUMBER>` and written in the same atomic update as the change itself, so a change is
 * never stored without its announcement, nor announced without being stored.
 *
 * An entry is announced by whoever holds its lease: the instance that stored the change takes the lease in that
 * same update and announces at once; an entry whose lease ended (its instance stopped, or a listener threw and
 * released it) is claimed by the next ingest of that number or by any instance's `drainOutbox`. After its
 * listeners ran, the entry is removed. Announced at least once: only an entry announced just before its instance
 * stopped, not yet removed, can be announced a second time.
 */
import type { Store, StoreValue } from '../store/index.js'
import type { Change } from './change.js'

export interface OutboxEntry extends Change {
  id: string
  /** The slot of the shipment in its number record. */
  slot: string
  /** Alerts raised by `checkTimers`, with no change of the shipment: no `update` is announced. */
  alertsOnly?: true
  lease?: { owner: string; until: number }
}

export interface Outbox {
  entries: OutboxEntry[]
}

export const emptyOutbox = (): Outbox => ({ entries: [] })

/** Takes the lease of every entry nobody holds (no lease, or one that ended before `now`); returns them in order. */
export function claimFree(outbox: Outbox, owner: string, now: number, leaseMs: number): OutboxEntry[] {
  const claimed: OutboxEntry[] = []
  for (const entry of outbox.entries)
    if (!entry.lease || entry.lease.until <= now) {
      entry.lease = { owner, until: now + leaseMs }
      claimed.push(entry)
    }
  return claimed
}

/** Removes the announced entries (held by `owner`) and releases the others named, in one update of the outbox. */
export async function settle(
  store: Store,
  key: string,
  owner: string,
  announced: ReadonlySet<string>,
  released: ReadonlySet<string>,
): Promise<void> {
  if (!announced.size && !released.size) return
  await store.update([key], (tx) => {
    const outbox = tx.get(key) as unknown as Outbox | undefined
    if (!outbox) return
    const entries: OutboxEntry[] = []
    for (const entry of outbox.entries) {
      const mine = entry.lease?.owner === owner
      if (mine && announced.has(entry.id)) continue
      if (mine && released.has(entry.id)) delete entry.lease
      entries.push(entry)
    }
    if (entries.length) tx.set(key, { entries } as unknown as StoreValue)
    else tx.delete(key)
  })
}
