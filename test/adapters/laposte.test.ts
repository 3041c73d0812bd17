/**
 * La Poste Suivi v2: the conformance suite over fixtures/laposte (unitary and 207 answers, recorded `track()`
 * exchanges), plus what is special: per-number return codes as not-found results, ten numbers in one path, the
 * answer language, dates without an offset read in France only for a domestic item, options checked at creation.
 */
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { LAPOSTE_EVENT_CODES, laposte } from '../../adapters/laposte/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { AuthError, ConfigError, RateLimitError, ValidationError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'

testAdapter({
  adapter: laposte(),
  fixturesDir: 'fixtures/laposte',
  connect: (baseUrl) =>
    laposte({
      apiKey: 'okapi_test_key',
      lang: 'en_GB',
      baseUrl,
      limits: { requestsPerSecond: 50, burst: 50 },
    }),
})

const answer = (event: object[], context = { originCountry: 'US', arrivalCountry: 'FR' }) => ({
  returnCode: 200,
  shipment: { idShip: 'CB123456785US', holder: 4, event, contextData: context },
})

describe('laposte: what is special', () => {
  it('keeps a date without an offset on an international item with an unknown zone and a warning', () => {
    const result = laposte().normalize(answer([{ code: 'ET3', label: 'x', date: '2026-02-09T06:31:00' }]))
    expect(result.shipments[0]?.events[0]).toMatchObject({
      occurredAt: '2026-02-09T06:31:00',
      zoneSource: 'unknown',
    })
    expect(result.warnings.map((w) => w.code)).toContain('unknown_zone')
  })
  it('reads a date without an offset on a domestic item in France, the repeated autumn hour flagged', () => {
    const event = laposte().normalize(
      answer([{ code: 'ET1', label: 'x', date: '2026-10-25T02:30:00' }], {
        originCountry: 'FR',
        arrivalCountry: 'FR',
      }),
    ).shipments[0]?.events[0]
    expect(event).toMatchObject({
      occurredAt: '2026-10-25T02:30:00+02:00',
      timeZone: 'Europe/Paris',
      ambiguous: true,
    })
  })
  it('maps every documented code, and keeps an unknown one as unknown with its code', () => {
    expect(Object.keys(LAPOSTE_EVENT_CODES)).toHaveLength(19)
    const result = laposte().normalize(
      answer([{ code: 'zz9', label: 'x', date: '2026-02-09T06:31:00+01:00' }]),
    )
    expect(result.shipments[0]?.events[0]).toMatchObject({ status: 'unknown', raw: { code: 'ZZ9' } })
  })
  it('checks its options at creation', () => {
    expect(() => laposte({ apiKey: ' ' })).toThrow(ConfigError)
    expect(() => laposte({ lang: 'fr' as 'fr_FR' })).toThrow(ConfigError)
    expect(() => laposte({ defaultZone: 'Nowhere/Else' })).toThrow()
    expect(laposte({ limits: { maxBatch: 30 } }).limits?.maxBatch).toBe(10)
  })
  it('detects Colissimo numbers and refuses track() without a key, naming the CLI variable', async () => {
    expect(laposte().detect!('6A23456789014')).toBeGreaterThan(0)
    await expect(laposte().track!(['6A23456789014'])).rejects.toThrow(/WAYBILL_LAPOSTE_API_KEY/)
  })
})

describe('laposte: the API through an injected MockAgent', () => {
  const HOST = 'https://api.laposte.test'
  const KEY = 'okapi_secret_key'
  let agent: MockAgent
  afterEach(async () => agent?.close())
  const connect = () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    return {
      pool: agent.get(HOST),
      adapter: laposte({
        apiKey: KEY,
        baseUrl: HOST,
        transport: undiciTransport({ dispatcher: agent }),
        retry: false,
      }),
    }
  }

  it('asks ten numbers a call with X-Okapi-Key and lang=fr_FR by default', async () => {
    const { pool, adapter } = connect()
    const numbers = Array.from({ length: 11 }, (_, i) => `6A${String(10000000000 + i)}`)
    const seen: { path: string; key: string }[] = []
    pool
      .intercept({ path: (p) => p.startsWith('/suivi/v2/idships/'), method: 'GET' })
      .reply((req) => {
        seen.push({ path: req.path, key: String((req.headers as Record<string, string>)['x-okapi-key']) })
        return {
          statusCode: 207,
          data: '[]',
          responseOptions: { headers: { 'content-type': 'application/json' } },
        }
      })
      .times(2)
    await adapter.track!(numbers)
    expect(seen).toHaveLength(2)
    expect(decodeURIComponent(seen[0]!.path)).toBe(
      `/suivi/v2/idships/${numbers.slice(0, 10).join(',')}?lang=fr_FR`,
    )
    expect(seen[1]!.path).toBe(`/suivi/v2/idships/${numbers[10]}?lang=fr_FR`)
    expect(seen.every((s) => s.key === KEY)).toBe(true)
  })

  it('refuses a number that is not 11 to 15 letters or digits before calling', async () => {
    const { adapter } = connect()
    await expect(adapter.track!(['6A1/../x'])).rejects.toBeInstanceOf(ValidationError)
  })

  it('a 401 is an AuthError with La Poste code, never the key', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: (p) => p.startsWith('/suivi/v2/idships/'), method: 'GET' })
      .reply(401, { code: 'UNAUTHORIZED', message: `Bad key ${KEY}` })
    const error = await adapter.track!(['6A23456789014']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    const text = `${(error as Error).message} ${JSON.stringify(error)}`
    expect(text).toContain('UNAUTHORIZED')
    expect(text).not.toContain(KEY)
  })

  it('a 429 is a RateLimitError', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: (p) => p.startsWith('/suivi/v2/idships/'), method: 'GET' })
      .reply(429, { code: 'TOO_MANY_REQUESTS', message: 'quota' }, { headers: { 'retry-after': '1' } })
    await expect(adapter.track!(['6A23456789014'])).rejects.toBeInstanceOf(RateLimitError)
  })

  it('a 400 naming the number (invalid number) is a not-found result, not an error', async () => {
    const { pool, adapter } = connect()
    pool.intercept({ path: (p) => p.startsWith('/suivi/v2/idships/'), method: 'GET' }).reply(400, {
      returnCode: 400,
      returnMessage: "Le numéro n'est pas valide.",
      idShip: '6A00000000000',
    })
    const [payload] = await adapter.track!(['6A00000000000'])
    expect(adapter.normalize(payload).notFound).toEqual([
      { trackingNumber: '6A00000000000', carrierCode: '400', message: "Le numéro n'est pas valide." },
    ])
  })
})
