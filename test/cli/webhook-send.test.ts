import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { aftership } from '../../adapters/aftership/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { ups } from '../../adapters/ups/index.js'
import { register } from '../../cli/commands/webhook.js'
import { listWebhookSamples, webhookSampleSources } from '../../cli/webhook-samples.js'
import { destination, isLoopbackHost } from '../../cli/webhook-send.js'
import type { Shipment } from '../../src/model/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker, type Tracker } from '../../src/tracker/index.js'
import { createWebhookHandler } from '../../src/webhooks/index.js'

const SECRETS = {
  easypost: 'cli-send-easypost-secret',
  aftership: 'cli-send-aftership-secret',
  ups: 'cli-send-ups-credential',
  // Standard Webhooks secrets are base64 after the whsec_ prefix.
  standard: 'whsec_Y2xpLXNlbmQtc3RhbmRhcmQtd2ViaG9va3M=',
}

let server: Server
let base: string
let tracker: Tracker
const statuses: number[] = []

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  const program = new Command().exitOverride()
  register(program)
  let thrown: unknown
  try {
    await program.parseAsync(['node', 'waybill', 'webhook', 'send', ...args])
  } catch (error) {
    thrown = error
  } finally {
    out.mockRestore()
    err.mockRestore()
    vi.unstubAllEnvs()
  }
  return { stdout, stderr, exitCode: process.exitCode ?? 0, thrown }
}

async function stored(): Promise<Shipment[]> {
  const all: Shipment[] = []
  for await (const shipment of tracker.shipments()) all.push(shipment)
  return all
}

beforeAll(async () => {
  tracker = createTracker({
    adapters: [easypost(), aftership(), ups()],
    store: memoryStore(),
    outbox: { drainEveryMs: 0 },
  })
  // The library's own handler, the way a user mounts it: one path per source, each with its own secret; the
  // `standard` source is EasyPost's adapter behind a Standard Webhooks scheme (a relay that re-signs).
  const handler = createWebhookHandler({
    sources: {
      easypost: easypost(),
      aftership: aftership(),
      ups: ups(),
      standard: { adapter: easypost(), scheme: 'standard-webhooks' },
    },
    secrets: {
      easypost: [SECRETS.easypost],
      aftership: [SECRETS.aftership],
      ups: [SECRETS.ups],
      standard: [SECRETS.standard],
    },
    sink: tracker,
  })
  server = createServer((req, res) => {
    res.on('finish', () => statuses.push(res.statusCode))
    void handler.node(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await tracker.close()
})

beforeEach(() => {
  process.exitCode = undefined
})
afterEach(() => {
  process.exitCode = undefined
})

describe('waybill webhook send (a signed sample POSTed to a real endpoint)', () => {
  it('sends the EasyPost sample: the library handler verifies it and the tracker stores the shipment', async () => {
    const r = await run(['easypost', `${base}/easypost`], { WAYBILL_WEBHOOK_SECRET: SECRETS.easypost })
    expect(r.thrown).toBeUndefined()
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(
      /^easypost\/tracker-updated-in-transit → http:\/\/127\.0\.0\.1:\d+\/webhooks\/easypost: 200 OK in \d+ ms\n/,
    )
    expect(JSON.parse(r.stdout.split('\n')[1]!)).toMatchObject({ ok: true, deliveryId: expect.any(String) })
    const shipment = (await stored()).find((s) => s.trackingNumber === '9400111206213245678901')
    expect(shipment?.events.length).toBeGreaterThan(0)
  })

  it('signs with each source adapter’s own scheme (AfterShip HMAC, UPS Track Alert credential)', async () => {
    const aft = await run(['aftership', `${base}/aftership`, '--secret', SECRETS.aftership, '--json'])
    expect(aft.exitCode).toBe(0)
    expect(JSON.parse(aft.stdout)).toMatchObject({ source: 'aftership', sample: 'attempt-fail', status: 200 })
    const upsRun = await run(['ups', `${base}/ups`, '--secret-env', 'CLI_SEND_UPS'], {
      CLI_SEND_UPS: SECRETS.ups,
    })
    expect(upsRun.exitCode).toBe(0)
    expect(upsRun.stdout).toContain('200 OK')
    const numbers = (await stored()).map((s) => s.trackingNumber)
    expect(numbers).toEqual(expect.arrayContaining(['1Z999AA10123456784', '1ZA1B2C30345123583']))
  })

  it('signs with another scheme when the endpoint uses one (--scheme standard-webhooks)', async () => {
    const r = await run([
      'easypost',
      `${base}/standard`,
      '--scheme',
      'standard-webhooks',
      '--sample',
      'return-to-sender',
      '--secret',
      SECRETS.standard,
      '--json',
    ])
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ sample: 'return-to-sender', status: 200, ok: true })
  })

  it('exits 1 on a non-2xx answer (a wrong secret is refused with 401) and never prints the secret', async () => {
    const wrong = 'cli-send-not-the-secret'
    const r = await run(['ups', `${base}/ups`, '--secret', wrong])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(': 401 Unauthorized in ')
    expect(statuses.at(-1)).toBe(401)
    expect(`${r.stdout}${r.stderr}`).not.toContain(wrong)
  })

  it('a 400 for a malformed sample is reported as such (exit 1), not as a send failure', async () => {
    const r = await run(['easypost', `${base}/easypost`, '--sample', 'malformed-empty-tracking-code'], {
      WAYBILL_WEBHOOK_SECRET: SECRETS.easypost,
    })
    expect(r.thrown).toBeUndefined()
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/: 400 Bad Request in \d+ ms\n.*malformed_payload/)
  })

  it('refuses bad input before sending: no secret, unknown source or sample, plain http off this machine', async () => {
    const before = statuses.length
    const noSecret = await run(['easypost', `${base}/easypost`], { WAYBILL_WEBHOOK_SECRET: undefined })
    expect(String(noSecret.thrown)).toMatch(/WAYBILL_WEBHOOK_SECRET/)
    const unknown = await run(['fedex', `${base}/fedex`, '--secret', 'x1234'])
    expect(String(unknown.thrown)).toMatch(/no webhook samples for source 'fedex' \(known: aftership/)
    const sample = await run(['ups', `${base}/ups`, '--sample', 'delivered-signature', '--secret', 'x1234'])
    expect(String(sample.thrown)).toMatch(
      /no webhook sample 'delivered-signature' for ups \(samples: track-alert/,
    )
    const remote = await run(['ups', 'http://hooks.example.com/ups', '--secret', 'x1234'])
    expect(String(remote.thrown)).toMatch(/refusing plain http to hooks\.example\.com/)
    const timeout = await run(['ups', `${base}/ups`, '--secret', 'x1234', '--timeout', 'soon'])
    expect(String(timeout.thrown)).toMatch(/--timeout must be a whole number of ms \(got soon\)/)
    const asymmetric = await run(['ups', `${base}/ups`, '--secret', 'x1234', '--scheme', 'jwks-rsa'])
    expect(String(asymmetric.thrown)).toMatch(/cannot sign/)
    expect(statuses.length).toBe(before)
  })

  it('names the URL and the socket error when nothing listens (timeouts likewise)', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const r = await run(['ups', `http://127.0.0.1:${port}/ups`, '--secret', 'x1234'])
    expect(String(r.thrown)).toMatch(new RegExp(`POST http://127.0.0.1:${port}/ups failed: ECONNREFUSED`))

    const silent = createServer(() => undefined) // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const slow = await run([
      'ups',
      `http://127.0.0.1:${(silent.address() as AddressInfo).port}/ups`,
      '--secret',
      'x1234',
      '--timeout',
      '200',
    ])
    silent.closeAllConnections()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
    expect(String(slow.thrown)).toMatch(/no answer within 200 ms/)
  })

  it('--list prints every source with its delivery samples, the default first, and no REST answers', async () => {
    const r = await run(['--list'])
    const lines = r.stdout.trim().split('\n')
    for (const source of webhookSampleSources)
      expect(lines).toContain(`${source}\t${listWebhookSamples(source)[0]}`)
    expect(listWebhookSamples('easypost')[0]).toBe('tracker-updated-in-transit')
    expect(listWebhookSamples('easypost')).not.toContain('bare-tracker-cancelled') // a Tracker, as the API answers
    expect(listWebhookSamples('ups')).toEqual(['track-alert-out-for-delivery'])
  })
})

describe('where a signed delivery may go', () => {
  it('plain http only to this machine unless allowed; https anywhere; nothing else', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.1.2.3')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false)
    expect(destination('https://hooks.example.com/x', false).hostname).toBe('hooks.example.com')
    expect(destination('http://[::1]:3000/x', false).port).toBe('3000')
    expect(destination('http://10.0.0.5/x', true).hostname).toBe('10.0.0.5')
    expect(() => destination('http://10.0.0.5/x', false)).toThrow(/refusing plain http/)
    expect(() => destination('ftp://127.0.0.1/x', false)).toThrow(/http or https/)
    expect(() => destination('not a url', false)).toThrow(/cannot be parsed/)
  })
})

describe('the installed command', () => {
  it('exits 1 with one line on stderr, no stack, when the endpoint refuses the delivery', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/index.ts', 'webhook', 'send', 'easypost', `${base}/easypost`],
      {
        env: { ...process.env, WAYBILL_WEBHOOK_SECRET: 'cli-send-wrong' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stdout).toMatch(/: 401 Unauthorized in \d+ ms/)
    expect(stderr).not.toMatch(/at .*\(/)
  }, 60_000)
})
