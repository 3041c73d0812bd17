/**
 * Alert routing on one store: rules by severity, carrier, kind and customer; a signed webhook and email content;
 * each alert delivered once however often it is routed; escalation once after the configured time unless
 * acknowledged; failed deliveries kept and retried; alerts no rule matches kept and listed; configuration refused
 * at creation with the field named.
 */
import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, ValidationError } from '../../src/errors/index.js'
import {
  type AlertEmail,
  type AlertRouterOptions,
  createAlertRouter,
  matchRule,
} from '../../src/operator/index.js'
import { memoryStore } from '../../src/store/index.js'
import { ev, result, ship } from '../tracker/build.js'
import { setup } from '../tracker/setup.js'
import { alert } from './alerts.js'
import { receiver, SECRET } from './receiver.js'

const MIN = 60_000
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn()
})

async function world(over: Partial<AlertRouterOptions> = {}, hook: Parameters<typeof receiver>[0] = {}) {
  const clock = { now: new Date('2024-03-04T00:00:00Z') }
  const desk = await receiver(hook)
  const emails: AlertEmail[] = []
  const warnings: string[] = []
  const store = memoryStore()
  const router = createAlertRouter({
    store,
    now: () => clock.now,
    tickEveryMs: 0,
    escalateAfter: 30 * MIN,
    onWarning: (message) => warnings.push(message),
    channels: {
      desk: { type: 'webhook', url: desk.url, secret: SECRET, allowHttp: true },
      lead: {
        type: 'email',
        to: ['lead@shop.example'],
        send: async (m) => {
          emails.push(m)
        },
        link: (a) => `https://shop.example/t/${a.trackingNumber}`,
      },
    },
    rules: [
      { name: 'vip', match: { customer: 'VIP-1' }, owner: 'vip-desk', channels: ['desk'] },
      {
        name: 'critical',
        match: { severity: 'critical', kind: ['late', 'delivered_after_cancel'] },
        owner: 'ops',
        channels: ['desk'],
        escalateTo: { owner: 'ops-lead', channels: ['lead'] },
      },
      {
        name: 'ups-info',
        match: { carrier: 'ups', severity: 'info' },
        owner: 'ups-desk',
        channels: ['desk', 'lead'],
      },
    ],
    ...over,
  })
  cleanup.push(
    () => router.close(),
    () => desk.close(),
  )
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms)
  }
  return { router, desk, emails, warnings, store, clock, advance }
}

describe('rules', () => {
  it('pick the first rule whose every condition holds', async () => {
    const list = [
      { name: 'a', match: { carrier: 'ups', kind: 'late' as const }, owner: 'A', channels: ['x'] },
      { name: 'b', match: { severity: ['warning', 'critical'] as const }, owner: 'B', channels: ['x'] },
      { name: 'c', match: { customer: ['C1', 'C2'] }, owner: 'C', channels: ['x'] },
      { name: 'd', owner: 'D', channels: ['x'] },
    ]
    expect(matchRule(list, alert({ carrier: 'ups' }), undefined)?.name).toBe('a')
    expect(matchRule(list, alert({ carrier: 'dhl' }), undefined)?.name).toBe('b')
    expect(matchRule(list, alert({ carrier: 'dhl', severity: 'info' }), 'C2')?.name).toBe('c')
    expect(matchRule(list, alert({ carrier: 'dhl', severity: 'info' }), undefined)?.name).toBe('d')
    expect(matchRule(list.slice(2, 3), alert({ severity: 'info' }), undefined)).toBeUndefined()
  })

  it('are refused at creation when they cannot work, naming the rule or channel and field', async () => {
    const store = memoryStore()
    const hook = { type: 'webhook' as const, url: 'https://desk.example/h', secret: SECRET }
    const make = (over: Partial<AlertRouterOptions>) => () =>
      createAlertRouter({
        store,
        tickEveryMs: 0,
        channels: { desk: hook },
        rules: [{ name: 'r', owner: 'o', channels: ['desk'] }],
        ...over,
      })
    expect(make({})).not.toThrow()
    expect(make({ rules: [{ name: 'r', owner: 'o', channels: ['pager'] }] })).toThrow(
      /rules\[0\]\.channels: no channel 'pager'/,
    )
    expect(make({ rules: [] })).toThrow(ConfigError)
    expect(
      make({
        rules: [
          { name: 'r', owner: 'o', channels: ['desk'] },
          { name: 'r', owner: 'p', channels: ['desk'] },
        ],
      }),
    ).toThrow(/rules\[1\]\.name 'r' is used/)
    expect(
      make({ rules: [{ name: 'r', match: { kind: 'lost' as never }, owner: 'o', channels: ['desk'] }] }),
    ).toThrow(/match\.kind: 'lost' is not one of/)
    expect(
      make({ rules: [{ name: 'r', match: { severty: 'info' } as never, owner: 'o', channels: ['desk'] }] }),
    ).toThrow(/match\.severty is not a condition/)
    expect(
      make({
        rules: [
          { name: 'r', owner: 'o', channels: ['desk'], escalateTo: { owner: 'l', channels: ['desk'] } },
        ],
      }),
    ).toThrow(/escalateTo needs a time/)
    expect(make({ escalateAfter: -1 })).toThrow(/escalateAfter must be a positive number/)
    expect(make({ channels: { desk: { ...hook, url: 'http://desk.example/h' } } })).toThrow(
      /channels\.desk\.url must be https:/,
    )
    const badSecret = 'whsec_!!!not-base64!!!'
    expect(make({ channels: { desk: { ...hook, secret: badSecret } } })).toThrow(
      /channels\.desk\.secret is not a Standard Webhooks secret/,
    )
    expect(make({ channels: { desk: { ...hook, secret: badSecret } } })).not.toThrow(/not-base64/)
    expect(
      make({ channels: { desk: { type: 'email', to: ['nobody'], send: async () => {}, link: () => '' } } }),
    ).toThrow(/channels\.desk\.to/)
    expect(make({ store: {} as never })).toThrow(/store must be a Store/)
  })
})

describe('routing', () => {
  it('delivers a signed webhook to the owner once, however often the alert is routed', async () => {
    const { router, desk } = await world()
    const a = alert()
    const routed = await router.route(a)
    expect(routed).toMatchObject({ rule: 'critical', owner: 'ops' })
    await router.route(a)
    await router.route({ ...a, raisedAt: '2024-03-05T00:00:00.000Z' }) // the same alert, announced again
    expect(await router.tick()).toEqual({ delivered: 0, failed: 0, escalated: 0 })
    expect(desk.received).toEqual([
      {
        id: routed.deliveries[0]!.id,
        type: 'waybill.alert.routed',
        owner: 'ops',
        key: a.dedupeKey,
        kind: 'late',
        valid: true,
      },
    ])
    expect((await router.get(a.dedupeKey))?.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 1 })
  })

  it('hands email content built by renderNotification to the sender, and routes by carrier and severity', async () => {
    const { router, desk, emails } = await world()
    const a = alert({ carrier: 'ups', kind: 'out_for_delivery', severity: 'info' })
    const routed = await router.route(a)
    expect(routed.owner).toBe('ups-desk')
    expect(desk.received.map((r) => r.owner)).toEqual(['ups-desk'])
    expect(emails).toHaveLength(1)
    expect(emails[0]).toMatchObject({
      to: ['lead@shop.example'],
      owner: 'ups-desk',
      stage: 'routed',
      id: routed.deliveries[1]!.id,
    })
    expect(emails[0]!.subject).not.toBe('')
    expect(emails[0]!.html).toContain('https://shop.example/t/N1')
  })

  it('routes by customer when the caller (or the attached tracker) gives one', async () => {
    const { router } = await world()
    expect((await router.route(alert({ n: 2 }), { customer: 'VIP-1' })).owner).toBe('vip-desk')
    const t = setup({}, '2024-03-04T00:00:00Z')
    const detach = router.attach(t.tracker)
    const routedKeys: string[] = []
    t.tracker.on('alert', (a) => routedKeys.push(a.dedupeKey))
    await t.tracker.ingestResult(
      result(
        ship([ev('address_issue', '2024-03-03T10:00:00Z')], {
          identifiers: { references: [{ type: 'customer_reference', value: 'VIP-1' }] },
        }),
      ),
    )
    detach()
    expect(routedKeys).toHaveLength(1)
    await expect.poll(async () => (await router.get(routedKeys[0]!))?.owner).toBe('vip-desk')
  })
})

describe('escalation and acknowledgement', () => {
  it('escalates an unacknowledged alert once, after escalateAfter, to the escalation owner', async () => {
    const { router, emails, advance } = await world()
    const a = alert()
    await router.route(a)
    advance(29 * MIN)
    expect((await router.tick()).escalated).toBe(0)
    advance(2 * MIN)
    expect(await router.tick()).toEqual({ delivered: 1, failed: 0, escalated: 1 })
    advance(60 * MIN)
    expect(await router.tick()).toEqual({ delivered: 0, failed: 0, escalated: 0 })
    await router.route(a) // announced again after the escalation: still once
    expect(emails.map((m) => [m.owner, m.stage])).toEqual([['ops-lead', 'escalated']])
    // still awaiting acknowledgement, so still listed
    const open = []
    for await (const o of router.open()) open.push(o.key)
    expect(open).toEqual([a.dedupeKey])
    await router.ack(a.dedupeKey, 'sam')
    for await (const o of router.open()) throw new Error(`still open: ${o.key}`)
  })

  it('does not escalate an alert acknowledged in time; a second ack says so; an unknown key is an error', async () => {
    const { router, emails, advance } = await world()
    const a = alert()
    await router.route(a)
    advance(10 * MIN)
    const first = await router.ack(a.dedupeKey, ' sam ')
    expect(first).toMatchObject({
      already: false,
      alert: { ackedBy: 'sam', ackedAt: '2024-03-04T00:10:00.000Z' },
    })
    expect((await router.ack(a.dedupeKey, 'kim')).already).toBe(true)
    advance(60 * MIN)
    expect((await router.tick()).escalated).toBe(0)
    expect(emails).toEqual([])
    await expect(router.ack('acme:NOPE', 'sam')).rejects.toThrow(ValidationError)
    await expect(router.ack(a.dedupeKey, ' ')).rejects.toThrow(/by: must name/)
  })
})

describe('failures and leftovers', () => {
  it('keeps a failed delivery and retries it with back-off until it lands (nothing lost)', async () => {
    const { router, desk, warnings, advance } = await world({ retryAfterMs: MIN }, { failFirst: 2 })
    const a = alert()
    await router.route(a)
    let state = await router.get(a.dedupeKey)
    expect(state?.deliveries[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('503'),
    })
    expect(warnings[0]).toContain('failed (kept, retried later)')
    expect(await router.tick()).toEqual({ delivered: 0, failed: 0, escalated: 0 }) // not due yet
    advance(MIN)
    expect((await router.tick()).failed).toBe(1)
    advance(MIN)
    expect((await router.tick()).delivered).toBe(0) // back-off doubled: 2 min after the second failure
    advance(MIN)
    expect((await router.tick()).delivered).toBe(1)
    state = await router.get(a.dedupeKey)
    expect(state?.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 3 })
    expect(desk.received).toHaveLength(1)
    expect(JSON.stringify(state)).not.toContain(SECRET)
  })

  it('keeps an alert no rule matches, with a warning, listed until acknowledged', async () => {
    const { router, warnings } = await world()
    const a = alert({ kind: 'stalled', severity: 'warning' })
    const routed = await router.route(a)
    expect(routed.rule).toBeUndefined()
    expect(routed.deliveries).toEqual([])
    expect(warnings).toEqual([expect.stringContaining('matched no rule')])
    const open = []
    for await (const o of router.open()) open.push(o.key)
    expect(open).toEqual([a.dedupeKey])
    await router.ack(a.dedupeKey, 'sam')
    for await (const o of router.open()) throw new Error(`still open: ${o.key}`)
  })

  it('posts to an https: URL through an injected dispatcher, and keeps a 4xx answer as a failure without the secret', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    const pool = agent.get('https://desk.example')
    const seen: Record<string, string>[] = []
    pool.intercept({ path: '/hooks?token=abcdef123456', method: 'POST' }).reply(401, 'no')
    pool.intercept({ path: '/hooks?token=abcdef123456', method: 'POST' }).reply((req) => {
      seen.push(req.headers as Record<string, string>)
      return { statusCode: 200, data: '' }
    })
    const url = 'https://desk.example/hooks?token=abcdef123456'
    const { router, advance } = await world({
      retryAfterMs: MIN,
      channels: { desk: { type: 'webhook', url, secret: SECRET, dispatcher: agent } },
      rules: [{ name: 'all', owner: 'ops', channels: ['desk'] }],
    })
    const a = alert()
    await router.route(a)
    const failed = (await router.get(a.dedupeKey))!.deliveries[0]!
    expect(failed).toMatchObject({ state: 'pending', lastError: 'alert webhook answered 401' })
    advance(MIN)
    expect((await router.tick()).delivered).toBe(1)
    expect(seen[0]?.['webhook-id']).toBe(failed.id)
    expect(seen[0]?.['webhook-signature']).toMatch(/^v1,/)
    agent.assertNoPendingInterceptors()
    await agent.close()
  })

  it('lets a closed alert expire after keepClosedMs, and keeps an open one', async () => {
    const clock = { ms: Date.parse('2024-03-04T00:00:00Z') }
    const store = memoryStore({ now: () => clock.ms })
    const { router } = await world({ store, now: () => new Date(clock.ms), keepClosedMs: 24 * 60 * MIN })
    const closed = alert({ carrier: 'ups', kind: 'out_for_delivery', severity: 'info' }) // delivered, no escalation
    const open = alert({ n: 2 }) // escalates: open until acknowledged
    await router.route(closed)
    await router.route(open)
    clock.ms += 25 * 60 * MIN
    expect(await router.get(closed.dedupeKey)).toBeUndefined()
    expect(await router.get(open.dedupeKey)).toBeDefined()
  })

  it('refuses an alert without a dedupe key with a typed error', async () => {
    const { router } = await world()
    await expect(router.route({ ...alert(), dedupeKey: '' })).rejects.toThrow(/alert\.dedupeKey/)
  })
})
