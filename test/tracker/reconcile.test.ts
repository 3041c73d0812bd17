import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'

function setup(start = '2024-03-01T08:00:00Z') {
  const clock = { now: new Date(start) }
  const tracker = createTracker({
    adapters: [],
    store: memoryStore(),
    now: () => clock.now,
    outbox: { drainEveryMs: 0 },
  })
  const alerts: string[] = []
  const anomalies: string[] = []
  tracker.on('alert', (a) => alerts.push(a.kind))
  tracker.on('anomaly', ({ anomaly }) => anomalies.push(anomaly.kind))
  return { tracker, clock, alerts, anomalies }
}

const handover = (over: Record<string, unknown> = {}) => ({
  type: 'handed_over' as const,
  occurredAt: '2024-03-01T09:00:00Z',
  orderId: 'ORD-1',
  carrier: 'acme',
  trackingNumber: 'A1',
  ...over,
})

describe("the shipper's own events, reconciled with the carrier's", () => {
  it('a handover with no carrier scan within 24 h raises missed_pickup once, even before the carrier reports anything', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([handover()])
    t.clock.now = new Date('2024-03-02T08:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
    t.clock.now = new Date('2024-03-02T10:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toEqual(['missed_pickup'])
    expect(await t.tracker.checkTimers()).toEqual([])
    expect(t.alerts).toEqual(['missed_pickup'])
  })

  it('a carrier scan in time means no missed pickup, and counts in the coverage and first-scan lag', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([handover()])
    await t.tracker.ingestResult(
      result(ship([ev('label_created', '2024-03-01T08:00:00Z'), ev('picked_up', '2024-03-01T15:00:00Z')])),
    )
    t.clock.now = new Date('2024-03-03T00:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
    await t.tracker.ingestShipperEvents([handover({ trackingNumber: 'A2', orderId: 'ORD-2' })])
    expect(await t.tracker.reconciliation()).toEqual({
      handedOver: 2,
      reportedByCarrier: 1,
      coverage: 0.5,
      firstScanLagHours: { median: 6, p90: 6, count: 1 },
    })
  })

  it('an order cancelled by id, then delivered by the carrier: scan_after_cancel and a critical delivered_after_cancel', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([handover()])
    // The cancellation names only the order: it follows the order to its tracking number.
    await t.tracker.ingestShipperEvents([
      { type: 'order_cancelled', occurredAt: '2024-03-01T10:00:00Z', orderId: 'ORD-1' },
    ])
    await t.tracker.ingestResult(
      result(ship([ev('picked_up', '2024-03-01T12:00:00Z'), ev('delivered', '2024-03-02T12:00:00Z')])),
    )
    expect(t.anomalies).toContain('scan_after_cancel')
    expect(t.alerts).toEqual(['delivered', 'delivered_after_cancel'])
    const [shipment] = await t.tracker.get('acme', 'A1')
    expect(shipment?.anomalies?.map((a) => a.kind)).toContain('scan_after_cancel')
  })

  it('a cancellation that arrives after the delivery is reconciled at once', async () => {
    const t = setup()
    await t.tracker.ingestResult(
      result(ship([ev('picked_up', '2024-03-01T12:00:00Z'), ev('delivered', '2024-03-02T12:00:00Z')])),
    )
    await t.tracker.ingestShipperEvents([
      {
        type: 'order_cancelled',
        occurredAt: '2024-03-01T10:00:00Z',
        orderId: 'ORD-9',
        carrier: 'acme',
        trackingNumber: 'A1',
      },
    ])
    expect(t.alerts).toEqual(['delivered', 'delivered_after_cancel'])
  })

  it('pieces or weight that differ from the manifest beyond the tolerance are a manifest_mismatch', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([handover({ pieces: 2, weightKg: 10 })])
    await t.tracker.ingestResult(
      result(
        ship([ev('picked_up', '2024-03-01T12:00:00Z')], { pieces: 1, weight: { value: 22.05, unit: 'lb' } }),
      ),
    )
    const [shipment] = await t.tracker.get('acme', 'A1')
    const mismatch = shipment?.anomalies?.find((a) => a.kind === 'manifest_mismatch')
    expect(mismatch?.message).toMatch(/pieces 2 declared, 1 reported/)
    expect(mismatch?.message).not.toMatch(/weight/) // 22.05 lb = 10.0 kg, within 10 %
  })

  it('a return the carrier delivered back, not received by the shipper within 7 days, raises return_not_received', async () => {
    const t = setup('2024-03-12T00:00:00Z')
    await t.tracker.ingestShipperEvents([handover()])
    await t.tracker.ingestResult(
      result(ship([ev('picked_up', '2024-03-01T12:00:00Z'), ev('returned', '2024-03-10T12:00:00Z')])),
    )
    expect(await t.tracker.checkTimers()).toEqual([])
    t.clock.now = new Date('2024-03-20T00:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toEqual(['return_not_received'])
    await t.tracker.ingestShipperEvents([
      { type: 'return_received', occurredAt: '2024-03-21T09:00:00Z', orderId: 'ORD-1' },
    ])
    t.clock.now = new Date('2024-03-25T00:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
  })

  it('refuses an event that cannot be linked, naming where', async () => {
    const t = setup()
    const error = await t.tracker
      .ingestShipperEvents([handover(), { type: 'packed', occurredAt: '2024-03-01T09:00:00Z' }])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toMatch(/shipperEvents\[1\]\.orderId/)
  })

  it('the same events sent twice change nothing', async () => {
    const t = setup()
    expect((await t.tracker.ingestShipperEvents([handover()])).added).toBe(1)
    expect((await t.tracker.ingestShipperEvents([handover()])).added).toBe(0)
  })
})
