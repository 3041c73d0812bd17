// Child process of the shared-limiter proof: one "instance" calling the limited carrier through a limiter
// shared over PostgreSQL or Redis, as fast as the limiter lets it (a backlog), until the daily quota is spent.
// Usage: node --import tsx limiter-shared-worker.ts <pg|redis> <url> <table-or-prefix> <key> <carrierUrl> <rate> <perDay>
// Prints READY when connected, starts on a "GO" line on stdin, prints one JSON line of results at the end.
import { createInterface } from 'node:readline'
import { RateLimitError } from '../../src/errors/index.js'
import { createRateLimiter, postgresLimiterBackend, redisLimiterBackend } from '../../src/http/index.js'

const [kind, url, name, key, carrierUrl, rate, perDay] = process.argv.slice(2) as string[]
const shared =
  kind === 'pg'
    ? postgresLimiterBackend({ connectionString: url, table: name })
    : redisLimiterBackend({ url, prefix: name })
const limiter = createRateLimiter({
  shared,
  keys: { [key as string]: { requestsPerSecond: Number(rate), perDay: Number(perDay), concurrency: 8 } },
})
await shared.take(`${key}:warmup`, {
  rate: 1000,
  burst: 1,
  cap: 1000,
  windowMs: 1000,
  resetHour: 0,
  zone: 'UTC',
  waiting: false,
})
// One kept-alive connection per lane, opened before the run: a first request's connection setup would otherwise
// hold it back and bunch it with later ones at the carrier.
await Promise.all(Array.from({ length: 4 }, () => fetch(`${carrierUrl}/warmup`).then((r) => r.arrayBuffer())))
process.stdout.write('READY\n')
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === 'GO') {
      lines.close()
      process.stdin.destroy() // an open stdin would keep this process alive after the run
      resolve()
    }
  })
})

const result = {
  sent: 0,
  ok: 0,
  refused: 0,
  quota: false,
  otherErrors: [] as string[],
  acquireMs: 0,
  /** When each request was handed to the socket (epoch ms, this machine's clock, as the carrier's). */
  sends: [] as number[],
}
const stopAt = Date.now() + 50_000
async function lane() {
  while (Date.now() < stopAt) {
    const started = performance.now()
    try {
      await limiter.acquire(key as string)
    } catch (error) {
      if (error instanceof RateLimitError && error.code === 'ERR_QUOTA') {
        result.quota = true
        return
      }
      result.otherErrors.push(String((error as Error).message))
      return
    }
    result.acquireMs += performance.now() - started
    result.sent++
    result.sends.push(performance.timeOrigin + performance.now())
    const res = await fetch(`${carrierUrl}/track?from=${process.pid}`)
    await res.arrayBuffer()
    if (res.status === 429) {
      result.refused++
      limiter.penalize(key as string, 1000)
    } else result.ok++
  }
}
await Promise.all(Array.from({ length: 4 }, lane))
const late = limiter.stats(key as string).lateGrants ?? 0
await shared.close()
process.stdout.write(`${JSON.stringify({ ...result, late })}\n`)
