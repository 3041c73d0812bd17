/**
 * DPD Web Services: the conformance suite over fixtures/dpd (getTrackingData answers and recorded login + tracking
 * exchanges), plus what is special: only reached life-cycle steps are events, dates written for people in the
 * answer's language, one login shared by concurrent calls and renewed once when DPD refuses the token.
 */
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { dpd, dpdDate, dpdPlace, dpdTrackingEnvelope } from '../../adapters/dpd/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { AuthError, ConfigError } from '../../src/errors/index.js'
import { undiciTransport } from '../../src/http/index.js'

const credentials = { delisId: 'waybilltest', password: 'dpd_test_password' }

testAdapter({
  adapter: dpd(),
  fixturesDir: 'fixtures/dpd',
  connect: (baseUrl) => dpd({ ...credentials, baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
})

describe('dpd: what is special', () => {
  it('reads dates as DPD writes them in German and US English, with or without a weekday', () => {
    expect(dpdDate('Mi, 11.03.2026, 09:11')).toEqual({ date: '2026-03-11', time: '09:11' })
    expect(dpdDate('1.4.2026, 7:05')).toEqual({ date: '2026-04-01', time: '07:05' })
    expect(dpdDate('Wednesday, 04/15/2026, 14:36')).toEqual({ date: '2026-04-15', time: '14:36' })
    expect(dpdDate('gestern')).toBeUndefined()
  })
  it('splits "City (CC)" into city and country, and keeps other texts as the facility', () => {
    expect(dpdPlace('Wien (AT)')).toEqual({ city: 'Wien', countryCode: 'AT' })
    expect(dpdPlace('Depot 0190')).toEqual({ facility: 'Depot 0190' })
  })
  it('leaves out a reached step whose date it cannot read, with an invalid_field warning naming it (not a not-found)', () => {
    const xml = `<Envelope><Body><getTrackingDataResponse><trackingresult><statusInfo><status>ACCEPTED</status><statusHasBeenReached>true</statusHasBeenReached><date><content>gestern</content></date></statusInfo></trackingresult></getTrackingDataResponse></Body></Envelope>`
    const result = dpd().normalize({ parcelLabelNumber: '01905002745551', xml })
    expect(result.notFound).toEqual([])
    expect(result.warnings).toMatchObject([
      { code: 'invalid_field', path: 'trackingresult.statusInfo[0].date' },
    ])
  })
  it('reads a step without a country in the configured home zone', () => {
    const xml = `<Envelope><Body><getTrackingDataResponse><trackingresult><statusInfo><status>ACCEPTED</status><statusHasBeenReached>true</statusHasBeenReached><location><content>Depot 1380</content></location><date><content>15.01.2026, 10:00</content></date></statusInfo></trackingresult></getTrackingDataResponse></Body></Envelope>`
    const event = dpd({ homeZone: 'Europe/Warsaw' }).normalize({ parcelLabelNumber: '13800000000001', xml })
      .shipments[0]?.events[0]
    expect(event).toMatchObject({
      occurredAt: '2026-01-15T10:00:00+01:00',
      timeZone: 'Europe/Warsaw',
      zoneSource: 'fallback',
    })
  })
  it('escapes what it writes into the SOAP envelope', () => {
    const envelope = dpdTrackingEnvelope(
      { delisId: 'a&b', authToken: '<t>', messageLanguage: 'de_DE' },
      '0190',
    )
    expect(envelope).toContain('<delisId>a&amp;b</delisId><authToken>&lt;t&gt;</authToken>')
  })
  it('checks its options at creation', () => {
    expect(() => dpd({ delisId: 'x' })).toThrow(ConfigError)
    expect(() => dpd({ messageLanguage: 'german' })).toThrow(ConfigError)
    expect(() => dpd({ environment: 'stage' as 'sandbox' })).toThrow(ConfigError)
    expect(() => dpd({ homeZone: 'Mars/Base' })).toThrow()
  })
  it('refuses track() without credentials, naming the CLI variables', async () => {
    await expect(dpd().track!(['01905002745551'])).rejects.toThrow(/WAYBILL_DPD_DELIS_ID/)
  })
})

describe('dpd: the login session through an injected MockAgent', () => {
  const HOST = 'https://public-ws.dpd.test'
  let agent: MockAgent
  afterEach(async () => agent?.close())
  const connect = () => {
    agent = new MockAgent()
    agent.disableNetConnect()
    return {
      pool: agent.get(HOST),
      adapter: dpd({
        ...credentials,
        baseUrl: HOST,
        transport: undiciTransport({ dispatcher: agent }),
        retry: false,
      }),
    }
  }
  const login = (token: string) =>
    `<Envelope><Body><getAuthResponse><return><authToken>${token}</authToken><authTokenExpires>2099-01-01T00:00:00.000+01:00</authTokenExpires></return></getAuthResponse></Body></Envelope>`
  const tracking = `<Envelope><Body><getTrackingDataResponse><trackingresult><statusInfo><status>ACCEPTED</status><statusHasBeenReached>true</statusHasBeenReached><location><content>Hamburg (DE)</content></location><date><content>10.03.2026, 06:41</content></date></statusInfo></trackingresult></getTrackingDataResponse></Body></Envelope>`
  const tokenFault = `<Envelope><Body><Fault><faultcode>soap:Server</faultcode><faultstring>Fault occured</faultstring><detail><authenticationFault><errorCode>LOGIN_8</errorCode><errorMessage>The token is invalid.</errorMessage></authenticationFault></detail></Fault></Body></Envelope>`

  it('logs in once for concurrent calls and sends the token in the SOAP header', async () => {
    const { pool, adapter } = connect()
    let logins = 0
    const tokens: string[] = []
    pool
      .intercept({ path: '/services/LoginService/V2_1/', method: 'POST' })
      .reply(() => {
        logins++
        return { statusCode: 200, data: login('token-1') }
      })
      .persist()
    pool
      .intercept({ path: '/services/ParcelLifeCycleService/V2_0/', method: 'POST' })
      .reply((req) => {
        tokens.push(/<authToken>(.*?)<\/authToken>/.exec(String(req.body))?.[1] ?? '')
        return { statusCode: 200, data: tracking }
      })
      .persist()
    const answers = await Promise.all(
      ['01905002745551', '01905002745568', '01905002745575'].map((n) => adapter.track!([n])),
    )
    expect(logins).toBe(1)
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1'])
    expect(adapter.normalize(answers[0]![0]).shipments[0]?.status).toBe('in_transit')
  })

  it('logs in again once when DPD refuses the token, then succeeds', async () => {
    const { pool, adapter } = connect()
    let logins = 0
    pool
      .intercept({ path: '/services/LoginService/V2_1/', method: 'POST' })
      .reply(() => ({ statusCode: 200, data: login(`token-${++logins}`) }))
      .persist()
    pool
      .intercept({ path: '/services/ParcelLifeCycleService/V2_0/', method: 'POST' })
      .reply((req) =>
        String(req.body).includes('token-1')
          ? { statusCode: 500, data: tokenFault }
          : { statusCode: 200, data: tracking },
      )
      .persist()
    const [answer] = await adapter.track!(['01905002745551'])
    expect(logins).toBe(2)
    expect(adapter.normalize(answer).shipments).toHaveLength(1)
  })

  it('a token refused twice is an AuthError with DPD code, never the password or the token', async () => {
    const { pool, adapter } = connect()
    pool
      .intercept({ path: '/services/LoginService/V2_1/', method: 'POST' })
      .reply(200, login('token-x'))
      .persist()
    pool
      .intercept({ path: '/services/ParcelLifeCycleService/V2_0/', method: 'POST' })
      .reply(500, tokenFault.replace('The token is invalid.', 'token-x dpd_test_password rejected'))
      .persist()
    const error = await adapter.track!(['01905002745551']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    const text = `${(error as Error).message} ${JSON.stringify(error)}`
    expect(text).toContain('LOGIN_8')
    expect(text).not.toContain('dpd_test_password')
    expect(text).not.toContain('token-x')
  })
})
