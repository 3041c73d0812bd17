/**
 * The limits in force per key, for both limiters: the keys configured by name, the top-level defaults for the
 * others (or none: unlimited), each validated when it is set.
 */

import { ConfigError } from '../errors/index.js'
import { dateTime } from './luxon.js'
import type { RateLimitOptions } from './types.js'

export class LimitTable {
  private readonly defaults: RateLimitOptions | undefined
  private readonly configured = new Map<string, RateLimitOptions>()

  constructor(defaults: RateLimitOptions | undefined, keys: Record<string, RateLimitOptions> = {}) {
    this.defaults = defaults === undefined ? undefined : validate('default', defaults)
    for (const [key, value] of Object.entries(keys)) this.configured.set(key, validate(key, value))
  }

  /** The limits of `key` (`undefined` = unlimited). */
  of(key: string): RateLimitOptions | undefined {
    return this.configured.get(key) ?? this.defaults
  }

  /** Sets or replaces the limits of `key`; throws a `ConfigError` when they are invalid. */
  set(key: string, options: RateLimitOptions): void {
    this.configured.set(key, validate(key, options))
  }
}

function validate(key: string, o: RateLimitOptions): RateLimitOptions {
  const bad = (what: string) => new ConfigError(`Rate limit for "${key}": ${what}`)
  if (!(o.requestsPerSecond > 0) || !Number.isFinite(o.requestsPerSecond)) {
    throw bad('requestsPerSecond must be a positive number')
  }
  if (o.burst !== undefined && !(o.burst >= 1)) throw bad('burst must be at least 1')
  if (o.perDay !== undefined && !(Number.isInteger(o.perDay) && o.perDay > 0)) {
    throw bad('perDay must be a positive integer')
  }
  if (o.concurrency !== undefined && !(Number.isInteger(o.concurrency) && o.concurrency >= 1)) {
    throw bad('concurrency must be a positive integer')
  }
  if (
    o.dailyResetHour !== undefined &&
    !(Number.isInteger(o.dailyResetHour) && o.dailyResetHour >= 0 && o.dailyResetHour < 24)
  ) {
    throw bad('dailyResetHour must be an integer 0-23')
  }
  if (o.dailyResetZone !== undefined && !dateTime().now().setZone(o.dailyResetZone).isValid) {
    throw bad(`unknown dailyResetZone "${o.dailyResetZone}"`)
  }
  return o
}
