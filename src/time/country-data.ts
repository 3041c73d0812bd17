/**
 * `countries-and-timezones` (which countries use which zones), loaded on first use rather than at import: it costs
 * about 15 ms, and importing `waybill/edi` or `waybill/time` should not pay it before a place needs a zone.
 */
import { createRequire } from 'node:module'
import type * as CountryData from 'countries-and-timezones'

let data: typeof CountryData | undefined

function load(): typeof CountryData {
  data ??= createRequire(import.meta.url)('countries-and-timezones') as typeof CountryData
  return data
}

/** `getCountry` of countries-and-timezones. */
export function getCountry(
  id: string,
  options?: Parameters<typeof CountryData.getCountry>[1],
): CountryData.Country | null {
  return load().getCountry(id, options)
}

/** `getTimezone` of countries-and-timezones. */
export function getTimezone(name: string): CountryData.Timezone | null {
  return load().getTimezone(name)
}
