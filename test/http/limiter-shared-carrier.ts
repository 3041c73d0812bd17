/**
 * A loopback carrier that enforces its own limits (a real `node:http` server on 127.0.0.1:0): it counts every
 * arrival (except `GET /warmup`, which only opens a connection), answers 429 when the arrivals of the last second (sliding) pass `perSecond` or the day's arrivals
 * pass `perDay`, and keeps the arrival times so a test can check the busiest one-second window.
 */
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LimitedCarrier {
  url: string
  /** Arrival times (ms, this process's clock), in order. */
  arrivals: number[]
  /** Requests answered 429. */
  refused(): number
  /** The most arrivals within any window of `ms` (default 1000). */
  busiest(ms?: number): number
  close(): Promise<void>
}

export async function limitedCarrier(limits: { perSecond: number; perDay: number }): Promise<LimitedCarrier> {
  const arrivals: number[] = []
  let refused = 0
  const server = http.createServer((req, res) => {
    if (req.url === '/warmup') {
      // Opening connections before a run (not counted): what a long-running service has anyway.
      res.writeHead(204)
      res.end()
      return
    }
    const at = performance.timeOrigin + performance.now()
    arrivals.push(at)
    let inWindow = 0
    for (let i = arrivals.length - 1; i >= 0 && at - (arrivals[i] as number) < 1000; i--) inWindow++
    if (inWindow > limits.perSecond || arrivals.length > limits.perDay) {
      refused++
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
      res.end('{"error":"rate limit"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(`{"ok":true,"path":${JSON.stringify(req.url ?? '')}}`)
  })
  server.keepAliveTimeout = 30_000
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    refused: () => refused,
    busiest: (ms = 1000) => busiestWindow(arrivals, ms),
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** The most of the (sorted) times within any window of `ms`. */
export function busiestWindow(times: readonly number[], ms = 1000): number {
  let most = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= ms) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}
