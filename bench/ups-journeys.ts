/**
 * Varied UPS Track API answers for the disk bench: each shipment its own route between real UPS hubs (truck speeds,
 * hub dwell times, arrival / processing / departure scans, newest first as UPS lists them), label creation before
 * pickup, out for delivery and delivery at the end, one shipment in eight with a failed first attempt, varied
 * services, weights and references. The generic generator of `payloads.ts` repeats five places and one description,
 * which flatters compression, and its travel times raise impossible-travel anomalies no real parcel has.
 */

/** Hubs: city, state, ZIP, latitude, longitude, UTC offset in June (hours). */
const HUBS = [
  ['ATLANTA', 'GA', '30336', 33.75, -84.39, -4],
  ['LOUISVILLE', 'KY', '40209', 38.25, -85.76, -4],
  ['HODGKINS', 'IL', '60525', 41.77, -87.86, -5],
  ['DALLAS', 'TX', '75261', 32.9, -97.04, -5],
  ['MEMPHIS', 'TN', '38118', 35.06, -89.98, -5],
  ['INDIANAPOLIS', 'IN', '46241', 39.72, -86.29, -4],
  ['SECAUCUS', 'NJ', '07094', 40.79, -74.06, -4],
  ['PHILADELPHIA', 'PA', '19153', 39.88, -75.24, -4],
  ['COLUMBUS', 'OH', '43207', 39.96, -83.0, -4],
  ['COMMERCE CITY', 'CO', '80022', 39.81, -104.93, -6],
  ['PHOENIX', 'AZ', '85043', 33.43, -112.07, -7],
  ['ONTARIO', 'CA', '91761', 34.06, -117.65, -7],
  ['OAKLAND', 'CA', '94621', 37.75, -122.2, -7],
  ['SEATTLE', 'WA', '98108', 47.54, -122.31, -7],
  ['SALT LAKE CITY', 'UT', '84104', 40.75, -111.95, -6],
  ['KANSAS CITY', 'KS', '66106', 39.1, -94.6, -5],
  ['EAGAN', 'MN', '55121', 44.85, -93.15, -5],
  ['HOUSTON', 'TX', '77032', 29.95, -95.35, -5],
  ['ORLANDO', 'FL', '32824', 28.4, -81.4, -4],
  ['CHARLOTTE', 'NC', '28208', 35.2, -80.9, -4],
  ['NASHVILLE', 'TN', '37210', 36.16, -86.78, -5],
  ['EARTH CITY', 'MO', '63045', 38.77, -90.46, -5],
  ['ALBUQUERQUE', 'NM', '87121', 35.08, -106.65, -6],
  ['CHELSEA', 'MA', '02150', 42.39, -71.03, -4],
  ['PORTLAND', 'OR', '97218', 45.57, -122.6, -7],
] as const
type Hub = (typeof HUBS)[number]

const SERVICES = [
  { code: '003', description: 'UPS Ground' },
  { code: '003', description: 'UPS Ground' },
  { code: '002', description: 'UPS 2nd Day Air' },
  { code: '012', description: 'UPS 3 Day Select' },
  { code: '093', description: 'UPS SurePost' },
]

/** A small deterministic generator (mulberry32), so every run stores the same histories. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const km = (a: Hub, b: Hub) => {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b[3] - a[3]) * rad) / 2) ** 2 +
    Math.cos(a[3] * rad) * Math.cos(b[3] * rad) * Math.sin(((b[4] - a[4]) * rad) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0')
/** UPS's local `date` / `time` and GMT fields for an instant at a place. */
function stamp(ms: number, hub: Hub) {
  const local = new Date(ms + hub[5] * 3_600_000)
  const gmt = new Date(ms)
  const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
  const hms = (d: Date) => `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  return {
    date: ymd(local),
    time: hms(local),
    gmtDate: ymd(gmt),
    gmtTime: hms(gmt),
    gmtOffset: `-${pad(-hub[5])}:00`,
  }
}

interface Scan {
  at: number
  hub: Hub
  slic?: string
  status: {
    type: string
    code: string
    description: string
    simplifiedTextDescription: string
    statusCode: string
  }
}

const ON_THE_WAY = 'On the Way'
const scan = (
  type: string,
  code: string,
  statusCode: string,
  description: string,
  simplified = ON_THE_WAY,
) => ({
  type,
  code,
  description,
  simplifiedTextDescription: simplified,
  statusCode,
})

/** One shipment's whole journey, oldest scan first: label, pickup, hubs, out for delivery, delivery. */
export function upsJourney(index: number): {
  trackingNumber: string
  scans: Scan[]
  origin: Hub
  destination: Hub
  extra: Record<string, unknown>
} {
  const rnd = random(index * 7919 + 1)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const origin = pick(HUBS)
  let destination = pick(HUBS)
  while (destination === origin) destination = pick(HUBS)
  // Up to three hubs on the way (a detour of at most 15 %), in the order the parcel reaches them.
  const direct = km(origin, destination)
  const via = HUBS.filter(
    (h) => h !== origin && h !== destination && km(origin, h) + km(h, destination) < direct * 1.15,
  )
    .filter(() => rnd() < 0.5)
    .sort((a, b) => km(origin, a) - km(origin, b))
    .slice(0, 3)
  const route = [origin, ...via, destination]
  const slic = () => String(1000 + Math.floor(rnd() * 8999))
  const scans: Scan[] = []
  let at = Date.UTC(2024, 5, 3 + Math.floor(rnd() * 20), 14 + Math.floor(rnd() * 6), Math.floor(rnd() * 60))
  const hours = (h: number) => {
    at += Math.floor((h + rnd()) * 3_600_000)
    return at
  }
  scans.push({
    at,
    hub: origin,
    status: scan(
      'M',
      'MP',
      '003',
      'Shipper created a label, UPS has not received the package yet.',
      'Label Created',
    ),
  })
  hours(2 + rnd() * 5)
  scans.push({ at, hub: origin, status: scan('P', 'PU', '038', 'Pickup Scan', 'Picked Up') })
  route.forEach((hub, i) => {
    const facility = slic()
    if (i > 0) {
      hours(km(route[i - 1]!, hub) / (55 + rnd() * 20))
      scans.push({ at, hub, slic: facility, status: scan('I', 'AR', '005', 'Arrived at Facility') })
    } else {
      hours(1 + rnd() * 3)
      scans.push({ at, hub, slic: facility, status: scan('I', 'OR', '005', 'Origin Scan') })
    }
    hours(0.5 + rnd() * 4)
    scans.push({ at, hub, slic: facility, status: scan('I', 'YP', '005', 'Processing at UPS Facility') })
    if (i < route.length - 1) {
      hours(0.5 + rnd() * 3)
      scans.push({ at, hub, slic: facility, status: scan('I', 'DP', '005', 'Departed from Facility') })
    }
  })
  const attempts = rnd() < 0.125 ? 2 : 1
  /** The next morning at the destination, about 7:00 local. */
  const nextMorning = () => {
    const local = at + destination[5] * 3_600_000
    at = local - (local % 86_400_000) + 86_400_000 + (6.5 + rnd()) * 3_600_000 - destination[5] * 3_600_000
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    nextMorning()
    scans.push({
      at,
      hub: destination,
      slic: slic(),
      status: scan('I', 'OT', '021', 'Out For Delivery Today', 'Out for Delivery'),
    })
    hours(1 + rnd() * 9)
    scans.push({
      at,
      hub: destination,
      status:
        attempt < attempts
          ? scan(
              'X',
              '48',
              '022',
              "The receiver was not available for delivery. We'll make a second attempt the next business day.",
              'Delivery Attempted',
            )
          : scan('D', 'FS', '011', 'DELIVERED', 'Delivered'),
    })
  }
  const service = pick(SERVICES)
  const extra: Record<string, unknown> = {
    service,
    weight: { unitOfMeasurement: 'LBS', weight: (0.5 + rnd() * 40).toFixed(1) },
    packageCount: 1,
    ...(rnd() < 0.6
      ? { referenceNumber: [{ type: 'SHIPMENT', number: `PO-${Math.floor(rnd() * 9_000_000) + 1_000_000}` }] }
      : {}),
    deliveryLocation: pick(['FRONT DOOR', 'FRONT PORCH', 'RECEIVER', 'SIDE DOOR', 'GARAGE', 'DOCK']),
    receivedBy: pick(['', 'SMITH', 'GARCIA', 'NGUYEN', 'JOHNSON', 'OFFICE']),
  }
  return {
    trackingNumber: `1ZA1B2C30345${String(100000 + index)}`,
    scans,
    origin,
    destination,
    extra,
  }
}

const address = (hub: Hub) => ({
  city: hub[0],
  stateProvince: hub[1],
  postalCode: hub[2],
  country: 'US',
  countryCode: 'US',
})

/**
 * The Track API answer for a journey as a poll at `pollAt` sees it: the scans up to then, newest first, with
 * the current status, the scheduled delivery and, once delivered, the delivery details.
 */
export function upsAnswer(journey: ReturnType<typeof upsJourney>, pollAt: number): string {
  const seen = journey.scans.filter((s) => s.at <= pollAt)
  const last = seen.at(-1)!
  const delivered = last.status.type === 'D'
  const { service, weight, packageCount, referenceNumber, deliveryLocation, receivedBy } =
    journey.extra as Record<string, never>
  const deliveryDay = stamp(journey.scans.at(-1)!.at, journey.destination).date
  const pkg = {
    trackingNumber: journey.trackingNumber,
    activity: seen
      .map((s) => ({
        location: { address: address(s.hub), ...(s.slic ? { slic: s.slic } : {}) },
        status: s.status,
        ...stamp(s.at, s.hub),
      }))
      .reverse(),
    currentStatus: last.status,
    deliveryDate: [{ type: delivered ? 'DEL' : 'SDD', date: deliveryDay }],
    deliveryTime: delivered
      ? { type: 'DEL', endTime: stamp(last.at, journey.destination).time }
      : { type: 'EOD', endTime: '200000' },
    ...(delivered
      ? { deliveryInformation: { location: deliveryLocation, receivedBy, signature: { image: '' } } }
      : {}),
    packageAddress: [
      { type: 'ORIGIN', address: address(journey.origin) },
      { type: 'DESTINATION', address: address(journey.destination) },
    ],
    service,
    packageCount,
    weight,
    ...(referenceNumber ? { referenceNumber } : {}),
  }
  return JSON.stringify({
    trackResponse: { shipment: [{ inquiryNumber: journey.trackingNumber, package: [pkg] }] },
  })
}
