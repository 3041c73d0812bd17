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
}

/** Carrier fixtures served by the loopback APIs (each within one DST period of its move). */
export const REST_PICKS: Record<'ups' | 'fedex' | 'usps' | 'dhl', Pick[]> = {
  ups: [
    { fixture: 'delivered-signature', days: 42 }, // 2024-03-27 → 2024-05-08, New York, EDT both
    { fixture: 'out-for-delivery', days: 42 }, // 2024-03-28 → 2024-05-09, Denver, MDT both
  ],
  fedex: [
    { fixture: 'in-transit-several-scans', days: 0 },
    { fixture: 'exception-delay', days: -2 }, // 2024-05-11 → 2024-05-09
  ],
  usps: [{ fixture: 'delivery-attempted', days: -309 }], // 2025-03-14 → 2024-05-09, CDT both
  dhl: [
    { fixture: 'in-transit-no-offset', days: 42 }, // local times without offset: the place's zone applies
    { fixture: 'exception-delay', days: -68 }, // 2024-07-16 → 2024-05-09, +08:00/+10:00 zones without DST
  ],
}

export function restPayload(carrier: keyof typeof REST_PICKS, pick: Pick): unknown {
  return shiftDays(fixture(carrier, pick.fixture), pick.days)
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
    'AT8*G*L*1840*3',
    'SE*17*0001',
    'GE*1*902',
    'IEA*1*000000902',
  ]
  return {
    'UPSDEMO_214_20240509.edi': ups.join(SEG) + SEG,
    'ACMEFRT_214_20240509.edi': ltl.join(SEG) + SEG,
  }
}
