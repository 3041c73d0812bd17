/**
 * The deliveries of the ingest load test: `shipments` toy shipments with `events` distinct events each, every
 * event delivered `copies` times (a carrier's retries and a poll overlapping a webhook), shuffled with a seed.
 */
export interface Delivery {
  /** Position in the plan: a worker records it as done once its ingest resolved. */
  index: number
  number: string
  event: { code: string; at: string; text: string }
}

/** A small seeded generator (mulberry32), so a plan and its kills can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export function numberOf(shipment: number): string {
  return `TOY${String(shipment).padStart(6, '0')}`
}

/** The event `k` of a shipment: ten minutes apart, so no two are the same physical event. */
export function eventOf(shipment: number, k: number): Delivery['event'] {
  const start = Date.UTC(2024, 2, 1, 8) + (shipment % 500) * 60_000
  const at = new Date(start + k * 600_000).toISOString().replace('.000Z', '-00:00')
  return { code: 'PU', at, text: `scan ${k} of ${numberOf(shipment)}` }
}

export function plan(shipments: number, events: number, copies: number, seed: number): Delivery[] {
  const random = seeded(seed)
  const out: Omit<Delivery, 'index'>[] = []
  for (let s = 0; s < shipments; s++)
    for (let k = 0; k < events; k++)
      for (let c = 0; c < copies; c++) out.push({ number: numberOf(s), event: eventOf(s, k) })
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out.map((d, index) => ({ ...d, index }))
}

/** What an announced or stored event is known by in the counts: number and time. */
export const eventName = (number: string, occurredAt: string) => `${number}@${Date.parse(occurredAt)}`
