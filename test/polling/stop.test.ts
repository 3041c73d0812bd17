import { describe, expect, it } from 'vitest'
import type { HttpClient } from '../../src/http/index.js'
import { createPoller, type PollerChange } from '../../src/polling/index.js'
import { memoryStore } from '../../src/store/index.js'
import { loopbackAdapter } from './loopback-adapter.js'

/** A carrier client whose requests never settle and that ignores the abort signal. */
function deafCarrier() {
  let release: (() => void) | undefined
  const http: HttpClient = {
    request<T>() {
      return new Promise<T>((resolve) => {
        release = () =>
          resolve({
            status: 200,
            headers: {},
            body: {
              results: [
                {
                  trackingNumber: 'DEAF1',
                  events: [{ eventId: 'e1', code: 'PU', at: '2024-01-01T10:00:00Z' }],
                },
              ],
            } as T,
            url: 'mem://track',
            durationMs: 0,
          } as T)
      })
    },
  }
  return { http, release: () => release?.() }
}

describe('poller.stop({ abort: true })', () => {
  it('returns within a bounded time even when an adapter ignores the abort signal (regression: it hung forever)', async () => {
    const carrier = deafCarrier()
    const store = memoryStore()
    const changes: PollerChange[] = []
    const poller = createPoller({
      adapters: [loopbackAdapter({ http: carrier.http, maxBatch: 1 })],
      store,
      abortGraceMs: 200,
      onChange: (c) => {
        changes.push(c)
      },
    })
    await poller.add('loop', 'DEAF1')
    await poller.start()
    await new Promise((r) => setTimeout(r, 50)) // the track() call is in flight
    expect(poller.stats().inFlight).toBe(1)
    const started = Date.now()
    const stopped = await Promise.race([
      poller.stop({ abort: true }).then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('hung'), 3_000)),
    ])
    expect(stopped).toBe('stopped')
    expect(Date.now() - started).toBeLessThan(1_000)
    // The abandoned call answers late: nothing is emitted after stop, and the shipment stays due for the next poller.
    carrier.release()
    await new Promise((r) => setTimeout(r, 50))
    expect(changes).toEqual([])
    const state = await poller.state('loop', 'DEAF1')
    expect(state?.seenCount).toBe(0)
  })
})
