/**
 * One X12 214 transaction set → one canonical shipment. A streaming scan, not the loop grammar: B10/L11/N1 at the
 * top give the identity and parties; each AT7 takes the MS1/MS2 that follow it (up to the next AT7, LX or SE);
 * AT8 gives weight and pieces. The lines themselves are mapped in line214.ts (events, estimates, appointments).
 */
import { ssccOf } from '../identifiers/gs1-keys.js'
import type { Location, NormalizeWarning, RawSource, Shipment } from '../model/core.js'
import { deriveStatusInOrder, type Reference, sortByInstants } from '../model/core.js'
import {
  type At7Line,
  copyLocation,
  type EventSettings,
  MAX_REFERENCES_PER_SET,
  references214,
  upperCode,
  weight214,
} from './event214.js'
import { mapLine, type Set214Counts, type SetState } from './line214.js'
import type { TradingPartner } from './partners.js'
import { type MS1Place, n4Place, type PartyCodePlaces, type SegmentBytesCache } from './place214.js'
import type { Segment } from './segment.js'
import { isPre4010, type X12TimeResolver } from './time214.js'

export type { Set214Counts } from './line214.js'
export type { MS1Place } from './place214.js'

/** Settings shared by every set of a file. */
export interface Map214Settings {
  /** Carrier id when no partner profile names one. */
  carrier: string
  defaultZone?: string
  source: RawSource
  origin?: string
  times: X12TimeResolver
  /** MS1 segment → its place, shared by the sets of a file (files repeat the same few places). */
  places: SegmentBytesCache<MS1Place>
  /** N4 segment → its place. */
  parties: SegmentBytesCache<Location | undefined>
  /** N1 party code → its place. */
  partyCodes: PartyCodePlaces
  /** Event settings derived from the above once per file. */
  event?: EventSettings
}

interface Party {
  code: string
  location?: Location
  /** The place came from the party's id (profile `places` or a code table): an N4 that follows replaces it. */
  fromId?: boolean
}

const SCAC = /^[A-Z]{2,4}$/

/** Collects the segments of one 214 set; {@link finish} maps them. */
export class Shipment214Builder {
  readonly #settings: Map214Settings
  readonly #partner: TradingPartner | undefined
  readonly #st: Segment
  #b10: Segment | undefined
  #l11: Segment[] | undefined
  #origin: Location | undefined
  #destination: Location | undefined
  /** The parties that gave {@link #origin} and {@link #destination} (see {@link #placeParty}). */
  #originParty: Party | undefined
  #destinationParty: Party | undefined
  #party: Party | undefined
  readonly #lines: At7Line[] = []
  #line: At7Line | undefined
  #lx = ''
  #at8: Segment[] | undefined
  /** MAN segments qualified `GM` (an SSCC-18 in MAN02). */
  #man: Segment[] | undefined

  constructor(st: Segment, settings: Map214Settings, partner: TradingPartner | undefined) {
    this.#st = st
    this.#settings = settings
    this.#partner = partner
  }

  add(seg: Segment): void {
    switch (seg.id) {
      case 'AT7':
        this.#line = { at7: seg, ms1: undefined, ms2: undefined, lx: this.#lx }
        this.#lines.push(this.#line)
        this.#party = undefined
        break
      case 'MS1':
        if (this.#line && !this.#line.ms1) this.#line.ms1 = seg
        break
      case 'MS2':
        if (this.#line && !this.#line.ms2) this.#line.ms2 = seg
        break
      case 'LX':
        this.#lx = seg.code(1)
        this.#line = undefined
        this.#party = undefined
        break
      case 'B10':
        this.#b10 ??= seg
        break
      case 'L11':
        this.#l11 ??= []
        this.#l11.push(seg)
        break
      case 'N1':
        this.#party = { code: upperCode(seg.code(1)) }
        this.#line = undefined
        this.#placeFromId(this.#party, seg)
        break
      case 'N4': {
        const party = this.#party
        if (party && (!party.location || party.fromId)) {
          const location = n4Place(this.#settings.parties, seg)
          if (location) this.#placeParty(party, location)
        }
        break
      }
      case 'AT8':
        this.#at8 ??= []
        this.#at8.push(seg)
        break
      case 'MAN':
        if (upperCode(seg.code(1)) === 'GM') {
          this.#man ??= []
          this.#man.push(seg)
        }
        break
    }
  }

  /** Gives a party its place: the first party of each side with a place (SH/SF → origin, CN/ST → destination). */
  #placeParty(party: Party, location: Location, fromId = false): void {
    // A side's place is replaced only when it is the place this very party's id gave (an N4 after it is more
    // precise). Place objects are shared (one per party code of a file), so the party is compared too.
    const previous = party.fromId ? party.location : undefined
    party.location = location
    if (fromId) party.fromId = true
    else delete party.fromId
    const code = party.code
    if (code === 'SH' || code === 'SF') {
      if (
        this.#origin === undefined ||
        (previous !== undefined && this.#originParty === party && this.#origin === previous)
      ) {
        this.#origin = location
        this.#originParty = party
      }
    } else if (code === 'CN' || code === 'ST') {
      if (
        this.#destination === undefined ||
        (previous !== undefined && this.#destinationParty === party && this.#destination === previous)
      ) {
        this.#destination = location
        this.#destinationParty = party
      }
    }
  }

  /**
   * The place this N1's id (N1-04) names: the partner profile's `places` first, then (unless the profile sets
   * `placeCodes: false`) an IATA airport code or UN/LOCODE, when the qualifier (N1-03) allows it and the code is
   * unambiguous.
   */
  #placeFromId(party: Party, n1: Segment): void {
    const id = upperCode(n1.code(4))
    if (!id) return
    const partner = this.#partner
    const place =
      (partner?.places ? placeOfId(partner.places, id) : undefined) ??
      (partner?.placeCodes === false ? undefined : this.#settings.partyCodes.get(upperCode(n1.code(3)), id))
    if (place) this.#placeParty(party, place, true)
  }

  /** Maps the collected segments. Returns no shipment when the set names no shipment (with a warning). */
  finish(warnings: NormalizeWarning[]): { shipment?: Shipment; counts: Set214Counts } {
    const counts: Set214Counts = { statusLines: 0, events: 0, estimates: 0, appointments: 0 }
    const b10 = this.#b10
      ? [
          this.#b10.element(1),
          this.#b10.element(2),
          this.#b10.element(3),
          this.#b10.element(5),
          this.#b10.element(6),
        ]
      : undefined
    const references = references214(b10, this.#l11, (leftOut) => {
      const where = this.#where()
      warnings.push({
        code: 'other',
        message: `${where}: ${leftOut} more distinct references than the ${MAX_REFERENCES_PER_SET} kept per set were left out`,
        path: where,
      })
    })
    const sscc = this.#man ? ssccs214(this.#man, references, warnings, this.#where()) : undefined
    let trackingNumber = b10?.[0] || (b10?.[3] ? b10[4] : '') || b10?.[1] || ''
    if (!trackingNumber) {
      for (const r of references) {
        if (r.type === 'pro_number' && r.value) {
          trackingNumber = r.value
          break
        }
      }
    }
    const lines = this.#lines
    if (!trackingNumber) {
      // Lines with a status code are counted even in a skipped set (mapLine counts them otherwise).
      for (let i = 0; i < lines.length; i++) if (lines[i]!.at7.code(1)) counts.statusLines++
      const where = this.#where()
      warnings.push({
        code: 'invalid_field',
        message: `${where}: no B10 shipment number; set skipped`,
        path: where,
      })
      return { counts }
    }
    const partner = this.#partner
    const settings = this.#settings
    const carrier = partner?.carrier ?? settings.carrier
    const scacRaw = upperCode(b10?.[2] || partner?.scac || '')
    const scac = SCAC.test(scacRaw) ? scacRaw : undefined
    if (scacRaw && !scac) {
      const where = this.#where()
      warnings.push({
        code: 'invalid_field',
        message: `${where}: B10-03 SCAC ${JSON.stringify(scacRaw)} is not 2-4 letters`,
        path: `${where}.B10-03`,
        trackingNumber,
      })
    }
    settings.event ??= settings.origin
      ? { source: settings.source, origin: settings.origin }
      : { source: settings.source }
    const state: SetState = {
      trackingNumber,
      carrier,
      zone: partner?.defaultZone ?? settings.defaultZone,
      origin: this.#origin,
      destination: this.#destination,
      pre4010: isPre4010(this.#st.group?.version ?? ''),
      partner,
      times: settings.times,
      places: settings.places,
      event: settings.event,
      warnings,
      ms2: undefined,
      ms2Text: '',
      equipment: '',
      counts,
      events: [],
      instants: [],
      appointments: undefined,
      estimatedDelivery: undefined,
    }
    for (let i = 0; i < lines.length; i++) mapLine(lines[i]!, state)
    counts.events = state.events.length
    const load = weight214(this.#at8)
    return {
      shipment: assembleShipment(
        carrier,
        trackingNumber,
        scac,
        sscc,
        references,
        state,
        this.#origin,
        this.#destination,
        load,
        this.#rawEnvelope(),
      ),
      counts,
    }
  }

  #where(): string {
    return `ST ${this.#st.set?.control ?? this.#st.element(2)} (segment ${this.#st.index})`
  }

  #rawEnvelope(): Record<string, unknown> {
    const st = this.#st
    const raw: Record<string, unknown> = {
      format: 'x12',
      set: '214',
      version: st.group?.version,
      interchangeControl: st.interchange?.control,
      senderId: st.interchange?.senderId,
      groupControl: st.group?.control,
      setControl: st.set?.control,
      offset: st.offset,
    }
    if (this.#settings.origin) raw.origin = this.#settings.origin
    return raw
  }
}

/**
 * The shipment `buildShipment` would build from this set's draft, assembled directly (docs/performance.md "V8
 * notes"). Events are sorted as `sortEvents` sorts them, on the instants already known
 * (`sortByInstants`); status, milestone and reason still come from the model (`deriveStatusInOrder`), and
 * test/edi/assemble.test.ts checks that the result equals `buildShipment`'s, key order included.
 */
function assembleShipment(
  carrier: string,
  trackingNumber: string,
  scac: string | undefined,
  sscc: string | undefined,
  references: Reference[],
  state: SetState,
  origin: Location | undefined,
  destination: Location | undefined,
  load: Pick<Shipment, 'weight' | 'pieces'>,
  rawEnvelope: Record<string, unknown>,
): Shipment {
  const events = sortByInstants(state.events, state.instants)
  const derived = deriveStatusInOrder(events) // sorted just above
  // Key order is the JSON order of buildShipment's result: the draft's keys, then the derived ones.
  const shipment: Shipment = {
    carrier,
    trackingNumber,
    // buildShipment writes `{ references: [], ...identifiers }`: `references` comes first.
    identifiers: identifiers214(references, scac, sscc),
    events,
  } as Shipment
  if (state.estimatedDelivery) shipment.estimatedDelivery = state.estimatedDelivery
  if (state.appointments) shipment.appointments = [...state.appointments.values()]
  if (origin) shipment.origin = copyLocation(origin)
  if (destination) shipment.destination = copyLocation(destination)
  if (load.weight) shipment.weight = load.weight
  if (load.pieces !== undefined) shipment.pieces = load.pieces
  shipment.raw = [rawEnvelope]
  shipment.status = derived.status
  shipment.milestone = derived.milestone
  if (derived.reason !== undefined) shipment.reason = derived.reason
  if (derived.status === 'delivered' && derived.event?.occurredAt)
    shipment.deliveredAt = derived.event.occurredAt
  return shipment
}

/** `{ references, scac?, sscc? }` in that key order (buildShipment's). */
function identifiers214(
  references: Reference[],
  scac: string | undefined,
  sscc: string | undefined,
): Shipment['identifiers'] {
  const identifiers: Shipment['identifiers'] = { references }
  if (scac) identifiers.scac = scac
  if (sscc) identifiers.sscc = sscc
  return identifiers
}

/**
 * `MAN*GM*<SSCC>` (element 88 `GM`: an SSCC-18, with or without its `00` application identifier) → the SSCCs of
 * the set, each kept as a reference with qualifier `GM` (a pallet per MAN); the first is `identifiers.sscc`. An
 * SSCC whose GS1 check digit does not match is left out with a warning.
 */
function ssccs214(
  mans: readonly Segment[],
  references: Reference[],
  warnings: NormalizeWarning[],
  where: string,
): string | undefined {
  let first: string | undefined
  for (const man of mans) {
    const value = man.element(2)
    if (!value) continue
    const sscc = ssccOf(value)
    if (!sscc) {
      warnings.push({
        code: 'invalid_field',
        message: `${where}: MAN*GM at segment ${man.index} is not a valid SSCC-18 (${JSON.stringify(value)}): 18 digits with a GS1 check digit`,
        path: `segment ${man.index}`,
      })
      continue
    }
    first ??= sscc
    if (!references.some((r) => r.qualifier === 'GM' && r.value === sscc))
      references.push({ type: 'other', value: sscc, qualifier: 'GM' })
  }
  return first
}

/** A profile place by party id, any case; a frozen Location. */
function placeOfId(places: NonNullable<TradingPartner['places']>, id: string): Location | undefined {
  for (const [key, place] of Object.entries(places)) {
    if (key.trim().toUpperCase() !== id) continue
    const location: Location = {}
    if (place.facility) location.facility = place.facility
    if (place.city) location.city = place.city
    if (place.region) location.region = place.region
    if (place.postalCode) location.postalCode = place.postalCode
    if (place.countryCode) location.countryCode = place.countryCode
    location.resolvedFrom = 'profile'
    return Object.freeze(location)
  }
  return undefined
}
