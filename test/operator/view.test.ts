/**
 * The operator view as a fetch handler: the credential gate (401 with a challenge, constant-time check, never
 * echoed, validated at creation), each list with the shipments it should hold and not the others, the JSON
 * variants, the base path, and a timeline page that shows raw records as text, never as markup.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors/index.js'
import { createOperatorView } from '../../src/operator/index.js'
import { ev, result, ship } from '../tracker/build.js'
import { bearer, HOSTILE, stockedTracker, TOKEN } from './fixtures.js'

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://ops.test${path}`, { headers })

async function view(basePath = '') {
  const t = await stockedTracker()
  return {
    t,
    view: createOperatorView({
      tracker: t.tracker,
      credential: { bearer: TOKEN },
      basePath,
      now: () => t.clock.now,
    }),
  }
}

describe('the operator credential', () => {
  it('answers 401 with a challenge without it, with a wrong one, or with another scheme; never echoes it', async () => {
    const { view: v } = await view()
    for (const headers of [
      {},
      bearer('operator-token-0123456789abcdeX'),
      { authorization: `Basic ${btoa(`x:${TOKEN}`)}` },
      { authorization: TOKEN },
    ]) {
      const res = await v.fetch(get('/exceptions', headers))
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="waybill operator"')
      const body = await res.text()
      expect(body).not.toContain(TOKEN)
      expect(body).not.toContain('EXC1')
    }
    expect((await v.fetch(get('/exceptions', bearer()))).status).toBe(200)
    expect((await v.fetch(get('/exceptions', { authorization: `bearer   ${TOKEN}` }))).status).toBe(200)
  })

  it('takes HTTP Basic with the configured user and password only', async () => {
    const t = await stockedTracker()
    const v = createOperatorView({
      tracker: t.tracker,
      credential: { basic: { username: 'ops', password: TOKEN } },
    })
    const basic = (user: string, pass: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
    })
    expect((await v.fetch(get('/', basic('ops', TOKEN)))).status).toBe(200)
    const wrongUser = await v.fetch(get('/', basic('opz', TOKEN)))
    expect(wrongUser.status).toBe(401)
    expect(wrongUser.headers.get('www-authenticate')).toBe('Basic realm="waybill operator", charset="UTF-8"')
    expect((await v.fetch(get('/', basic('ops', `${TOKEN}x`)))).status).toBe(401)
    expect((await v.fetch(get('/', { authorization: 'Basic !!!notbase64' }))).status).toBe(401)
  })

  it('refuses at creation a missing, short or spaced credential, naming the field and not the value', async () => {
    const t = await stockedTracker()
    const make = (credential: unknown) => () =>
      createOperatorView({ tracker: t.tracker, credential: credential as never })
    expect(make(undefined)).toThrow(ConfigError)
    expect(make({ bearer: 'short-secret' })).toThrow(/credential\.bearer must be at least 16 characters/)
    expect(make({ bearer: 'short-secret' })).not.toThrow(/short-secret/)
    expect(make({ bearer: 'has a space in the middle' })).toThrow(/spaces/)
    expect(make({ basic: { username: 'a:b', password: TOKEN } })).toThrow(/username/)
    expect(make({ basic: { username: 'ops', password: 'tiny' } })).toThrow(/credential\.basic\.password/)
    expect(make({ token: TOKEN })).toThrow(/\{ bearer \} or \{ basic/)
    expect(() =>
      createOperatorView({ tracker: t.tracker, credential: { bearer: TOKEN }, basePath: 'ops/' }),
    ).toThrow(/basePath/)
    expect(() =>
      createOperatorView({ tracker: t.tracker, credential: { bearer: TOKEN }, maxRows: 0 }),
    ).toThrow(/maxRows/)
  })
})

describe('the lists', () => {
  it('puts each shipment in the lists it belongs to, and the delivered one in none', async () => {
    const { view: v } = await view()
    const json = async (path: string) => {
      const res = await v.fetch(get(path, { ...bearer(), accept: 'application/json' }))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('application/json')
      return res.json()
    }
    const numbers = (rows: { trackingNumber: string }[]) => rows.map((r) => r.trackingNumber).sort()
    const exceptions = await json('/exceptions')
    expect(numbers(exceptions.rows)).toEqual(['EXC1'])
    expect(exceptions.rows[0]).toMatchObject({ status: 'exception', customer: 'CUST-42' })
    const late = await json('/late')
    expect(Object.keys(late.byCarrier)).toEqual(['acme'])
    expect(numbers(late.byCarrier.acme.rows)).toEqual(['LATE1'])
    const stalled = await json('/stalled')
    // everything open has had no event for 9 days; the delivered and returned-to-sender-and-received ones are not
    expect(numbers(stalled.byCarrier.acme.rows)).toEqual(['EVIL1', 'EXC1', 'LATE1', 'RET1'])
    expect(stalled.byCarrier.acme.rows[0].hoursSinceLastEvent).toBeGreaterThan(48)
    expect(numbers((await json('/returns')).rows)).toEqual(['RET1'])
    const overview = await json('/')
    expect(overview.counts).toEqual({ exceptions: 1, late: 1, stalled: 4, returns: 1 })
  })

  it('reports freshness per carrier and per kind of source from what the tracker stored', async () => {
    const { view: v } = await view()
    const res = await v.fetch(get('/freshness', { ...bearer(), accept: 'application/json' }))
    const freshness = await res.json()
    expect(freshness.carriers).toEqual([
      {
        carrier: 'acme',
        shipments: 5,
        lastStoredAt: '2024-03-01T10:00:00.000Z',
        medianLagMinutes: expect.any(Number),
      },
    ])
    expect(freshness.sources.map((s: { source: string }) => s.source)).toEqual(['rest', 'webhook'])
    expect(freshness.sources[1]).toMatchObject({ events: 1, newestEventAt: '2024-03-01T09:50:00Z' })
  })

  it('shows the KPIs with their definitions, and the summary as JSON', async () => {
    const { view: v } = await view()
    const page = await (await v.fetch(get('/kpis', bearer()))).text()
    expect(page).toContain('<h2>Definitions</h2>')
    expect(page).toContain('Exception rate')
    const kpis = await (await v.fetch(get('/kpis', { ...bearer(), accept: 'application/json' }))).json()
    expect(kpis.overall.shipments).toBe(5)
    expect(kpis.overall.onTime).toEqual({ measured: 2, onTime: 1, rate: 0.5 })
  })

  it('links every row to its timeline under the base path, and answers only under it', async () => {
    const { view: v } = await view('/ops')
    const res = await v.fetch(get('/ops/exceptions', bearer()))
    const page = await res.text()
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page).toContain('href="/ops/shipments/acme/EXC1"')
    expect(page).toContain('href="/ops/late"')
    expect(page).not.toMatch(/<script|<link|src="http/)
    expect((await v.fetch(get('/exceptions', bearer()))).status).toBe(404)
    expect((await v.fetch(get('/ops', bearer()))).status).toBe(200)
    expect((await v.fetch(get('/ops/nothing', bearer()))).status).toBe(404)
    expect(
      (await v.fetch(new Request('http://ops.test/ops/', { method: 'DELETE', headers: bearer() }))).status,
    ).toBe(405)
  })
})

describe('the lists cache', () => {
  it('shares one pass over the records for listsMaxAgeMs, and reads every request with 0', async () => {
    const t = await stockedTracker()
    const make = (listsMaxAgeMs?: number) =>
      createOperatorView({
        tracker: t.tracker,
        credential: { bearer: TOKEN },
        now: () => t.clock.now,
        ...(listsMaxAgeMs === undefined ? {} : { listsMaxAgeMs }),
      })
    const cachedView = make()
    const freshView = make(0)
    const count = async (v: ReturnType<typeof make>) =>
      (await (await v.fetch(get('/exceptions', { ...bearer(), accept: 'application/json' }))).json()).total
    expect(await count(cachedView)).toBe(1)
    expect(await count(freshView)).toBe(1)
    await t.tracker.ingestResult(
      result(
        ship([ev('damaged', '2024-03-10T08:00:00Z', { trackingNumber: 'EXC2' })], { trackingNumber: 'EXC2' }),
      ),
    )
    expect(await count(freshView)).toBe(2)
    expect(await count(cachedView)).toBe(1) // within 10 s of its pass
    expect(await (await cachedView.fetch(get('/shipments/acme/EXC2', bearer()))).status).toBe(200) // timelines are read fresh
    expect(() => make(-1)).toThrow(/listsMaxAgeMs/)
  })
})

describe('the timeline page', () => {
  it('shows every event with its raw record, escaped', async () => {
    const { view: v } = await view()
    const res = await v.fetch(get('/shipments/acme/EVIL1', bearer()))
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).not.toContain('<script>window')
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;')
    expect(page).toContain('Raw record from webhook')
    expect(page).toContain('&quot;record&quot;')
    const data = await (
      await v.fetch(get('/shipments/acme/EVIL1', { ...bearer(), accept: 'application/json' }))
    ).json()
    expect(data.shipments[0].events[0].raw.text).toBe(HOSTILE)
  })

  it('answers 404 for a number it does not store and 400 for broken percent-encoding', async () => {
    const { view: v } = await view()
    expect((await v.fetch(get('/shipments/acme/NOPE', bearer()))).status).toBe(404)
    expect((await v.fetch(get('/shipments/acme/%E0%A4%A', bearer()))).status).toBe(400)
  })
})
