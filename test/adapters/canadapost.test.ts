/**
 * Canada Post: the conformance suite over fixtures/canadapost (XML answers and recorded `track()` exchanges), plus
 * what is special: zone abbreviations (EDT, NST) and a foreign one set aside, Basic auth with the track-v2 media
 * type, "No Pin History" as not found, errors naming Canada Post's message code without the credentials.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canadapost } from '../../adapters/canadapost/index.js'
import { startReplayServer } from '../../src/conformance/http-replay.js'
import { testAdapter } from '../../src/conformance/index.js'

const connect = (baseUrl: string) =>
  canadapost({
    username: 'cp_test_user',
    password: 'cp_test_pass',
    baseUrl,
    limits: { requestsPerSecond: 50, burst: 50 },
    retry: false,
  })

testAdapter({ adapter: canadapost(), fixturesDir: 'fixtures/canadapost', connect })

const json = (file: string): unknown => JSON.parse(readFileSync(`fixtures/canadapost/${file}`, 'utf8'))
const adapter = canadapost()

describe('canadapost: times', () => {
  it('reads EDT and NST abbreviations as their offsets', () => {
    expect(adapter.normalize(json('delivered.json')).shipments[0]?.events.map((e) => e.occurredAt)).toContain(
      '2026-03-12T14:14:00-04:00',
    )
    expect(adapter.normalize(json('unknown-event-code-nst.json')).shipments[0]?.events[0]?.occurredAt).toBe(
      '2026-03-10T16:40:00-03:30',
    )
  })
  // Regression guard: an abbreviation waybill cannot read ("ISRAEL") must not drop the event.
  it('sets a foreign zone word aside with a warning and keeps the event', () => {
    const result = adapter.normalize(json('international-foreign-zone.json'))
    expect(result.shipments[0]?.events).toHaveLength(2)
    expect(result.warnings.some((w) => w.message.includes('"ISRAEL"'))).toBe(true)
  })
  it('keeps an unknown event identifier as unknown with its raw code', () => {
    const result = adapter.normalize(json('unknown-event-code-nst.json'))
    expect(result.shipments[0]?.events[0]).toMatchObject({ status: 'unknown', raw: { code: '9999' } })
  })
})

describe('canadapost: options and errors', () => {
  it('refuses half an API key at creation', () => {
    expect(() => canadapost({ username: 'u' })).toThrow(/both username and password/)
  })
  it('a 401 names AA002 and the request id, never the credentials', async () => {
    const recorded = json('track-unauthorized.http.json') as {
      exchanges: Parameters<typeof startReplayServer>[0]
    }
    const server = await startReplayServer(recorded.exchanges)
    try {
      const error = await connect(server.baseUrl).track!(['7023210039414604']).catch((e: unknown) => e)
      const text = `${(error as Error).message} ${JSON.stringify(error)}`
      expect((error as Error).name).toBe('AuthError')
      expect(text).toContain('AA002')
      expect(text).toContain('cp-req-401')
      expect(text).not.toContain('cp_test_pass')
      expect(text).not.toContain(Buffer.from('cp_test_user:cp_test_pass').toString('base64'))
    } finally {
      await server.close()
    }
  })
})
