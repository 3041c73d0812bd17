/**
 * Calendar arithmetic on the ground floor: reading the digits of a date-time and turning a civil date and clock
 * time into epoch milliseconds. The model reads event instants with it, and `src/time` builds on it, so the model
 * needs nothing from the time module.
 */

const MINUTE = 60_000
const DAY = 86_400_000
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * Days in a month of the proleptic Gregorian calendar; 0 for a month that does not exist.
 * @example daysIn(2024, 2) // 29
 */
export function daysIn(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0)
}

/**
 * The whole number written by `count` ASCII digits of `value` from `start`; -1 when one of them is not a digit.
 * @example digitsAt('2024-03-26', 5, 2) // 3
 */
export function digitsAt(value: string, start: number, count: number): number {
  let out = 0
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 48
    if (!(d >= 0 && d <= 9)) return -1
    out = out * 10 + d
  }
  return out
}

/**
 * `Date.UTC(year, month - 1, day, hour, minute, second, ms)` for a real calendar date and clock time with a year
 * of 100 or more, by integer arithmetic (days from the civil date): several times cheaper than `Date.UTC`, and
 * it runs for every event. Callers check the fields first; out-of-range fields are not rolled over as `Date.UTC`
 * would.
 * @example utcMs(2024, 3, 26, 15, 58, 0, 0) // 1711468680000
 */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  // Days since 1970-01-01 of a proleptic Gregorian date (years counted from March, so leap days come last).
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  const days = era * 146_097 + dayOfEra - 719_468
  return days * DAY + hour * 3_600_000 + minute * MINUTE + second * 1000 + ms
}
