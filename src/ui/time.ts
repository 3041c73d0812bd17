/** Time labels for the page: an event's local time zone name, and the zone a delivery estimate is shown in. */

const OFFSET = /(?:([+-])(\d{2}):(\d{2})|Z)$/

function validZone(zone: string | undefined): zone is string {
  if (!zone) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** `UTC−05:00` from the offset an ISO 8601 date-time was written with; `UTC` for `Z`. */
export function offsetLabel(iso: string): string {
  const m = OFFSET.exec(iso)
  if (!m?.[1]) return 'UTC'
  return `UTC${m[1] === '-' ? '\u2212' : '+'}${m[2]}:${m[3]}`
}

/**
 * The zone an instant is shown in, as a reader sees it: the short name `Intl` gives in the recipient's locale
 * (`CDT`, `MEZ`, `GMT+7`) when an IANA zone is known, else the offset the time was written with. This matches what
 * `describe` uses: the zone given, else the event's own zone, else its offset.
 * @example zoneLabel('2024-03-26T10:58:00-05:00', 'America/Chicago', 'en-US') // 'CDT'
 */
export function zoneLabel(iso: string, zone: string | undefined, locale: string): string {
  if (!validZone(zone)) return offsetLabel(iso)
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return zone
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? zone
}
