/**
 * N1 party ids that name a place by a code (N1-04): an IATA airport code or a UN/LOCODE, which many freight
 * carriers use as terminal codes. Read only when the qualifier (N1-03, X12 element 66) leaves room for it: `4`
 * (IATA) says so outright; no qualifier, `ZZ` (mutually defined) and `91`–`94` (assigned by a party) say the
 * code is the partners' own, so its shape decides; any other qualifier (DUNS, GLN, SCAC…) names something else.
 */
import type { Location } from '../model/core.js'
import { placeOfCode } from '../time/index.js'

/** Qualifiers under which a party's own code is read by its shape. */
const OWN_CODE_QUALIFIERS = new Set(['', 'ZZ', '91', '92', '93', '94'])
const IATA_QUALIFIER = '4'

/**
 * The frozen place an N1 id names (with coordinates when the table has them, its zone and
 * `resolvedFrom`), or undefined.
 * @example placeOfPartyCode('ZZ', 'MEM') // { countryCode: 'US', iataCode: 'MEM', timeZone: 'America/Chicago', … }
 */
export function placeOfPartyCode(qualifier: string, id: string): Location | undefined {
  const found =
    qualifier === IATA_QUALIFIER
      ? placeOfCode(id, { unLocode: false })
      : OWN_CODE_QUALIFIERS.has(qualifier)
        ? placeOfCode(id)
        : undefined
  if (!found) return undefined
  const location: Location = { countryCode: found.countryCode }
  if (found.coordinates) location.coordinates = Object.freeze({ ...found.coordinates })
  if (found.scheme === 'iata') location.iataCode = found.code
  else location.unLocode = found.code
  location.timeZone = found.timeZone
  location.resolvedFrom = found.scheme
  return Object.freeze(location)
}
