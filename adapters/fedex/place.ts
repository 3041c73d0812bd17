/** FedEx addresses as canonical locations, and the part of a location time-zone inference reads. */
import { clean, placeMemo, timeLocationOf } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'
import type { FedexAddress } from './schema.js'

/** A FedEx address as a canonical location (country must be ISO alpha-2). */
export function fedexLocation(address: FedexAddress | undefined, facility?: string): Location | undefined {
  if (!address && !facility) return undefined
  return placeCache(
    [address?.city, address?.stateOrProvinceCode, address?.postalCode, address?.countryCode, facility],
    () => readAddress(address, facility),
  )
}

const placeCache = placeMemo()

function readAddress(address: FedexAddress | undefined, facility: string | undefined): Location | undefined {
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
