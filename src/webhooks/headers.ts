/**
 * Helpers every scheme shares: case-insensitive header lookup over `Headers` or plain objects (repeated
 * headers arrive as arrays from node:http), and the timestamp tolerance check (too old / too new).
 */
import { ConfigError, ValidationError, WebhookVerificationError } from '../errors/index.js'
import type { HeadersInput, VerifyFailure } from './types.js'
import { failure } from './types.js'

/**
 * The value of a header, matched case-insensitively; repeated values are joined with `joiner`.
 * `name` must be lower-case. Plain objects from node:http already have lower-case keys, so the direct
 * lookup hits first and the scan over keys only runs for hand-built objects.
 */
export function getHeader(headers: HeadersInput, name: string, joiner = ', '): string | undefined {
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return (headers as Headers).get(name) ?? undefined
  }
  const record = headers as Record<string, string | readonly string[] | undefined>
  let value = record[name]
  if (value === undefined) {
    for (const key in record) {
      if (key.length === name.length && key.toLowerCase() === name) {
        value = record[key]
        break
      }
    }
  }
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : value.join(joiner)
}

/** Tolerance options shared by timestamped schemes. */
export interface ToleranceOptions {
  /** Maximum age of the signed timestamp, in seconds. @default 300 */
  toleranceSeconds?: number
  /** Maximum amount the signed timestamp may lie in the future (clock skew), in seconds. @default toleranceSeconds */
  futureToleranceSeconds?: number
}

/** `undefined` when `timestampMs` is within tolerance of `nowMs`, else the failure. */
export function checkTolerance(
  timestampMs: number,
  nowMs: number,
  toleranceSeconds: number,
  futureToleranceSeconds: number,
): VerifyFailure | undefined {
  const deltaMs = nowMs - timestampMs
  if (deltaMs > toleranceSeconds * 1000) {
    return failure('timestamp_too_old', `Signed timestamp is older than ${toleranceSeconds} s`)
  }
  if (-deltaMs > futureToleranceSeconds * 1000) {
    return failure(
      'timestamp_too_new',
      `Signed timestamp is more than ${futureToleranceSeconds} s in the future`,
    )
  }
  return undefined
}

/** Throws `invalid_secret` for an empty secret (a configuration mistake that would accept nothing). */
export function requireNonEmpty(bytes: Uint8Array, scheme: string): Uint8Array {
  if (bytes.length === 0) {
    throw new WebhookVerificationError('invalid_secret', `${scheme}: the secret is empty`)
  }
  return bytes
}

/** Validates a tolerance option. */
export function toleranceOf(options: ToleranceOptions, fallback = 300): [number, number] {
  const past = options.toleranceSeconds ?? fallback
  const future = options.futureToleranceSeconds ?? past
  for (const value of [past, future]) {
    if (!Number.isFinite(value) || value < 0) {
      throw new ConfigError('Webhook tolerance must be a finite number of seconds >= 0')
    }
  }
  return [past, future]
}

/**
 * The attempt time of a `sign` call: the given `Date`, or now. Anything else (a number of seconds or
 * milliseconds, a string, an invalid Date) is a `ValidationError` on `timestamp`, not a crash inside signing.
 */
export function signingTime(value: unknown): Date {
  if (value === undefined) return new Date()
  if (!(value instanceof Date)) {
    throw new ValidationError(
      'timestamp',
      `must be a Date (got ${typeof value}); for unix seconds pass new Date(seconds * 1000)`,
    )
  }
  if (Number.isNaN(value.getTime())) throw new ValidationError('timestamp', 'is an invalid Date')
  return value
}
