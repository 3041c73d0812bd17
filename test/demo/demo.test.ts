import { describe, expect, it } from 'vitest'
import { formatReport } from '../../cli/demo/print.js'
import { runDemo } from '../../cli/demo/scenario.js'

describe('waybill demo (npm start)', () => {
  it('runs every source through the real code paths and merges what two sources report', async () => {
    const report = await runDemo()
    const byNumber = new Map(report.shipments.map((s) => [s.trackingNumber, s]))
    expect(report.shipments).toHaveLength(9)
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
      'delivered',
      'delivery_attempted',
      'exception',
      'exception',
      'out_for_delivery',
    ])

    const text = formatReport(report)
    for (const s of report.shipments) expect(text).toContain(s.trackingNumber)
  }, 60_000)
})
