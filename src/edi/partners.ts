/**
 * Trading-partner profiles: a small configuration per sender of X12 files (matched on ISA06 or GS02) giving the
 * carrier id and SCAC, the default time zone, and code overrides.
 */

import { ConfigError } from '../errors/index.js'
import type { At7Entry, ReasonEntry } from './codes214.js'
import type { GroupHeader, InterchangeHeader } from './envelope.js'

/**
 * One sender's profile.
 * @example
 * { senderIds: ['ABCD'], carrier: 'abcd-freight', scac: 'ABCD', defaultZone: 'America/Chicago',
 *   statusCodes: { AV: { status: 'available_for_pickup', milestone: 'available_for_pickup' } } }
 */
export interface TradingPartner {
  /** Sender ids this profile applies to: ISA06 (interchange sender) or GS02 (application sender), any case. */
  senderIds: readonly string[]
  /** Carrier id put on this partner's shipments and events. @default the adapter id (`'edi214'`) */
  carrier?: string
  /** SCAC used when B10-03 is empty. */
  scac?: string
  /** Display name, for logs and docs. */
  name?: string
  /**
   * IANA zone for times that neither the time code nor the place resolve (events marked `fallback`).
   * @default the caller's `defaultZone`
   */
  defaultZone?: string
  /** AT701 overrides: a code's meaning for this partner (e.g. AV = available for pick-up). */
  statusCodes?: Readonly<Record<string, Partial<At7Entry>>>
  /** AT702 overrides. */
  reasonCodes?: Readonly<Record<string, ReasonEntry>>
  /**
   * Places of this partner's party ids (N1-04, e.g. a terminal code such as `ZZT01` or `CHI`), any case: an N1
   * whose id is listed takes this place when the file gives no N4 for it, so its AT7 times (`LT` or no code)
   * resolve in the place's zone (`zoneSource: 'location'`) instead of being kept without a zone.
   * @example { places: { ZZT01: { city: 'Joliet', region: 'IL', countryCode: 'US' } } }
   * @default none
   */
  places?: Readonly<Record<string, PartnerPlace>>
  /**
   * Read N1 party ids that are IATA airport codes (`MEM`) or UN/LOCODEs (`NLRTM`) as places, when the code is
   * unambiguous and N1-03 allows it (`4` = IATA, or no, `ZZ` or `91`–`94` qualifier); `places` above wins. Set
   * `false` for a partner whose own terminal codes look like airport codes but are not.
   * @default true
   */
  placeCodes?: boolean
}

/** A place a partner profile names for a party id: any of city, region, postal code and ISO country code. */
export interface PartnerPlace {
  city?: string
  region?: string
  postalCode?: string
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode?: string
  facility?: string
}

const IANA_ZONE_CHECK = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Checks profiles once, up front: a ConfigError names the profile and the field that cannot work. */
export function validatePartners(partners: readonly TradingPartner[]): void {
  partners.forEach((p, i) => {
    const where = `partners[${i}]${p.name ? ` (${p.name})` : ''}`
    if (
      !Array.isArray(p.senderIds) ||
      p.senderIds.length === 0 ||
      p.senderIds.some((id) => typeof id !== 'string' || !id.trim())
    ) {
      throw new ConfigError(`${where}.senderIds must list at least one sender id`)
    }
    if (p.scac !== undefined && !/^[A-Z]{2,4}$/.test(p.scac))
      throw new ConfigError(`${where}.scac must be 2-4 upper-case letters`)
    if (p.defaultZone !== undefined && !IANA_ZONE_CHECK(p.defaultZone)) {
      throw new ConfigError(`${where}.defaultZone is not an IANA time zone: ${JSON.stringify(p.defaultZone)}`)
    }
    if (p.placeCodes !== undefined && typeof p.placeCodes !== 'boolean')
      throw new ConfigError(`${where}.placeCodes must be true or false`)
    for (const [id, place] of Object.entries(p.places ?? {})) {
      if (typeof place !== 'object' || place === null || Array.isArray(place))
        throw new ConfigError(
          `${where}.places[${JSON.stringify(id)}] must be an object (city, region, countryCode...)`,
        )
      if (place.countryCode !== undefined && !/^[A-Z]{2}$/.test(place.countryCode))
        throw new ConfigError(
          `${where}.places[${JSON.stringify(id)}].countryCode must be an ISO 3166-1 alpha-2 code`,
        )
    }
  })
}

/** Finds the profile of an interchange/group sender (GS02 first, then ISA06). */
export class PartnerDirectory {
  readonly #byId = new Map<string, TradingPartner>()

  constructor(partners: readonly TradingPartner[] = []) {
    validatePartners(partners)
    for (const p of partners) for (const id of p.senderIds) this.#byId.set(id.trim().toUpperCase(), p)
  }

  find(
    interchange: InterchangeHeader | undefined,
    group: GroupHeader | undefined,
  ): TradingPartner | undefined {
    if (this.#byId.size === 0) return undefined
    const gs = group?.senderId.toUpperCase()
    const isa = interchange?.senderId.toUpperCase()
    return (gs ? this.#byId.get(gs) : undefined) ?? (isa ? this.#byId.get(isa) : undefined)
  }
}
