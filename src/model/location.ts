/** Where an event happened or a shipment goes: a postal place, coordinates, a facility, GS1/UN codes. */
import { z } from 'zod'

export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
})

export const locationSchema = z.object({
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
  coordinates: coordinatesSchema.optional(),
  facility: z.string().optional(),
  /** GS1 Global Location Number (13 digits). */
  gln: z
    .string()
    .regex(/^\d{13}$/, 'must be 13 digits')
    .optional(),
  /** UN/LOCODE, e.g. `USNYC`. */
  unLocode: z
    .string()
    .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE')
    .optional(),
  /** IATA airport code, e.g. `MEM`, when the carrier named the place by one. */
  iataCode: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA code')
    .optional(),
  /**
   * IANA zone of the place, when it is known from a code table (an airport, a port) rather than from the
   * postal parts; times at this place resolve in it (`zoneSource: 'location'`).
   */
  timeZone: z.string().min(1).max(64).optional(),
  /**
   * How the library found this place when the carrier named it only by a code: `profile` (an EDI partner
   * profile's `places`), `iata` (an IATA airport code), `unlocode` (a UN/LOCODE). Absent when the carrier gave
   * the place itself.
   */
  resolvedFrom: z.enum(['profile', 'iata', 'unlocode']).optional(),
})

export type Location = z.infer<typeof locationSchema>

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
