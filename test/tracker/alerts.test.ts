import { describe, expect, it } from 'vitest'
import type { DeliveryWindow, TrackingEvent } from '../../src/model/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { ev, result, ship } from './build.js'
import { setup } from './setup.js'

const day = (date: string): DeliveryWindow => ({ from: `${date}T00:00:00Z`, precision: 'day' })

/** What a poll returns: the whole history so far. */
function history(events: TrackingEvent[], estimatedDelivery?: DeliveryWindow, extra = {}) {
  return result(ship(events, { ...(estimatedDelivery ? { estimatedDelivery } : {}), ...extra }))
}

describe('status alerts', () => {
  it('raises each status alert once as the shipment moves, and nothing on repeated polls', async () => {
    const t = setup()
    const timeline = [
      ev('label_created', '2024-03-01T08:00:00Z'),
      ev('picked_up', '2024-03-01T12:00:00Z'),
      ev('weather_delay', '2024-03-02T08:00:00Z'),
      ev('out_for_delivery', '2024-03-03T08:00:00Z'),
      ev('delivery_attempted', '2024-03-03T15:00:00Z'),
      ev('available_for_pickup', '2024-03-04T09:00:00Z'),
      ev('delivered', '2024-03-05T11:00:00Z'),
    ]
    for (let i = 1; i <= timeline.length; i++) {
      await t.tracker.ingestResult(history(timeline.slice(0, i)))
      await t.tracker.ingestResult(history(timeline.slice(0, i))) // the same poll again
    }
    expect(t.alerts.map((a) => a.kind)).toEqual([
      'exception',
      'out_for_delivery',
      'delivery_attempted',
      'available_for_pickup',
      'delivered',
    ])
    expect(t.alerts.map((a) => a.severity)).toEqual(['warning', 'info', 'warning', 'info', 'info'])
    expect(t.alerts[0]).toMatchObject({ carrier: 'acme', trackingNumber: 'A1', eventId: timeline[2]!.id })
    expect(new Set(t.alerts.map((a) => a.dedupeKey)).size).toBe(5)
    // replaying the whole history from scratch raises nothing new
    await t.tracker.ingestResult(history(timeline))
    expect(await t.tracker.checkTimers()).toEqual([])
    expect(t.alerts).toHaveLength(5)
  })

  it('raises nothing again from a new tracker on the same store (a restarted process)', async () => {
    const t = setup({}, '2024-03-03T09:00:00Z')
    const payload = history([
      ev('picked_up', '2024-03-01T12:00:00Z'),
      ev('out_for_delivery', '2024-03-03T08:00:00Z'),
    ])
    await t.tracker.ingestResult(payload)
    expect(t.alerts.map((a) => a.kind)).toEqual(['out_for_delivery'])
    const restarted = createTracker({ adapters: [], store: t.store, now: () => t.clock.now })
    const emitted: string[] = []
    for (const type of ['update', 'alert', 'anomaly'] as const) restarted.on(type, () => emitted.push(type))
    await restarted.ingestResult(payload)
    expect(await restarted.checkTimers()).toEqual([])
    expect(emitted).toEqual([])
    // the first tracker's stalled alert is shared too: raised by one process, not again by the other
    t.at('2024-03-04T00:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toEqual(['stalled'])
    expect(await restarted.checkTimers()).toEqual([])
  })

  it('raises a returned alert when a delivery is refused', async () => {
    const t = setup()
    await t.tracker.ingestResult(
      history([ev('out_for_delivery', '2024-03-01T08:00:00Z'), ev('refused', '2024-03-01T10:00:00Z')]),
    )
    expect(t.alerts.map((a) => a.kind)).toEqual(['returned'])
  })

  it('raises a second attempt as a new alert (a new event), but a webhook repeat of the same attempt as nothing', async () => {
    const t = setup()
    const first = ev('delivery_attempted', '2024-03-03T15:00:00Z')
    const second = ev('delivery_attempted', '2024-03-04T15:00:00Z')
    await t.tracker.ingestResult(history([first]))
    await t.tracker.ingestResult(
      history([{ ...first, id: 'other-id', raw: { source: 'webhook', code: 'DA' } }]),
    )
    await t.tracker.ingestResult(history([first, second]))
    expect(t.alerts.map((a) => [a.kind, a.eventId])).toEqual([
      ['delivery_attempted', first.id],
      ['delivery_attempted', second.id],
    ])
  })

  it('honours disabled kinds and severity overrides', async () => {
    const t = setup({ alerts: { disabled: ['out_for_delivery'], severity: { delivered: 'warning' } } })
    await t.tracker.ingestResult(history([ev('out_for_delivery', '2024-03-01T08:00:00Z')]))
    await t.tracker.ingestResult(
      history([ev('out_for_delivery', '2024-03-01T08:00:00Z'), ev('delivered', '2024-03-01T12:00:00Z')]),
    )
    expect(t.alerts.map((a) => [a.kind, a.severity])).toEqual([['delivered', 'warning']])
  })
})

describe('estimate alerts', () => {
  const moving = [ev('picked_up', '2024-03-01T12:00:00Z')]

  it('raises eta_later once when the estimate moves later, not when it moves earlier or repeats', async () => {
    const t = setup()
    await t.tracker.ingestResult(history(moving, day('2024-03-05')))
    await t.tracker.ingestResult(history(moving, day('2024-03-04'))) // earlier: fine
    await t.tracker.ingestResult(history(moving, day('2024-03-06'))) // later
    await t.tracker.ingestResult(history(moving, day('2024-03-06'))) // same again
    expect(t.alerts.map((a) => a.kind)).toEqual(['eta_later'])
    expect(t.alerts[0]).toMatchObject({
      estimatedDelivery: day('2024-03-06'),
      previousEstimate: day('2024-03-04'),
    })
  })

  it('raises late against the first promise even when the carrier moved the estimate, once', async () => {
    const t = setup({ alerts: { disabled: ['stalled'] } })
    await t.tracker.ingestResult(history(moving, day('2024-03-05')))
    await t.tracker.ingestResult(history(moving, day('2024-03-08')))
    t.at('2024-03-05T23:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([]) // still within the promised day
    t.at('2024-03-06T01:00:00Z')
    const raised = await t.tracker.checkTimers()
    expect(raised.map((a) => [a.kind, a.severity])).toEqual([['late', 'critical']])
    expect(raised[0]?.previousEstimate).toEqual(day('2024-03-05'))
    t.at('2024-03-06T05:00:00Z')
    await t.tracker.ingestResult(
      history([...moving, ev('arrived_at_facility', '2024-03-06T04:00:00Z')], day('2024-03-08')),
    )
    expect(await t.tracker.checkTimers()).toEqual([])
    expect(t.alerts.filter((a) => a.kind === 'late')).toHaveLength(1)
  })

  it('allows all of the last day of a date-only window (regression: `to` was read as midnight)', async () => {
    const t = setup({ alerts: { disabled: ['stalled'] } })
    const window: DeliveryWindow = {
      from: '2024-03-04T00:00:00-05:00',
      to: '2024-03-06T00:00:00-05:00',
      precision: 'day',
    }
    await t.tracker.ingestResult(history(moving, window))
    t.at('2024-03-06T22:00:00-05:00')
    expect(await t.tracker.checkTimers()).toEqual([])
    t.at('2024-03-07T00:30:00-05:00')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toEqual(['late'])
  })

  it('never raises late for a delivered shipment', async () => {
    const t = setup()
    await t.tracker.ingestResult(history(moving, day('2024-03-05')))
    t.at('2024-03-07T00:00:00Z')
    await t.tracker.ingestResult(
      history([...moving, ev('delivered', '2024-03-06T10:00:00Z')], day('2024-03-05')),
    )
    expect(await t.tracker.checkTimers()).toEqual([])
    expect(t.alerts.map((a) => a.kind)).toEqual(['delivered'])
  })
})

describe('stalled', () => {
  const cases = [
    { milestone: 'label_created', quiet: 71, stalled: 73 },
    { milestone: 'in_transit', quiet: 47, stalled: 49 },
    { milestone: 'out_for_delivery', quiet: 11, stalled: 13 },
    { milestone: 'held', quiet: 23, stalled: 25 },
  ] as const
  for (const { milestone, quiet, stalled } of cases) {
    it(`raises stalled for ${milestone} after ${stalled - 1} h without news, once`, async () => {
      const last = ev(milestone, '2024-03-01T00:00:00Z')
      const t = setup()
      await t.tracker.ingestResult(history([last]))
      const before = t.alerts.length
      t.at(new Date(Date.parse(last.occurredAt) + quiet * 3_600_000).toISOString())
      expect(await t.tracker.checkTimers()).toEqual([])
      t.at(new Date(Date.parse(last.occurredAt) + stalled * 3_600_000).toISOString())
      const raised = await t.tracker.checkTimers()
      expect(raised).toEqual([
        expect.objectContaining({ kind: 'stalled', eventId: last.id, hoursSinceLastEvent: stalled }),
      ])
      t.at(new Date(Date.parse(last.occurredAt) + (stalled + 10) * 3_600_000).toISOString())
      expect(await t.tracker.checkTimers()).toEqual([])
      expect(t.alerts.length - before).toBe(1)
    })
  }

  it('uses the service level threshold, and the configured status thresholds', async () => {
    const t = setup({ alerts: { stalledAfterHours: { in_transit: 100, byService: { express: 12 } } } })
    const last = ev('in_transit', '2024-03-01T00:00:00Z')
    await t.tracker.ingestResult(history([last], undefined, { service: { name: 'Express Saver' } }))
    await t.tracker.ingestResult(result(ship([last], { trackingNumber: 'G1', service: { code: 'GROUND' } })))
    t.at('2024-03-01T13:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.trackingNumber)).toEqual(['A1'])
    t.at('2024-03-03T02:00:00Z') // 50 h: over the default 48 but under the configured 100
    expect(await t.tracker.checkTimers()).toEqual([])
    t.at('2024-03-05T05:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.trackingNumber)).toEqual(['G1'])
  })

  it('starts again after a new event, and never fires for a delivered shipment', async () => {
    const t = setup()
    const first = ev('in_transit', '2024-03-01T00:00:00Z')
    await t.tracker.ingestResult(history([first]))
    t.at('2024-03-03T01:00:00Z')
    expect(await t.tracker.checkTimers()).toHaveLength(1)
    const next = ev('arrived_at_facility', '2024-03-03T02:00:00Z')
    await t.tracker.ingestResult(history([first, next]))
    t.at('2024-03-05T03:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([
      expect.objectContaining({ kind: 'stalled', eventId: next.id }),
    ])
    await t.tracker.ingestResult(history([first, next, ev('delivered', '2024-03-05T04:00:00Z')]))
    t.at('2024-03-20T00:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
  })
})
