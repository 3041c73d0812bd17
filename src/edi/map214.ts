/**
 * One X12 214 transaction set → one canonical shipment. A streaming scan, not the loop grammar: B10/L11/N1 at the
 * top give the identity and parties; each AT7 takes the MS1/MS2 that follow it (up to the next AT7, LX or SE);
 * AT8 gives weight and pieces. Status lines become events, estimates update `estimatedDelivery`, appointment lines
 * become scheduled windows.
 */
import { AT701, AT702, AT703, type At7Entry } from '../../adapters/edi214/codes.js'
import { isWaybillError } from '../errors/index.js'
import {
  buildShipment,
  type DeliveryWindow,
  type Location,
  type NormalizeWarning,
  type RawSource,
  type Shipment,
  type Status,
  type TrackingEvent,
} from '../model/index.js'
import {
  type At7Line,
  at7Event,
  copyLocation,
  references214,
  upperCode,
  weight214,
  windowOf,
} from './event214.js'
import type { TradingPartner } from './partners.js'
import type { Segment } from './segment.js'
import { at7DateTime, isPre4010, ms1Location, n4Location, type X12TimeResolver } from './time214.js'

/** Settings shared by every set of a file. */
export interface Map214Settings {
  /** Carrier id when no partner profile names one. */
  carrier: string
  defaultZone?: string
  source: RawSource
  origin?: string
  times: X12TimeResolver
  /** MS1 text → its place, shared by the sets of a file (files repeat the same few places). */
  places: Map<string, MS1Place>
  /** N4 text → its place. */
  parties: Map<string, Location | undefined>
}

/** A parsed MS1 place. */
export interface MS1Place {
  location?: Location
  invalidCoordinates: boolean
}

/** Counts of one set. */
export interface Set214Counts {
  statusLines: number
  events: number
  estimates: number
  appointments: number
}

interface Party {
  code: string
  location?: Location
}

type Appointment = NonNullable<Shipment['appointments']>[number]

const DESTINATION_SIDE: ReadonlySet<Status> = new Set([
  'out_for_delivery',
  'delivery_attempted',
  'delivered',
  'available_for_pickup',
])
const ORIGIN_PARTIES = new Set(['SH', 'SF'])
const DESTINATION_PARTIES = new Set(['CN', 'ST'])

/** Collects the segments of one 214 set; {@link finish} maps them. */
export class Shipment214Builder {
  readonly #settings: Map214Settings
  readonly #partner: TradingPartner | undefined
  readonly #pre4010: boolean
  readonly #st: Segment
  #b10: Segment | undefined
  readonly #l11: Segment[] = []
  readonly #parties: Party[] = []
  #party: Party | undefined
  readonly #lines: At7Line[] = []
  #line: At7Line | undefined
  #lx = ''
  readonly #at8: Segment[] = []
  readonly #eventSettings: Parameters<typeof at7Event>[5]

  constructor(st: Segment, settings: Map214Settings, partner: TradingPartner | undefined) {
    this.#st = st
    this.#settings = settings
    this.#partner = partner
    this.#pre4010 = isPre4010(st.group?.version ?? '')
    this.#eventSettings = {
      source: settings.source,
      ...(settings.origin ? { origin: settings.origin } : {}),
      reasonOf: (code) => partner?.reasonCodes?.[code] ?? AT702[code],
    }
  }

  add(seg: Segment): void {
    switch (seg.id) {
      case 'AT7':
        this.#line = { at7: seg, lx: this.#lx }
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
        this.#lx = seg.element(1)
        this.#line = undefined
        this.#party = undefined
        break
      case 'B10':
        this.#b10 ??= seg
        break
      case 'L11':
        this.#l11.push(seg)
        break
      case 'N1':
        this.#party = { code: seg.element(1).toUpperCase() }
        this.#parties.push(this.#party)
        this.#line = undefined
        break
      case 'N4':
        if (this.#party && !this.#party.location) {
          const location = this.#n4(seg)
          if (location) this.#party.location = location
        }
        break
      case 'AT8':
        this.#at8.push(seg)
        break
    }
  }

  /** Maps the collected segments. Returns no shipment when the set names no shipment (with a warning). */
  finish(warnings: NormalizeWarning[]): { shipment?: Shipment; counts: Set214Counts } {
    const counts: Set214Counts = { statusLines: 0, events: 0, estimates: 0, appointments: 0 }
    const where = () => `ST ${this.#st.set?.control ?? this.#st.element(2)} (segment ${this.#st.index})`
    const b10 = this.#b10
      ? [
          this.#b10.element(1),
          this.#b10.element(2),
          this.#b10.element(3),
          this.#b10.element(5),
          this.#b10.element(6),
        ]
      : undefined
    const references = references214(b10, this.#l11)
    const trackingNumber =
      b10?.[0] ||
      (b10?.[3] ? b10[4] : '') ||
      b10?.[1] ||
      references.find((r) => r.type === 'pro_number')?.value ||
      ''
    for (const line of this.#lines) if (line.at7.element(1)) counts.statusLines++
    if (!trackingNumber) {
      warnings.push({
        code: 'invalid_field',
        message: `${where()}: no B10 shipment number; set skipped`,
        path: where(),
      })
      return { counts }
    }
    const partner = this.#partner
    const carrier = partner?.carrier ?? this.#settings.carrier
    const scacRaw = upperCode(b10?.[2] || partner?.scac || '')
    const scac = /^[A-Z]{2,4}$/.test(scacRaw) ? scacRaw : undefined
    if (scacRaw && !scac) {
      warnings.push({
        code: 'invalid_field',
        message: `${where()}: B10-03 SCAC ${JSON.stringify(scacRaw)} is not 2-4 letters`,
        path: `${where()}.B10-03`,
        trackingNumber,
      })
    }
    const origin = this.#parties.find((p) => ORIGIN_PARTIES.has(p.code) && p.location)?.location
    const destination = this.#parties.find((p) => DESTINATION_PARTIES.has(p.code) && p.location)?.location
    const zone = partner?.defaultZone ?? this.#settings.defaultZone
    const events = new Map<string, TrackingEvent>()
    const appointments = new Map<string, Appointment>()
    let estimatedDelivery: DeliveryWindow | undefined
    for (const line of this.#lines) {
      const at7 = line.at7
      const status = upperCode(at7.element(1))
      const appointment = upperCode(at7.element(3))
      const path = at7.index
      if (!status && !appointment) {
        warnings.push({
          code: 'invalid_field',
          message: `AT7 at segment ${path} has neither AT701 nor AT703`,
          path: `segment ${path}`,
          trackingNumber,
        })
        continue
      }
      const entry = status ? this.#status(status) : undefined
      const placed = line.ms1 ? this.#place(line.ms1) : undefined
      if (placed?.invalidCoordinates) {
        warnings.push({
          code: 'invalid_field',
          message: `MS1 at segment ${line.ms1!.index} has unreadable coordinates`,
          path: `segment ${line.ms1!.index}`,
          trackingNumber,
        })
      }
      const place = placed?.location
      const when = at7DateTime(at7, this.#pre4010)
      // Without an MS1, the zone comes from the party on the side of the shipment the line is about.
      const side = status
        ? this.#side(entry, origin, destination)
        : this.#appointmentSide(appointment, origin, destination)
      let time: ReturnType<X12TimeResolver['resolve']>
      try {
        time = this.#settings.times.resolve(when, place ?? side, zone)
      } catch (error) {
        if (!isWaybillError(error)) throw error
        warnings.push({
          code: 'invalid_field',
          message: `AT7 at segment ${path}: ${error.message}`,
          path: `segment ${path}`,
          trackingNumber,
          ...(status ? { rawCode: status } : {}),
        })
        continue
      }
      if (time.zoneSource === 'fallback') {
        warnings.push({
          code: 'fallback_zone',
          message: `AT7 at segment ${path}: time zone from the default zone ${zone}`,
          path: `segment ${path}`,
          trackingNumber,
        })
      }
      const window = (from: string | undefined, to: string | undefined, source: string) =>
        windowOf(from, to, time.precision, source)
      if (appointment) {
        const a = AT703[appointment]
        if (!a) {
          warnings.push({
            code: 'unknown_code',
            message: `AT703 appointment code '${appointment}' is not in the table`,
            path: `segment ${path}`,
            trackingNumber,
            rawCode: appointment,
          })
        } else {
          const item: Appointment = {
            kind: a.kind,
            window: window(
              a.bound === 'to' ? undefined : time.occurredAt,
              a.bound === 'from' ? undefined : time.occurredAt,
              `AT7:${appointment}`,
            ),
            code: appointment,
          }
          appointments.set(JSON.stringify(item), item)
          counts.appointments++
        }
      }
      if (!status) continue
      if (entry && entry.kind === 'estimate-delivery') {
        estimatedDelivery = window(time.occurredAt, time.occurredAt, `AT7:${status}`)
        counts.estimates++
        continue
      }
      if (entry && entry.kind !== 'event') {
        const item: Appointment = {
          kind: entry.kind === 'estimate-pickup' ? 'pickup' : 'other',
          window: window(time.occurredAt, time.occurredAt, `AT7:${status}`),
          code: status,
        }
        appointments.set(JSON.stringify(item), item)
        counts.estimates++
        continue
      }
      const event = at7Event(
        line,
        status,
        entry,
        {
          trackingNumber,
          carrier,
          time,
          place,
          path,
          timeCode: when.timeCode,
          ...(placed ? { ms1Text: placed.text } : {}),
        },
        warnings,
        this.#eventSettings,
      )
      if (!events.has(event.id)) events.set(event.id, event)
    }
    counts.events = events.size
    const draft = {
      carrier,
      trackingNumber,
      identifiers: { ...(scac ? { scac } : {}), references },
      events: [...events.values()],
      ...(estimatedDelivery ? { estimatedDelivery } : {}),
      ...(appointments.size ? { appointments: [...appointments.values()] } : {}),
      ...(origin ? { origin: copyLocation(origin) } : {}),
      ...(destination ? { destination: copyLocation(destination) } : {}),
      ...weight214(this.#at8),
      raw: [this.#rawEnvelope()],
    }
    return { shipment: buildShipment(draft), counts }
  }

  #n4(n4: Segment): Location | undefined {
    const cache = this.#settings.parties
    const text = n4.toString()
    if (cache.has(text)) return cache.get(text)
    const location = n4Location(n4)
    if (cache.size >= 4096) cache.clear()
    cache.set(text, location)
    return location
  }

  #place(ms1: Segment): MS1Place & { text: string } {
    const cache = this.#settings.places
    const text = ms1.toString()
    let place = cache.get(text)
    if (!place) {
      place = ms1Location(ms1)
      if (cache.size >= 4096) cache.clear()
      cache.set(text, place)
    }
    return { ...place, text }
  }

  #side(entry: At7Entry | undefined, origin?: Location, destination?: Location): Location | undefined {
    if (!entry) return undefined
    if (DESTINATION_SIDE.has(entry.status) || entry.kind === 'estimate-delivery') return destination
    if (entry.status === 'pre_transit' || entry.milestone === 'picked_up' || entry.kind === 'estimate-pickup')
      return origin
    return undefined
  }

  #appointmentSide(code: string, origin?: Location, destination?: Location): Location | undefined {
    return AT703[code]?.kind === 'delivery' ? destination : origin
  }

  #status(code: string): At7Entry | undefined {
    const override = this.#partner?.statusCodes?.[code]
    const base = AT701[code]
    if (override)
      return { kind: 'event', status: 'unknown', milestone: 'unknown', text: code, ...base, ...override }
    return base
  }

  #rawEnvelope(): Record<string, unknown> {
    const st = this.#st
    return {
      format: 'x12',
      set: '214',
      version: st.group?.version,
      interchangeControl: st.interchange?.control,
      senderId: st.interchange?.senderId,
      groupControl: st.group?.control,
      setControl: st.set?.control,
      offset: st.offset,
      ...(this.#settings.origin ? { origin: this.#settings.origin } : {}),
    }
  }
}
