/**
 * Places as a reader expects them: carriers send "AUSTIN, TX", "SAINT-DENIS", "MC ALLEN" or "O'FALLON" in
 * capitals; customers read "Austin, TX", "Saint-Denis", "McAllen", "O'Fallon". Codes (states, provinces,
 * countries) stay upper-case, and a name the carrier already wrote in mixed case is left exactly as it is.
 */
import type { Location } from '../../model/core.js'
import { BoundedMap } from '../../time/bounded-map.js'

/** Words that stay lower-case inside a place name (never as its first word): "Boulogne-sur-Mer", "Rio de Janeiro". */
const PARTICLES = new Set([
  'am',
  'an',
  'da',
  'das',
  'de',
  'del',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'en',
  'et',
  'im',
  'la',
  'las',
  'le',
  'les',
  'lès',
  'los',
  'of',
  'on',
  'sous',
  'sur',
  'the',
  'upon',
  'y',
])

/** Languages whose casing of i/I differs from the default (dotted and dotless i). */
const TURKIC: Record<string, string> = { TR: 'tr', AZ: 'az' }

/** A region or country code: two or three letters, e.g. "TX", "ON", "NSW". */
const CODE = /^\p{L}{2,3}$/u

/** Upper and lower case letters both present: the carrier chose its casing, and it is kept. */
function isMixedCase(text: string): boolean {
  return text !== text.toUpperCase() && text !== text.toLowerCase()
}

function capitalize(word: string, lang: string | undefined): string {
  const [first = '', ...rest] = word
  return first.toLocaleUpperCase(lang) + rest.join('')
}

/**
 * One name in title case, Unicode-aware: each word starts with a capital, hyphens, apostrophes and periods are kept
 * ("SAINT-DENIS" → "Saint-Denis", "ST. LOUIS" → "St. Louis", "O'FALLON" → "O'Fallon", "ST. MARY'S" → "St. Mary's"),
 * a standalone "MC" joins the next word ("MC ALLEN" → "McAllen"), particles inside a name stay lower-case.
 * Text in mixed case, and scripts without case, come back unchanged.
 * @example titleCasePlace('BOULOGNE-SUR-MER') // 'Boulogne-sur-Mer'
 */
export function titleCasePlace(text: string, countryCode?: string): string {
  if (isMixedCase(text)) return text
  const lang = countryCode ? TURKIC[countryCode.toUpperCase()] : undefined
  const lower = text.toLocaleLowerCase(lang)
  // words: runs of letters and marks (and digits); everything else (space, hyphen, apostrophe, period) is kept as is
  let index = 0
  const out = lower.replace(/[\p{L}\p{M}\p{N}]+/gu, (word, offset: number) => {
    const first = index++ === 0
    const before = lower[offset - 1]
    // after an apostrophe: "O'Fallon", "D'Iberville" (a one- or two-letter elision), but "Mary's", "Hawke's Bay"
    if (before === "'" || before === '\u2019') {
      const previous = /[\p{L}\p{M}]+(?=['\u2019]$)/u.exec(lower.slice(0, offset))?.[0] ?? ''
      return previous.length <= 2 && word.length > 1 ? capitalize(word, lang) : word
    }
    if (!first && PARTICLES.has(word)) return word
    if (word.startsWith('mc') && word.length > 3) return `Mc${capitalize(word.slice(2), lang)}`
    return capitalize(word, lang)
  })
  return out.replace(/(^|[\s-])Mc\s+(?=\p{Lu})/gu, '$1Mc')
}

/**
 * A city as carriers send it, in proper case. A city that carries its region or country after a comma
 * ("AUSTIN, TX") keeps those codes upper-case.
 * @example cityName('MC ALLEN, TX') // 'McAllen, TX'
 */
export function cityName(city: string, countryCode?: string): string {
  return city
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => (i > 0 && CODE.test(part) ? part.toUpperCase() : titleCasePlace(part, countryCode)))
    .join(', ')
}

/** A region: a code upper-case ("tx" → "TX"), a name in proper case ("NEW SOUTH WALES" → "New South Wales"). */
export function regionName(region: string, countryCode?: string): string {
  const trimmed = region.trim()
  return CODE.test(trimmed) ? trimmed.toUpperCase() : titleCasePlace(trimmed, countryCode)
}

/** Country-name tables by locale, kept (building one costs far more than a lookup); bounded like the formatters. */
const regionNames = new BoundedMap<string, Intl.DisplayNames>(64)

/** The country's name in the reader's language ("US" → "United States", "Estados Unidos"); the code when unknown. */
export function countryName(countryCode: string, locale: string): string {
  const code = countryCode.trim().toUpperCase()
  try {
    let names = regionNames.get(locale)
    if (names === undefined) {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })
      regionNames.set(locale, names)
    }
    return names.of(code) ?? code
  } catch {
    return code
  }
}

/**
 * A place for a reader: city, region, country ("Austin, TX, United States"), each part in proper case, and a part
 * the city already carries ("AUSTIN, TX" with region "TX") said once.
 * @example place({ city: 'ST. LOUIS', region: 'mo', countryCode: 'US' }, 'en') // 'St. Louis, MO, United States'
 */
export function place(location: Location | undefined, locale: string): string | undefined {
  if (!location) return undefined
  const country = location.countryCode
  const parts: string[] = []
  if (location.city?.trim()) parts.push(...cityName(location.city, country).split(', '))
  if (location.region?.trim()) parts.push(regionName(location.region, country))
  if (country?.trim()) parts.push(countryName(country, locale))
  const seen = new Set<string>()
  const unique = parts.filter((part) => {
    const key = part.toLocaleLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.length ? unique.join(', ') : undefined
}

/** The city alone, in proper case ("updated 08:14 in Austin"); undefined when the place has no city. */
export function cityOnly(location: Location | undefined): string | undefined {
  const city = location?.city?.split(',')[0]?.trim()
  return city ? titleCasePlace(city, location?.countryCode) : undefined
}
