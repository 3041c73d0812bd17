/**
 * A small adapter for the loopback carrier server (test/helpers/carrier-server.ts): `track` does one
 * `GET /track?numbers=…` through the transport, `normalize` maps the server's codes with a real code table.
 */
import type { Adapter } from '../../src/adapter/index.js'
import { type CodeTable, createEvent, mapCode } from '../../src/adapter/index.js'
import type { HttpClient } from '../../src/http/index.js'
import { buildShipment, type NormalizeResult, type NormalizeWarning } from '../../src/model/index.js'
import type { CarrierEvent } from '../helpers/carrier-server.js'

export const LOOPBACK_CODES: CodeTable = {
  LC: { status: 'pre_transit', milestone: 'label_created' },
  PU: { status: 'in_transit', milestone: 'picked_up' },
  AF: { status: 'in_transit', milestone: 'arrived_at_facility' },
  OFD: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  DL: { status: 'delivered', milestone: 'delivered' },
  EX: { status: 'exception', milestone: 'delayed' },
}

interface Body {
  results: ({ trackingNumber: string; events: CarrierEvent[] } | { trackingNumber: string; notFound: true })[]
}

export function loopbackAdapter(opts: {
  http: HttpClient
  maxBatch?: number
  requestsPerSecond?: number
  burst?: number
}): Adapter {
  return {
    id: 'loop',
    name: 'Loopback Carrier',
    capabilities: { track: true, batch: opts.maxBatch ?? 10 },
    limits: {
      requestsPerSecond: opts.requestsPerSecond ?? 10,
      burst: opts.burst ?? 1,
      maxBatch: opts.maxBatch ?? 10,
    },
    async track(numbers, ctx) {
      const http = ctx?.http ?? opts.http
      const res = await http.request<Body>({
        url: '/track',
        query: { numbers: numbers.join(',') },
        signal: ctx?.signal,
      })
      return [res.body]
    },
    normalize(payload): NormalizeResult {
      const body = payload as Body
      const warnings: NormalizeWarning[] = []
      const out: NormalizeResult = { shipments: [], notFound: [], warnings }
      for (const r of body.results) {
        if ('notFound' in r) {
          out.notFound.push({ trackingNumber: r.trackingNumber })
          continue
        }
        const events = r.events.map((e) => {
          const m = mapCode(LOOPBACK_CODES, e.code, {
            warnings,
            trackingNumber: r.trackingNumber,
            carrier: 'loop',
          })
          return createEvent({
            carrier: 'loop',
            trackingNumber: r.trackingNumber,
            status: m.status,
            milestone: m.milestone,
            occurredAt: e.at,
            zoneSource: 'carrier',
            precision: 'second',
            description: e.text ?? '',
            raw: { source: 'rest', code: e.code },
            discriminator: e.eventId,
          })
        })
        out.shipments.push(
          buildShipment({ carrier: 'loop', trackingNumber: r.trackingNumber, events, raw: [r] }),
        )
      }
      return out
    },
  }
}
