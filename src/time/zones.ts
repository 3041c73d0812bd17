/**
 * Zone inference from a place: country → zone for single-zone countries (countries-and-timezones dataset),
 * region / postal code / city tables for the countries with several zones.
 */

import { BoundedMap } from './bounded-map.js'
import { isKnownZone } from './clock.js'
import { countryData } from './country-data.js'
import type { CountryResolver, PlaceQuery } from './lookup.js'
import { resolvePlace } from './places.js'
import { resolveBR, resolveCA, resolveMX } from './regions-americas.js'
import { resolveUS } from './regions-us.js'
import { SAME_CLOCK_COUNTRIES, WORLD_RESOLVERS } from './regions-world.js'
import { nameKey } from './text.js'
import type { TimeLocation } from './types.js'

const RESOLVERS: Readonly<Record<string, CountryResolver>> = {
  US: resolveUS,
  CA: resolveCA,
  MX: resolveMX,
  BR: resolveBR,
  ...WORLD_RESOLVERS,
}

/** Alpha-3 codes and common aliases carriers send instead of ISO 3166-1 alpha-2. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  UK: 'GB',
  GBR: 'GB',
  USA: 'US',
  CAN: 'CA',
  MEX: 'MX',
  BRA: 'BR',
  AUS: 'AU',
  RUS: 'RU',
  DEU: 'DE',
  FRA: 'FR',
  CHN: 'CN',
  ESP: 'ES',
  PRT: 'PT',
  ITA: 'IT',
  NLD: 'NL',
  BEL: 'BE',
  CHE: 'CH',
  AUT: 'AT',
  POL: 'PL',
  JPN: 'JP',
  KOR: 'KR',
  IND: 'IN',
  IDN: 'ID',
  NZL: 'NZ',
  IRL: 'IE',
  SWE: 'SE',
  NOR: 'NO',
  DNK: 'DK',
  FIN: 'FI',
}

/** ISO 3166-1 alpha-2 code of a country code as carriers send it, or undefined. */
export function countryOf(code: string): string | undefined {
  const c = code.trim().toUpperCase()
  const alpha2 = COUNTRY_ALIASES[c] ?? c
  return /^[A-Z]{2}$/.test(alpha2) && countryData().getCountry(alpha2) ? alpha2 : undefined
}

const CONTINENT_ZONE = /^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//
const singleZoneCache = new Map<string, string | undefined>()

/**
 * The zone of a country that has exactly one (canonical) zone in the dataset, named as the country knows it:
 * Norway is `Europe/Oslo`, not the canonical `Europe/Berlin` it links to.
 */
function singleZoneOf(country: string): string | undefined {
  if (singleZoneCache.has(country)) return singleZoneCache.get(country)
  let zone: string | undefined
  const zones = countryData().getCountry(country)?.timezones ?? []
  if (zones.length === 1) {
    const canonical = zones[0] as string
    zone = canonical
    if (countryData().getTimezone(canonical)?.countries[0] !== country) {
      const local = (countryData().getCountry(country, { deprecated: true })?.timezones ?? []).find(
        (name) => {
          const tz = countryData().getTimezone(name)
          return (
            CONTINENT_ZONE.test(name) && tz?.aliasOf === canonical && tz.countries.includes(country as never)
          )
        },
      )
      if (local) zone = local
    }
  }
  singleZoneCache.set(country, zone)
  return zone
}

function placeQuery(location: TimeLocation): PlaceQuery {
  const text = (v: unknown) =>
    typeof v === 'string' && v.length <= 200 ? nameKey(v) || undefined : undefined
  const postal =
    typeof location.postalCode === 'string' && location.postalCode.length <= 32
      ? location.postalCode.toUpperCase().replace(/[\s-]/g, '') || undefined
      : undefined
  return { region: text(location.region), postal, city: text(location.city) }
}

/**
 * The IANA zone of a place, or undefined when the place does not determine one. Single-zone countries need only
 * `countryCode`; US, CA, MX, BR, AU, RU, ID, CD and MN need the region (and, in split regions such as Texas or
 * Florida, the postal code or city); ES, PT, NZ, EC, CL, UA, PG resolve to their main zone once any region,
 * postal code or city is given that is not one of their islands/exclaves. Never guesses across zones.
 * @example zoneForLocation({ countryCode: 'US', region: 'TX', postalCode: '79901' }) // 'America/Denver'
 */
export function zoneForLocation(location: TimeLocation): string | undefined {
  if (typeof location !== 'object' || location === null) return undefined
  if (typeof location.timeZone === 'string') {
    const known = knownZoneOfPlace(location.timeZone, location.countryCode)
    if (known) return known
  }
  if (typeof location.countryCode !== 'string') return undefined
  if (location.countryCode.length > 16) return undefined
  const key = `${location.countryCode}\u0000${part(location.region)}\u0000${part(location.postalCode)}\u0000${part(location.city)}`
  if (placeCache.has(key)) return placeCache.get(key)
  const country = countryOf(location.countryCode)
  const resolver = country ? RESOLVERS[country] : undefined
  let zone: string | undefined
  if (resolver) zone = resolver(placeQuery(location)) ?? fromPlaceData(country as string, location)
  else if (country) zone = SAME_CLOCK_COUNTRIES[country] ?? singleZoneOf(country)
  if (zone !== undefined && !isKnownZone(zone)) zone = undefined
  if (key.length <= 300) placeCache.set(key, zone)
  return zone
}

/** A place's own zone when it is a real zone of the place's country (or no country is given). */
function knownZoneOfPlace(zone: string, countryCode: string | undefined): string | undefined {
  if (zone.length > 64 || !isKnownZone(zone)) return undefined
  if (typeof countryCode !== 'string') return zone
  const country = countryOf(countryCode)
  return country && countryZones(country).has(zone) ? zone : undefined
}

const frozenPlaceZones = new WeakMap<object, string | null>()

/**
 * {@link zoneForLocation}, looked up once per frozen place object (the shipped adapters share one frozen object per
 * distinct place, see `placeMemo`) and otherwise through zoneForLocation's own cache. For per-event code.
 * @internal
 */
export function zoneOfPlace(location: TimeLocation | undefined): string | undefined {
  if (!location?.countryCode) return undefined
  if (!Object.isFrozen(location)) return zoneForLocation(location)
  let zone = frozenPlaceZones.get(location)
  if (zone === undefined) {
    zone = zoneForLocation(location) ?? null
    frozenPlaceZones.set(location, zone)
  }
  return zone ?? undefined
}

/**
 * The zone of a place in a multi-zone country that the region tables do not decide (a town of a split state
 * without a postal code the tables know), from the place data (postal code or city → coordinates → zone); only a
 * zone of that country is accepted. Loads the place data on first use (see `places.ts`).
 */
function fromPlaceData(country: string, location: TimeLocation): string | undefined {
  if (typeof location.city !== 'string' && typeof location.postalCode !== 'string') return undefined
  const zones = countryZones(country)
  return resolvePlace(country, location, zones)?.timeZone
}

const countryZoneSets = new Map<string, ReadonlySet<string>>()

/** Every zone name of a country, links included (`America/Indiana/Indianapolis`, `Asia/Kolkata`...). */
function countryZones(country: string): ReadonlySet<string> {
  let zones = countryZoneSets.get(country)
  if (!zones) {
    zones = new Set(countryData().getCountry(country, { deprecated: true })?.timezones ?? [])
    countryZoneSets.set(country, zones)
  }
  return zones
}

function part(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/**
 * Recent answers by place (the events of a shipment share few places); bounded, the place asked first dropped
 * first, one at a time.
 */
const placeCache = new BoundedMap<string, string | undefined>(10_000)
