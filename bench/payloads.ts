/**
 * The large real-shaped payloads the normalize benches time (the goal of docs/performance.md: normalize ≤ 3× `JSON.parse` of the same
 * bytes), shared by the vitest benches, `normalize-ratio.ts` (the CPU-time ratio in child processes), `disk.ts`
 * and `end-to-end.ts`. Every payload is generated from a seed, varied the way real traffic is: thousands of
 * places (US ZIP codes, world cities) with their real zones and offsets, every code of the carrier's code table,
 * times spread over 2024 (both DST changes) in each carrier's own formats, and varied event counts. How each
 * carrier's payload is drawn is written down in payloads.md, beside this file.
 *
 * Event `i` of a parcel depends only on the seed, the parcel and `i`, so a history asked for with one more event is
 * the same history with one more scan (what `disk.ts` and `end-to-end.ts` poll). Counts vary around the count asked
 * for when a payload holds several parcels; a payload of one parcel has exactly that many events.
 */
import { readFileSync } from 'node:fs'
import { FEDEX_EVENT_TYPES } from '../adapters/fedex/codes.js'
import { UPS_STATUS_CODES } from '../adapters/ups/codes.js'
import { USPS_EVENT_CODES } from '../adapters/usps/codes.js'
import {
  codeNames,
  countryName,
  instantIn2024,
  localIso,
  offsetAt,
  offsetText,
  type Place,
  placed,
  Random,
  usZipPlaces,
  utcIso,
  worldCityPlaces,
} from './payload-data.js'

/** One scan of a journey: where, when (epoch ms) and whether it is the first scan or one of the last two. */
interface Stop {
  place: Place
  at: number
  offset: number
  phase: 'start' | 'middle' | 'outForDelivery' | 'delivered'
  /** The scan's own random source (its code and texts), so scan `i` is the same whatever the count. */
  random: Random
}

/**
 * The first `count` scans of a parcel's journey, oldest first: the origin, then hubs drawn from `hubs` (skewed:
 * big hubs often), then the destination, each place for 1–6 scans, 5 minutes to 16 hours apart. With `complete`
 * the last two scans are out for delivery and delivered, at the destination.
 */
function journey(
  random: Random,
  count: number,
  origin: Place,
  hubs: readonly Place[],
  destination: Place,
  complete: boolean,
): Stop[] {
  const stops: Stop[] = []
  let at = instantIn2024(random)
  let place = placed(origin)
  let left = random.int(1, 4)
  const hubCount = random.int(1, 5)
  let leg = 0
  for (let i = 0; i < count; i++) {
    const last = complete && i >= count - 2
    if (last) place = placed(destination)
    else if (left === 0) {
      leg++
      place = placed(leg > hubCount ? destination : random.skewed(hubs))
      left = random.int(1, 6)
    }
    left--
    const offset = offsetAt(place.zone, at)
    const phase = last ? (i === count - 1 ? 'delivered' : 'outForDelivery') : i === 0 ? 'start' : 'middle'
    stops.push({ place, at, offset, phase, random: new Random(seedOf(random.int(0, 2 ** 31), i)) })
    at += random.int(5 * 60, 16 * 3600) * 1000
  }
  return stops
}

/** A count around `mean` (a quarter to seven quarters of it) when `vary`, else `mean` itself. */
function eventCount(random: Random, mean: number, vary: boolean): number {
  if (!vary) return mean
  const low = Math.max(1, Math.ceil(mean / 4))
  return random.int(low, 2 * mean - low)
}

/** A code for a scan: three in four from the scan's phase, else any code of the table (all appear). */
function codeFor(
  random: Random,
  stop: Stop,
  phases: Record<Stop['phase'], readonly string[]>,
  all: readonly string[],
) {
  if (stop.phase !== 'delivered' && stop.phase !== 'outForDelivery' && random.chance(0.25))
    return random.pick(all)
  return random.pick(phases[stop.phase])
}

const seedOf = (seed: number, ...parts: number[]) =>
  parts.reduce((s, p) => Math.imul(s ^ p, 0x9e3779b1) + 1, seed)

// ---- FedEx

const FEDEX_NAMES = new Map(
  codeNames('adapters/fedex/codes.ts', 'FEDEX_EVENT_TYPES').map((r) => [r.code, r.name]),
)
const FEDEX_CODES = Object.keys(FEDEX_EVENT_TYPES)
const FEDEX_PHASES = {
  start: ['OC', 'PU'],
  middle: ['AR', 'DP', 'IT', 'AR', 'DP', 'AF', 'IT', 'AE'],
  outForDelivery: ['OD'],
  delivered: ['DL'],
} as const
const FEDEX_EXCEPTIONS: Record<string, [string, string]> = {
  DE: ['08', 'Customer not available or business closed'],
  DD: ['71', 'Delay beyond our control'],
  DY: ['A3', 'Weather delay'],
  SE: ['03', 'Incorrect address'],
  CD: ['CD', 'Clearance delay - Import'],
  PD: ['PD', 'Pickup delay'],
}
const FEDEX_DERIVED: Record<string, [string, string]> = {
  DL: ['DL', 'Delivered'],
  PU: ['PU', 'Picked up'],
  OC: ['IN', 'Label created'],
  DE: ['DE', 'Delivery exception'],
  SE: ['SE', 'Shipment exception'],
}

/** A FedEx address: US with state and ZIP; abroad the city and country (and no state). */
function fedexAddress(place: Place) {
  return place.countryCode === 'US'
    ? {
        streetLines: [''],
        city: place.city,
        stateOrProvinceCode: place.region,
        postalCode: place.postalCode,
        countryCode: 'US',
        residential: false,
        countryName: 'United States',
      }
    : { streetLines: [''], city: place.city, countryCode: place.countryCode, residential: false }
}

function fedexScan(random: Random, stop: Stop) {
  const code = codeFor(random, stop, FEDEX_PHASES, FEDEX_CODES)
  // Pickups are often written as a date at midnight without offset (karrio's captured Ground response).
  const dateOnly = code === 'PU' && random.chance(0.4)
  const date = dateOnly
    ? `${localIso(stop.at, stop.offset).slice(0, 10)}T00:00:00`
    : `${localIso(stop.at, stop.offset)}${offsetText(stop.offset)}`
  const exception = FEDEX_EXCEPTIONS[code]
  const derived = FEDEX_DERIVED[code] ?? ['IT', 'In transit']
  const address = fedexAddress(stop.place)
  const facility = code !== 'OC' && code !== 'DL' && code !== 'IT'
  return {
    date,
    eventType: code,
    eventDescription: FEDEX_NAMES.get(code) ?? code,
    exceptionCode: exception?.[0] ?? '',
    exceptionDescription: exception?.[1] ?? '',
    // Label creation names only the shipper's ZIP code.
    scanLocation:
      code === 'OC'
        ? { streetLines: [''], postalCode: address.postalCode, countryCode: address.countryCode }
        : address,
    ...(facility ? { locationId: `0${(stop.place.postalCode ?? stop.place.city).slice(0, 3)}` } : {}),
    locationType:
      code === 'DL'
        ? 'DELIVERY_LOCATION'
        : code === 'OC'
          ? 'CUSTOMER'
          : code === 'OD' || code === 'IT'
            ? 'VEHICLE'
            : 'FEDEX_FACILITY',
    derivedStatusCode: derived[0],
    derivedStatus: derived[1],
  }
}

/** FedEx Track API response: `numbers` tracking numbers, `scans` scan events each (on average when several). */
export function fedexPayload(numbers: number, scans: number, seed = 1): string {
  const us = usZipPlaces()
  const hubs = us.slice(0, 600)
  const completeTrackResults = Array.from({ length: numbers }, (_, n) => {
    const random = new Random(seedOf(seed, 1, n))
    const trackingNumber = String(771234560000 + n)
    const origin = placed(random.pick(us))
    const abroad = random.chance(0.1)
    const destination = placed(abroad ? random.skewed(worldCityPlaces()) : random.pick(us))
    const count = eventCount(random, scans, numbers > 1)
    const stops = journey(random, count, origin, hubs, destination, numbers > 1 && random.chance(0.7))
    const scanEvents = stops.map((stop) => fedexScan(stop.random, stop)).reverse()
    const start = stops[0]!
    const shipDate = `${localIso(start.at, start.offset).slice(0, 10)}T00:00:00${offsetText(start.offset)}`
    return {
      trackingNumber,
      trackResults: [
        {
          trackingNumberInfo: {
            trackingNumber,
            trackingNumberUniqueId: `12028~${trackingNumber}~FDEG`,
            carrierCode: 'FDXG',
          },
          additionalTrackingInfo: {
            packageIdentifiers: [{ type: 'CUSTOMER_REFERENCE', values: [`ORD-${seed}-${n}`] }],
          },
          shipperInformation: { contact: {}, address: fedexAddress(origin) },
          recipientInformation: { contact: {}, address: fedexAddress(destination) },
          latestStatusDetail: {
            code: scanEvents[0]?.derivedStatusCode ?? 'IT',
            derivedCode: scanEvents[0]?.derivedStatusCode ?? 'IT',
            statusByLocale: scanEvents[0]?.derivedStatus ?? 'In transit',
            description: scanEvents[0]?.derivedStatus ?? 'In transit',
          },
          dateAndTimes: [
            { type: 'ACTUAL_PICKUP', dateTime: shipDate },
            { type: 'SHIP', dateTime: shipDate },
          ],
          packageDetails: {
            count: '1',
            weightAndDimensions: { weight: [{ value: (0.5 + random.next() * 60).toFixed(1), unit: 'LB' }] },
          },
          serviceDetail: abroad
            ? {
                type: 'INTERNATIONAL_PRIORITY',
                description: 'FedEx International Priority',
                shortDescription: 'IP',
              }
            : { type: 'FEDEX_GROUND', description: 'FedEx Ground', shortDescription: 'FG' },
          standardTransitTimeWindow: { window: { ends: shipDate.replace(/^(\d{4}-\d{2}-)(\d{2})/, '$101') } },
          estimatedDeliveryTimeWindow: { window: {} },
          scanEvents,
        },
      ],
    }
  })
  return JSON.stringify({ transactionId: `bench-${seed}`, output: { completeTrackResults } })
}

// ---- UPS

const UPS_NAMES = new Map(codeNames('adapters/ups/codes.ts', 'UPS_STATUS_CODES').map((r) => [r.code, r.name]))
const UPS_CODES = Object.keys(UPS_STATUS_CODES)
const UPS_PHASES = {
  start: ['003'],
  middle: ['005', '005', '010', '005', '016', '025'],
  outForDelivery: ['021'],
  delivered: ['011'],
} as const
/** The activity type and 2-character code UPS writes beside a status code of this meaning. */
function upsType(statusCode: string): { type: string; code: string } {
  const status = UPS_STATUS_CODES[statusCode]?.status
  if (status === 'delivered') return { type: 'D', code: 'FS' }
  if (status === 'pre_transit') return { type: 'M', code: 'MP' }
  if (status === 'out_for_delivery') return { type: 'I', code: 'OT' }
  if (status === 'in_transit') return { type: 'I', code: 'AR' }
  return { type: 'X', code: 'WT' }
}

const compactDate = (iso: string) => iso.slice(0, 10).replaceAll('-', '')
const compactTime = (iso: string) => iso.slice(11, 19).replaceAll(':', '')

/** UPS Track API response: one shipment of `packages` packages, `activities` activities each (on average when several). */
export function upsPayload(packages: number, activities: number, seed = 1): string {
  const us = usZipPlaces()
  const hubs = us.slice(0, 600)
  const pkgs = Array.from({ length: packages }, (_, p) => {
    const random = new Random(seedOf(seed, 2, p))
    const origin = placed(random.pick(us))
    const destination = placed(random.pick(us))
    const count = eventCount(random, activities, packages > 1)
    const stops = journey(random, count, origin, hubs, destination, packages > 1 && random.chance(0.7))
    const activity = stops
      .map((stop, a) => {
        const random = stop.random
        const statusCode = codeFor(random, stop, UPS_PHASES, UPS_CODES)
        const local = localIso(stop.at, stop.offset)
        const gmt = localIso(stop.at, 0)
        // UPS's inconsistent formats (UPS-API/api-documentation #38, #99): a GMT time without its leading zero,
        // an offset only now and then, sometimes without its leading zero.
        const gmtTime = compactTime(gmt)
        const offset = offsetText(stop.offset)
        return {
          date: compactDate(local),
          time: compactTime(local),
          gmtDate: compactDate(gmt),
          gmtTime: a % 3 === 0 ? gmtTime.replace(/^0/, '') : gmtTime,
          ...(a % 4 === 0
            ? { gmtOffset: random.chance(0.5) ? offset : offset.replace(/^([+-])0/, '$1') }
            : {}),
          location: {
            address: {
              city: stop.place.city,
              stateProvince: stop.place.region,
              postalCode: stop.place.postalCode,
              country: 'US',
              countryCode: 'US',
            },
            slic: stop.place.postalCode?.slice(0, 4),
          },
          status: {
            ...upsType(statusCode),
            statusCode,
            description: UPS_NAMES.get(statusCode) ?? statusCode,
            simplifiedTextDescription:
              UPS_STATUS_CODES[statusCode]?.status === 'delivered' ? 'Delivered' : 'On the Way',
          },
        }
      })
      .reverse()
    return {
      trackingNumber: `1ZA1B2C3034512${String(3400 + p)}`,
      activity,
      deliveryDate: [{ type: 'SDD', date: compactDate(localIso(stops.at(-1)!.at + 2 * 86_400_000, 0)) }],
      deliveryTime: { type: 'EDW', startTime: '090000', endTime: '130000' },
      packageAddress: [
        {
          type: 'DESTINATION',
          address: { city: destination.city, stateProvince: destination.region, country: 'US' },
        },
      ],
      service: { code: '003', description: 'UPS Ground' },
      packageCount: packages,
      weight: { unitOfMeasurement: 'LBS', weight: (0.5 + random.next() * 60).toFixed(2) },
    }
  })
  return JSON.stringify({
    trackResponse: { shipment: [{ inquiryNumber: pkgs[0]!.trackingNumber, package: pkgs }] },
  })
}

// ---- DHL

/** A DHL Express locality: `CITY - COUNTRY`, in the US `CITY, ST - USA`. */
function expressLocality(place: Place): string {
  return place.countryCode === 'US' && place.region
    ? `${place.city}, ${place.region} - USA`
    : `${place.city} - ${countryName(place.countryCode)}`
}

interface DhlStep {
  statusCode: string
  status: string
  description: string
  remark?: string
  nextSteps?: string
}

/** Express texts per phase (`{place}` is the event's locality, `{name}` a signer); some match the text rules. */
const EXPRESS_STEPS: Record<Stop['phase'], readonly DhlStep[]> = {
  start: [
    {
      statusCode: 'pre-transit',
      status: 'Shipment information received',
      description: 'Shipment information received',
    },
    { statusCode: 'transit', status: 'Shipment picked up', description: 'Shipment picked up' },
  ],
  middle: [
    { statusCode: 'transit', status: 'Processed', description: 'Processed at {place}' },
    { statusCode: 'transit', status: 'Departed', description: 'Departed Facility in {place}' },
    { statusCode: 'transit', status: 'Arrived', description: 'Arrived at DHL Sort Facility {place}' },
    { statusCode: 'transit', status: 'Transferred', description: 'Transferred through {place}' },
    {
      statusCode: 'transit',
      status: 'Customs status updated',
      description: 'Customs clearance status updated',
      remark: 'The shipment is pending completion of customs inspection.',
      nextSteps: 'The status will be updated following customs inspection.',
    },
    { statusCode: 'transit', status: 'Clearance', description: 'Clearance processing complete at {place}' },
    { statusCode: 'transit', status: 'Arrived', description: 'Arrived at DHL Delivery Facility {place}' },
    { statusCode: 'transit', status: 'Delay', description: 'Shipment is on hold' },
    {
      statusCode: 'failure',
      status: 'Delivery attempted',
      description: 'Delivery attempted; recipient not home',
    },
    { statusCode: 'failure', status: 'Returned', description: 'Returned to shipper' },
    { statusCode: 'unknown', status: 'Unknown', description: 'Status not available' },
  ],
  outForDelivery: [{ statusCode: 'transit', status: 'With courier', description: 'With delivery courier' }],
  delivered: [
    { statusCode: 'delivered', status: 'Delivered', description: 'Delivered - Signed for by: {name}' },
  ],
}

/** Parcel Germany texts (English, as the API answers with `language=en`). */
const PARCEL_DE_STEPS: Record<Stop['phase'], readonly DhlStep[]> = {
  start: [
    {
      statusCode: 'pre-transit',
      status: 'electronic advice',
      description:
        'The instruction data for this shipment have been provided by the sender to DHL electronically',
    },
    {
      statusCode: 'transit',
      status: 'posted',
      description: 'The shipment has been posted by the sender at the retail outlet',
    },
  ],
  middle: [
    {
      statusCode: 'transit',
      status: 'processed',
      description: 'The shipment has been processed in the parcel center of origin',
    },
    {
      statusCode: 'transit',
      status: 'left',
      description: 'The shipment has left the parcel center of origin',
    },
    {
      statusCode: 'transit',
      status: 'processed in the destination parcel center',
      description: 'The shipment has been processed in the destination parcel center',
    },
    {
      statusCode: 'transit',
      status: 'transported',
      description: 'The shipment is being transported to the destination',
    },
    {
      statusCode: 'failure',
      status: 'not delivered',
      description: 'The recipient was not present. The shipment is being taken to a retail outlet',
    },
  ],
  outForDelivery: [
    {
      statusCode: 'transit',
      status: 'delivery vehicle',
      description: 'The shipment has been loaded onto the delivery vehicle',
    },
  ],
  delivered: [
    {
      statusCode: 'delivered',
      status: 'delivered',
      description: 'The shipment has been successfully delivered',
    },
  ],
}

const SIGNERS = [
  'M. WEBER',
  'J. SMITH',
  'A. MÜLLER',
  'K. TANAKA',
  'L. MARTIN',
  'S. ROSSI',
  'P. NOWAK',
  'R. GARCIA',
]

function dhlStep(random: Random, steps: Record<Stop['phase'], readonly DhlStep[]>, stop: Stop): DhlStep {
  // One middle scan in five takes any step (failures, unknown codes and holds included); the rest the usual ones.
  const list = steps[stop.phase]
  return stop.phase === 'middle' && !random.chance(0.2) ? random.pick(list.slice(0, 4)) : random.pick(list)
}

const dhlText = (step: DhlStep, locality: string, random: Random) =>
  step.description.replace('{place}', locality).replace('{name}', () => random.pick(SIGNERS))

/** A 5-digit postal code of a place without one in the data (a hash of its name: the same for every scan there). */
function postal(place: Place): string {
  let hash = 7
  for (let i = 0; i < place.city.length; i++) hash = Math.imul(hash ^ place.city.charCodeAt(i), 0x01000193)
  return String(((hash >>> 0) % 99000) + 1000).padStart(5, '0')
}

/**
 * DHL in the shapes of the project's fixtures: 25 shipments × 40 events on average. Even shipments are Express as
 * in `delivered-signature.json` (the locality alone, times with the place's offset); odd ones Parcel Germany as in
 * `in-transit-no-offset.json` (country code, German city, sometimes a postal code; local times without offset).
 */
export function dhlPayload(seed = 1): string {
  const world = worldCityPlaces()
  const germany = world.filter((p) => p.countryCode === 'DE')
  const base = JSON.parse(readFileSync('fixtures/dhl/delivered-signature.json', 'utf8')).shipments[0]
  const local = JSON.parse(readFileSync('fixtures/dhl/in-transit-no-offset.json', 'utf8')).shipments[0]
  const shipments = []
  for (let s = 0; s < 25; s++) {
    const random = new Random(seedOf(seed, 3, s))
    const express = s % 2 === 0
    const pool = express ? world : germany
    const origin = placed(random.pick(pool))
    const destination = placed(random.pick(pool))
    const stops = journey(
      random,
      eventCount(random, 40, true),
      origin,
      express ? world.slice(0, 300) : germany.slice(0, 40),
      destination,
      random.chance(0.7),
    )
    const events = stops
      .map((stop) => {
        const random = stop.random
        const step = dhlStep(random, express ? EXPRESS_STEPS : PARCEL_DE_STEPS, stop)
        const locality = express ? expressLocality(stop.place) : titleCase(stop.place.city)
        const address = express
          ? { addressLocality: locality }
          : {
              countryCode: 'DE',
              ...(postal(stop.place) < '30000' ? { postalCode: postal(stop.place) } : {}),
              addressLocality: locality,
            }
        const at = localIso(stop.at, stop.offset)
        return {
          timestamp: express ? `${at.slice(0, 16)}:00${offsetText(stop.offset)}` : `${at.slice(0, 16)}:00`,
          location: { address },
          statusCode: step.statusCode,
          ...(express && step.statusCode !== 'delivered' ? {} : { status: step.status }),
          description: dhlText(step, locality, random),
        }
      })
      .reverse()
    const template = express ? base : local
    shipments.push({
      ...template,
      id: express ? String(3576480951 + s) : `0034043416109${String(4027325 + s)}`,
      status: events[0],
      events,
    })
  }
  return JSON.stringify({ shipments })
}

const titleCase = (city: string) => city.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (c) => c.toUpperCase())

/**
 * DHL in the shape of its spec example (dhl__karrioapi__karrio__unified-track-response.json): 25 Express
 * shipments × 40 events on average, each event with `location.address` (countryCode, postalCode,
 * addressLocality), statusCode, status, description, remark, nextSteps and pieceIds; half the times with the
 * place's offset, half without. All values are generated here.
 */
export function dhlRealShapedPayload(seed = 1): string {
  const world = worldCityPlaces()
  const hubs = world.slice(0, 300)
  const shipments = []
  for (let s = 0; s < 25; s++) {
    const random = new Random(seedOf(seed, 4, s))
    const id = String(1234567890 + seed * 1000 + s * 7)
    const pieceIds = Array.from(
      { length: random.int(1, 3) },
      (_, p) => `JD0146000${String(seed * 1000 + s * 10 + p).padStart(11, '0')}`,
    )
    const origin = placed(random.pick(world))
    const destination = placed(random.pick(world))
    const stops = journey(random, eventCount(random, 40, true), origin, hubs, destination, random.chance(0.7))
    const events = stops
      .map((stop) => {
        const random = stop.random
        const step = dhlStep(random, EXPRESS_STEPS, stop)
        const locality = expressLocality(stop.place)
        const at = localIso(stop.at, stop.offset)
        return {
          timestamp: random.chance(0.5) ? `${at}${offsetText(stop.offset)}` : at,
          location: {
            address: {
              countryCode: stop.place.countryCode,
              postalCode: postal(stop.place),
              addressLocality: locality,
            },
          },
          statusCode: step.statusCode,
          status: step.status,
          description: dhlText(step, locality, random),
          remark: step.remark,
          nextSteps: step.nextSteps,
          pieceIds,
        }
      })
      .reverse()
    const last = stops.at(-1)!
    const eta = localIso(last.at + 86_400_000, 0).slice(0, 10)
    shipments.push({
      id,
      service: 'express',
      origin: { address: { countryCode: origin.countryCode, addressLocality: expressLocality(origin) } },
      destination: {
        address: { countryCode: destination.countryCode, addressLocality: expressLocality(destination) },
      },
      status: events[0],
      estimatedTimeOfDelivery: `${eta}T18:00:00Z`,
      estimatedDeliveryTimeFrame: { estimatedFrom: `${eta}T09:00:00Z`, estimatedThrough: `${eta}T18:00:00Z` },
      estimatedTimeOfDeliveryRemark: 'By End of Day',
      serviceUrl: `https://www.dhl.com/en/express/tracking.html?AWB=${id}&brand=DHL`,
      details: {
        carrier: { '@type': 'Organization', organizationName: 'EXPRESS' },
        product: { productName: 'EXPRESS WORLDWIDE' },
        receiver: {
          '@type': 'Person',
          organizationName: 'EXAMPLE GMBH',
          familyName: 'Example',
          givenName: 'Erika',
        },
        sender: {
          '@type': 'Person',
          organizationName: 'EXAMPLE LTD',
          familyName: 'Sample',
          givenName: 'Sam',
        },
        totalNumberOfPieces: pieceIds.length,
        pieceIds,
        weight: { value: Number((0.5 + random.next() * 30).toFixed(1)), unitText: 'kg' },
        dimensions: {
          width: { value: random.int(10, 60), unitText: 'cm' },
          height: { value: random.int(10, 60), unitText: 'cm' },
          length: { value: random.int(10, 80), unitText: 'cm' },
        },
        references: { number: `REF${seed}-${1000 + s}`, type: 'customer-reference' },
      },
      events,
    })
  }
  return JSON.stringify({
    url: '/shipments?trackingNumber=1234567890&offset=0&limit=25',
    shipments,
    possibleAdditionalShipmentsUrl: ['/shipments?trackingNumber=1234567890&service=parcel-de'],
  })
}

// ---- USPS

const USPS_NAMES = new Map(
  codeNames('adapters/usps/codes.ts', 'USPS_EVENT_CODES').map((r) => [r.code, r.name]),
)
const USPS_CODES = Object.keys(USPS_EVENT_CODES)
const USPS_PHASES = {
  start: ['GX', 'MA', '03'],
  middle: ['10', 'A1', 'T1', 'EF', 'TL', 'PC', '07', 'SF'],
  outForDelivery: ['OF'],
  delivered: ['01'],
} as const
const DELIVERED_TEXTS = [
  'Delivered, In/At Mailbox',
  'Delivered, Front Door/Porch',
  'Delivered, Parcel Locker',
  'Delivered, To Original Sender',
]

/**
 * USPS: 60 responses (USPS answers one number per response) of 5 to 99 events (99 is the spec's maximum), with
 * the GMT fields, one after another in one array. The response fields around the events are the fixture's.
 */
export function uspsPayloads(seed = 1): string {
  const us = usZipPlaces()
  const hubs = us.slice(0, 400)
  const base = JSON.parse(readFileSync('fixtures/usps/returned-to-sender.json', 'utf8'))
  const out = []
  for (let r = 0; r < 60; r++) {
    const random = new Random(seedOf(seed, 5, r))
    const origin = placed(random.pick(us))
    const destination = placed(random.pick(us))
    const stops = journey(random, random.int(5, 99), origin, hubs, destination, random.chance(0.7))
    const trackingEvents = stops
      .map((stop) => {
        const random = stop.random
        const code = codeFor(random, stop, USPS_PHASES, USPS_CODES)
        const place = stop.place
        // Processing centres come as a facility name with the state inside and no state or ZIP fields.
        const facility = stop.phase === 'middle' && random.chance(0.1)
        const offset = offsetText(stop.offset)
        return {
          eventType: code === '01' ? random.pick(DELIVERED_TEXTS) : (USPS_NAMES.get(code) ?? code),
          eventTimestamp: `${localIso(stop.at, stop.offset).slice(0, 16)}:00`,
          GMTTimestamp: utcIso(stop.at),
          // USPS's own example writes `-7:00`: one offset in ten without its leading zero.
          GMTOffset: random.chance(0.1) ? offset.replace(/^([+-])0/, '$1') : offset,
          eventCountry: null,
          eventCity: facility ? `${place.city} ${place.region} DISTRIBUTION CENTER` : place.city,
          eventState: facility ? null : place.region,
          eventZIP: facility ? null : place.postalCode,
          firm: null,
          name: code === '01' && random.chance(0.3) ? random.pick(SIGNERS) : null,
          authorizedAgent: 'false',
          eventCode: code,
        }
      })
      .reverse()
    out.push({
      ...base,
      trackingNumber: String(9400111899223817500000n + BigInt(seed * 1000 + r)),
      originCity: origin.city,
      originState: origin.region,
      originZIP: origin.postalCode,
      destinationCity: destination.city,
      destinationState: destination.region,
      destinationZIP: destination.postalCode,
      status: trackingEvents[0]?.eventType,
      trackingEvents,
    })
  }
  return JSON.stringify(out)
}
