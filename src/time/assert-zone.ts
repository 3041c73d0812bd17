/**
 * Checks a configured time-zone option when the object that uses it is created (adapters, sources, the tracker,
 * handlers, the CLI), so that a mistyped zone fails loudly at once instead of leaving every event without a zone.
 */
import { ConfigError } from '../errors/index.js'
import { isKnownZone } from './clock.js'
import { quote } from './text.js'

/**
 * Throws a ConfigError naming `optionName` and the value when `value` is given and is not an IANA zone.
 * `undefined` (option not set) passes. Returns the zone for chaining.
 * @example assertZone(options.defaultZone, 'defaultZone') // 'America/Chicago', or throws ConfigError
 * @example assertZone('Mars/Base', '--zone') // ConfigError: --zone: "Mars/Base" is not an IANA time zone ...
 */
export function assertZone<T extends string | undefined>(value: T, optionName: string): T {
  if (value === undefined) return value
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64 || !isKnownZone(value)) {
    throw new ConfigError(
      `${optionName}: ${quote(value)} is not an IANA time zone (e.g. America/Chicago, Europe/Berlin, UTC)`,
      { details: { option: optionName, value: typeof value === 'string' ? value.slice(0, 64) : undefined } },
    )
  }
  return value
}
