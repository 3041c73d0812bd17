import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/store/index.js'
import { createTracker, type TrackerEvent } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'
import { setup } from './setup.js'

const label = ev('label_created', '2024-03-01T08:00:00Z')
const pickup = ev('picked_up', '2024-03-01T12:00:00Z')
const arrived = ev('arrived_at_facility', '2024-03-02T03:00:00Z', {
  location: { city: 'Memphis', countryCode: 'US' },
})

describe('on(): emits only what changed', () => {
  it('emits an update with the new events only, nothing for a repeat, and stops after unsubscribe', async () => {
    const t = setup()
    await t.tracker.ingestResult(result(ship([label, pickup])))
    await t.tracker.ingestResult(result(ship([label, pickup])))
    expect(t.updates).toHaveLength(1)
    expect(t.updates[0]?.added.map((e) => e.id)).toEqual([label.id, pickup.id])
    expect(t.updates[0]?.previous).toBeUndefined()

    await t.tracker.ingestResult(result(ship([label, pickup, arrived])))
    expect(t.updates).toHaveLength(2)
    expect(t.updates[1]?.added.map((e) => e.id)).toEqual([arrived.id])
    expect(t.updates[1]?.previous?.events).toHaveLength(2)

    // the same scan from an EDI file: no new event, but the event gains an audit record
    const fromEdi = {
      ...arrived,
      id: 'edi-copy',
      precision: 'minute' as const,
      raw: { source: 'edi' as const, code: 'X1' },
    }
    await t.tracker.ingestResult(result(ship([fromEdi])))
    expect(t.updates).toHaveLength(3)
    expect(t.updates[2]?.added).toEqual([])
    expect(t.updates[2]?.enriched.map((e) => e.id)).toEqual([arrived.id])
    await t.tracker.ingestResult(result(ship([fromEdi])))
    expect(t.updates).toHaveLength(3)

    const seen: string[] = []
    const off = t.tracker.on('update', ({ added }) => seen.push(...added.map((e) => e.id)))
    off()
    await t.tracker.ingestResult(result(ship([ev('out_for_delivery', '2024-03-03T08:00:00Z')])))
    expect(seen).toEqual([])
    expect(t.updates).toHaveLength(4)
  })

  it('re-ingesting a delivered shipment with anomalies emits nothing (regression: key order made it look changed)', async () => {
    const t = setup({}, '2024-03-10T00:00:00Z')
    const payload = result(
      ship(
        [
          label,
          ev('in_transit', '2024-03-02T10:00:00-05:00', { zoneSource: 'fallback' }),
          ev('delivered', '2024-03-03T10:00:00Z'),
        ],
        {
          estimatedDelivery: { from: '2024-03-03T00:00:00Z', precision: 'day' },
          service: { name: 'Ground' },
        },
      ),
    )
    await t.tracker.ingestResult(payload)
    const counts = [t.updates.length, t.alerts.length, t.anomalies.length]
    for (let i = 0; i < 3; i++) await t.tracker.ingestResult(structuredClone(payload))
    expect([t.updates.length, t.alerts.length, t.anomalies.length]).toEqual(counts)
    expect(counts).toEqual([1, 1, 1])
  })
})

describe('events(): the async iterator', () => {
  it('yields update, anomaly and alert in order, and ends when the signal aborts', async () => {
    const t = setup({}, '2024-03-10T00:00:00Z')
    const controller = new AbortController()
    const iterator = t.tracker.events(controller.signal)
    await t.tracker.ingestResult(result(ship([label])))
    await t.tracker.ingestResult(result(ship([label])))
    await t.tracker.ingestResult(
      result(ship([label, ev('delivered', '2024-03-03T10:00:00Z', { zoneSource: 'fallback' })])),
    )
    const got: TrackerEvent[] = []
    for (let i = 0; i < 4; i++) {
      const next = await iterator.next()
      if (!next.done) got.push(next.value)
    }
    expect(got.map((e) => e.type)).toEqual(['update', 'update', 'anomaly', 'alert'])
    const pending = iterator.next()
    controller.abort()
    expect(await pending).toEqual({ value: undefined, done: true })
    await t.tracker.ingestResult(result(ship([ev('returning', '2024-03-04T10:00:00Z')])))
    expect(await iterator.next()).toEqual({ value: undefined, done: true })
  })

  it('breaking out of a for-await loop ends the iteration', async () => {
    const t = setup({}, '2024-03-10T00:00:00Z')
    const types: string[] = []
    const consume = (async () => {
      for await (const event of t.tracker.events()) {
        types.push(event.type)
        if (types.length === 2) break
      }
    })()
    await t.tracker.ingestResult(result(ship([label])))
    await t.tracker.ingestResult(result(ship([label, ev('out_for_delivery', '2024-03-03T08:00:00Z')])))
    await consume
    expect(types).toEqual(['update', 'update'])
  })
})

describe('recycled numbers and carrier shipment ids', () => {
  const old = [
    ev('label_created', '2024-01-01T08:00:00Z'),
    ev('picked_up', '2024-01-02T08:00:00Z'),
    ev('delivered', '2024-01-04T08:00:00Z'),
  ]
  const fresh = [ev('label_created', '2024-04-03T08:00:00Z'), ev('picked_up', '2024-04-04T08:00:00Z')]

  it('a terminal shipment and a new label 90 days later become two shipments, each with its own alerts', async () => {
    const t = setup({}, '2024-04-05T00:00:00Z')
    await t.tracker.ingestResult(result(ship(old)))
    await t.tracker.ingestResult(result(ship(fresh)))
    await t.tracker.ingestResult(result(ship([...fresh, ev('delivered', '2024-04-06T08:00:00Z')])))
    const shipments = await t.tracker.get('acme', 'a1')
    expect(shipments).toHaveLength(2)
    const [first, second] = shipments.sort((a, b) =>
      a.events[0]!.occurredAt.localeCompare(b.events[0]!.occurredAt),
    )
    expect(first?.events.map((e) => e.id)).toEqual(old.map((e) => e.id))
    expect(second?.events.map((e) => e.occurredAt.slice(0, 10))).toEqual([
      '2024-04-03',
      '2024-04-04',
      '2024-04-06',
    ])
    expect(t.alerts.filter((a) => a.kind === 'delivered')).toHaveLength(2)
  })

  it('keeps a report 30 days after delivery in the same shipment (under recycleAfterDays)', async () => {
    const t = setup()
    await t.tracker.ingestResult(result(ship(old)))
    await t.tracker.ingestResult(result(ship([ev('returning', '2024-02-03T08:00:00Z')])))
    expect(await t.tracker.get('acme', 'A1')).toHaveLength(1)
  })

  it('a late replay of the old shipment after the number was recycled stays in the old shipment', async () => {
    const t = setup({}, '2024-04-05T00:00:00Z')
    await t.tracker.ingestResult(result(ship(old)))
    await t.tracker.ingestResult(result(ship(fresh)))
    await t.tracker.ingestResult(result(ship(old.slice(0, 2))))
    const shipments = await t.tracker.get('acme', 'A1')
    expect(shipments.map((s) => s.events.length).sort()).toEqual([2, 3])
    expect(
      shipments.every((s) =>
        s.events.every((e) => e.occurredAt.slice(0, 7) === s.events[0]!.occurredAt.slice(0, 7)),
      ),
    ).toBe(true)
  })

  it('keeps two shipments apart by carrierShipmentId (FedEx reuses numbers), even with identical scans', async () => {
    const t = setup()
    const a = ship([label, pickup], { carrierShipmentId: '12345~A1~FDEG' })
    const b = ship([label, arrived], { carrierShipmentId: '67890~A1~FDEG' })
    await t.tracker.ingestResult(result(a, b))
    await t.tracker.ingestResult(result(a, b))
    const shipments = await t.tracker.get('acme', 'A1')
    expect(shipments.map((s) => [s.carrierShipmentId, s.events.length]).sort()).toEqual([
      ['12345~A1~FDEG', 2],
      ['67890~A1~FDEG', 2],
    ])
    expect(t.updates).toHaveLength(2)
  })

  describe('reports with and without the carrier shipment id (regression: one package split in two)', () => {
    const id = '12345~A1~FDEG'
    const withId = (events: Parameters<typeof ship>[0]) => ship(events, { carrierShipmentId: id })
    // the same scan relayed by an aggregator: another source, no carrier shipment id, so another event id
    const relayed = ev('picked_up', '2024-03-01T12:00:00Z', { raw: { source: 'webhook', code: 'PU' } })

    it('a report with the id takes over the shipment first seen without it', async () => {
      const t = setup()
      await t.tracker.ingestResult(result(ship([label, relayed])))
      await t.tracker.ingestResult(result(withId([label, pickup, arrived])))
      const shipments = await t.tracker.get('acme', 'A1')
      expect(shipments).toHaveLength(1)
      expect(shipments[0]?.carrierShipmentId).toBe(id)
      expect(shipments[0]?.events.map((e) => e.milestone)).toEqual([
        'label_created',
        'picked_up',
        'arrived_at_facility',
      ])
      expect(shipments[0]?.events[1]?.alsoReportedBy?.map((r) => r.source) ?? []).toContain('rest')
      let count = 0
      for await (const _ of t.tracker.shipments()) count++
      expect(count).toBe(1)
    })

    it('a report without the id joins the shipment known with it', async () => {
      const t = setup()
      await t.tracker.ingestResult(result(withId([label, pickup])))
      await t.tracker.ingestResult(result(ship([relayed, arrived])))
      const shipments = await t.tracker.get('acme', 'A1')
      expect(shipments).toHaveLength(1)
      expect(shipments[0]?.carrierShipmentId).toBe(id)
      expect(shipments[0]?.events.map((e) => e.milestone)).toEqual([
        'label_created',
        'picked_up',
        'arrived_at_facility',
      ])
    })

    it('with two ids (a recycled number), a report without one goes to the shipment active last', async () => {
      const t = setup()
      const older = ship([label, pickup], { carrierShipmentId: 'OLD~A1~FDEG' })
      await t.tracker.ingestResult(result(older, withId([label, arrived])))
      await t.tracker.ingestResult(result(ship([ev('out_for_delivery', '2024-03-02T09:00:00Z')])))
      const shipments = await t.tracker.get('acme', 'A1')
      expect(shipments.map((s) => [s.carrierShipmentId, s.events.length]).sort()).toEqual([
        [id, 3],
        ['OLD~A1~FDEG', 2],
      ])
    })

    it('a report with an id long after a finished shipment without one opens a new shipment', async () => {
      const t = setup({}, '2024-06-01T00:00:00Z')
      await t.tracker.ingestResult(result(ship([label, ev('delivered', '2024-03-03T10:00:00Z')])))
      await t.tracker.ingestResult(result(withId([ev('label_created', '2024-05-20T08:00:00Z')])))
      const shipments = await t.tracker.get('acme', 'A1')
      expect(shipments.map((s) => s.carrierShipmentId ?? 'none').sort()).toEqual([id, 'none'])
    })
  })
})

describe('an update stored but not announced (regression: lost when the process stopped in between)', () => {
  it('is announced once by the next tracker on the same store, then never again', async () => {
    const store = memoryStore()
    const crashing = createTracker({ adapters: [], store })
    crashing.on('update', () => {
      throw new Error('the process stops here') // after the store write, before the announcement is done
    })
    await expect(crashing.ingestResult(result(ship([label, pickup])))).rejects.toThrow(
      'the process stops here',
    )

    const restarted = createTracker({ adapters: [], store })
    const updates: string[][] = []
    restarted.on('update', ({ added }) => updates.push(added.map((e) => e.id)))
    await restarted.ingestResult(result(ship([label, pickup])))
    await restarted.ingestResult(result(ship([label, pickup])))
    expect(updates).toEqual([[label.id, pickup.id]])
    expect(await restarted.drainOutbox()).toBe(0) // nothing left to announce
  })
})
