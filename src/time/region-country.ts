/**
 * The country of a bare region code, for aggregator payloads that give a state but no country (EasyPost sends
 * `country: null` for many US scans). Only codes that name exactly one region among the United States, Canada and
 * Australia are answered: `WA` (Washington, Western Australia) and `NT` (Northwest Territories, Northern
 * Territory) stay undefined. Sources: USPS state abbreviations, Canada Post province symbols, ISO 3166-2:AU.
 */

const US =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'
const CA = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'
const AU = 'NSW VIC QLD SA WA TAS NT ACT'

const byCode: ReadonlyMap<string, string | null> = (() => {
  const map = new Map<string, string | null>()
  for (const [country, codes] of [
    ['US', US],
    ['CA', CA],
    ['AU', AU],
  ] as const) {
    for (const code of codes.split(' ')) map.set(code, map.has(code) ? null : country)
  }
  return map
})()

/**
 * ISO 3166-1 alpha-2 country of an unambiguous region code (`OR` → `US`, `QC` → `CA`, `NSW` → `AU`), or
 * undefined (unknown or ambiguous code, e.g. `WA`).
 * @example countryOfRegion('TN') // 'US'
 * @example countryOfRegion('WA') // undefined (Washington or Western Australia)
 */
export function countryOfRegion(region: string | undefined): string | undefined {
  if (typeof region !== 'string' || region.length > 8) return undefined
  const code = region.trim().toUpperCase()
  return byCode.get(code) ?? undefined
}
