import { afterEach, describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import {
  CARRIER_BRANDING,
  carrierBranding,
  carrierDisplayName,
  carrierTrackingUrl,
  clearRegisteredCarrierBranding,
  readableCarrierName,
  registerCarrierBranding,
} from '../../src/identifiers/index.js'

const AGREED = [
  'ups',
  'fedex',
  'usps',
  'dhl',
  'easypost',
  'aftership',
  'shippo',
  'edi214',
  'csv',
  'royalmail',
  'laposte',
  'postnl',
  'canadapost',
  'gls',
  'dpd',
  '17track',
  'auspost',
  'amazon',
]

afterEach(() => clearRegisteredCarrierBranding())

describe('carrier branding table', () => {
  it('has a row with a name and a source for every agreed carrier id, and no raw id as a name', () => {
    for (const id of AGREED) {
      const row = CARRIER_BRANDING.find((r) => r.id === id)
      expect(row, id).toBeDefined()
      expect(row?.displayName).not.toBe(id)
      expect(row?.source.length).toBeGreaterThan(0)
      if (row?.trackingUrl) expect(row.trackingUrl).toMatch(/^https:\/\/.*\{number\}/)
    }
  })
  it('names shipped carriers as people know them', () => {
    expect(carrierDisplayName('usps')).toBe('USPS')
    expect(carrierDisplayName('royalmail')).toBe('Royal Mail')
    expect(carrierDisplayName('easypost')).toBe('EasyPost')
  })
  it('falls back to a readable form for unknown ids (regression: lowercase ids in sentences)', () => {
    expect(readableCarrierName('acme_freight')).toBe('Acme Freight')
    expect(readableCarrierName('tnt')).toBe('TNT')
    expect(readableCarrierName('')).toBe('Carrier')
    expect(carrierDisplayName('acme-freight')).toBe('Acme Freight')
  })
  it('fills the tracking URL with the encoded number, none for aggregators without pages', () => {
    expect(carrierTrackingUrl('ups', '1Z 99')).toBe('https://www.ups.com/track?tracknum=1Z%2099')
    expect(carrierTrackingUrl('easypost', 'EZ1')).toBeUndefined()
  })
  it('lets users register and override rows, registered rows checked on entry', () => {
    registerCarrierBranding({ id: 'acme', displayName: 'ACME Logistics', source: 'test' })
    expect(carrierDisplayName('acme')).toBe('ACME Logistics')
    expect(carrierDisplayName('ups', { ups: { displayName: 'United Parcel Service' } })).toBe(
      'United Parcel Service',
    )
    expect(carrierBranding('ups', { ups: { displayName: 'X' } }).trackingUrl).toContain('ups.com')
    expect(() =>
      registerCarrierBranding({ id: 'bad', displayName: 'Bad', trackingUrl: 'javascript:x', source: 't' }),
    ).toThrow(ValidationError)
  })
})
