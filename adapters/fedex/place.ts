/** FedEx addresses as canonical locations, and the part of a location time-zone inference reads. */
import { clean, placeMemo } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'
import type { TimeLocation } from '../../src/time/types.js'
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
export function timeLocation(location: Location | undefined): TimeLocation | undefined {
  if (!location) return undefined
  const out: TimeLocation = {}
  if (location.countryCode) out.countryCode = location.countryCode
  if (location.region) out.region = location.region
  if (location.postalCode) out.postalCode = location.postalCode
  if (location.city) out.city = location.city
  return out.countryCode || out.region || out.postalCode || out.city ? out : undefined
}
