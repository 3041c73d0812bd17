/**
 * DHL addresses to canonical locations. `addressLocality` is free text whose shape depends on the division:
 * Express writes `CITY - COUNTRY` (`LEIPZIG - GERMANY`, `CINCINNATI HUB - HEBRON, KY - USA`), other divisions a
 * street and a city (`Oderweg 2, AMSTERDAM`) or just the city. The country code is taken from `countryCode` when
 * DHL sends it, else from the country name at the end of the locality.
 */
import { getAllCountries } from 'countries-and-timezones'
import type { placeMemo } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'

/** Country names DHL writes that are not the ISO short names in countries-and-timezones. */
const COUNTRY_ALIASES: Record<string, string> = {
  USA: 'US',
  'UNITED STATES': 'US',
  UK: 'GB',
  'GREAT BRITAIN': 'GB',
  ENGLAND: 'GB',
  'KOREA, REPUBLIC OF': 'KR',
  'SOUTH KOREA': 'KR',
  'CZECH REPUBLIC': 'CZ',
  RUSSIA: 'RU',
  'HONG KONG SAR, CHINA': 'HK',
  'HONG KONG SAR': 'HK',
  NETHERLANDS: 'NL',
  'THE NETHERLANDS': 'NL',
  'MAINLAND CHINA': 'CN',
  'CHINA MAINLAND': 'CN',
  "CHINA, PEOPLE'S REPUBLIC": 'CN',
  CHINA: 'CN',
}

let byName: Map<string, string> | undefined
function countryByName(name: string): string | undefined {
  if (!byName) {
    byName = new Map(Object.entries(COUNTRY_ALIASES))
    for (const country of Object.values(getAllCountries())) byName.set(country.name.toUpperCase(), country.id)
  }
  return byName.get(name.trim().toUpperCase())
}

const REGION = /^(.*?),\s*([A-Z]{2,3})$/

export interface DhlAddressLike {
  addressLocality?: string | null
  postalCode?: string | null
  countryCode?: string | null
  addressRegion?: string | null
}

/** The places one DHL adapter has read (`dhl()` keeps its own): one frozen `Location` per place. */
export type DhlPlaces = ReturnType<typeof placeMemo>

/**
 * Reads a DHL address into a location; with `places`, each place is read once and shared.
 * @example dhlLocation({ addressLocality: 'BERGEN - NORWAY' }) // { city: 'BERGEN', countryCode: 'NO' }
 */
export function dhlLocation(
  address: DhlAddressLike | null | undefined,
  places?: DhlPlaces,
): Location | undefined {
  if (!address) return undefined
  if (!places) return readAddress(address)
  return places(
    [address.addressLocality, address.postalCode, address.countryCode, address.addressRegion],
    readParts,
  )
}

/** The place of `[locality, postalCode, countryCode, region]` (one function for every lookup: no closure per event). */
function readParts(parts: readonly (string | null | undefined)[]): Location | undefined {
  return readAddress({
    addressLocality: parts[0],
    postalCode: parts[1],
    countryCode: parts[2],
    addressRegion: parts[3],
  })
}

function readAddress(address: DhlAddressLike): Location | undefined {
  let city: string | undefined
  let region = address.addressRegion ?? undefined
  let facility: string | undefined
  let countryCode = address.countryCode?.trim().toUpperCase() || undefined
  const locality = address.addressLocality?.replace(/\s+/g, ' ').trim()
  if (locality) {
    const parts = locality.split(' - ').map((p) => p.trim())
    if (parts.length >= 2) {
      const fromName = countryByName(parts[parts.length - 1]!)
      if (fromName) {
        parts.pop()
        countryCode ??= fromName
      }
    }
    if (parts.length >= 2) facility = parts.slice(0, -1).join(' - ')
    let place = parts[parts.length - 1] ?? ''
    const withRegion = REGION.exec(place)
    if (withRegion) {
      place = withRegion[1]!
      region ??= withRegion[2]
    } else if (place.includes(',')) {
      // "Oderweg 2, AMSTERDAM": the street comes first, the city last.
      place = place.slice(place.lastIndexOf(',') + 1)
    }
    city = place.trim() || undefined
  }
  if (countryCode && !/^[A-Z]{2}$/.test(countryCode)) countryCode = undefined
  return compactLocation({
    city,
    region: region ?? undefined,
    postalCode: address.postalCode ?? undefined,
    countryCode,
    facility,
  })
}
