/**
 * luxon's `DateTime`, loaded on first use (its CommonJS build, synchronously): the rate limiter needs it only for
 * daily quotas (a reset hour in a zone), and importing it at start-up cost every import of the root entry (#26).
 */

let luxon: typeof import('luxon') | undefined

/** `DateTime` from luxon, loading luxon on the first call. */
export function dateTime(): typeof import('luxon').DateTime {
  luxon ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)(
    'luxon',
  ) as typeof import('luxon')
  return luxon.DateTime
}
