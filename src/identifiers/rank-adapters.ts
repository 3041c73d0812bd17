/**
 * Routing a tracking number to adapters: each adapter's own `detect()` scores the number; an adapter without one
 * is scored from the carrier descriptor table (the candidate whose carrier id equals the adapter's id).
 */
import type { Adapter } from '../adapter/index.js'
import { type DetectOptions, detectCarrier } from './detect.js'

function usableScore(score: unknown): number {
  return typeof score === 'number' && Number.isFinite(score) ? Math.min(Math.max(score, 0), 1) : 0
}

/**
 * The adapters that can track `trackingNumber` (they have `track()` and score it above 0), best first; ties keep
 * the order the adapters were given. A custom adapter with its own `detect()` is routed with no core edit.
 * @example
 * const order = rankAdapters('1Z5R89390357567127', [usps(), ups(), acme()]) // [ups adapter]
 * for (const adapter of order) await adapter.track!([number])
 */
export function rankAdapters(
  trackingNumber: string,
  adapters: Iterable<Adapter>,
  options: DetectOptions = {},
): Adapter[] {
  let table: ReturnType<typeof detectCarrier> | undefined
  const scored: { adapter: Adapter; score: number; order: number }[] = []
  let order = 0
  for (const adapter of adapters) {
    if (!adapter.track) continue
    let score: number
    if (adapter.detect) score = usableScore(adapter.detect(trackingNumber))
    else {
      table ??= detectCarrier(trackingNumber, options)
      score = table.find((c) => c.carrier === adapter.id)?.confidence ?? 0
    }
    if (score > 0) scored.push({ adapter, score, order: order++ })
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order)
  return scored.map((s) => s.adapter)
}
