/**
 * Linking the shipper's events by SSCC: a handover that names only the pallet's SSCC meets the carrier shipment
 * whose X12 214 carries that SSCC in `MAN*GM` (or whose tracking number is the SSCC), whichever arrives first.
 */
import { describe, expect, it } from 'vitest'
import { edi214 } from '../../adapters/edi214/index.js'
import { parse214 } from '../../src/edi/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { normalizeSscc, sscc, ssccOf } from '../../src/identifiers/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { type Body, interchange } from '../edi/build.js'
import { ev, result, ship } from './build.js'

/** 006141411234567890: a valid SSCC-18 (GS1's own example company prefix). */
const SSCC = sscc({ extension: 0, companyPrefix: '0614141', serial: '123456789' })
const WRONG_CHECK = `${SSCC.slice(0, 17)}${(Number(SSCC[17]) + 1) % 10}`

/** An LTL 214: picked up at Joliet, arrived at a terminal; the pallet's SSCC in MAN*GM (with its AI 00). */
function ltl214(man: string[] = ['MAN', 'GM', `00${SSCC}`]): string {
  const body: Body = [
    ['B10', 'PRO5501', 'BOL5501', 'ACMF'],
    ['LX', '1'],
    ['AT7', 'AF', 'NS', '', '', '20240301', '1500', 'CT'],
    ['MS1', 'JOLIET', 'IL', 'US'],
    ['AT7', 'X4', 'NS', '', '', '20240302', '0610', 'CT'],
    ['MS1', 'DENVER', 'CO', 'US'],
    man,
    ['AT8', 'G', 'L', '1840', '3'],
  ]
  return interchange([{ body }], { sender: 'ACMEFRT' })
}

function setup(start = '2024-03-01T08:00:00Z') {
  const clock = { now: new Date(start) }
  const tracker = createTracker({
    adapters: [edi214({ partners: [{ senderIds: ['ACMEFRT'], carrier: 'acme-freight', scac: 'ACMF' }] })],
    store: memoryStore(),
    now: () => clock.now,
    outbox: { drainEveryMs: 0 },
  })
  const alerts: { kind: string; trackingNumber: string; carrier: string }[] = []
  const anomalies: string[] = []
  tracker.on('alert', (a) =>
    alerts.push({ kind: a.kind, trackingNumber: a.trackingNumber, carrier: a.carrier }),
  )
  tracker.on('anomaly', ({ anomaly }) => anomalies.push(anomaly.kind))
  return { tracker, clock, alerts, anomalies }
}

/** The warehouse's handover of the pallet: its SSCC, pieces and weight, no tracking number. */
const handover = (over: Record<string, unknown> = {}) => ({
  type: 'handed_over' as const,
  occurredAt: '2024-03-01T10:30:00-06:00',
  sscc: `(00)${SSCC}`,
  carrier: 'acme-freight',
  pieces: 3,
  weightKg: 834.6,
  ...over,
})

describe('SSCC helpers', () => {
  it('normalizes (00)/00 in front and checks the GS1 check digit', () => {
    expect(normalizeSscc(`(00) ${SSCC}`)).toBe(SSCC)
    expect(normalizeSscc(`00${SSCC}`)).toBe(SSCC)
    expect(ssccOf(`00${SSCC}`)).toBe(SSCC)
    expect(ssccOf(WRONG_CHECK)).toBeUndefined()
    expect(ssccOf('12345')).toBeUndefined()
  })
})

describe('X12 214 MAN*GM: the SSCC of the shipment', () => {
  it('is kept as identifiers.sscc and as a GM reference', () => {
    const [shipment] = parse214(ltl214()).shipments
    expect(shipment?.identifiers.sscc).toBe(SSCC)
    expect(shipment?.identifiers.references).toContainEqual({ type: 'other', value: SSCC, qualifier: 'GM' })
  })

  it('an SSCC whose check digit is wrong is left out, with a warning', () => {
    const { shipments, summary } = parse214(ltl214(['MAN', 'GM', WRONG_CHECK]))
    const warnings = summary.warnings
    expect(shipments[0]?.identifiers.sscc).toBeUndefined()
    expect(warnings.some((w) => w.code === 'invalid_field' && /MAN\*GM/.test(w.message))).toBe(true)
  })
})

describe("the shipper's events linked by SSCC", () => {
  it('refuses an SSCC whose check digit is wrong, naming the field', async () => {
    const t = setup()
    await expect(t.tracker.ingestShipperEvents([handover({ sscc: WRONG_CHECK })])).rejects.toThrow(
      ValidationError,
    )
    await expect(t.tracker.ingestShipperEvents([handover({ sscc: WRONG_CHECK })])).rejects.toThrow(
      /shipperEvents\[0\]\.sscc.*check digit/,
    )
  })

  it('a handover linked only by SSCC, stored first, reconciles with the carrier scans that come later', async () => {
    const t = setup()
    const out = await t.tracker.ingestShipperEvents([handover()])
    expect(out).toEqual({ added: 0, numbers: [], waitingForTrackingNumber: 1 })
    t.clock.now = new Date('2024-03-02T20:00:00Z')
    await t.tracker.ingest({ source: 'edi214', payload: ltl214() })
    // The handover is on the carrier number's record now: covered, first scan 4.5 h after it, no missed pickup.
    expect(await t.tracker.reconciliation()).toEqual({
      handedOver: 1,
      reportedByCarrier: 1,
      coverage: 1,
      firstScanLagHours: { median: 4.5, p90: 4.5, count: 1 },
    })
    t.clock.now = new Date('2024-03-05T00:00:00Z')
    await t.tracker.checkTimers()
    expect(t.alerts.map((a) => a.kind)).not.toContain('missed_pickup')
    // Pieces and weight agree with the carrier's AT8 (1840 lb = 834.6 kg, 3 pieces): no manifest mismatch.
    expect(t.anomalies).not.toContain('manifest_mismatch')
  })

  it('the carrier first, the SSCC-only handover later: linked at once', async () => {
    const t = setup('2024-03-02T20:00:00Z')
    await t.tracker.ingest({ source: 'edi214', payload: ltl214() })
    const out = await t.tracker.ingestShipperEvents([handover({ pieces: 4 })])
    expect(out).toEqual({
      added: 1,
      numbers: [{ carrier: 'acme-freight', trackingNumber: 'PRO5501' }],
      waitingForTrackingNumber: 0,
    })
    // The declared 4 pieces against the carrier's 3: reconciled with the carrier's shipment.
    expect(t.anomalies).toEqual(['manifest_mismatch'])
    expect((await t.tracker.reconciliation()).coverage).toBe(1)
  })

  it('an order linked by SSCC: a cancellation naming only the order follows it to the carrier number', async () => {
    const t = setup('2024-03-02T20:00:00Z')
    await t.tracker.ingest({ source: 'edi214', payload: ltl214() })
    await t.tracker.ingestShipperEvents([handover({ orderId: 'SO-77' })])
    await t.tracker.ingestShipperEvents([
      { type: 'order_cancelled', occurredAt: '2024-03-01T12:00:00-06:00', orderId: 'SO-77' },
    ])
    expect(t.anomalies).toContain('scan_after_cancel')
  })

  it('a carrier tracking number that is itself an SSCC (DHL NVE, 00 in front) links too', async () => {
    const t = setup('2024-03-02T20:00:00Z')
    const number = `00${SSCC}`
    await t.tracker.ingestResult(
      result(
        ship([ev('picked_up', '2024-03-01T21:00:00Z', { carrier: 'dhl', trackingNumber: number })], {
          carrier: 'dhl',
          trackingNumber: number,
        }),
      ),
    )
    const out = await t.tracker.ingestShipperEvents([
      handover({ carrier: 'dhl', pieces: undefined, weightKg: undefined }),
    ])
    expect(out.numbers).toEqual([{ carrier: 'dhl', trackingNumber: number }])
    expect((await t.tracker.reconciliation()).firstScanLagHours.median).toBe(4.5)
  })

  it('an SSCC-only handover the carrier never reports raises missed_pickup once, under the SSCC', async () => {
    const t = setup()
    await t.tracker.ingestShipperEvents([handover()])
    t.clock.now = new Date('2024-03-02T12:00:00Z')
    expect(await t.tracker.checkTimers()).toEqual([])
    t.clock.now = new Date('2024-03-02T17:00:00Z')
    expect((await t.tracker.checkTimers()).map((a) => a.kind)).toEqual(['missed_pickup'])
    expect(await t.tracker.checkTimers()).toEqual([])
    expect(t.alerts).toEqual([{ kind: 'missed_pickup', trackingNumber: SSCC, carrier: 'acme-freight' }])
  })
})
