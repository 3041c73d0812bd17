/** A carrier adapter for the reprocess tests whose codes table can be wrong (v1) or fixed (v2). */
import { type Adapter, type CodeTable, createEvent, mapCode } from '../../src/adapter/index.js'
import { buildShipment } from '../../src/model/index.js'

export type Payload = { shipments: { number: string; events: { code: string; at: string }[] }[] }

/** A carrier adapter whose codes table can be wrong (v1: `DL` read as in transit) or fixed (v2). */
export function carrier(codes: CodeTable): Adapter {
  return {
    id: 'acme',
    name: 'Acme',
    capabilities: { track: false, batch: 1 },
    normalize(payload: unknown, ctx: { source?: 'rest' | 'webhook' } = {}) {
      const p = payload as Payload
      return {
        shipments: p.shipments.map((s) =>
          buildShipment({
            carrier: 'acme',
            trackingNumber: s.number,
            raw: [s],
            events: s.events.map((e) => {
              const mapped = mapCode(codes, e.code)
              return createEvent({
                carrier: 'acme',
                trackingNumber: s.number,
                ...mapped,
                occurredAt: e.at,
                zoneSource: 'carrier',
                precision: 'second',
                description: e.code,
                raw: { source: ctx.source ?? 'webhook', code: e.code, record: e },
              })
            }),
          }),
        ),
        notFound: [],
        warnings: [],
      }
    },
  } as unknown as Adapter
}

export const v1: CodeTable = {
  PU: { status: 'in_transit', milestone: 'picked_up' },
  DL: { status: 'in_transit', milestone: 'in_transit' }, // the bug the fix corrects
}
export const v2: CodeTable = { ...v1, DL: { status: 'delivered', milestone: 'delivered' } }

export const payload = (number: string, codes: string[]): Payload => ({
  shipments: [{ number, events: codes.map((code, i) => ({ code, at: `2024-03-0${i + 1}T10:00:00-05:00` })) }],
})
