import { once } from 'node:events'
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  createRateLimiter,
  type HttpClient,
  type RateLimiter,
  redisLimiterBackend,
} from '../../src/http/index.js'
import { createPoller } from '../../src/polling/index.js'
import { memoryStore } from '../../src/store/index.js'
import { loopbackAdapter } from './loopback-adapter.js'

describe('poller with a shared limiter whose backend is down', () => {
  it('waits between attempts instead of spinning on a limiter that keeps failing (regression: a hot loop)', async () => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as net.AddressInfo
    server.close()
    const backend = redisLimiterBackend({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200 })
    const real = createRateLimiter({ shared: backend })
    let acquires = 0
    const limiter: RateLimiter = {
      ...real,
      acquire(key, opts) {
        acquires++
        return real.acquire(key, opts)
      },
    }
    let tracked = 0
    const http: HttpClient = {
      request() {
        tracked++
        throw new Error('no request may be sent without a token')
      },
    }
    const poller = createPoller({ adapters: [loopbackAdapter({ http })], store: memoryStore(), limiter })
    await poller.add('loop', 'N1')
    await poller.start()
    await new Promise((r) => setTimeout(r, 1_500))
    await poller.stop()
    await backend.close()
    expect(tracked).toBe(0) // fails closed: nothing sent
    expect(acquires).toBeGreaterThanOrEqual(1)
    expect(acquires).toBeLessThanOrEqual(4) // 1 s, then 2 s between attempts
  })
})
