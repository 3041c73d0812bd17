/**
 * Places named only by a code: IATA airport codes and UN/LOCODEs, which many freight carriers use as terminal
 * codes (an X12 214 N1 party `N1*SF*TERMINAL*ZZ*MEM` with no N4). A code is answered only when it is unambiguous:
 * every entry of the code lies in one zone, and the zone belongs to the code's country.
 *
 * Data, loaded lazily on the first lookup of each kind (never at import):
 * - `airports` (MIT; JSON-Airports): 6,600 IATA codes with country and coordinates; the zone is looked up from the
 *   coordinates with `@photostructure/tz-lookup` (CC0), for each code on its first lookup;
 * - `sea-ports` (MIT): 1,600 UN/LOCODEs of ports with coordinates. Other UN/LOCODEs resolve when their country has
 *   one zone (`DEHAM` → Europe/Berlin), without coordinates.
 */
import { countryData } from './country-data.js'
import { zoneAtCoordinates } from './places.js'
import { zoneForLocation } from './zones.js'

/** A place found from its code. */
export interface CodedPlace {
  /** Which code table answered. */
  scheme: 'iata' | 'unlocode'
  /** The code, upper case. */
  code: string
  /** ISO 3166-1 alpha-2 country. */
  countryCode: string
  /** IANA zone of the place. */
  timeZone: string
  /** Where the place is; absent for a UN/LOCODE answered by its single-zone country alone. */
  coordinates?: { latitude: number; longitude: number }
  /** The airport's or port's name, when the table has one. */
  name?: string
}

/** Which code tables {@link placeOfCode} may use. @default both */
export interface PlaceCodeOptions {
  /** Read 3-letter codes as IATA airport codes. @default true */
  iata?: boolean
  /** Read 5-character codes as UN/LOCODEs. @default true */
  unLocode?: boolean
}

interface Airport {
  iata?: string
  iso?: string
  lat?: string
  lon?: string
  name?: string
  status?: number
}

interface Port {
  name?: string
  coordinates?: [number, number]
  timezone?: string
}

const IATA = /^[A-Z]{3}$/
const UN_LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/

/** IATA code → the table's airports of that code, in the table's order (built once, no zone looked up yet). */
let airportsByCode: Map<string, Airport[]> | undefined
/** IATA code → its place (null: ambiguous or unplaceable), worked out on the code's first lookup. */
const airportPlaces = new Map<string, CodedPlace | null>()
let ports: Record<string, Port> | undefined
const require = process.getBuiltinModule('node:module').createRequire(import.meta.url)

/**
 * The place an IATA airport code (3 letters) or a UN/LOCODE (5 characters) names, or undefined when the code is
 * not in the tables or is ambiguous (two airports of one code in different zones). Case and surrounding spaces
 * are ignored.
 * @example placeOfCode('MEM') // { scheme: 'iata', countryCode: 'US', timeZone: 'America/Chicago', coordinates: … }
 * @example placeOfCode('NLRTM') // { scheme: 'unlocode', countryCode: 'NL', timeZone: 'Europe/Amsterdam', … }
 * @example placeOfCode('ZZT01') // undefined
 */
export function placeOfCode(code: string, options: PlaceCodeOptions = {}): CodedPlace | undefined {
  if (typeof code !== 'string' || code.length > 12) return undefined
  const key = code.trim().toUpperCase()
  if (IATA.test(key)) return options.iata === false ? undefined : (airportOfCode(key) ?? undefined)
  if (UN_LOCODE.test(key)) return options.unLocode === false ? undefined : unLocodePlace(key)
  return undefined
}

/**
 * The place of an IATA code (null: ambiguous or unplaceable; undefined: not in the table). Only the airports of
 * the code asked for are placed (one zone lookup each), not the 6,600 of the table.
 */
function airportOfCode(code: string): CodedPlace | null | undefined {
  let place = airportPlaces.get(code)
  if (place !== undefined) return place
  const airports = airportTable().get(code)
  if (!airports) return undefined
  for (const airport of airports) {
    const next = airportPlace(code, airport)
    if (place === undefined) place = next
    else if (place !== null && (next === null || next.timeZone !== place.timeZone)) place = null
  }
  airportPlaces.set(code, place ?? null)
  return place
}

/** IATA code → its airports (those the table marks closed, `status: 0`, left out), built once. */
function airportTable(): Map<string, Airport[]> {
  if (airportsByCode) return airportsByCode
  const table = new Map<string, Airport[]>()
  for (const airport of require('airports') as Airport[]) {
    const code = airport.iata?.toUpperCase()
    if (!code || !IATA.test(code) || airport.status === 0) continue
    const list = table.get(code)
    if (list) list.push(airport)
    else table.set(code, [airport])
  }
  airportsByCode = table
  return table
}

function airportPlace(code: string, airport: Airport): CodedPlace | null {
  const country = airport.iso?.toUpperCase()
  const latitude = Number(airport.lat)
  const longitude = Number(airport.lon)
  if (!country || !airport.lat || !airport.lon || !Number.isFinite(latitude) || !Number.isFinite(longitude))
    return null
  const timeZone = zoneAtCoordinates(latitude, longitude)
  if (!timeZone || !isZoneOf(country, timeZone)) return null
  const place: CodedPlace = {
    scheme: 'iata',
    code,
    countryCode: country,
    timeZone,
    coordinates: { latitude, longitude },
  }
  if (airport.name) place.name = airport.name
  return place
}

function unLocodePlace(code: string): CodedPlace | undefined {
  ports ??= (require('sea-ports') as { JSON: Record<string, Port> }).JSON
  const country = code.slice(0, 2)
  const port = Object.hasOwn(ports, code) ? ports[code] : undefined
  const [longitude, latitude] = port?.coordinates ?? []
  if (port && Number.isFinite(latitude) && Number.isFinite(longitude)) {
    const timeZone = zoneAtCoordinates(latitude!, longitude!)
    if (timeZone && isZoneOf(country, timeZone)) {
      const place: CodedPlace = {
        scheme: 'unlocode',
        code,
        countryCode: country,
        timeZone,
        coordinates: { latitude: latitude!, longitude: longitude! },
      }
      if (port.name) place.name = port.name
      return place
    }
  }
  // Not a port the table knows: the country alone decides when all of it keeps one clock.
  const timeZone = zoneForLocation({ countryCode: country })
  if (!timeZone) return undefined
  const place: CodedPlace = { scheme: 'unlocode', code, countryCode: country, timeZone }
  if (port?.name) place.name = port.name
  return place
}

/** True when `zone` (or a link to it) is one of the country's zones. */
function isZoneOf(country: string, zone: string): boolean {
  return (
    (
      countryData().getCountry(country, { deprecated: true })?.timezones as readonly string[] | undefined
    )?.includes(zone) ?? false
  )
}
