/**
 * Every shipped format: a valid number ranks its carrier first with that format, and — for every format with a
 * check digit — changing only the check digit is flagged (checksumValid false, confidence ≤ 0.1).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_CARRIERS, detectCarrier, normalizeTrackingNumber } from '../../src/identifiers/index.js'

/** [carrier, format, valid number, index of the check character in the normalized number (omit = last)]. */
type Example = [carrier: string, format: string, valid: string, checkAt?: number]

const EXAMPLES: Example[] = [
  ['ups', '1Z', '1Z5R89390357567127'],
  ['ups', 'Waybill', 'K1506235620'],
  ['ups', 'Mail Innovations', 'MI123456ABC1234567'],
  ['fedex', 'Express (12)', '986578788855'],
  ['fedex', 'Ground (15)', '0414 4176 0228 964'],
  ['fedex', 'Ground 96 (22)', '9611020987654312345672'],
  ['fedex', 'Ground GSN (34)', '9622001560001234567100794808390594'],
  ['fedex', 'Express (34)', '1001921334250001000300779017972697'],
  ['fedex', 'Express (34, other form)', '2001921334250001000300779017972697'],
  // The Express 12 number 986578788855 inside a 32-digit ASTRA barcode (check at character 28).
  ['fedex', 'ASTRA (32)', '3000 0000 0000 0000 9865 7878 8855 0000', 27],
  ['fedex', 'Ground Economy (SmartPost)', '61299998820821171811'],
  ['fedex', 'SSCC-18', '00 0123 4500 0000 0027'],
  ['usps', 'IMpb', '9400 1112 0108 0805 4830 16'],
  ['usps', 'IMpb (420 + ZIP)', '420 22153 9101026837331000039521'],
  ['usps', 'USPS (20)', '0307 1790 0005 2348 3741'],
  ['usps', 'USPS (20, 420 + ZIP)', '420 22153 0307 1790 0005 2348 3741'],
  ['s10', 'S10', 'EA123456785US', 10],
  ['dhl', 'Express (10)', '3318810025'],
  ['dhl', 'Express (11)', '73891051146'],
  ['dhl', 'Express piece id', 'JJD0099999999'],
  ['dhl', 'Express piece id (other J prefix)', 'JAB1234567890'],
  ['dhl', 'Parcel DE SSCC (NVE)', '00340434161094015902'],
  ['dhl', 'Parcel DE licence plate (JJD)', 'JJD1410302937991'],
  ['dhl', 'Parcel DE licence plate (JD)', 'JD014600006101364835'],
  ['dhl-ecommerce', 'GM', 'GM2951173225174494'],
  ['dhl-ecommerce', 'Regional prefix', 'CN1234567890123ABC'],
  ['dhl-ecommerce', 'JVGL', 'JVGL0123456789ABC'],
  ['amazon', 'TBA/TBC/TBM', 'TBM502887274000'],
  ['ontrac', 'C/D', 'D10011354453707'],
  ['lasership', '1LS7 (15)', '1LS717793482164'],
  ['lasership', '1LS7 (18, piece suffix)', '1LS7119013618127-1'],
  ['lasership', '1LSCX', '1LSCX8KF2J90ZT4'],
  ['lasership', '1LS', '1LS301234567890'],
  ['lasership', 'L (10)', 'LX17635036'],
  ['canada-post', 'PIN (16)', '0073938000549297'],
  ['purolator', 'PIN (12)', '331426749957'],
  ['purolator', 'PIN (3 letters + 9)', 'KYV009956937'],
  ['canpar', 'Barcode (22)', 'D576002440000001718010'],
  ['dpd', 'Barcode (28)', '00 81827 0998 0000 0200 33 350 276 C'],
  ['dpd', 'Parcel number (14 + check)', '0998 0000 0200 34D'],
  ['yodel', 'J(J)D (16)', 'JD0002242617644732'],
  ['royal-mail', 'Parcelforce (4 letters + 10)', 'PBAA1234567001'],
  ['royal-mail', 'Parcelforce (2 letters + 7)', 'AA1234567'],
  ['postnl', '3S barcode', '3SABCD123456789'],
  ['la-poste', 'Colissimo (13)', '6A12345678905'],
  ['la-poste', 'Chronopost / La Poste (15)', '86500000000001J'],
  ['gls', 'Track ID', 'XHAX4HDA'],
  ['australia-post', 'eParcel article id', '33LH5012345601000930608'],
  ['yunexpress', 'YT', 'YT2229521272164446'],
  ['speedee', 'SP (20)', 'SP029692510000920746'],
  ['gofo', 'GFUS', 'GFUS01011884214464'],
  ['landmark', 'LTN', 'LTN74207623N1'],
  ['old-dominion', 'PRO', '07209562763'],
  ['old-dominion', 'Guaranteed PRO', '80003280379'],
]

/** Formats that only rank first on numbers that fit nothing more specific: checked as "listed", not "first". */
const LISTED_ONLY = new Set([
  'dhl:Parcel DE Identcode (12)',
  'dhl-ecommerce:eCommerce (14)',
  'gls:Parcel number (11–12)',
  'amazon:International',
])

/** Legacy 20-digit USPS numbers verify with or without an implied "91": two check digits can pass. */
const TWO_READINGS = new Set(['usps:USPS (20)', 'usps:USPS (20, 420 + ZIP)'])

const ALPHANUMERIC_CHECK = new Set([
  'dpd:Barcode (28)',
  'dpd:Parcel number (14 + check)',
  'la-poste:Chronopost / La Poste (15)',
])

function withCheck(number: string, at: number, ch: string): string {
  return `${number.slice(0, at)}${ch}${number.slice(at + 1)}`
}

describe('every shipped format', () => {
  it('has a source, and a valid example in this table unless it only ranks behind more specific formats', () => {
    const covered = new Set(EXAMPLES.map(([c, f]) => `${c}:${f}`))
    for (const carrier of DEFAULT_CARRIERS) {
      expect(carrier.name).not.toBe('')
      for (const format of carrier.formats) {
        expect(format.source.length, `${carrier.id}:${format.name}`).toBeGreaterThan(10)
        const key = `${carrier.id}:${format.name}`
        if (format.name === 'S10' && carrier.id !== 's10') continue // covered by the S10 operator tests
        expect(covered.has(key) || LISTED_ONLY.has(key), `no example for ${key}`).toBe(true)
      }
    }
  })

  for (const [carrier, format, valid] of EXAMPLES) {
    it(`${carrier} ${format}: ${valid} ranks ${carrier} first with that format`, () => {
      expect(detectCarrier(valid)[0]).toMatchObject({ carrier, format })
      expect(detectCarrier(valid)[0]?.checksumValid).not.toBe(false)
    })
  }

  for (const key of LISTED_ONLY) {
    const [carrier, format] = key.split(':') as [string, string]
    const sample: Record<string, string> = {
      'dhl:Parcel DE Identcode (12)': '201298452277',
      'dhl-ecommerce:eCommerce (14)': '12345678901234',
      'gls:Parcel number (11–12)': '12345678901',
      'amazon:International': 'C1004444443',
    }
    it(`${carrier} ${format}: listed as a candidate for ${sample[key]}`, () => {
      expect(
        detectCarrier(sample[key] as string).some((c) => c.carrier === carrier && c.format === format),
      ).toBe(true)
    })
  }
})

describe('a wrong check digit is flagged, for every format with a check digit', () => {
  const checked = new Set(
    DEFAULT_CARRIERS.flatMap((c) => c.formats.filter((f) => f.check).map((f) => `${c.id}:${f.name}`)),
  )

  it('every check-digit format has an example here (or is the S10 of an operator, tested through s10)', () => {
    const covered = new Set(EXAMPLES.map(([c, f]) => `${c}:${f}`))
    for (const key of checked) {
      if (key.endsWith(':S10') || key === 'dhl:Parcel DE Identcode (12)') continue
      expect(covered.has(key), key).toBe(true)
    }
  })

  for (const [carrier, format, valid, checkAt] of EXAMPLES) {
    if (!checked.has(`${carrier}:${format}`)) continue
    it(`${carrier} ${format}: only the printed check character verifies`, () => {
      const n = normalizeTrackingNumber(valid)
      const at = checkAt ?? n.length - 1
      const alphabet = ALPHANUMERIC_CHECK.has(`${carrier}:${format}`)
        ? '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        : '0123456789'
      const alsoPassing: string[] = []
      for (const ch of alphabet) {
        if (ch === n[at]) continue
        const wrong = withCheck(n, at, ch)
        const mine = detectCarrier(wrong).find((c) => c.carrier === carrier && c.format === format)
        if (!mine) continue // the changed character moved it out of the format's shape
        if (mine.checksumValid && TWO_READINGS.has(`${carrier}:${format}`)) {
          alsoPassing.push(wrong)
          continue
        }
        expect(mine.checksumValid, wrong).toBe(false)
        expect(mine.confidence).toBeLessThanOrEqual(0.1)
      }
      expect(alsoPassing.length).toBeLessThanOrEqual(1)
    })
  }

  it('Deutsche Post Identcode: 201298452277 verifies, any other last digit does not', () => {
    const reading = (n: string) => detectCarrier(n).find((c) => c.format === 'Parcel DE Identcode (12)')
    expect(reading('201298452277')?.checksumValid).toBe(true)
    expect(reading('201298452276')?.checksumValid).toBe(false)
  })
})
