import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseBaseUrls, register as registerTrack } from '../../cli/commands/track.js'

let out: string[]
let err: string[]
let server: Server
let baseUrl: string
const requests: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'waybill-track-cli-'))

/** A custom adapter module as a user would write it: a factory taking { baseUrl }, its own detect(). */
const ACME_MODULE = `
export default function acme(options = {}) {
  const base = options.baseUrl ?? 'https://acme.invalid'
  return {
    id: 'acme',
    name: 'ACME Couriers',
    capabilities: { track: true },
    detect: (n) => (/^AC\\d{8}$/.test(n) ? 0.9 : 0),
    async track(numbers) {
      const res = await fetch(base + '/track/' + numbers[0])
      return [await res.json()]
    },
    normalize(payload) {
      return { shipments: [], notFound: [{ trackingNumber: payload.number, message: payload.message }], warnings: [] }
    },
  }
}
`

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().exitOverride()
  registerTrack(program)
  process.exitCode = undefined
  await program.parseAsync(['node', 'waybill', ...args])
  const exitCode = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { stdout: out.join(''), stderr: err.join(''), exitCode }
}

beforeAll(async () => {
  writeFileSync(join(dir, 'acme.mjs'), ACME_MODULE)
  writeFileSync(join(dir, 'not-an-adapter.mjs'), 'export default { hello: "world" }\n')
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    if (req.url?.startsWith('/track/')) {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ number: req.url.slice(7), message: 'unknown at ACME' }))
      return
    }
    res.statusCode = 401
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ error: 'invalid_client' }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  out = []
  err = []
  requests.length = 0
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk))
    return true
  })
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk))
    return true
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('waybill track --adapter / --base-url', () => {
  it('loads a custom adapter module and points it at --base-url (a loopback fake)', async () => {
    const { stderr, exitCode } = await run(
      'track',
      '--adapter',
      join(dir, 'acme.mjs'),
      '--base-url',
      `acme=${baseUrl}`,
      '--carrier',
      'acme',
      'AC12345675',
    )
    expect(requests).toEqual(['GET /track/AC12345675'])
    expect(stderr).toContain('AC12345675: not found (tried acme)')
    expect(exitCode).toBe(1)
  })

  it('points a shipped adapter at --base-url (UPS token request goes to the fake)', async () => {
    vi.stubEnv('WAYBILL_UPS_CLIENT_ID', 'id')
    vi.stubEnv('WAYBILL_UPS_CLIENT_SECRET', 'secret')
    await run('track', '--base-url', `ups=${baseUrl}`, '--carrier', 'ups', '1Z5R89390357567127').catch(
      () => {},
    )
    expect(requests[0]).toBe('POST /security/v1/oauth/token')
  })

  it('rejects a module whose export is not an adapter, naming the module', async () => {
    const file = join(dir, 'not-an-adapter.mjs')
    await expect(run('track', '--adapter', file, 'AC12345675')).rejects.toThrow(
      new RegExp(`--adapter ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the default export`),
    )
    await expect(run('track', '--adapter', join(dir, 'missing.mjs'), 'X')).rejects.toThrow(
      /cannot load the module/,
    )
  })

  it('rejects a --base-url that is not carrier=http(s) URL, or names no tracking adapter', async () => {
    expect(() => parseBaseUrls(['ups'])).toThrow(/expected <carrier>=<http\(s\) URL>/)
    expect(() => parseBaseUrls(['ups=ftp://x'])).toThrow(/--base-url 'ups=ftp:\/\/x'/)
    expect(parseBaseUrls([`ups=${'http://127.0.0.1:1'}`]).get('ups')).toBe('http://127.0.0.1:1')
    await expect(run('track', '--base-url', 'nobody=http://127.0.0.1:1', 'X')).rejects.toThrow(
      /no tracking adapter 'nobody'/,
    )
  })
})
