/**
 * Grants per second and the latency each acquire adds, for the in-process limiter and the shared PostgreSQL and
 * Redis limiters, with 1 and 4 processes on one key, side by side. The key allows 1,000 requests/s: the in-process
 * limiter grants exactly that; a shared backend grants what its round trips allow.
 * Usage: npx tsx bench/limiter-shared.ts [seconds per case, default 3]
 * Needs PostgreSQL (WAYBILL_PG_URL, default postgres://postgres@127.0.0.1:5432/test) and Redis (WAYBILL_REDIS_URL,
 * default redis://127.0.0.1:6379); a backend that does not answer is reported as skipped.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { Redis } from 'ioredis'
import pg from 'pg'
import {
  createRateLimiter,
  type LimiterBackend,
  postgresLimiterBackend,
  redisLimiterBackend,
} from '../src/http/index.js'

type Kind = 'memory' | 'pg' | 'redis'
const PG = process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS = process.env.WAYBILL_REDIS_URL ?? 'redis://127.0.0.1:6379'
const LANES = 8
/**
 * The key's rate: far above what a shared backend grants on one key, within what the limiter is made for (the
 * per-second window keeps the last `rate` grant times, so its cost grows with the rate).
 */
const RATE = 1_000

interface Run {
  grants: number
  seconds: number
  latencies: number[]
}

function backendFor(kind: Kind, name: string): LimiterBackend | undefined {
  if (kind === 'pg') return postgresLimiterBackend({ connectionString: PG, table: name })
  if (kind === 'redis') return redisLimiterBackend({ url: REDIS, prefix: `${name}:` })
  return undefined
}

/** One process's share: `LANES` callers acquiring one key back to back until `until` (epoch ms). */
async function measure(kind: Kind, name: string, go: () => Promise<[number, number]>): Promise<Run> {
  const shared = backendFor(kind, name)
  const limiter = createRateLimiter({
    requestsPerSecond: RATE,
    burst: 1,
    ...(shared ? { shared } : {}),
  })
  const key = `${name}:key`
  await limiter.acquire(key) // connect and create the schema outside the measurement
  const [start, until] = await go()
  await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now())))
  // First second: one caller every 10 ms (a token is always there): the latency an acquire adds by itself.
  const latencies: number[] = []
  while (Date.now() < start + 1_000) {
    const started = performance.now()
    await limiter.acquire(key)
    latencies.push(performance.now() - started)
    await new Promise((r) => setTimeout(r, 10))
  }
  let grants = 0
  const from = Date.now()
  const lane = async () => {
    while (Date.now() < until) {
      await limiter.acquire(key)
      grants++
      // let timers and I/O run between in-process grants, as real requests would
      if (grants % 256 === 0) await new Promise((r) => setImmediate(r))
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
  await shared?.close()
  return { grants, seconds: (Date.now() - from) / 1000, latencies }
}

async function child() {
  const [, , , kind, name] = process.argv
  const run = await measure(kind as Kind, name as string, async () => {
    process.stdout.write('READY\n')
    const lines = createInterface({ input: process.stdin })
    const [line] = (await once(lines, 'line')) as [string]
    lines.close()
    process.stdin.destroy()
    return line.split(' ').map(Number) as [number, number]
  })
  const sorted = run.latencies.sort((a, b) => a - b)
  process.stdout.write(
    `${JSON.stringify({ rate: run.grants / run.seconds, p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), mean: mean(sorted) })}\n`,
  )
}

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0
}
function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
}

async function fleet(kind: Kind, processes: number, seconds: number) {
  const name = `bench_lim_${kind}_${processes}_${process.pid}`
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['--import', 'tsx', 'bench/limiter-shared.ts', 'child', kind, name], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  )
  const ready: Promise<void>[] = []
  const results = Promise.all(
    children.map(async (c) => {
      let last = ''
      ready.push(
        new Promise((resolve) =>
          createInterface({ input: c.stdout }).on('line', (line) => {
            if (line === 'READY') resolve()
            last = line
          }),
        ),
      )
      await once(c, 'exit')
      return JSON.parse(last) as { rate: number; p50: number; p99: number; mean: number }
    }),
  )
  await Promise.all(ready)
  const start = Date.now() + 200 // every child connected; they start together
  for (const c of children) c.stdin.write(`${start} ${start + 1_000 + seconds * 1000}\n`)
  const measured = await results
  await cleanup(kind, name)
  return {
    grantsPerSecond: measured.reduce((s, r) => s + r.rate, 0),
    meanMs: mean(measured.map((r) => r.mean)),
    p50Ms: Math.max(...measured.map((r) => r.p50)),
    p99Ms: Math.max(...measured.map((r) => r.p99)),
  }
}

async function cleanup(kind: Kind, name: string) {
  if (kind === 'pg') {
    const client = new pg.Client(PG)
    await client.connect()
    await client.query(
      `DROP TABLE IF EXISTS ${name}; DROP FUNCTION IF EXISTS ${name}_take; DROP FUNCTION IF EXISTS ${name}_pause`,
    )
    await client.end()
  } else if (kind === 'redis') {
    const client = new Redis(REDIS)
    const keys = await client.keys(`${name}:*`)
    if (keys.length) await client.del(...keys)
    client.disconnect()
  }
}

async function answers(kind: Kind): Promise<boolean> {
  if (kind === 'memory') return true
  const backend = backendFor(kind, `bench_probe_${process.pid}`)
  try {
    await backend?.take('probe', {
      rate: 1,
      burst: 1,
      cap: 1,
      windowMs: 1000,
      resetHour: 0,
      zone: 'UTC',
      waiting: false,
    })
    return true
  } catch {
    return false
  } finally {
    await backend?.close()
    await cleanup(kind, `bench_probe_${process.pid}`).catch(() => undefined)
  }
}

async function main() {
  const seconds = Number(process.argv[2] ?? 3)
  const rows: string[] = []
  rows.push('| limiter | processes | grants/s, all processes | added latency per acquire: mean | p50 | p99 |')
  rows.push('|---|---:|---:|---:|---:|---:|')
  for (const kind of ['memory', 'pg', 'redis'] as const) {
    const label = { memory: 'in-process', pg: 'PostgreSQL', redis: 'Redis' }[kind]
    if (!(await answers(kind))) {
      rows.push(`| ${label} | - | skipped: the server does not answer | | | |`)
      continue
    }
    for (const processes of [1, 4]) {
      const r = await fleet(kind, processes, seconds)
      rows.push(
        `| ${label} | ${processes} | ${Math.round(r.grantsPerSecond).toLocaleString('en-US')} | ${fmt(r.meanMs)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} |`,
      )
    }
  }
  console.log(
    `one key at ${RATE}/s (in-process: one limiter per process, not shared); latency: one caller per process every 10 ms for 1 s; ` +
      `grants/s: ${LANES} callers per process for ${seconds} s; node ${process.version}`,
  )
  console.log(rows.join('\n'))
}

function fmt(ms: number): string {
  return ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`
}

if (process.argv[2] === 'child') await child()
else await main()
