/**
 * USPS text quirks: HTML in `mailClass` and `services` (`USPS Ground Advantage<SUP>&#153;</SUP>`, with entities in
 * the Windows-1252 range that browsers render as ™ and ®), and facility names in `eventCity` with the state inside
 * (`JACKSONVILLE FL DISTRIBUTION CENTER`, no `eventState`).
 */
import { clean, type placeMemo } from '../../src/adapter/index.js'
import { compactLocation, type Location } from '../../src/model/index.js'

/** Numeric character references 128–159 mean Windows-1252 characters in HTML (WHATWG "numeric character reference end state"). */
const CP1252: Record<number, string> = {
  128: '€',
  130: '‚',
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  150: '–',
  151: '—',
  153: '™',
}
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  reg: '®',
  trade: '™',
  copy: '©',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1))
      if (CP1252[code]) return CP1252[code]!
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole
    }
    return NAMED[body.toLowerCase()] ?? whole
  })
}

/**
 * USPS HTML-ish text to plain text: tags dropped, entities decoded (twice-escaped markup included), spaces collapsed.
 * @example plainText('USPS Ground Advantage<SUP>&#153;</SUP>') // 'USPS Ground Advantage™'
 */
export function plainText(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  // No markup and no entity (most event texts): only the spaces need collapsing, which is what `clean` does.
  if (!value.includes('<') && !value.includes('&')) return clean(value)
  let text = value.replace(/<[^<>]{0,200}>/g, '')
  // Twice: USPS sometimes escapes the markup itself (`&lt;SUP&gt;&amp;#174;&lt;/SUP&gt;`).
  for (let pass = 0; pass < 2 && text.includes('&'); pass++)
    text = decodeEntities(text).replace(/<[^<>]{0,200}>/g, '')
  text = text.replace(/\s+/g, ' ').trim()
  return text === '' ? undefined : text
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE AP FM MH PW'.split(
    ' ',
  ),
)
const FACILITY = /^(.+?) ([A-Z]{2}) ((?:[A-Z0-9-]+ )*(?:CENTER|FACILITY|ANNEX|HUB|PLANT|NDC|DDU|P&DC|ISC))$/

/** The places one USPS adapter has read (`usps()` keeps its own): one frozen `Location` per place. */
export type UspsPlaces = ReturnType<typeof placeMemo>

export interface UspsPlace {
  city?: string | null
  state?: string | null
  zip?: string | null
  country?: string | null
}

/**
 * A USPS place to a location. USPS leaves the country empty for domestic events; a US state or ZIP code then
 * means `US`. A facility name with the state inside is split into facility, city and region.
 * With `places`, each place is read once and shared.
 * @example uspsLocation({ city: 'QUEENS NY DISTRIBUTION CENTER' }) // { facility, city: 'QUEENS', region: 'NY', countryCode: 'US' }
 */
export function uspsLocation(place: UspsPlace, places?: UspsPlaces): Location | undefined {
  if (!places) return readPlace(place)
  return places([place.city, place.state, place.zip, place.country], readParts)
}

/** The place of `[city, state, zip, country]` (one function for every lookup: no closure per event). */
function readParts(
  parts: readonly [UspsPlace['city'], UspsPlace['state'], UspsPlace['zip'], UspsPlace['country']],
) {
  return readPlace({ city: parts[0], state: parts[1], zip: parts[2], country: parts[3] })
}

function readPlace(place: UspsPlace): Location | undefined {
  let city = place.city?.replace(/\s+/g, ' ').trim() || undefined
  let region = place.state?.trim().toUpperCase() || undefined
  let facility: string | undefined
  if (city && !region) {
    const m = FACILITY.exec(city.toUpperCase())
    if (m && US_STATES.has(m[2]!)) {
      facility = city
      city = m[1]
      region = m[2]
    }
  }
  const zip = place.zip?.trim() || undefined
  let country = place.country?.trim().toUpperCase() || undefined
  if (country === 'UNITED STATES' || country === 'USA') country = 'US'
  if (country && !/^[A-Z]{2}$/.test(country)) country = undefined
  if (!country && ((region && US_STATES.has(region)) || (zip && /^\d{5}(-?\d{4})?$/.test(zip))))
    country = 'US'
  return compactLocation({ city, region, postalCode: zip, countryCode: country, facility })
}
