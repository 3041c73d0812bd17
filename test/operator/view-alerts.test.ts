/**
 * The operator view with an alert router: the alert queue (HTML and JSON) and the acknowledge action through a
 * form or JSON, behind the credential, refused from another site (regression guard: a Basic login must not let a
 * cross-site form acknowledge alerts), with typed answers for a bad body or an unknown key.
 */
import { describe, expect, it } from 'vitest'
import { createOperatorView } from '../../src/operator/index.js'
import { alert } from './alerts.js'
import { bearer, escalatingRouter, stockedTracker, TOKEN } from './fixtures.js'

const ORIGIN = 'http://ops.test'

async function setupView() {
  const t = await stockedTracker()
  const { router, sent } = escalatingRouter()
  const view = createOperatorView({
    tracker: t.tracker,
    credential: { bearer: TOKEN },
    basePath: '/ops',
    router,
    now: () => t.clock.now,
  })
  const a = alert({
    carrier: 'acme',
    trackingNumber: 'EXC1',
    dedupeKey: 'acme:EXC1::exception:ev1',
    kind: 'exception',
    severity: 'warning',
  })
  await router.route(a)
  return { view, router, sent, a }
}

const post = (body: string, type: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/ops/alerts/ack`, {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...bearer(), ...headers },
  })

describe('the alert queue', () => {
  it('lists alerts awaiting acknowledgement with an acknowledge form, and as JSON', async () => {
    const { view, a } = await setupView()
    const page = await (await view.fetch(new Request(`${ORIGIN}/ops/alerts`, { headers: bearer() }))).text()
    expect(page).toContain('action="/ops/alerts/ack"')
    expect(page).toContain(`name="key" value="${a.dedupeKey}"`)
    expect(page).toContain('href="/ops/shipments/acme/EXC1"')
    expect(page).toContain('href="/ops/alerts" aria-current="page"')
    const list = await (
      await view.fetch(
        new Request(`${ORIGIN}/ops/alerts`, { headers: { ...bearer(), accept: 'application/json' } }),
      )
    ).json()
    expect(list.total).toBe(1)
    expect(list.rows[0]).toMatchObject({ key: a.dedupeKey, owner: 'ops', rule: 'all' })
    const overview = await (
      await view.fetch(new Request(`${ORIGIN}/ops`, { headers: { ...bearer(), accept: 'application/json' } }))
    ).json()
    expect(overview.counts.alerts).toBe(1)
    expect(await (await view.fetch(new Request(`${ORIGIN}/ops`, { headers: bearer() }))).text()).toContain(
      '<strong>1</strong> open alert<',
    )
  })

  it('acknowledges from the form (303 back to the queue) as the credential holder, then lists nothing', async () => {
    const { view, router, a } = await setupView()
    const res = await view.fetch(
      post(new URLSearchParams({ key: a.dedupeKey }).toString(), 'application/x-www-form-urlencoded', {
        origin: ORIGIN,
        'sec-fetch-site': 'same-origin',
      }),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/ops/alerts')
    expect(await router.get(a.dedupeKey)).toMatchObject({ ackedBy: 'operator' })
    const page = await (await view.fetch(new Request(`${ORIGIN}/ops/alerts`, { headers: bearer() }))).text()
    expect(page).toContain('No alert awaits delivery or acknowledgement.')
  })

  it('acknowledges through JSON with a name, and says when it already was', async () => {
    const { view, a } = await setupView()
    const first = await view.fetch(post(JSON.stringify({ key: a.dedupeKey, by: 'sam' }), 'application/json'))
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ key: a.dedupeKey, already: false, ackedBy: 'sam' })
    const again = await view.fetch(post(JSON.stringify({ key: a.dedupeKey }), 'application/json'))
    expect(await again.json()).toMatchObject({ already: true, ackedBy: 'sam' })
  })

  it('refuses a cross-site form, a missing credential, a bad body and an unknown key', async () => {
    const { view, router, a } = await setupView()
    const form = new URLSearchParams({ key: a.dedupeKey }).toString()
    const type = 'application/x-www-form-urlencoded'
    expect((await view.fetch(post(form, type, { origin: 'https://evil.example' }))).status).toBe(403)
    expect((await view.fetch(post(form, type, { 'sec-fetch-site': 'cross-site' }))).status).toBe(403)
    // Origin is `null` under the view's no-referrer policy: only Sec-Fetch-Site can vouch for such a request
    expect((await view.fetch(post(form, type, { origin: 'null' }))).status).toBe(403)
    expect(
      (await view.fetch(post(form, type, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })))
        .status,
    ).toBe(403)
    const anonymous = new Request(`${ORIGIN}/ops/alerts/ack`, {
      method: 'POST',
      body: form,
      headers: { 'content-type': type },
    })
    expect((await view.fetch(anonymous)).status).toBe(401)
    expect((await router.get(a.dedupeKey))?.ackedAt).toBeUndefined()
    const badJson = await view.fetch(post('{', 'application/json'))
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toEqual({ error: 'body: is not JSON' })
    expect((await view.fetch(post('key=x', 'text/plain'))).status).toBe(400)
    expect((await view.fetch(post(JSON.stringify({ key: 'acme:NOPE' }), 'application/json'))).status).toBe(
      404,
    )
    expect((await view.fetch(new Request(`${ORIGIN}/ops/alerts/ack`, { headers: bearer() }))).status).toBe(
      405,
    )
  })

  it('has no alert pages without a router', async () => {
    const t = await stockedTracker()
    const view = createOperatorView({ tracker: t.tracker, credential: { bearer: TOKEN } })
    expect((await view.fetch(new Request(`${ORIGIN}/alerts`, { headers: bearer() }))).status).toBe(404)
    expect(await (await view.fetch(new Request(`${ORIGIN}/`, { headers: bearer() }))).text()).not.toContain(
      '/alerts',
    )
  })
})
