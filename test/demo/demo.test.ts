import { describe, expect, it } from 'vitest'
import { NEVER_SCANNED, PALLET_SSCC } from '../../cli/demo/payloads.js'
import { formatReport } from '../../cli/demo/print.js'
import { runDemo } from '../../cli/demo/scenario.js'

describe('waybill demo (npm start)', () => {
  it('runs every source through the real code paths and merges what two sources report', async () => {
    const report = await runDemo()
    const byNumber = new Map(report.shipments.map((s) => [s.trackingNumber, s]))
    expect(report.shipments).toHaveLength(10)
    expect(report.sources.rest.errors).toEqual([])

    // the delivery reported by the UPS API and by the UPS EDI 214 feed is one event with both raw records
    const delivered = byNumber.get('1ZA1B2C30145123514')
    const deliveredEvent = delivered?.events.find((e) => e.status === 'delivered')
    expect(delivered?.status).toBe('delivered')
    expect(deliveredEvent?.raw.source).toBe('rest')
    expect(deliveredEvent?.alsoReportedBy?.map((r) => r.source)).toEqual(['edi'])

    // the Track Alert push and the poll report the same out-for-delivery scan
    const ofd = byNumber.get('1ZA1B2C30145123489')
    expect(ofd?.events.filter((e) => e.status === 'out_for_delivery')).toHaveLength(1)
    expect(ofd?.estimatedDelivery?.precision).toBe('minute')
    expect(report.duplicatesMerged).toBeGreaterThanOrEqual(2)

    // faults on the way were handled, not hidden
    expect(report.sources.rest.retriedAfter401).toBeGreaterThanOrEqual(1)
    expect(report.sources.rest.throttled).toBe(1)
    expect(report.sources.webhooks).toMatchObject({ accepted: 2, rejected: 1, duplicateDeliveries: 1 })
    expect(report.sources.sftp.files).toHaveLength(2)

    // an LTL shipment only EDI knows about, with its estimate kept out of the timeline
    expect(byNumber.get('PRO7734001')?.estimatedDelivery).toBeDefined()
    expect(report.anomalies.filter((a) => a.anomaly.kind === 'future_event')).toEqual([])
    expect(report.alerts.map((a) => a.kind).sort()).toEqual([
      'available_for_pickup', // raised by the reprocess that corrected Northwind's AV
      'delivered',
      'delivery_attempted',
      'exception',
      'exception',
      'late', // DHL express promised for May 9, held up
      'late', // USPS promised for May 8, first attempt May 9
      'missed_pickup',
      'out_for_delivery',
    ])

    const text = formatReport(report)
    for (const s of report.shipments) expect(text).toContain(s.trackingNumber)
    // Regression (#22): four time formats in one timeline, columns out of line. One format, one column start.
    const rows = text.split('\n').filter((line) => /^ {2}\d{4}-\d{2}-\d{2} /.test(line))
    expect(rows).toHaveLength(report.shipments.reduce((n, s) => n + s.events.length, 0))
    for (const row of rows)
      expect(row).toMatch(/^ {2}\d{4}-\d{2}-\d{2} (\d{2}:\d{2}|--:--) ([+-]\d{2}:\d{2}|local ) {2}\S/)
  }, 60_000)

  it("reconciles the warehouse's handover feed, reprocesses a corrected mapping and measures on-time against the promise", async () => {
    const report = await runDemo()
    const byNumber = new Map(report.shipments.map((s) => [s.trackingNumber, s]))
    const text = formatReport(report)

    // The warehouse feed: handovers linked by tracking number, by order, and the LTL pallet by its SSCC alone.
    expect(report.shipper.events).toHaveLength(7)
    expect(report.shipper.linkedBySscc).toEqual([
      { sscc: PALLET_SSCC, carrier: 'acme-freight', trackingNumber: 'PRO7734001' },
    ])
    expect(report.shipper.reconciliation).toMatchObject({ handedOver: 6, reportedByCarrier: 5 })
    expect(report.shipper.reconciliation.firstScanLagHours.count).toBe(5)
    expect(report.alerts.filter((a) => a.kind === 'missed_pickup').map((a) => a.trackingNumber)).toEqual([
      NEVER_SCANNED,
    ])
    expect(report.anomalies.map((a) => a.anomaly.kind)).not.toContain('manifest_mismatch')
    // A return the shipper authorised after the delivery: on the timeline, and the shipment stays delivered.
    const returned = byNumber.get('1ZA1B2C30145123514')
    expect(returned?.status).toBe('delivered')
    expect(returned?.events.at(-1)).toMatchObject({
      milestone: 'return_initiated',
      raw: { source: 'shipper' },
    })

    // One corrected mapping, reprocessed: announced as a correction, the shipment's status follows.
    expect(report.reprocess.report).toMatchObject({ scanned: 1, changed: 1, corrected: 1 })
    expect(report.reprocess.corrections).toEqual([
      expect.objectContaining({
        carrier: 'northwind-ltl',
        trackingNumber: 'NW448120',
        code: 'AV',
        before: { status: 'in_transit', milestone: 'in_transit' },
        after: { status: 'available_for_pickup', milestone: 'available_for_pickup' },
      }),
    ])
    expect(report.reprocess.corrections[0]?.fields).toEqual(expect.arrayContaining(['status', 'milestone']))
    expect(byNumber.get('NW448120')?.status).toBe('available_for_pickup')

    // On-time with real figures: UPS delivered on its scheduled day; USPS and DHL are past their promise.
    expect(report.kpis.overall.onTime).toEqual({ measured: 3, onTime: 1, rate: 1 / 3 })
    expect(report.kpis.byCarrier.ups?.onTime).toEqual({ measured: 1, onTime: 1, rate: 1 })
    expect(report.kpis.byCarrier.usps?.onTime.rate).toBe(0)
    expect(report.kpis.byCarrier.dhl?.onTime.rate).toBe(0)

    expect(text).toContain('Warehouse handover feed (wms-handovers-20240509.ndjson)')
    expect(text).toContain(`linked by SSCC ${PALLET_SSCC} (X12 MAN*GM) → acme-freight PRO7734001`)
    expect(text).toContain(`missed pickup: ups ${NEVER_SCANNED}`)
    expect(text).toContain(
      'return started: ups 1ZA1B2C30145123514 (authorised by the shipper, still delivered)',
    )
    expect(text).toMatch(/northwind-ltl NW448120 AV .*status in_transit → available_for_pickup/)
    expect(text).toContain('on time 33 % (1/3)')
    expect(text).toMatch(/ups +2 shipments · on time 100 % \(1\/1\)/)
  }, 60_000)
})
