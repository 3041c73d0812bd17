/**
 * The `return_initiated` milestone (the returns flow: a return started, then on its way back, then back): from a
 * carrier code that means a return was asked for, and from the shipper's `return_authorised`. A return started
 * after the delivery leaves the shipment delivered (status, deliveredAt, on-time KPI), and raises no alert.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UPS_STATUS_CODES } from '../../adapters/ups/codes.js'
import { ups } from '../../adapters/ups/index.js'
import { deriveStatus, MILESTONE_STATUS, MILESTONES } from '../../src/model/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker, describe as describeTarget, summarize } from '../../src/tracker/index.js'
import { progressView } from '../../src/ui/progress.js'
import { ev, result, ship } from './build.js'

function setup(start = '2024-03-10T08:00:00Z') {
  const clock = { now: new Date(start) }
  const tracker = createTracker({
    adapters: [ups()],
    store: memoryStore(),
    now: () => clock.now,
    outbox: { drainEveryMs: 0 },
  })
  const alerts: string[] = []
  const updates: { added: string[]; status: string }[] = []
  tracker.on('alert', (a) => alerts.push(a.kind))
  tracker.on('update', ({ shipment, added }) =>
    updates.push({ added: added.map((e) => e.milestone), status: shipment.status }),
  )
  return { tracker, clock, alerts, updates }
}

const delivered = () => [ev('picked_up', '2024-03-01T12:00:00Z'), ev('delivered', '2024-03-02T12:00:00Z')]

describe('the return_initiated milestone in the model', () => {
  it('is a milestone of status returned_to_sender, with a sentence', () => {
    expect(MILESTONES).toContain('return_initiated')
    expect(MILESTONE_STATUS.return_initiated).toBe('returned_to_sender')
    const event = ev('return_initiated', '2024-03-01T12:00:00Z')
    expect(describeTarget(event, { locale: 'en' }).text).toBe('A return has been started for your package.')
    expect(describeTarget(event, { locale: 'de' }).text).toBe(
      'Für Ihr Paket wurde eine Rücksendung veranlasst.',
    )
  })

  it('before a delivery it is the current status: the parcel is to go back', () => {
    const derived = deriveStatus([
      ev('picked_up', '2024-03-01T12:00:00Z'),
      ev('return_initiated', '2024-03-02T09:00:00Z'),
    ])
    expect(derived).toMatchObject({ status: 'returned_to_sender', milestone: 'return_initiated' })
    const view = progressView({ ...derived, events: [] })
    expect(view.problem).toBe('return_started')
  })

  it('after a delivery it leaves the shipment delivered (deliveredAt kept); a return under way still reopens it', () => {
    const started = ship([...delivered(), ev('return_initiated', '2024-03-05T09:00:00Z')])
    expect(started).toMatchObject({ status: 'delivered', milestone: 'delivered' })
    expect(started.deliveredAt).toBe('2024-03-02T12:00:00Z')
    expect(progressView(started).steps.every((s) => s.state === 'done')).toBe(true)
    // The carrier then reports the parcel on its way back: that is a return, as before.
    const back = ship([...started.events, ev('returning', '2024-03-06T09:00:00Z')])
    expect(back).toMatchObject({ status: 'returned_to_sender', milestone: 'returning' })
  })

  it('KPIs: a delivery on time stays on time when a return is started afterwards', () => {
    const promise = { from: '2024-03-02T00:00:00Z', to: '2024-03-02T23:59:00Z', precision: 'minute' as const }
    const started = ship([...delivered(), ev('return_initiated', '2024-03-05T09:00:00Z')], {
      estimatedDelivery: promise,
    })
    const kpis = summarize([started], { now: new Date('2024-03-10T00:00:00Z') })
    expect(kpis.overall.onTime).toEqual({ measured: 1, onTime: 1, rate: 1 })
    expect(kpis.overall.transitHours.median).toBe(24)
    expect(kpis.overall.coverage.complete).toBe(1)
  })
})

describe('carrier codes that mean a return was started', () => {
  it('UPS "Return to Sender Requested"/"Confirmed" map to return_initiated; "Returning to Sender" stays returning', () => {
    expect(UPS_STATUS_CODES['033']).toEqual({ status: 'returned_to_sender', milestone: 'return_initiated' })
    expect(UPS_STATUS_CODES['118']).toEqual({ status: 'returned_to_sender', milestone: 'return_initiated' })
    expect(UPS_STATUS_CODES['119']).toEqual({ status: 'returned_to_sender', milestone: 'return_initiated' })
    expect(UPS_STATUS_CODES['035']?.milestone).toBe('returning')
    expect(UPS_STATUS_CODES['034']?.milestone).toBe('returned')
  })

  it('a UPS payload with status 033 gives a return_initiated event', () => {
    // The shipped return fixture, its "Returning to Sender" (035) scan sent as "Return to Sender Requested" (033).
    const text = readFileSync(new URL('../../fixtures/ups/returned-to-sender.json', import.meta.url), 'utf8')
    const payload = JSON.parse(text.replace('"statusCode": "035"', '"statusCode": "033"'))
    const [shipment] = ups().normalize(payload).shipments
    expect(shipment?.events.filter((e) => e.milestone === 'return_initiated')).toHaveLength(1)
    expect(shipment?.events.find((e) => e.milestone === 'return_initiated')?.status).toBe(
      'returned_to_sender',
    )
  })
})

describe("the shipper's return_authorised as return_initiated on the timeline", () => {
  it('after the delivery: the timeline shows the return started, the shipment stays delivered, no alert', async () => {
    const t = setup()
    await t.tracker.ingestResult(result(ship(delivered())))
    expect(t.alerts).toEqual(['delivered'])
    const out = await t.tracker.ingestShipperEvents([
      {
        type: 'return_authorised',
        occurredAt: '2024-03-05T09:00:00+01:00',
        carrier: 'acme',
        trackingNumber: 'A1',
      },
    ])
    expect(out.added).toBe(1)
    const [shipment] = await t.tracker.get('acme', 'A1')
    expect(shipment).toMatchObject({ status: 'delivered', deliveredAt: '2024-03-02T12:00:00Z' })
    const started = shipment?.events.at(-1)
    expect(started).toMatchObject({
      status: 'returned_to_sender',
      milestone: 'return_initiated',
      occurredAt: '2024-03-05T09:00:00+01:00',
      raw: { source: 'shipper', code: 'return_authorised' },
    })
    expect((started?.raw.record as { type?: string } | undefined)?.type).toBe('return_authorised')
    expect(t.updates.at(-1)).toEqual({ added: ['return_initiated'], status: 'delivered' })
    expect(t.alerts).toEqual(['delivered'])
    // Nothing reopens or is raised later either: the return was not the carrier's word.
    t.clock.now = new Date('2024-04-01T00:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
    // Sent again, it changes nothing.
    await t.tracker.ingestShipperEvents([
      {
        type: 'return_authorised',
        occurredAt: '2024-03-05T09:00:00+01:00',
        carrier: 'acme',
        trackingNumber: 'A1',
      },
    ])
    expect((await t.tracker.get('acme', 'A1'))[0]?.events).toHaveLength(3)
  })

  it('stored before the carrier reports: the event joins the timeline with the first carrier report', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([
      {
        type: 'return_authorised',
        occurredAt: '2024-03-05T09:00:00Z',
        orderId: 'O-9',
        carrier: 'acme',
        trackingNumber: 'A1',
      },
    ])
    await t.tracker.ingestResult(result(ship(delivered())))
    const [shipment] = await t.tracker.get('acme', 'A1')
    expect(shipment?.events.map((e) => `${e.milestone}:${e.raw.source}`)).toEqual([
      'picked_up:rest',
      'delivered:rest',
      'return_initiated:shipper',
    ])
    expect(shipment?.status).toBe('delivered')
  })

  it('is not a carrier scan: a handover with only a shipper return on the timeline is still a missed pickup', async () => {
    const t = setup('2024-03-01T08:00:00Z')
    await t.tracker.ingestResult(result(ship([ev('label_created', '2024-03-01T08:00:00Z')])))
    await t.tracker.ingestShipperEvents([
      { type: 'handed_over', occurredAt: '2024-03-01T09:00:00Z', carrier: 'acme', trackingNumber: 'A1' },
      {
        type: 'return_authorised',
        occurredAt: '2024-03-01T10:00:00Z',
        carrier: 'acme',
        trackingNumber: 'A1',
      },
    ])
    t.clock.now = new Date('2024-03-02T12:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toContain('missed_pickup')
    expect((await t.tracker.reconciliation()).reportedByCarrier).toBe(0)
  })

  it('a return the carrier reports before delivery and the shipper never receives still raises return_not_received', async () => {
    const t = setup('2024-03-02T13:00:00Z')
    await t.tracker.ingestResult(
      result(ship([ev('picked_up', '2024-03-01T12:00:00Z'), ev('return_initiated', '2024-03-02T12:00:00Z')])),
    )
    await t.tracker.ingestShipperEvents([
      { type: 'handed_over', occurredAt: '2024-03-01T09:00:00Z', carrier: 'acme', trackingNumber: 'A1' },
    ])
    expect(t.alerts).toEqual(['returned'])
    t.clock.now = new Date('2024-03-10T00:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toContain('return_not_received')
  })
})
