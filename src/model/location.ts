/** Where an event happened or a shipment goes: a postal place, coordinates, a facility, GS1/UN codes. */
import type { Location } from './schemas.js'

export type { Location } from './schemas.js'

/** True when the location says nothing. */
export function isEmptyLocation(location: Location | undefined): boolean {
  return !location || Object.values(location).every((v) => v === undefined || v === '')
}

/** Drops empty strings and undefined fields; returns undefined when nothing is left. */
export function compactLocation(location: Partial<Location> | undefined): Location | undefined {
  if (!location) return undefined
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(location)) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string') {
      const trimmed = value.trim()
      if (trimmed) out[key] = key === 'countryCode' ? trimmed.toUpperCase() : trimmed
    } else out[key] = value
  }
  return Object.keys(out).length ? (out as Location) : undefined
}
