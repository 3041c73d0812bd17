/** How each poller (in one process or shared) sets up a carrier: its limiter key, batch size and concurrency. */
import type { Adapter } from '../adapter/index.js'
import type { RateLimiter } from '../http/index.js'
import type { PollerOptions } from './types.js'

export interface CarrierSettings {
  /** The limiter key of the carrier's polls. */
  key: string
  /** Numbers per `track()` call. */
  maxBatch: number
  /** `track()` calls in flight. */
  concurrency: number
}

/**
 * The settings for polling `adapter`, the poller's own options over the adapter's published limits; configures
 * the carrier's key on `limiter` unless the caller configured it already.
 */
export function carrierSettings(
  adapter: Adapter,
  options: Pick<PollerOptions, 'limits' | 'limiter' | 'concurrency'>,
  limiter: RateLimiter,
): CarrierSettings {
  const own = options.limits?.[adapter.id] ?? {}
  const limits = { ...adapter.limits, ...own }
  const key = `poller:${adapter.id}`
  if (!options.limiter?.limits(key)) {
    limiter.configure(key, {
      requestsPerSecond: limits.requestsPerSecond ?? 1,
      burst: limits.burst ?? 1,
      perDay: limits.perDay,
      dailyResetHour: limits.dailyResetHour,
      dailyResetZone: limits.dailyResetZone,
      concurrency: 1_000_000,
    })
  }
  return {
    key,
    maxBatch: Math.max(1, own.maxBatch ?? adapter.limits?.maxBatch ?? adapter.capabilities.batch ?? 1),
    concurrency: Math.max(1, own.concurrency ?? options.concurrency ?? 4),
  }
}
