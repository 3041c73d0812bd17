/**
 * Carrier JSON → canonical, USPS and DHL: `normalize` of a large real-shaped payload against `JSON.parse` of the
 * same bytes (DESIGN §7 goal: normalize ≤ 3× the parse). The first DHL group and the USPS group repeat the
 * project's own fixtures with shifted times so ids vary; the second DHL group is generated in the shape of DHL's
 * spec example (every field a real Express event carries), with our own values. Run:
 *   npx vitest bench --run bench/normalize-usps-dhl.bench.ts
 * Before vitest's wall-clock table, each group prints (on stderr) `normalize / JSON.parse` in CPU time (process.cpuUsage,
 * interleaved, best of several rounds): steadier on a shared machine, where wall time counts other processes.
 */
import { readFileSync } from 'node:fs'
import { bench, describe } from 'vitest'
import type * as DhlModule from '../adapters/dhl/index.js'
import type * as UspsModule from '../adapters/usps/index.js'
import { bundled } from './bundled.js'
import { printCpuRatio } from './cpu-ratio.js'

// Timed through an esbuild bundle, as users run it (see bundled.ts: vitest's module runner adds a cost per import).
const { dhl } = await bundled<typeof DhlModule>('adapters/dhl/index.ts')
const { usps } = await bundled<typeof UspsModule>('adapters/usps/index.ts')

const shift = (iso: string, minutes: number): string => {
  // Shift the wall-clock digits, keeping whatever offset (or none) the carrier wrote.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(.*)$/.exec(iso)!
  const moved = new Date(Date.parse(`${m[1]}Z`) + minutes * 60_000).toISOString().slice(0, 19)
  return moved + m[2]
}

/** DHL: 25 shipments × 40 events, half with offsets, half without (local time, zone from the place). */
function dhlPayload(): string {
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
function uspsPayloads(): string {
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
function dhlRealShapedPayload(): string {
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

const dhlAdapter = dhl()
const uspsAdapter = usps()
const dhlBytes = dhlPayload()
const uspsBytes = uspsPayloads()
const dhlParsed = JSON.parse(dhlBytes)
const dhlRealBytes = dhlRealShapedPayload()
const dhlRealParsed = JSON.parse(dhlRealBytes)
const uspsParsed = JSON.parse(uspsBytes) as unknown[]

const normalizeAllUsps = () => {
  for (const payload of uspsParsed) uspsAdapter.normalize(payload)
}

describe(`DHL: ${(dhlBytes.length / 1024).toFixed(0)} KiB, 1000 events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(dhlBytes)
  })
  bench('normalize (already parsed)', () => {
    dhlAdapter.normalize(dhlParsed)
  })
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('DHL', dhlBytes, () => dhlAdapter.normalize(dhlParsed))
})

describe(`DHL, spec-example shape: ${(dhlRealBytes.length / 1024).toFixed(0)} KiB, 1000 events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(dhlRealBytes)
  })
  bench('normalize (already parsed)', () => {
    dhlAdapter.normalize(dhlRealParsed)
  })
  printCpuRatio('DHL spec-shape', dhlRealBytes, () => dhlAdapter.normalize(dhlRealParsed))
})

describe(`USPS: ${(uspsBytes.length / 1024).toFixed(0)} KiB, ${60 * 99} events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(uspsBytes)
  })
  bench('normalize (already parsed)', normalizeAllUsps)
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('USPS', uspsBytes, normalizeAllUsps)
})
