import { describe, expect, it } from 'vitest'
import { memoryStore, type Store, type StoreValue } from '../../src/store/index.js'
import { createTracker, type TrackerOptions } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'

type Write = { op: 'set' | 'setIfAbsent'; key: string; value: StoreValue }

/**
 * A store whose process stops at the first write `stopsAt` picks: the write lands (`landed: true`) or not, then it
 * throws, and every later write throws too (the process is gone). Reads go through to the underlying store.
 */
function stoppingStore(
  inner: Store,
  stopsAt: (write: Write) => boolean,
  { landed }: { landed: boolean },
): Store & { readonly stopped: boolean } {
  let stopped = false
  const write = async <T>(w: Write, apply: () => Promise<T>): Promise<T> => {
    if (stopped) throw new Error('the process has stopped')
    if (!stopsAt(w)) return apply()
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
    delete: (key) => inner.delete(key),
    set: (key, value) => write({ op: 'set', key, value }, () => inner.set(key, value)),
    setIfAbsent: (key, value) =>
      write({ op: 'setIfAbsent', key, value }, () => inner.setIfAbsent(key, value)),
  }
}

const isRecord = (w: Write) => w.key.startsWith('tracker:shipment:')
const hasOutbox = (w: Write) => (w.value as { pending?: unknown } | null)?.pending !== undefined
const isAlertKey = (w: Write) => w.key.startsWith('tracker:alert:')

/** A tracker on `store` that appends what it emits to `log` as `type:detail`. */
function trackerOn(store: Store, log: string[], clock: { now: Date }, options: Partial<TrackerOptions> = {}) {
  const tracker = createTracker({ adapters: [], store, now: () => clock.now, ...options })
  tracker.on('update', ({ added }) => log.push(`update:${added.length}`))
  tracker.on('anomaly', ({ anomaly }) => log.push(`anomaly:${anomaly.kind}`))
  tracker.on('alert', (alert) => log.push(`alert:${alert.kind}`))
  return tracker
}

const label = ev('label_created', '2024-03-01T08:00:00Z')
const delivered = ev('delivered', '2024-03-03T10:00:00Z', { zoneSource: 'fallback' })
/** A change that brings an update, a new anomaly (fallback_zone) and a transition alert (delivered). */
const payload = () => result(ship([label, delivered]))

describe('alerts and anomalies of a change survive a stop (regression: lost when the process stopped)', () => {
  it('a stop right after the change is stored: the restarted tracker announces update, anomaly and alert once', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const before: string[] = []
    const crashing = trackerOn(
      stoppingStore(underlying, (w) => isRecord(w) && hasOutbox(w), { landed: true }),
      before,
      clock,
    )
    await expect(crashing.ingestResult(payload())).rejects.toThrow('the process stops here')
    expect(before).toEqual([])

    const after: string[] = []
    const restarted = trackerOn(underlying, after, clock)
    await restarted.ingestResult(payload())
    expect(after).toEqual(['update:2', 'anomaly:fallback_zone', 'alert:delivered'])
    await restarted.ingestResult(payload())
    expect(await restarted.checkTimers()).toEqual([])
    expect(after).toHaveLength(3)
  })

  it('a stop at the write that clears the outbox: the alert is not lost and not announced twice', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const crashing = trackerOn(
      stoppingStore(underlying, (w) => isRecord(w) && !hasOutbox(w), { landed: false }),
      log,
      clock,
    )
    await expect(crashing.ingestResult(payload())).rejects.toThrow('the process stops here')

    const restarted = trackerOn(underlying, log, clock)
    await restarted.ingestResult(payload())
    await restarted.ingestResult(payload())
    expect(await restarted.checkTimers()).toEqual([])
    // Updates and anomalies are announced at least once (again after the restart); the alert exactly once.
    expect(log.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered'])
    expect(log.filter((e) => e.startsWith('anomaly:'))).toEqual([
      'anomaly:fallback_zone',
      'anomaly:fallback_zone',
    ])
    const records = []
    for await (const record of restarted.records()) records.push(record)
    expect(records.map((r) => r.pending)).toEqual([undefined])
  })

  it('a stop right after the alert key is claimed: the restarted tracker announces the alert once', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const before: string[] = []
    const crashing = trackerOn(stoppingStore(underlying, isAlertKey, { landed: true }), before, clock)
    await expect(crashing.ingestResult(payload())).rejects.toThrow('the process stops here')
    expect(before.filter((e) => e.startsWith('alert:'))).toEqual([])

    const after: string[] = []
    const restarted = trackerOn(underlying, after, clock)
    await restarted.ingestResult(payload())
    await restarted.ingestResult(payload())
    expect(await restarted.checkTimers()).toEqual([])
    expect(after.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered'])
    const keys: string[] = []
    for await (const key of underlying.keys('tracker:alert:')) keys.push(key)
    expect(keys).toHaveLength(1)
    expect(await underlying.get(keys[0]!)).toBe('2024-03-10T00:00:00.000Z') // the final value: announced
  })
})

describe('checkTimers alerts survive a stop (regression: the dedupe key said "raised" before the alert was)', () => {
  it('a stop right after a stalled alert key is claimed: the next checkTimers announces it once', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    const seed = trackerOn(underlying, [], clock)
    await seed.ingestResult(result(ship([label])))
    clock.now = new Date('2024-03-10T00:00:00Z') // 72 h without news in pre_transit: stalled

    const before: string[] = []
    const crashing = trackerOn(stoppingStore(underlying, isAlertKey, { landed: true }), before, clock)
    await expect(crashing.checkTimers()).rejects.toThrow('the process stops here')
    expect(before).toEqual([])

    const after: string[] = []
    const restarted = trackerOn(underlying, after, clock)
    expect((await restarted.checkTimers()).map((a) => a.kind)).toEqual(['stalled'])
    expect(await restarted.checkTimers()).toEqual([])
    expect(await trackerOn(underlying, after, clock).checkTimers()).toEqual([])
    expect(after).toEqual(['alert:stalled'])
  })

  it('an alert key holding a plain raisedAt (as older versions wrote it) means announced: never announced again', async () => {
    const underlying = memoryStore()
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    await trackerOn(underlying, [], clock).ingestResult(result(ship([label])))
    clock.now = new Date('2024-03-10T00:00:00Z')
    const dedupeKey = `acme:A1::stalled:${label.id}`
    await underlying.set(`tracker:alert:${dedupeKey}`, '2024-03-09T00:00:00.000Z')
    const log: string[] = []
    expect(await trackerOn(underlying, log, clock).checkTimers()).toEqual([])
    expect(log).toEqual([])
    expect(await underlying.get(`tracker:alert:${dedupeKey}`)).toBe('2024-03-09T00:00:00.000Z')
  })

  it('two concurrent checkTimers of one tracker on a slow store announce a stalled alert once', async () => {
    const inner = memoryStore()
    const slow: Store = {
      get: async (key) => {
        await new Promise((r) => setTimeout(r, 1))
        return inner.get(key)
      },
      keys: (prefix) => inner.keys(prefix),
      delete: (key) => inner.delete(key),
      set: async (key, value) => {
        await new Promise((r) => setTimeout(r, 5))
        return inner.set(key, value)
      },
      setIfAbsent: async (key, value) => {
        await new Promise((r) => setTimeout(r, 1))
        return inner.setIfAbsent(key, value)
      },
    }
    const clock = { now: new Date('2024-03-01T09:00:00Z') }
    const log: string[] = []
    const tracker = trackerOn(slow, log, clock)
    await tracker.ingestResult(result(ship([label])))
    clock.now = new Date('2024-03-10T00:00:00Z')
    const [a, b] = await Promise.all([tracker.checkTimers(), tracker.checkTimers()])
    expect([...a, ...b].map((x) => x.kind)).toEqual(['stalled'])
    expect(log).toEqual(['update:1', 'alert:stalled'])
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
})

describe('a listener that keeps throwing (regression: it blocked every later ingest of that shipment)', () => {
  const picked = ev('picked_up', '2024-03-02T09:00:00Z')
  it('new events are still merged and stored, and everything is announced once the listener recovers', async () => {
    const store = memoryStore()
    const clock = { now: new Date('2024-03-10T00:00:00Z') }
    const log: string[] = []
    const tracker = trackerOn(store, log, clock)
    let broken = true
    tracker.on('update', () => {
      if (broken) throw new Error('listener down')
    })
    await expect(tracker.ingestResult(result(ship([label])))).rejects.toThrow('listener down')
    // The outbox could not be announced: the next ingest still stores its new event, then reports the error.
    await expect(tracker.ingestResult(result(ship([label, picked])))).rejects.toThrow('listener down')
    const [stored] = await tracker.get('acme', 'A1')
    expect(stored?.events.map((e) => e.milestone)).toEqual(['label_created', 'picked_up'])
    broken = false
    await tracker.ingestResult(result(ship([label, picked, delivered])))
    // The carried update (label, then picked) is announced once before the new one (delivered).
    expect(log.filter((e) => e.startsWith('update:'))).toEqual([
      'update:1',
      'update:1',
      'update:2',
      'update:1',
    ])
    expect(log.filter((e) => e.startsWith('alert:'))).toEqual(['alert:delivered'])
    await tracker.ingestResult(result(ship([label, picked, delivered])))
    expect(log.filter((e) => e.startsWith('update:'))).toHaveLength(4)
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
