/**
 * The undici transport's throughput against a loopback carrier, side by side with plain global `fetch` and the
 * fetch transport. Run: npx vitest bench --run bench/http.bench.ts
 */
import { afterAll, bench, describe } from 'vitest'
import { createHttpClient, fetchTransport } from '../src/http/index.js'
import { startCarrierServer } from '../test/helpers/carrier-server.js'

const server = await startCarrierServer()
for (let i = 0; i < 10; i++) {
  server.publish(`N${i}`, {
    eventId: `e${i}`,
    code: 'PU',
    at: '2024-03-26T10:58:00-05:00',
    text: 'Picked up',
  })
}
const url = `${server.url}/track?numbers=N0,N1,N2,N3,N4,N5,N6,N7,N8,N9`
const undiciClient = createHttpClient({ retry: false })
const fetchClient = createHttpClient({ retry: false, transport: fetchTransport() })
const CONCURRENT = 16
const OPTS = { time: 3000, warmupTime: 500 }

afterAll(async () => {
  await undiciClient.close()
  server.arrivals.length = 0
  await server.close()
})

describe('one request at a time (JSON body, keep-alive)', () => {
  bench(
    'waybill undici transport',
    async () => {
      await undiciClient.request({ url })
    },
    OPTS,
  )
  bench(
    'global fetch (plain)',
    async () => {
      const res = await fetch(url)
      await res.json()
    },
    OPTS,
  )
  bench(
    'waybill fetch transport',
    async () => {
      await fetchClient.request({ url })
    },
    OPTS,
  )
})

describe(`${CONCURRENT} requests in parallel`, () => {
  bench(
    'waybill undici transport',
    async () => {
      await Promise.all(Array.from({ length: CONCURRENT }, () => undiciClient.request({ url })))
    },
    OPTS,
  )
  bench(
    'global fetch (plain)',
    async () => {
      await Promise.all(
        Array.from({ length: CONCURRENT }, async () => {
          const res = await fetch(url)
          await res.json()
        }),
      )
    },
    OPTS,
  )
})
