/**
 * Royal Mail: the conformance suite over fixtures/royalmail (Tracking API v2 events answers and recorded `track()`
 * exchanges), plus what is special: the printed barcode kept as the tracking number, times without an offset read
 * in Europe/London (the repeated autumn hour flagged), the 404 body as a not-found entry, the gateway's headers and
 * transaction id, options checked at creation, and one timeline for a parcel also seen through Shippo.
 */
import { readFileSync } from 'node:fs'
import { MockAgent } from 'undici'
import { describe, expect, it } from 'vitest'
import { detectRoyalmail, ROYALMAIL_EVENT_CODES, royalmail } from '../../adapters/royalmail/index.js'
import { shippo } from '../../adapters/shippo/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { AuthError, CarrierError, ConfigError, ValidationError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'

const credentials = { clientId: 'rm-test-client', clientSecret: 'rm-test-secret-0123456789' }

testAdapter({
  adapter: royalmail(),
  fixturesDir: 'fixtures/royalmail',
  connect: (baseUrl) => royalmail({ ...credentials, baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

function mocked(status: number, body: unknown, headers: Record<string, string> = {}) {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const seen: Record<string, string>[] = []
  agent
    .get('https://rm.test')
    .intercept({ path: '/mailpieces/v2/TT123456785GB/events', method: 'GET' })
    .reply((req) => {
      seen.push(req.headers as Record<string, string>)
      return {
        statusCode: status,
        data: JSON.stringify(body),
        responseOptions: { headers: { 'content-type': 'application/json', ...headers } },
      }
    })
  const adapter = royalmail({
    ...credentials,
    baseUrl: 'https://rm.test',
    transport: undiciTransport({ dispatcher: agent }),
    retry: false,
  })
  return { adapter, seen }
}

describe('royalmail: what is special', () => {
  it('keeps the printed 1D barcode as the tracking number when mailPieceId is the 2D item id', () => {
    const answer = {
      mailPieces: {
        mailPieceId: '090367574000000FE1E1B',
        summary: { oneDBarcode: 'TT123456785GB' },
        events: [{ eventCode: 'EVKSP', eventName: 'Delivered', eventDateTime: '2026-03-05T11:42:00+00:00' }],
      },
    }
    expect(royalmail().normalize(answer).shipments[0]?.trackingNumber).toBe('TT123456785GB')
  })
  it('keeps the 2D item id when that is what was asked for, and the other number as a reference', () => {
    const answer = {
      mailPieces: {
        mailPieceId: '090367574000000FE1E1B',
        summary: { oneDBarcode: 'TT123456785GB' },
        events: [{ eventCode: 'EVKSP', eventDateTime: '2026-03-05T11:42:00+00:00' }],
      },
    }
    const shipment = royalmail().normalize(answer, { requested: ['090367574000000FE1E1B'] }).shipments[0]
    expect(shipment?.trackingNumber).toBe('090367574000000FE1E1B')
    expect(shipment?.identifiers.references).toEqual([
      { type: 'shipment_id', value: 'TT123456785GB', qualifier: 'oneDBarcode' },
    ])
  })
  it('gives the estimated window, or the whole day of the date alone (not midnight UTC)', () => {
    const piece = (estimatedDelivery: Record<string, string>) => ({
      mailPieces: { mailPieceId: 'TT123456785GB', estimatedDelivery, events: [] },
    })
    expect(
      royalmail().normalize(
        piece({
          startOfEstimatedWindow: '2026-06-17T08:00:00+01:00',
          endOfEstimatedWindow: '2026-06-17T11:00:00+01:00',
        }),
      ).shipments[0]?.estimatedDelivery,
    ).toEqual({
      from: '2026-06-17T08:00:00+01:00',
      to: '2026-06-17T11:00:00+01:00',
      precision: 'second',
      source: 'estimatedDelivery',
    })
    expect(
      royalmail().normalize(piece({ date: '2026-06-17T00:00:00+00:00' })).shipments[0]?.estimatedDelivery,
    ).toEqual({
      from: '2026-06-17T00:00:00+01:00',
      precision: 'day',
      source: 'estimatedDelivery.date',
    })
  })
  it('reads a time without an offset in Europe/London, in winter and in summer (never as UTC)', () => {
    const answer = {
      mailPieces: {
        mailPieceId: 'TT123456785GB',
        events: [
          { eventCode: 'EVDAV', eventDateTime: '2026-07-01T09:00:00' },
          { eventCode: 'EVKSP', eventDateTime: '2026-12-01T09:00:00' },
        ],
      },
    }
    const events = royalmail().normalize(answer).shipments[0]?.events ?? []
    expect(events.map((e) => e.occurredAt)).toEqual([
      '2026-07-01T09:00:00+01:00',
      '2026-12-01T09:00:00+00:00',
    ])
    expect(events.every((e) => e.timeZone === 'Europe/London' && e.zoneSource === 'carrier')).toBe(true)
  })
  it('flags the repeated hour of the October change instead of picking silently', () => {
    const answer = {
      mailPieces: {
        mailPieceId: 'TT123456785GB',
        events: [{ eventCode: 'EVODO', eventDateTime: '2026-10-25T01:30:00' }],
      },
    }
    expect(royalmail().normalize(answer).shipments[0]?.events[0]?.ambiguous).toBe(true)
  })
  it('keeps an unknown code as unknown with its name and an unknown_code warning', () => {
    const answer = {
      mailPieces: {
        mailPieceId: 'TT123456785GB',
        events: [{ eventCode: 'EVZZZ', eventName: 'New scan', eventDateTime: '2026-03-05T11:42:00Z' }],
      },
    }
    const result = royalmail().normalize(answer)
    expect(result.shipments[0]?.events[0]).toMatchObject({
      status: 'unknown',
      description: 'New scan',
      raw: { code: 'EVZZZ' },
    })
    expect(result.warnings.map((w) => w.code)).toEqual(['unknown_code'])
  })
  it('sends the client id, the secret and X-Accept-RMG-Terms on every call', async () => {
    const { adapter, seen } = mocked(200, { mailPieces: { mailPieceId: 'TT123456785GB', events: [] } })
    await adapter.track!(['TT123456785GB'])
    expect(seen[0]).toMatchObject({
      'x-ibm-client-id': 'rm-test-client',
      'x-ibm-client-secret': 'rm-test-secret-0123456789',
      'x-accept-rmg-terms': 'yes',
    })
  })
  it('turns a 401 into an AuthError with the transaction id and without the secret', async () => {
    const { adapter } = mocked(
      401,
      {
        httpCode: '401',
        httpMessage: 'Unauthorized',
        moreInformation: 'Bad secret rm-test-secret-0123456789',
      },
      { 'x-global-transaction-id': 'tx-77' },
    )
    const error = await adapter.track!(['TT123456785GB']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).message).toContain('tx-77')
    expect((error as AuthError).message).not.toContain('rm-test-secret-0123456789')
  })
  it("gives a 400 as a CarrierError carrying Royal Mail's error code", async () => {
    const { adapter } = mocked(400, {
      httpCode: 400,
      httpMessage: 'Bad Request',
      errors: [{ errorCode: 'E1144', errorDescription: 'Barcode reference is not valid' }],
    })
    const error = await adapter.track!(['TT123456785GB']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).context).toMatchObject({ carrierCode: 'E1144', status: 400 })
  })
  it('refuses a number that is not a barcode before calling', async () => {
    await expect(royalmail(credentials).track!(['TT 1234/GB'])).rejects.toThrow(ValidationError)
  })
  it('checks its options at creation and names the CLI variables when track() lacks credentials', async () => {
    expect(() => royalmail({ clientId: ' ' })).toThrow(ConfigError)
    expect(() => royalmail({ homeZone: 'Mars/Olympus' })).toThrow()
    await expect(royalmail().track!(['TT123456785GB'])).rejects.toThrow(/WAYBILL_ROYALMAIL_CLIENT_ID/)
  })
  it('detects Royal Mail S10 numbers and maps every table row to a status', () => {
    expect(detectRoyalmail('TT123456785GB')).toBeGreaterThan(0.5)
    expect(detectRoyalmail('1Z5R89390357567127')).toBe(0)
    expect(ROYALMAIL_EVENT_CODES.EVKSP?.status).toBe('delivered')
  })
})

describe('royalmail: one parcel seen directly and through Shippo', () => {
  it("is one shipment under royalmail (regression: Shippo's token royal_mail kept it apart)", async () => {
    const tracker = createTracker({ adapters: [royalmail(), shippo()], store: memoryStore() })
    await tracker.ingest({
      source: 'royalmail',
      payload: JSON.parse(readFileSync('fixtures/royalmail/delivered.json', 'utf8')),
    })
    const delivered = {
      object_id: 'rm-e1',
      status: 'DELIVERED',
      status_details: 'Delivered',
      status_date: '2026-03-05T11:42:00Z',
      substatus: null,
      location: { city: 'Stafford', state: null, zip: 'ST16 2AA', country: 'GB' },
    }
    await tracker.ingest({
      source: 'shippo',
      payload: {
        carrier: 'royal_mail',
        tracking_number: 'TT123456785GB',
        tracking_status: delivered,
        tracking_history: [delivered],
      },
    })
    const [shipment, ...others] = await tracker.get('royalmail', 'TT123456785GB')
    expect(others).toEqual([])
    expect(await tracker.get('shippo', 'TT123456785GB')).toEqual([])
    expect(await tracker.get('royal_mail', 'TT123456785GB')).toEqual([])
    expect(shipment?.status).toBe('delivered')
  })
})
