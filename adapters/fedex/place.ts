/** FedEx addresses as canonical locations, and the part of a location time-zone inference reads. */
import { clean, placeMemo, timeLocationOf } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'
import type { FedexAddress } from './schema.js'

/** A FedEx address as a canonical location (country must be ISO alpha-2). */
export function fedexLocation(address: FedexAddress | undefined, facility?: string): Location | undefined {
  if (!address && !facility) return undefined
  return placeCache(
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

const placeCache = placeMemo()

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
