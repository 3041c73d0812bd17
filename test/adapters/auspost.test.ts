/**
 * Australia Post: the conformance suite over fixtures/auspost (Track Items answers and recorded `track()`
 * exchanges), plus what is special: places split into suburb and state, a time without an offset read in its
 * state's zone, options checked at creation, ten ids a call.
 */
import { describe, expect, it } from 'vitest'
import { AUSPOST_STATUSES, auspost, auspostEventRule, auspostPlace } from '../../adapters/auspost/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { ConfigError } from '../../src/errors/index.js'

const credentials = {
  apiKey: 'auspost_test_key',
  password: 'auspost_test_password',
  accountNumber: '0001234567',
}

testAdapter({
  adapter: auspost(),
  fixturesDir: 'fixtures/auspost',
  connect: (baseUrl) => auspost({ ...credentials, baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

describe('auspost: what is special', () => {
  it('splits "ALEXANDRIA NSW" into suburb and state, and keeps a text without a state as the facility', () => {
    expect(auspostPlace('ALEXANDRIA NSW')).toEqual({ city: 'ALEXANDRIA', region: 'NSW', countryCode: 'AU' })
    expect(auspostPlace('PARCEL FACILITY')).toEqual({ facility: 'PARCEL FACILITY' })
  })
  it('reads a time without an offset in the zone of its state (SA: Australia/Adelaide)', () => {
    const answer = {
      tracking_results: [
        {
          tracking_id: 'T1',
          trackable_items: [
            { events: [{ location: 'ADELAIDE SA', description: 'In transit', date: '2026-03-06T09:15:00' }] },
          ],
        },
      ],
    }
    const event = auspost().normalize(answer).shipments[0]?.events[0]
    expect(event?.timeZone).toBe('Australia/Adelaide')
    expect(event?.occurredAt).toBe('2026-03-06T09:15:00+10:30')
  })
  it('keeps an event whose text no rule knows as unknown, with its description', () => {
    expect(auspostEventRule('Sorting completed at depot')).toBeUndefined()
    const answer = {
      tracking_results: [
        {
          tracking_id: 'T2',
          trackable_items: [
            { events: [{ description: 'Sorting completed at depot', date: '2026-03-07T05:40:00+10:00' }] },
          ],
        },
      ],
    }
    const result = auspost().normalize(answer)
    expect(result.shipments[0]?.events[0]).toMatchObject({
      status: 'unknown',
      description: 'Sorting completed at depot',
    })
  })
  it('checks its options at creation', () => {
    expect(() => auspost({ accountNumber: 'abc' })).toThrow(ConfigError)
    expect(() => auspost({ defaultZone: 'Mars/Olympus' })).toThrow()
    expect(() => auspost({ environment: 'staging' as 'sandbox' })).toThrow(ConfigError)
  })
  it('refuses track() without credentials, naming the CLI variables', async () => {
    await expect(auspost().track!(['T1'])).rejects.toThrow(/WAYBILL_AUSPOST_API_KEY/)
  })
  it('asks for at most ten ids a call', () => {
    expect(auspost({ limits: { maxBatch: 50 } }).limits?.maxBatch).toBe(10)
    expect(AUSPOST_STATUSES.DELIVERED?.status).toBe('delivered')
  })
})
