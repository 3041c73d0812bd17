/**
 * The demo's story: which shipments each source reports, as of one fixed instant (`STORY_NOW`). Carrier payloads
 * are the shipped fixtures moved in time by whole days (within one daylight-saving period, so every offset the
 * carrier wrote stays right); the EDI 214 drop and the UPS Track Alert are written here for the same story.
 */
import { fixture } from './carrier-apis.js'

/** The instant the demo is told at: the tracker's and the webhook verifier's clock. */
export const STORY_NOW = new Date('2024-05-09T21:00:00Z')

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/
const COMPACT_DATE = /^(19|20)\d{6}$/

function shiftDate(y: number, m: number, d: number, days: number): Date {
  return new Date(Date.UTC(y, m - 1, d + days))
}

/** A copy of a carrier payload with every calendar date moved by `days` (times of day and offsets unchanged). */
export function shiftDays<T>(payload: T, days: number): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const iso = value.match(DATE_PREFIX)
      if (iso)
        return shiftDate(+iso[1]!, +iso[2]!, +iso[3]!, days).toISOString().slice(0, 10) + value.slice(10)
      if (COMPACT_DATE.test(value))
        return shiftDate(+value.slice(0, 4), +value.slice(4, 6), +value.slice(6, 8), days)
          .toISOString()
          .slice(0, 10)
          .replace(/-/g, '')
      return value
    }
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    return value
  }
  return walk(payload) as T
}

interface Pick {
  fixture: string
  /** Days to move the fixture's dates by. */
  days: number
  /**
   * The delivery date the carrier promised when the label was made (YYYY-MM-DD, story time), put in the carrier's
   * own estimate field: the fixtures carry none, and the on-time KPI measures against the first promise.
   */
  promised?: string
}

/** Carrier fixtures served by the loopback APIs (each within one DST period of its move). */
export const REST_PICKS: Record<'ups' | 'fedex' | 'usps' | 'dhl', Pick[]> = {
  ups: [
    { fixture: 'delivered-signature', days: 42, promised: '2024-05-08' }, // 2024-03-27 → 2024-05-08, New York, EDT both
    { fixture: 'out-for-delivery', days: 42 }, // 2024-03-28 → 2024-05-09, Denver, MDT both
  ],
  fedex: [
    { fixture: 'in-transit-several-scans', days: 0 },
    { fixture: 'exception-delay', days: -2 }, // 2024-05-11 → 2024-05-09
  ],
  // Ground Advantage from Denver to Austin, promised for May 8: the first attempt on May 9 is late.
  usps: [{ fixture: 'delivery-attempted', days: -309, promised: '2024-05-08' }], // 2025-03-14 → 2024-05-09, CDT both
  dhl: [
    { fixture: 'in-transit-no-offset', days: 42 }, // local times without offset: the place's zone applies
    // Express, promised for May 9 at the destination; held up by the delay it reports.
    { fixture: 'exception-delay', days: -68, promised: '2024-05-09' }, // 2024-07-16 → 2024-05-09, +08:00/+10:00 zones without DST
  ],
}

export function restPayload(carrier: keyof typeof REST_PICKS, pick: Pick): unknown {
  const payload = shiftDays(fixture(carrier, pick.fixture), pick.days) as Record<string, unknown>
  if (!pick.promised) return payload
  if (carrier === 'usps') return { ...payload, expectedDeliveryTimeStamp: `${pick.promised}T00:00:00` }
  if (carrier === 'dhl') {
    const body = payload as { shipments: Record<string, unknown>[] }
    return {
      ...body,
      shipments: body.shipments.map((s) => ({ ...s, estimatedTimeOfDelivery: pick.promised })),
    }
  }
  if (carrier === 'ups') {
    // UPS's scheduled delivery date (`SDD`) next to the delivery (`DEL`) it already reports.
    const ups = payload as { trackResponse: { shipment: { package: { deliveryDate: unknown[] }[] }[] } }
    for (const shipment of ups.trackResponse.shipment)
      for (const pkg of shipment.package)
        pkg.deliveryDate = [{ type: 'SDD', date: pick.promised.replace(/-/g, '') }, ...pkg.deliveryDate]
  }
  return payload
}

/** The EasyPost webhook delivery (an aggregator's tracker) moved into the story. */
export function easypostPayload(): unknown {
  return shiftDays(fixture('easypost', 'tracker-updated-in-transit'), -664)
}

/** A UPS Track Alert push for the UPS shipment that is out for delivery (the same scan the API reports). */
export function trackAlertPayload(trackingNumber: string): unknown {
  return {
    trackingNumber,
    localActivityDate: '20240509',
    localActivityTime: '081900',
    activityLocation: { city: 'Denver', stateProvince: 'CO', postalCode: '80202', country: 'US' },
    activityStatus: { type: 'I', code: 'OT', description: 'Out For Delivery Today', descriptionCode: '021' },
    scheduledDeliveryDate: '20240509',
    actualDeliveryDate: '',
    actualDeliveryTime: '',
    gmtActivityDate: '20240509',
    gmtActivityTime: '141900',
    deliveryStartTime: '',
    deliveryEndTime: '',
    deliveryTimeDescription: 'End of Day',
    deliveryPhoto: '',
  }
}

const SEG = '~\n'

/**
 * Two X12 214 files for the SFTP drop: one from UPS's EDI feed reporting the delivery the API also reports
 * (merged into one event), one from an LTL carrier that has no API at all.
 */
export function ediDrop(upsDelivered: string): Record<string, string> {
  const isa = (sender: string, control: string) =>
    `ISA*00*          *00*          *ZZ*${sender.padEnd(15)}*ZZ*WAYBILLDEMO    *240509*1700*U*00401*${control}*0*P*>`
  const ups = [
    isa('UPSDEMO', '000000417'),
    'GS*QM*UPSDEMO*WAYBILLDEMO*20240509*1700*417*X*004010',
    'ST*214*0001',
    `B10*${upsDelivered}*SHIP-2231*UPSN`,
    'L11*PO-55102*PO',
    'N1*CN*ACME STORE 12',
    'N4*NEW YORK*NY*10001*US',
    'LX*1',
    'AT7*D1*NS***20240508*1359*LT',
    'MS1*NEW YORK*NY*US',
    'SE*10*0001',
    'GE*1*417',
    'IEA*1*000000417',
  ]
  const ltl = [
    isa('ACMEFRT', '000000902'),
    'GS*QM*ACMEFRT*WAYBILLDEMO*20240509*1705*902*X*004010',
    'ST*214*0001',
    'B10*PRO7734001*BOL55120*ACMF',
    'L11*BOL55120*BM',
    'N1*SH*NORTHWIND TRADERS',
    'N4*JOLIET*IL*60431*US',
    'N1*CN*CONTOSO RETAIL',
    'N4*PORTLAND*OR*97201*US',
    'LX*1',
    'AT7*AF*NS***20240507*1615*LT',
    'MS1*JOLIET*IL*US',
    'AT7*X6*NS***20240508*0540*LT',
    'MS1*DENVER*CO*US',
    'MS2*ACMF*TRL4410',
    'AT7*AG*NS***20240510*1200*LT',
    'MS1*PORTLAND*OR*US',
    `MAN*GM*00${PALLET_SSCC}`,
    'AT8*G*L*1840*3',
    'SE*18*0001',
    'GE*1*902',
    'IEA*1*000000902',
  ]
  return {
    'UPSDEMO_214_20240509.edi': ups.join(SEG) + SEG,
    'ACMEFRT_214_20240509.edi': ltl.join(SEG) + SEG,
  }
}

/** The SSCC on the LTL pallet's label (GS1 example company prefix 0614141): in the warehouse feed and MAN*GM. */
export const PALLET_SSCC = '306141410000773405'

/** A UPS number the warehouse handed over and UPS never scanned: the missed pickup of the story. */
export const NEVER_SCANNED = '1ZA1B2C30145123541'

/** The warehouse's export of the day: one JSON object per line, in the shipper-event shape. */
export const WAREHOUSE_FEED_NAME = 'wms-handovers-20240509.ndjson'

/** The warehouse management system's handovers (and one return it authorised), as it exports them. */
export function warehouseFeed(): string {
  const events: Record<string, unknown>[] = [
    // Parcels handed to the carriers' drivers at the dock, each with the tracking number on its label.
    {
      type: 'handed_over',
      occurredAt: '2024-05-05T15:20:00-06:00',
      orderId: 'SO-2219',
      carrier: 'usps',
      trackingNumber: '9400111899223817583769',
    },
    {
      type: 'handed_over',
      occurredAt: '2024-05-07T14:30:00-05:00',
      orderId: 'SO-2236',
      carrier: 'fedex',
      trackingNumber: '771234567823',
    },
    {
      type: 'handed_over',
      occurredAt: '2024-05-07T15:10:00-04:00',
      orderId: 'SO-2231',
      carrier: 'ups',
      trackingNumber: '1ZA1B2C30145123514',
    },
    {
      type: 'handed_over',
      occurredAt: '2024-05-08T16:00:00-06:00',
      orderId: 'SO-2240',
      carrier: 'ups',
      trackingNumber: '1ZA1B2C30145123489',
    },
    // The LTL pallet: the warehouse knows its SSCC, not the carrier's PRO number (the carrier's 214 sends MAN*GM).
    {
      type: 'handed_over',
      occurredAt: '2024-05-07T13:00:00-05:00',
      orderId: 'PO-55120',
      carrier: 'acme-freight',
      sscc: `(00)${PALLET_SSCC}`,
      pieces: 3,
      weightKg: 834.6,
    },
    // Handed over, and never scanned by UPS since.
    {
      type: 'handed_over',
      occurredAt: '2024-05-08T16:00:00-04:00',
      orderId: 'SO-2244',
      carrier: 'ups',
      trackingNumber: NEVER_SCANNED,
    },
    // The customer of SO-2231 sends the delivered item back: the return names only the order.
    { type: 'return_authorised', occurredAt: '2024-05-09T10:30:00-04:00', orderId: 'SO-2231' },
  ]
  return `${events.map((e) => JSON.stringify(e)).join('\n')}\n`
}

/** The trading-partner profile of Northwind Freight Lines, which pushes its 214s over AS2. */
export const NORTHWIND = { senderIds: ['NWLTL'], carrier: 'northwind-ltl', scac: 'NWLT' } as const

/**
 * The profile as fixed after reading Northwind's 214 guide: its `AV` means "available for pick-up by the
 * consignee at the terminal" (will-call), not the standard "available for delivery".
 */
export const NORTHWIND_FIXED = {
  ...NORTHWIND,
  statusCodes: { AV: { status: 'available_for_pickup', milestone: 'available_for_pickup' } },
} as const

/** A 214 Northwind pushed over AS2: picked up in Reno, at the Sacramento terminal, then `AV`. */
export function northwind214(): string {
  const segments = [
    'ISA*00*          *00*          *ZZ*NWLTL          *ZZ*WAYBILLDEMO    *240509*0915*U*00401*000000733*0*P*>',
    'GS*QM*NWLTL*WAYBILLDEMO*20240509*0915*733*X*004010',
    'ST*214*0001',
    'B10*NW448120*BOL77120*NWLT',
    'L11*SO-2251*PO',
    'N1*SH*NORTHWIND TRADERS',
    'N4*RENO*NV*89502*US',
    'N1*CN*CONTOSO RETAIL',
    'N4*SACRAMENTO*CA*95814*US',
    'LX*1',
    'AT7*AF*NS***20240508*1020*LT',
    'MS1*RENO*NV*US',
    'LX*2',
    'AT7*X4*NS***20240508*1805*LT',
    'MS1*SACRAMENTO*CA*US',
    'LX*3',
    'AT7*AV*NS***20240509*0700*LT',
    'MS1*SACRAMENTO*CA*US',
    'AT8*G*L*420*1',
    'SE*18*0001',
    'GE*1*733',
    'IEA*1*000000733',
  ]
  return segments.join(SEG) + SEG
}
