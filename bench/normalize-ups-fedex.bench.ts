/**
 * UPS and FedEx normalization vs `JSON.parse` of the same bytes (goal: normalize ≤ 3× the parse alone).
 * Payloads are generated in the documented shapes: a FedEx batch of 30 numbers × 40 scans, and a UPS multi-piece
 * shipment of 20 packages × 40 activities, with the formats' real quirks (offsets, gmt fields, midnight dates).
 * Run: npx vitest bench --run bench/normalize-ups-fedex.bench.ts
 * Before vitest's wall-clock table, each group prints (on stderr) `normalize / JSON.parse` in CPU time (process.cpuUsage,
 * interleaved, best of several rounds): steadier on a shared machine, where wall time counts other processes.
 */
import { bench, describe } from 'vitest'
import type * as FedexModule from '../adapters/fedex/index.js'
import type * as UpsModule from '../adapters/ups/index.js'
import { bundled } from './bundled.js'
import { printCpuRatio } from './cpu-ratio.js'

const { fedex } = await bundled<typeof FedexModule>('adapters/fedex/index.ts')
const { ups } = await bundled<typeof UpsModule>('adapters/ups/index.ts')

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

function fedexPayload(numbers: number, scans: number): string {
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

function upsPayload(packages: number, activities: number): string {
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

const fedexText = fedexPayload(30, 40)
const upsText = upsPayload(20, 40)
const fedexAdapter = fedex()
const upsAdapter = ups()
/** Enough warm-up and samples for a function that takes milliseconds (the default stops after ~10 runs). */
const SLOW = { warmupIterations: 10, iterations: 50, time: 3000 }
const fedexParsed = JSON.parse(fedexText)
const upsParsed = JSON.parse(upsText)

describe(`FedEx: 30 numbers × 40 scans (${Math.round(fedexText.length / 1024)} KiB)`, () => {
  bench('JSON.parse', () => {
    JSON.parse(fedexText)
  })
  bench(
    'normalize (parsed payload)',
    () => {
      fedexAdapter.normalize(fedexParsed)
    },
    SLOW,
  )
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('FedEx', fedexText, () => fedexAdapter.normalize(fedexParsed))
})

describe(`UPS: 20 packages × 40 activities (${Math.round(upsText.length / 1024)} KiB)`, () => {
  bench('JSON.parse', () => {
    JSON.parse(upsText)
  })
  bench(
    'normalize (parsed payload)',
    () => {
      upsAdapter.normalize(upsParsed)
    },
    SLOW,
  )
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('UPS', upsText, () => upsAdapter.normalize(upsParsed))
})
