import { describe, expect, it } from 'vitest'
import { memoryStore, type Store, type StoreValue } from '../../src/store/index.js'
import { createTracker, type TrackerOptions } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'

type Write = { key: string; value: StoreValue | undefined }

/**
 * A store whose process stops at the first write `stopsAt` picks (the writes of one `update` are judged
 * together): the write lands (`landed: true`) or not, then it throws, and every later write throws too (the
 * process is gone). Reads go through to the underlying store.
 */
function stoppingStore(
  inner: Store,
  stopsAt: (writes: Write[]) => boolean,
  { landed }: { landed: boolean },
): Store & { readonly stopped: boolean } {
  let stopped = false
  const gone = () => {
    if (stopped) throw new Error('the process has stopped')
  }
  const single = async <T>(writes: Write[], apply: () => Promise<T>): Promise<T> => {
    gone()
    if (!stopsAt(writes)) return apply()
    stopped = true
    if (landed) await apply()
    throw new Error('the process stops here')
  }
  return {
    get stopped() {
      return stopped
    },
    get: (key) => inner.get(key),
    keys: (prefix) => inner.keys(prefix),
    delete: (key) => single([{ key, value: undefined }], () => inner.delete(key)),
    set: (key, value, o) => single([{ key, value }], () => inner.set(key, value, o)),
    setIfAbsent: (key, value, o) => single([{ key, value }], () => inner.setIfAbsent(key, value, o)),
    async update(keys, fn) {
      gone()
      let stopHere = false
      const result = await inner.update(keys, async (tx) => {
        const writes: Write[] = []
        const r = await fn({
          get: (key) => tx.get(key),
          set: (key, value, o) => {
            writes.push({ key, value })
            tx.set(key, value, o)
          },
          delete: (key) => {
            writes.push({ key, value: undefined })
            tx.delete(key)
          },
        })
        if (writes.length && stopsAt(writes)) {
          stopHere = true
          stopped = true
          if (!landed) throw new Error('the process stops here')
        }
        return r
      })
      if (stopHere) throw new Error('the process stops here')
      return result
    },
  }
}

/** The update that stores a change (the number's record, with its outbox entry). */
const storesChange = (ws: Write[]) => ws.some((w) => w.key.startsWith('tracker:number:'))
/** The update that removes announced entries from the outbox (after the listeners ran). */
const removesAnnounced = (ws: Write[]) => ws.every((w) => w.key.startsWith('tracker:outbox:'))
const LEASE_MS = 30_000

/** A tracker on `store` that appends what it emits to `log` as `type:detail`. */
function trackerOn(store: Store, log: string[], clock: { now: Date }, options: Partial<TrackerOptions> = {}) {
  const tracker = createTracker({
    adapters: [],
    store,
    now: () => clock.now,
    outbox: { leaseMs: LEASE_MS, drainEveryMs: 0 },
    ...options,
  })
  tracker.on('update', ({ added }) => log.push(`update:${added.length}`))
  tracker.on('anomaly', ({ anomaly }) => log.push(`anomaly:${anomaly.kind}`))
  tracker.on('alert', (alert) => log.push(`alert:${alert.kind}`))
  return tracker
}

const later = (clock: { now: Date }, ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms)
}

const label = ev('label_created', '2024-03-01T08:00:00Z')
const delivered = ev('delivered', '2024-03-03T10:00:00Z', { zoneSource: 'fallback' })
/** A change that brings an update, a new anomaly (fallback_zone) and a transition alert (delivered). */
const payload = () => result(ship([label, delivered]))

describe('a change stored just before a stop is announced after it (regression: lost when the process stopped)', () => {
  it('a stop right after the change is stored: another tracker announces update, anomaly and alert once, after the lease', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const before: string[] = []
    const crashing = trackerOn(stoppingStore(underlying, storesChange, { landed: true }), before, clock)
    await expect(crashing.ingestResult(payload())).rejects.toThrow('the process stops here')
    expect(before).toEqual([])

    const after: string[] = []
    const restarted = trackerOn(underlying, after, clock)
    expect(await restarted.drainOutbox()).toBe(0) // the stopped instance's lease still runs
    later(clock, LEASE_MS + 1)
    expect(await restarted.drainOutbox()).toBe(1)
    expect(after).toEqual(['update:2', 'anomaly:fallback_zone', 'alert:delivered'])
    await restarted.ingestResult(payload())
    expect(await restarted.drainOutbox()).toBe(0)
    expect(await restarted.checkTimers()).toEqual([])
    expect(after).toHaveLength(3)
  })

  it('the next ingest of the number announces what a stopped instance left, before its own change', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const crashing = trackerOn(stoppingStore(underlying, storesChange, { landed: true }), [], clock)
    await expect(crashing.ingestResult(result(ship([label])))).rejects.toThrow('the process stops here')
    later(clock, LEASE_MS + 1)
    const log: string[] = []
    await trackerOn(underlying, log, clock).ingestResult(payload())
    expect(log).toEqual(['update:1', 'update:1', 'anomaly:fallback_zone', 'alert:delivered'])
  })

  it('a stop before the announced entry is removed: announced again once (at least once), then never again', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const crashing = trackerOn(stoppingStore(underlying, removesAnnounced, { landed: false }), log, clock)
    await expect(crashing.ingestResult(payload())).rejects.toThrow('the process stops here')
    expect(log).toEqual(['update:2', 'anomaly:fallback_zone', 'alert:delivered'])

    later(clock, LEASE_MS + 1)
    const restarted = trackerOn(underlying, log, clock)
    expect(await restarted.drainOutbox()).toBe(1)
    await restarted.ingestResult(payload())
    expect(await restarted.drainOutbox()).toBe(0)
    expect(await restarted.checkTimers()).toEqual([])
    expect(log).toEqual([
      'update:2',
      'anomaly:fallback_zone',
      'alert:delivered',
      'update:2',
      'anomaly:fallback_zone',
      'alert:delivered',
    ])
    const keys: string[] = []
    for await (const key of underlying.keys('tracker:outbox:')) keys.push(key)
    expect(keys).toEqual([])
  })
})

describe('checkTimers alerts survive a stop (regression: the dedupe key said "raised" before the alert was)', () => {
  it('a stop right after a stalled alert is recorded: announced once by a drain after the lease, never raised again', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    await trackerOn(underlying, [], clock).ingestResult(result(ship([label])))
    clock.now = new Date('2024-03-10T00:00:00Z') // 72 h without news in pre_transit: stalled

    const before: string[] = []
    const crashing = trackerOn(stoppingStore(underlying, storesChange, { landed: true }), before, clock)
    await expect(crashing.checkTimers()).rejects.toThrow('the process stops here')
    expect(before).toEqual([])

    const after: string[] = []
    const restarted = trackerOn(underlying, after, clock, { timersLeaseMs: 50 })
    await new Promise((resolve) => setTimeout(resolve, 80)) // the stopped run's timers lease ends
    expect(await restarted.checkTimers()).toEqual([]) // recorded already: waits in the outbox
    later(clock, LEASE_MS + 1)
    expect(await restarted.drainOutbox()).toBe(1)
    expect(await restarted.checkTimers()).toEqual([])
    expect(after).toEqual(['alert:stalled'])
  })

  it('two concurrent checkTimers on a slow store announce a stalled alert once', async () => {
    const inner = memoryStore()
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const slow: Store = {
      get: async (key) => {
        await pause(1)
        return inner.get(key)
      },
      keys: (prefix) => inner.keys(prefix),
      delete: (key) => inner.delete(key),
      set: async (key, value, o) => {
        await pause(5)
        return inner.set(key, value, o)
      },
      setIfAbsent: async (key, value, o) => {
        await pause(1)
        return inner.setIfAbsent(key, value, o)
      },
      update: (keys, fn) =>
        inner.update(keys, async (tx) => {
          await pause(3)
          return fn(tx)
        }),
    }
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    const log: string[] = []
    const first = trackerOn(slow, log, clock)
    const second = trackerOn(slow, log, clock)
    await first.ingestResult(result(ship([label])))
    clock.now = new Date('2024-03-10T00:00:00Z')
    const [a, b, c] = await Promise.all([first.checkTimers(), second.checkTimers(), first.checkTimers()])
    expect([...a, ...b, ...c].map((x) => x.kind)).toEqual(['stalled'])
    expect(await second.checkTimers()).toEqual([])
    expect(log).toEqual(['update:1', 'alert:stalled'])
  })
})

describe('a store written by the previous layout (one key per shipment) is upgraded in place', () => {
  it('keeps its shipments and generations, and an announced alert is never announced again', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    // Written as version 1 wrote it.
    const old = ship([label])
    await underlying.set('tracker:shipment:acme:A1:', {
      shipment: old,
      updatedAt: '2024-03-01T09:00:00.000Z',
    } as unknown as StoreValue)
    await underlying.set('tracker:index:acme:A1:acme:A1:', 'acme:A1:')
    await underlying.set('tracker:generations:acme:A1:', 1)
    await underlying.set(`tracker:alert:acme:A1::stalled:${label.id}`, '2024-03-09T00:00:00.000Z')
    clock.now = new Date('2024-03-10T00:00:00Z')
    const log: string[] = []
    const tracker = trackerOn(underlying, log, clock)
    expect((await tracker.get('acme', 'A1')).map((s) => s.events.length)).toEqual([1])
    expect(await tracker.checkTimers()).toEqual([])
    expect(log).toEqual([])
    const left: string[] = []
    for await (const key of underlying.keys('tracker:')) left.push(key)
    expect(left).toEqual(['tracker:layout', 'tracker:number:acme:A1'])
  })
})

describe('a listener that throws on an alert (regression: the alert was marked raised and lost)', () => {
  it('the alert is announced again when the shipment is next touched, then never again', async () => {
    const store = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const tracker = trackerOn(store, log, clock)
    let failures = 1
    tracker.on('alert', () => {
      if (failures-- > 0) throw new Error('listener failed')
    })
    await expect(tracker.ingestResult(payload())).rejects.toThrow('listener failed')
    await tracker.ingestResult(payload())
    await tracker.ingestResult(payload())
    expect(await tracker.checkTimers()).toEqual([])
    // the first listener saw the alert before the second threw; the retry announces it to both
    expect(log.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered', 'alert:delivered'])
    expect(log.filter((e) => e.startsWith('update:'))).toHaveLength(2)
  })

  it('a drain announces it without waiting for the next ingest', async () => {
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const tracker = trackerOn(memoryStore(), log, clock)
    let failures = 1
    tracker.on('alert', () => {
      if (failures-- > 0) throw new Error('listener failed')
    })
    await expect(tracker.ingestResult(payload())).rejects.toThrow('listener failed')
    expect(await tracker.drainOutbox()).toBe(1) // released at once: no lease to wait for
    expect(log.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered', 'alert:delivered'])
  })
})

describe('a listener that keeps throwing (regression: it blocked every later ingest of that shipment)', () => {
  const picked = ev('picked_up', '2024-03-02T09:00:00Z')
  it('new events are still merged and stored, and every change is announced, in order, once the listener recovers', async () => {
    const store = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const tracker = trackerOn(store, log, clock)
    let broken = true
    tracker.on('update', () => {
      if (broken) throw new Error('listener down')
    })
    await expect(tracker.ingestResult(result(ship([label])))).rejects.toThrow('listener down')
    // The first change could not be announced: the next ingest still stores its new event, then reports the error.
    await expect(tracker.ingestResult(result(ship([label, picked])))).rejects.toThrow('listener down')
    const [stored] = await tracker.get('acme', 'A1')
    expect(stored?.events.map((e) => e.milestone)).toEqual(['label_created', 'picked_up'])
    broken = false
    await tracker.ingestResult(result(ship([label, picked, delivered])))
    // label (tried twice before), picked, then delivered: each change once the listener works.
    expect(log.filter((e) => e.startsWith('update:'))).toEqual([
      'update:1',
      'update:1',
      'update:1',
      'update:1',
      'update:1',
    ])
    expect(log.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered'])
    await tracker.ingestResult(result(ship([label, picked, delivered])))
    expect(log.filter((e) => e.startsWith('update:'))).toHaveLength(5)
  })

  it('every listener is called even when one throws, and the error still reaches the caller', async () => {
    const tracker = trackerOn(memoryStore(), [], { now: new Date('2024-03-10T00:00:00Z') })
    const seen: string[] = []
    tracker.on('update', () => {
      throw new Error('first listener failed')
    })
    tracker.on('update', () => seen.push('second'))
    await expect(tracker.ingestResult(result(ship([label])))).rejects.toThrow('first listener failed')
    expect(seen).toEqual(['second'])
  })
})
