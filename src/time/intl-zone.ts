/**
 * The offset of an IANA zone at an instant, read from the runtime's own zone data through `Intl.DateTimeFormat`
 * (what luxon's `IANAZone` does, without loading luxon at import): the wall-clock fields at the instant, as if
 * they were UTC, minus the instant. One formatter per zone, kept.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/**
 * Minutes east of UTC of `zone` at `instant` (epoch ms); throws a RangeError for a zone the runtime does not know.
 * @example zoneOffsetAt('America/Chicago', Date.UTC(2024, 6, 1)) // -300
 */
export function zoneOffsetAt(zone: string, instant: number): number {
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  let bc = false
  for (const part of formatterOf(zone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value)
        break
      case 'month':
        month = Number(part.value)
        break
      case 'day':
        day = Number(part.value)
        break
      case 'hour':
        hour = Number(part.value) % 24
        break
      case 'minute':
        minute = Number(part.value)
        break
      case 'second':
        second = Number(part.value)
        break
      case 'era':
        bc = part.value === 'BC' || part.value === 'B'
        break
    }
  }
  const wall = Date.UTC(bc ? 1 - year : year, month - 1, day, hour, minute, second)
  // Seconds only: the wall fields have no milliseconds.
  const whole = instant - (((instant % 1000) + 1000) % 1000)
  return (wall - whole) / 60_000
}

/** True when the runtime knows `zone` as an IANA zone. */
export function isRuntimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false
  try {
    formatterOf(zone)
    return true
  } catch {
    return false
  }
}
