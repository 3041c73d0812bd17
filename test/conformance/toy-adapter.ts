/** A tiny adapter used to test the conformance suite itself (not shipped). */
import { z } from 'zod'
import { type Adapter, type CodeTable, createEvent, mapCode, parsePayload } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { buildShipment, type NormalizeWarning } from '../../src/model/index.js'

const codes: CodeTable = {
  LC: { status: 'pre_transit', milestone: 'label_created' },
  PU: { status: 'in_transit', milestone: 'picked_up' },
  OD: { status: 'out_for_delivery', milestone: 'out_for_delivery' },
  DL: { status: 'delivered', milestone: 'delivered' },
}

const schema = z.object({
  number: z.string().min(1),
  found: z.boolean().default(true),
  events: z
    .array(
      z.object({
        code: z.string(),
        at: z.string(),
        text: z.string().default(''),
        country: z.string().optional(),
      }),
    )
    .default([]),
})

export interface ToyOptions {
  baseUrl?: string
  /** Makes normalize crash with a TypeError on a missing field (to prove robustness catches it). */
  sloppy?: boolean
  /** Makes normalize reverse the payload's events in place (to prove the input-unchanged check catches it). */
  editsInput?: boolean
  /** Leaves the carrier's record out of each event (to prove the raw-records check catches it). */
  rawless?: boolean
}

export function toy(options: ToyOptions = {}): Adapter {
  return {
    id: 'toy',
    name: 'Toy carrier',
    capabilities: { track: true, batch: 1 },
    normalize(payload, ctx = {}) {
      if (options.sloppy) {
        const p = payload as { number: string; events: { code: string }[] }
        p.events.map((e) => e.code.toUpperCase())
      }
      if (options.editsInput) (payload as { events?: unknown[] }).events?.reverse()
      const body = parsePayload(schema, payload, 'toy')
      if (!body.found) return { shipments: [], notFound: [{ trackingNumber: body.number }], warnings: [] }
      const warnings: NormalizeWarning[] = []
      const events = body.events.map((e, i) => {
        const entry = mapCode(codes, e.code, {
          warnings,
          path: `toy.events[${i}]`,
          trackingNumber: body.number,
          carrier: 'toy',
        })
        if (!/^\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d$/.test(e.at) || Number.isNaN(Date.parse(e.at)))
          throw new ValidationError(`toy.events[${i}].at`, 'must be ISO 8601 with an offset')
        return createEvent({
          carrier: 'toy',
          trackingNumber: body.number,
          status: entry.status,
          milestone: entry.milestone,
          occurredAt: e.at,
          zoneSource: 'carrier',
          precision: 'second',
          description: e.text,
          location: e.country && /^[A-Z]{2}$/.test(e.country) ? { countryCode: e.country } : undefined,
          raw: {
            source: ctx.source ?? 'rest',
            code: e.code,
            text: e.text,
            ...(options.rawless ? {} : { record: e }),
          },
        })
      })
      return {
        shipments: [buildShipment({ carrier: 'toy', trackingNumber: body.number, events, raw: [payload] })],
        notFound: [],
        warnings,
      }
    },
    async track(numbers) {
      const out: unknown[] = []
      for (const n of numbers) {
        const res = await fetch(`${options.baseUrl}/track/${n}`, { headers: { 'x-api-key': 'k' } })
        out.push(await res.json())
      }
      return out
    },
  }
}
