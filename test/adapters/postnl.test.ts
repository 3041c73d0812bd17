/**
 * PostNL: the conformance suite over fixtures/postnl (Shippingstatus answers and recorded `track()` exchanges), plus
 * what is special: `dd-MM-yyyy HH:mm:ss` times without an offset read in Europe/Amsterdam (summer, winter, the
 * repeated autumn hour), the status-only answer, multi-parcel answers, the unknown barcode as a not-found entry, the
 * gateway's error bodies, options checked at creation.
 */
import { MockAgent } from 'undici'
import { describe, expect, it } from 'vitest'
import { detectPostnl, POSTNL_EVENT_CODES, postnl, postnlDateTime } from '../../adapters/postnl/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { AuthError, ConfigError, RateLimitError, ValidationError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'

testAdapter({
  adapter: postnl(),
  fixturesDir: 'fixtures/postnl',
  connect: (baseUrl) =>
    postnl({ apiKey: 'postnl-test-key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

const answer = (events: { Code: string; TimeStamp: string }[]) => ({
  CompleteStatus: { Shipment: [{ Barcode: '3SWAYB0012345', Event: events }] },
})

function mocked(status: number, body: unknown, headers: Record<string, string> = {}) {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const seen: { path: string; headers: Record<string, string> }[] = []
  agent
    .get('https://postnl.test')
    .intercept({ path: (p) => p.startsWith('/shipment/v2/status/barcode/'), method: 'GET' })
    .reply((req) => {
      seen.push({ path: req.path, headers: req.headers as Record<string, string> })
      return {
        statusCode: status,
        data: JSON.stringify(body),
        responseOptions: { headers: { 'content-type': 'application/json', ...headers } },
      }
    })
  const adapter = postnl({
    apiKey: 'pnl-secret-key-123456',
    baseUrl: 'https://postnl.test',
    transport: undiciTransport({ dispatcher: agent }),
    retry: false,
  })
  return { adapter, seen }
}

describe('postnl: what is special', () => {
  it("rewrites PostNL's dd-MM-yyyy HH:mm:ss as ISO local time and leaves other text alone", () => {
    expect(postnlDateTime('08-11-2022 10:13:20')).toBe('2022-11-08T10:13:20')
    expect(postnlDateTime('08-11-2022 10:13')).toBe('2022-11-08T10:13:00')
    expect(postnlDateTime('2022-11-08T02:17:49')).toBe('2022-11-08T02:17:49')
  })
  it('reads offset-less times in Europe/Amsterdam, CET in winter and CEST in summer, never as UTC', () => {
    const events =
      postnl().normalize(
        answer([
          { Code: 'J01', TimeStamp: '13-01-2026 09:00:00' },
          { Code: 'I01', TimeStamp: '16-06-2026 09:00:00' },
        ]),
      ).shipments[0]?.events ?? []
    expect(events.map((e) => e.occurredAt)).toEqual([
      '2026-01-13T09:00:00+01:00',
      '2026-06-16T09:00:00+02:00',
    ])
    expect(events.every((e) => e.timeZone === 'Europe/Amsterdam')).toBe(true)
  })
  it('flags the repeated hour of the October change (regression: it must not be read silently)', () => {
    const event = postnl().normalize(answer([{ Code: 'J01', TimeStamp: '25-10-2026 02:30:00' }])).shipments[0]
      ?.events[0]
    expect(event).toMatchObject({ occurredAt: '2026-10-25T02:30:00+02:00', ambiguous: true })
  })
  it('keeps an unreadable time as an invalid_field warning and still reads the other scans', () => {
    const result = postnl().normalize(
      answer([
        { Code: 'J01', TimeStamp: '31-02-2026 09:00:00' },
        { Code: 'I01', TimeStamp: '16-06-2026 09:00:00' },
      ]),
    )
    expect(result.shipments[0]?.events.map((e) => e.raw.code)).toEqual(['I01'])
    expect(result.warnings[0]).toMatchObject({
      code: 'invalid_field',
      path: 'CompleteStatus.Shipment[0].Event[0].TimeStamp',
    })
  })
  it('gives Expectation as the delivery window, and refuses to guess the day order of a slashed date', () => {
    const withEta = (Expectation: Record<string, string>) => ({
      CompleteStatus: { Shipment: [{ Barcode: '3SWAYB0012345', Expectation, Event: [] }] },
    })
    expect(
      postnl().normalize(withEta({ ETAFrom: '04-03-2026 13:30:00', ETATo: '04-03-2026 15:30:00' }))
        .shipments[0]?.estimatedDelivery,
    ).toEqual({
      from: '2026-03-04T13:30:00+01:00',
      to: '2026-03-04T15:30:00+01:00',
      precision: 'second',
      source: 'Expectation',
    })
    const slashed = postnl().normalize(withEta({ ETAFrom: '11/07/2022 10:00:00' }))
    expect(slashed.shipments[0]?.estimatedDelivery).toBeUndefined()
    expect(slashed.warnings[0]).toMatchObject({
      code: 'invalid_field',
      path: 'CompleteStatus.Shipment[0].Expectation.ETAFrom',
    })
  })
  it('uses the requested number when an answer without shipments does not name it, and refuses when none is known', () => {
    const bare = { Warnings: [{ Code: '2', Message: 'No shipment found' }] }
    expect(postnl().normalize(bare, { requested: ['3SWAYB0099999'] }).notFound[0]?.trackingNumber).toBe(
      '3SWAYB0099999',
    )
    expect(() => postnl().normalize(bare)).toThrow(ValidationError)
  })
  it('asks with detail=true and the language, sending the apikey header', async () => {
    const { adapter, seen } = mocked(200, answer([{ Code: 'I01', TimeStamp: '16-06-2026 13:05:52' }]))
    await adapter.track!(['3SWAYB0012345'])
    expect(seen[0]?.path).toBe('/shipment/v2/status/barcode/3SWAYB0012345?detail=true&language=EN')
    expect(seen[0]?.headers.apikey).toBe('pnl-secret-key-123456')
  })
  it("gives a 404 as a not-found answer carrying PostNL's code", async () => {
    const { adapter } = mocked(404, { Errors: [{ Code: '404', Description: 'Barcode not found' }] })
    const [body] = await adapter.track!(['3SWAYB0099999'])
    expect(postnl().normalize(body).notFound).toEqual([
      { trackingNumber: '3SWAYB0099999', carrierCode: '404', message: 'Barcode not found' },
    ])
  })
  it("turns the gateway's 401 and 429 faults into AuthError and RateLimitError with its error code", async () => {
    const unauthorized = mocked(401, {
      fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } },
    })
    const auth = await unauthorized.adapter.track!(['3SWAYB0012345']).catch((e: unknown) => e)
    expect(auth).toBeInstanceOf(AuthError)
    expect((auth as AuthError).context.carrierCode).toBe('oauth.v2.InvalidApiKey')
    expect((auth as AuthError).message).not.toContain('pnl-secret-key-123456')
    const throttled = mocked(
      429,
      {
        fault: {
          faultstring: 'Rate limit quota violation',
          detail: { errorcode: 'policies.ratelimit.QuotaViolation' },
        },
      },
      { 'retry-after': '7' },
    )
    const limited = await throttled.adapter.track!(['3SWAYB0012345']).catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(RateLimitError)
    expect((limited as RateLimitError).context.carrierCode).toBe('policies.ratelimit.QuotaViolation')
  })
  it('checks its options at creation and names the CLI variable when track() has no key', async () => {
    expect(() => postnl({ apiKey: '' })).toThrow(ConfigError)
    expect(() => postnl({ language: 'DE' as 'NL' })).toThrow(ConfigError)
    expect(() => postnl({ environment: 'staging' as 'sandbox' })).toThrow(ConfigError)
    expect(() => postnl({ homeZone: 'Mars/Olympus' })).toThrow()
    await expect(postnl().track!(['3SWAYB0012345'])).rejects.toThrow(/WAYBILL_POSTNL_API_KEY/)
  })
  it('detects 3S barcodes and maps the delivery event codes', () => {
    expect(detectPostnl('3SWAYB0012345')).toBeGreaterThan(0.5)
    expect(detectPostnl('1Z5R89390357567127')).toBe(0)
    expect(POSTNL_EVENT_CODES.I10).toMatchObject({ status: 'delivered', milestone: 'delivered_to_agent' })
  })
})
