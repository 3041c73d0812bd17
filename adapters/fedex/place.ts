/** FedEx addresses as canonical locations, and the part of a location time-zone inference reads. */
import { clean, placeMemo, timeLocationOf } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'
import type { FedexAddress } from './schema.js'

/** The places one FedEx adapter has read (`fedex()` keeps its own): one frozen `Location` per place. */
export type FedexPlaces = ReturnType<typeof placeMemo>

/** A set of places of its own: `fedex()` makes one per adapter, a bare `normalizeFedex` call one per call. */
export function fedexPlaces(): FedexPlaces {
  return placeMemo()
}

/** A FedEx address as a canonical location (country must be ISO alpha-2), read once per place of `places`. */
export function fedexLocation(
  places: FedexPlaces,
  address: FedexAddress | undefined,
  facility?: string,
): Location | undefined {
  if (!address && !facility) return undefined
  return places(
    [address?.city, address?.stateOrProvinceCode, address?.postalCode, address?.countryCode, facility],
    readParts,
  )
}

/** The place of `[city, state, postalCode, countryCode, facility]` (one function for every lookup). */
function readParts(parts: readonly (string | undefined)[]): Location | undefined {
  return readAddress(
    { city: parts[0], stateOrProvinceCode: parts[1], postalCode: parts[2], countryCode: parts[3] },
    parts[4],
  )
}

function readAddress(
  address: Pick<FedexAddress, 'city' | 'stateOrProvinceCode' | 'postalCode' | 'countryCode'> | undefined,
  facility: string | undefined,
): Location | undefined {
  const country = clean(address?.countryCode)?.toUpperCase()
  return compactLocation({
    city: clean(address?.city),
    region: clean(address?.stateOrProvinceCode),
    postalCode: clean(address?.postalCode),
    countryCode: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    facility: clean(facility),
  })
}

/** The part of a location time-zone inference reads. */
export const timeLocation = timeLocationOf
