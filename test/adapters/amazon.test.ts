/**
 * Amazon Shipping: the conformance suite over fixtures/amazon (getTracking answers and recorded `track()`
 * exchanges), plus what is special: an unknown event code kept, UTC times placed in the event's zone, options
 * checked at creation.
 */
import { describe, expect, it } from 'vitest'
import { AMAZON_EVENT_CODES, amazon } from '../../adapters/amazon/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { ConfigError } from '../../src/errors/index.js'

testAdapter({
  adapter: amazon(),
  fixturesDir: 'fixtures/amazon',
  connect: (baseUrl) =>
    amazon({ accessToken: 'Atza|amazon_test_token', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const answer = (eventCode: string, eventTime: string) => ({
  payload: {
    trackingId: 'TBA1',
    eventHistory: [
      { eventCode, eventTime, location: { city: 'Seattle', stateOrRegion: 'WA', countryCode: 'US' } },
    ],
  },
})

describe('amazon: what is special', () => {
  it('keeps an event code it does not know as unknown, with the code and a warning', () => {
    const result = amazon().normalize(answer('ReturnStarted', '2026-03-08T15:00:00Z'))
    expect(result.shipments[0]?.events[0]).toMatchObject({
      status: 'unknown',
      raw: { code: 'ReturnStarted' },
    })
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'unknown_code' }))
  })
  it('places a UTC time in the zone of the event (Seattle: America/Los_Angeles)', () => {
    const event = amazon().normalize(answer('Delivered', '2026-03-05T20:31:00Z')).shipments[0]?.events[0]
    expect(event).toMatchObject({ status: 'delivered', timeZone: 'America/Los_Angeles' })
    expect(event?.occurredAt).toBe('2026-03-05T12:31:00-08:00')
  })
  it('checks its options at creation', () => {
    expect(() => amazon({ carrierId: 'amzn us' })).toThrow(ConfigError)
    expect(() => amazon({ environment: 'beta' as 'sandbox' })).toThrow(ConfigError)
    expect(() => amazon({ businessId: 'Amazon' as 'AmazonShipping_US' })).toThrow(ConfigError)
  })
  it('refuses track() without an access token, naming the CLI variable', async () => {
    await expect(amazon().track!(['TBA1'])).rejects.toThrow(/WAYBILL_AMAZON_ACCESS_TOKEN/)
    expect(AMAZON_EVENT_CODES.DELIVERED?.status).toBe('delivered')
  })
})
