/**
 * The large real-shaped payloads the normalize benches time (the goal of docs/performance.md: normalize ≤ 3× `JSON.parse` of the same
 * bytes), shared by the vitest benches and by `normalize-ratio.ts`, which measures the CPU-time ratio in child
 * processes. FedEx and UPS are generated in the documented shapes with the formats' quirks; the first DHL payload
 * and USPS repeat the project's own fixtures with shifted times so ids vary; the second DHL payload is generated
 * in the shape of DHL's spec example (every field a real Express event carries). Fixture paths are read from the
 * repository root (the working directory of every bench).
 */
import { readFileSync } from 'node:fs'

const PLACES = [
  { city: 'MEMPHIS', state: 'TN', zip: '38118', offset: -5 },
  { city: 'INDIANAPOLIS', state: 'IN', zip: '46241', offset: -4 },
  { city: 'NEWARK', state: 'NJ', zip: '07114', offset: -4 },
  { city: 'DENVER', state: 'CO', zip: '80202', offset: -6 },
  { city: 'OAKLAND', state: 'CA', zip: '94621', offset: -7 },
]
const FEDEX_TYPES = ['AR', 'DP', 'IT', 'AF', 'OD', 'PU', 'OC', 'DL']
const UPS_CODES = [
  { type: 'I', code: 'AR', statusCode: '005' },
  { type: 'I', code: 'DP', statusCode: '005' },
  { type: 'I', code: 'OT', statusCode: '021' },
  { type: 'X', code: 'WT', statusCode: '052' },
  { type: 'D', code: 'FS', statusCode: '011' },
]
const pad = (n: number) => String(n).padStart(2, '0')
const hhmmss = (minutes: number) =>
  `${pad(Math.floor(minutes / 60) % 24)}${pad(minutes % 60)}${pad(minutes % 59)}`

export function fedexPayload(numbers: number, scans: number): string {
  const completeTrackResults = Array.from({ length: numbers }, (_, n) => {
    const trackingNumber = String(771234560000 + n)
    const scanEvents = Array.from({ length: scans }, (_, s) => {
      const place = PLACES[(n + s) % PLACES.length]!
      const day = 10 + Math.floor(s / 8)
      const minutes = (s * 97 + n * 13) % 1440
      const midnight = s === scans - 1
      const time = midnight
        ? '00:00:00'
        : `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(s % 60)}`
      const offset = `${place.offset < 0 ? '-' : '+'}${pad(Math.abs(place.offset))}:00`
      return {
        date: midnight ? `2024-06-${day}T${time}` : `2024-06-${day}T${time}${offset}`,
        eventType: FEDEX_TYPES[s % FEDEX_TYPES.length],
        eventDescription: 'Arrived at FedEx location',
        exceptionCode: '',
        exceptionDescription: '',
        scanLocation: {
          streetLines: [''],
          city: place.city,
          stateOrProvinceCode: place.state,
          postalCode: place.zip,
          countryCode: 'US',
          residential: false,
          countryName: 'United States',
        },
        locationId: String(100 + s),
        locationType: 'FEDEX_FACILITY',
        derivedStatusCode: 'IT',
        derivedStatus: 'In transit',
      }
    })
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
            packageIdentifiers: [{ type: 'CUSTOMER_REFERENCE', values: [`ORD-${n}`] }],
          },
          shipperInformation: {
            contact: {},
            address: { city: 'MANKATO', stateOrProvinceCode: 'MN', countryCode: 'US' },
          },
          recipientInformation: {
            contact: {},
            address: { city: 'BLUE POINT', stateOrProvinceCode: 'NY', countryCode: 'US' },
          },
          latestStatusDetail: {
            code: 'IT',
            derivedCode: 'IT',
            statusByLocale: 'In transit',
            description: 'In transit',
          },
          dateAndTimes: [
            { type: 'ACTUAL_PICKUP', dateTime: '2024-06-10T00:00:00-06:00' },
            { type: 'SHIP', dateTime: '2024-06-10T00:00:00-06:00' },
          ],
          packageDetails: { count: '1', weightAndDimensions: { weight: [{ value: '28.8', unit: 'LB' }] } },
          serviceDetail: { type: 'FEDEX_GROUND', description: 'FedEx Ground', shortDescription: 'FG' },
          standardTransitTimeWindow: { window: { ends: '2024-06-21T00:00:00-06:00' } },
          estimatedDeliveryTimeWindow: { window: {} },
          scanEvents,
        },
      ],
    }
  })
  return JSON.stringify({ transactionId: 'bench', output: { completeTrackResults } })
}

export function upsPayload(packages: number, activities: number): string {
  const pkgs = Array.from({ length: packages }, (_, p) => ({
    trackingNumber: `1ZA1B2C3034512${String(3400 + p)}`,
    activity: Array.from({ length: activities }, (_, a) => {
      const place = PLACES[(p + a) % PLACES.length]!
      const minutes = ((a * 89 + p * 7) % 1200) + 60
      const gmtMinutes = minutes - place.offset * 60
      const status = UPS_CODES[a % UPS_CODES.length]!
      return {
        date: `202406${10 + Math.floor(a / 8)}`,
        time: hhmmss(minutes),
        gmtDate: `202406${10 + Math.floor(a / 8) + (gmtMinutes >= 1440 ? 1 : 0)}`,
        gmtTime: a % 3 === 0 ? hhmmss(gmtMinutes % 1440).replace(/^0/, '') : hhmmss(gmtMinutes % 1440),
        ...(a % 4 === 0 ? { gmtOffset: `-${place.offset * -1}:00` } : {}),
        location: {
          address: {
            city: place.city,
            stateProvince: place.state,
            postalCode: place.zip,
            country: 'US',
            countryCode: 'US',
          },
          slic: String(8000 + a),
        },
        status: { ...status, description: 'Arrived at Facility', simplifiedTextDescription: 'On the Way' },
      }
    }),
    deliveryDate: [{ type: 'SDD', date: '20240620' }],
    deliveryTime: { type: 'EDW', startTime: '090000', endTime: '130000' },
    packageAddress: [
      { type: 'DESTINATION', address: { city: 'Denver', stateProvince: 'CO', country: 'US' } },
    ],
    service: { code: '003', description: 'UPS Ground' },
    packageCount: packages,
    weight: { unitOfMeasurement: 'LBS', weight: '3.40' },
  }))
  return JSON.stringify({
    trackResponse: { shipment: [{ inquiryNumber: pkgs[0]!.trackingNumber, package: pkgs }] },
  })
}

const shift = (iso: string, minutes: number): string => {
  // Shift the wall-clock digits, keeping whatever offset (or none) the carrier wrote.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(.*)$/.exec(iso)!
  const moved = new Date(Date.parse(`${m[1]}Z`) + minutes * 60_000).toISOString().slice(0, 19)
  return moved + m[2]
}

/** DHL: 25 shipments × 40 events, half with offsets, half without (local time, zone from the place). */
export function dhlPayload(): string {
  const base = JSON.parse(readFileSync('fixtures/dhl/delivered-signature.json', 'utf8'))
  const local = JSON.parse(readFileSync('fixtures/dhl/in-transit-no-offset.json', 'utf8'))
  const template = base.shipments[0]
  const events = [...template.events, ...local.shipments[0].events]
  const shipments = []
  for (let s = 0; s < 25; s++) {
    const list = []
    for (let i = 0; i < 40; i++) {
      const e = events[i % events.length]
      list.push({
        ...e,
        timestamp: shift(e.timestamp, -(i * 97 + s * 13)),
        description: `${e.description} #${i}`,
      })
    }
    shipments.push({ ...template, id: String(3576480951 + s), events: list })
  }
  return JSON.stringify({ shipments })
}

/** USPS: 60 responses of 99 events (the spec's maximum), with GMT fields, one after another in one array. */
export function uspsPayloads(): string {
  const base = JSON.parse(readFileSync('fixtures/usps/returned-to-sender.json', 'utf8'))
  const out = []
  for (let r = 0; r < 60; r++) {
    const events = []
    for (let i = 0; i < 99; i++) {
      const e = base.trackingEvents[i % base.trackingEvents.length]
      events.push({
        ...e,
        eventTimestamp: shift(e.eventTimestamp, -i * 61),
        GMTTimestamp: `${shift(e.GMTTimestamp.replace('Z', ''), -i * 61)}Z`,
        eventType: `${e.eventType} ${i}`,
      })
    }
    out.push({ ...base, trackingNumber: String(9400111899223817500000n + BigInt(r)), trackingEvents: events })
  }
  return JSON.stringify(out)
}

/** Places in the shape DHL Express writes them: country code, postal code and a `CITY - COUNTRY` locality. */
const DHL_PLACES = [
  { countryCode: 'DE', postalCode: '04435', addressLocality: 'LEIPZIG - GERMANY' },
  { countryCode: 'DE', postalCode: '53842', addressLocality: 'TROISDORF - GERMANY' },
  { countryCode: 'NL', postalCode: '1043 AG', addressLocality: 'Oderweg 2, AMSTERDAM' },
  { countryCode: 'BE', postalCode: '1930', addressLocality: 'BRUSSELS - BELGIUM' },
  { countryCode: 'US', postalCode: '41048', addressLocality: 'CINCINNATI HUB - HEBRON, KY - USA' },
  { countryCode: 'GB', postalCode: 'DE74 2TR', addressLocality: 'EAST MIDLANDS - UK' },
]
/** Express-style texts per status code: title, description, and sometimes a remark and next steps. */
const DHL_STEPS: DhlStep[] = [
  { statusCode: 'transit', status: 'Processed', description: 'Processed at {place}' },
  { statusCode: 'transit', status: 'Departed', description: 'Departed Facility in {place}' },
  { statusCode: 'transit', status: 'Arrived', description: 'Arrived at DHL Sort Facility {place}' },
  {
    statusCode: 'transit',
    status: 'Customs status updated',
    description: 'Customs clearance status updated',
    remark: 'The shipment is pending completion of customs inspection.',
    nextSteps: 'The status will be updated following customs inspection.',
  },
  { statusCode: 'transit', status: 'Transferred', description: 'Transferred through {place}' },
  { statusCode: 'transit', status: 'Shipment picked up', description: 'Shipment picked up' },
]

interface DhlStep {
  statusCode: string
  status: string
  description: string
  remark?: string
  nextSteps?: string
}

const DHL_FIRST_STEP: DhlStep = {
  statusCode: 'pre-transit',
  status: 'Shipment information received',
  description: 'Shipment information received',
}

/**
 * DHL in the shape of its spec example (dhl__karrioapi__karrio__unified-track-response.json): 25 Express
 * shipments × 40 events, each event with `location.address` (countryCode, postalCode, addressLocality),
 * statusCode, status, description, remark, nextSteps and pieceIds; half the times with an offset, half without.
 * All values are generated here.
 */
export function dhlRealShapedPayload(): string {
  const shipments = []
  for (let s = 0; s < 25; s++) {
    const id = String(1234567890 + s * 7)
    const pieceIds = Array.from(
      { length: 1 + (s % 3) },
      (_, p) => `JD0146000${String(s * 10 + p).padStart(11, '0')}`,
    )
    const events = []
    for (let i = 0; i < 40; i++) {
      const place = DHL_PLACES[(s + i) % DHL_PLACES.length]!
      // The oldest event is the electronic advice, before DHL has the shipment.
      const step = i === 39 ? DHL_FIRST_STEP : DHL_STEPS[i % DHL_STEPS.length]!
      const at = new Date(Date.UTC(2024, 4, 20, 18, 0, 0) - (i * 97 + s * 13) * 60_000)
        .toISOString()
        .slice(0, 19)
      const offset = place.countryCode === 'US' ? '-04:00' : place.countryCode === 'GB' ? '+01:00' : '+02:00'
      const city = place.addressLocality
      events.push({
        timestamp: i % 2 === 0 ? `${at}${offset}` : at,
        location: { address: { ...place } },
        statusCode: step.statusCode,
        status: step.status,
        description: step.description.replace('{place}', city),
        remark: step.remark,
        nextSteps: step.nextSteps,
        pieceIds,
      })
    }
    const origin = DHL_PLACES[s % DHL_PLACES.length]!
    const destination = DHL_PLACES[(s + 3) % DHL_PLACES.length]!
    shipments.push({
      id,
      service: 'express',
      origin: { address: { ...origin } },
      destination: { address: { ...destination } },
      status: events[0],
      estimatedTimeOfDelivery: '2024-05-22T18:00:00Z',
      estimatedDeliveryTimeFrame: {
        estimatedFrom: '2024-05-22T09:00:00Z',
        estimatedThrough: '2024-05-22T18:00:00Z',
      },
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
        weight: { value: 2.5 + s, unitText: 'kg' },
        dimensions: {
          width: { value: 20, unitText: 'cm' },
          height: { value: 18, unitText: 'cm' },
          length: { value: 35, unitText: 'cm' },
        },
        references: { number: `REF${1000 + s}`, type: 'customer-reference' },
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
