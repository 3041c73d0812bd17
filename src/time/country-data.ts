/**
 * `countries-and-timezones`, loaded on the first lookup that needs it (its CommonJS build, synchronously): the
 * zone and country tables are used per place, never at import, and loading them cost every import of the root
 * and `waybill/edi` entries a few milliseconds (#26).
 */
type CountriesAndTimezones = typeof import('countries-and-timezones')

let data: CountriesAndTimezones | undefined

/** The package, loaded on the first call. */
export function countryData(): CountriesAndTimezones {
  data ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)(
    'countries-and-timezones',
  ) as CountriesAndTimezones
  return data
}
