/**
 * JWKS faults (issue #23 item 8) against a real loopback JWKS server: an oversized response is refused, cached
 * keys are served past their TTL while the endpoint fails (bounded), and refetches are rate-limited on every path.
 */
import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isWaybillError } from '../../src/errors/index.js'
import { jwksKeySet } from '../../src/webhooks/index.js'

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig' }
const T0 = Date.parse('2026-12-03T09:00:00Z')
const HOUR = 3_600_000

let mode: 'ok' | 'fail' | 'huge' | 'huge-chunked' = 'ok'
let hits = 0
let server: Server
let url: string
const agent = new Agent({ connections: 4 })

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++
    if (mode === 'fail') {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down"}')
      return
    }
    if (mode === 'huge' || mode === 'huge-chunked') {
      // A valid JWKS padded with 4 MiB of junk keys.
      const padding = Array.from({ length: 4096 }, (_, i) => ({
        kty: 'oct',
        kid: `pad-${i}`,
        k: 'x'.repeat(1000),
      }))
      const text = JSON.stringify({ keys: [jwk, ...padding] })
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (mode === 'huge') headers['content-length'] = String(Buffer.byteLength(text))
      res.writeHead(200, headers)
      res.on('error', () => undefined)
      res.end(text)
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
})
afterAll(async () => {
  await agent.close()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  mode = 'ok'
  hits = 0
})

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('JWKS response size', () => {
  it('refuses a JWKS larger than maxBytes (default 256 KiB), with or without content-length', async () => {
    for (const huge of ['huge', 'huge-chunked'] as const) {
      mode = huge
      const keys = jwksKeySet({ url, dispatcher: agent })
      const error = await failureOf(keys.getKey('key-1'))
      expect(isWaybillError(error), huge).toBe(true)
      expect(String((error as Error).message)).toMatch(/262144 bytes/)
    }
  })

  it('accepts a JWKS under a configured maxBytes and refuses the same one under a smaller cap', async () => {
    expect(await jwksKeySet({ url, dispatcher: agent, maxBytes: 4096 }).getKey('key-1')).toBeDefined()
    const error = await failureOf(jwksKeySet({ url, dispatcher: agent, maxBytes: 100 }).getKey('key-1'))
    expect(isWaybillError(error)).toBe(true)
  })
})

describe('stale-if-error', () => {
  it('keeps serving cached keys past the TTL while the endpoint fails, up to staleIfErrorMs (default 24 h)', async () => {
    let now = T0
    const keys = jwksKeySet({ url, dispatcher: agent, clock: () => now })
    expect(await keys.getKey('key-1')).toBeDefined()
    mode = 'fail'
    now += HOUR + 1 // past the 1 h TTL
    expect(await keys.getKey('key-1')).toBeDefined()
    now += 24 * HOUR - 2 // still inside TTL + 24 h
    expect(await keys.getKey('key-1')).toBeDefined()
    now += 10 * 60_000 // past it: the endpoint's failure is the answer (the handler says 503)
    expect(isWaybillError(await failureOf(keys.getKey('key-1')))).toBe(true)
    mode = 'ok'
    now += 60_000
    expect(await keys.getKey('key-1')).toBeDefined()
  })

  it('staleIfErrorMs: 0 turns it off', async () => {
    let now = T0
    const keys = jwksKeySet({ url, dispatcher: agent, clock: () => now, staleIfErrorMs: 0 })
    await keys.getKey('key-1')
    mode = 'fail'
    now += HOUR + 1
    expect(isWaybillError(await failureOf(keys.getKey('key-1')))).toBe(true)
  })
})

describe('refetch rate limit on every path', () => {
  it('an expired cache with a failing endpoint fetches once per minRefetchIntervalMs, not once per delivery', async () => {
    let now = T0
    const keys = jwksKeySet({ url, dispatcher: agent, clock: () => now, minRefetchIntervalMs: 30_000 })
    await keys.getKey('key-1')
    mode = 'fail'
    now += HOUR + 1
    for (let i = 0; i < 20; i++) await keys.getKey('key-1')
    expect(keys.fetchCount).toBe(2)
    now += 30_000
    await keys.getKey('key-1')
    expect(keys.fetchCount).toBe(3)
  })

  it('a JWKS that never loaded is not refetched for every delivery either', async () => {
    let now = T0
    mode = 'fail'
    const keys = jwksKeySet({ url, dispatcher: agent, clock: () => now, minRefetchIntervalMs: 30_000 })
    for (let i = 0; i < 20; i++) expect(isWaybillError(await failureOf(keys.getKey('key-1')))).toBe(true)
    expect(keys.fetchCount).toBe(1)
    expect(hits).toBe(1)
    mode = 'ok'
    now += 30_000
    expect(await keys.getKey('key-1')).toBeDefined()
    expect(keys.fetchCount).toBe(2)
  })

  it('unknown key ids while the endpoint fails share the same limit', async () => {
    let now = T0
    const keys = jwksKeySet({ url, dispatcher: agent, clock: () => now, minRefetchIntervalMs: 30_000 })
    await keys.getKey('key-1')
    mode = 'fail'
    now += 30_000
    for (let i = 0; i < 10; i++) await failureOf(keys.getKey(`forged-${i}`))
    expect(keys.fetchCount).toBe(2)
  })
})
