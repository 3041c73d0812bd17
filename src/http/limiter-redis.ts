/**
 * `redisLimiterBackend`: the shared limiter state in Redis through `ioredis` (an optional peer, loaded on first
 * use). One hash per carrier key; one Lua script takes a token (token bucket, per-second cap, pause, daily
 * quota) on the Redis server's clock (`TIME`). Lua has no time zone database, so the caller sends the quota
 * day boundaries in the carrier's zone (a calendar fact computed here for the days around now); the script picks
 * the day that contains the server's time.
 */
import { createHash } from 'node:crypto'
import { ConfigError } from '../errors/index.js'
import { nextReset } from './limiter.js'
import {
  type LimiterBackend,
  LimiterBackendError,
  type SharedLimits,
  type TakeResult,
  withTimeout,
} from './limiter-shared.js'

/** The part of an ioredis client the backend uses. */
export interface RedisScriptClient {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>
}

/** Options of {@link redisLimiterBackend}. */
export interface RedisLimiterBackendOptions {
  /**
   * The server, as a URL. Ignored when `client` is given.
   * @default process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
   * @example 'rediss://:password@cache.internal:6380/0'
   */
  url?: string
  /** An existing ioredis client (or compatible). It is never closed by `close()`. */
  client?: RedisScriptClient
  /** Prefix of the limiter's keys (one hash per carrier key). @default 'waybill:limiter:' */
  prefix?: string
  /**
   * A call that takes longer fails (no grant): it bounds how long a caller waits for an unreachable server.
   * @default 2_000
   */
  timeoutMs?: number
}

const DAY = 86_400_000

/**
 * KEYS[1]: the key's hash. ARGV: rate, burst, cap, window ms, per day ('' = none), waiting ('1'/'0'), then the
 * quota day boundaries (epoch ms, ascending). Returns { granted 1/0, wait ms, used today, quota spent 1/0, receipt },
 * or { -1 } when the server's time is outside the boundaries sent.
 */
const TAKE = `
local k = KEYS[1]
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local win = tonumber(ARGV[4])
local perDay = tonumber(ARGV[5])
local top = burst
if ARGV[6] == '1' then top = burst + 1 end
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + math.floor(tonumber(tm[2]) / 1000)
local resetAt = nil
for i = 7, #ARGV - 1 do
  if tonumber(ARGV[i]) <= now and now < tonumber(ARGV[i + 1]) then resetAt = tonumber(ARGV[i + 1]) end
end
if not resetAt then return { -1, now, 0, 0 } end
local h = redis.call('HMGET', k, 't', 'r', 'p', 'g', 'ra', 'u')
local tokens = tonumber(h[1])
local refilled = tonumber(h[2])
local paused = tonumber(h[3]) or 0
local grants = {}
if h[4] and h[4] ~= '' then
  for v in string.gmatch(h[4], '[^,]+') do grants[#grants + 1] = tonumber(v) end
end
local ra = tonumber(h[5])
local used = tonumber(h[6]) or 0
if not tokens then
  tokens = burst
  refilled = now
elseif now > refilled then
  tokens = math.min(top, tokens + (now - refilled) * rate / 1000)
  refilled = now
end
if not ra or now >= ra then
  ra = resetAt
  used = 0
end
local function save()
  redis.call('HSET', k, 't', string.format('%.17g', tokens), 'r', string.format('%d', refilled),
    'g', table.concat(grants, ','), 'ra', string.format('%d', ra), 'u', used)
  redis.call('PEXPIRE', k, ${2 * DAY})
end
if perDay and used >= perDay then
  save()
  return { 0, ra - now, used, 1, '' }
end
local wait = 0
if now < paused then wait = paused - now end
if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) * 1000 / rate)) end
local n = #grants
if n >= cap then wait = math.max(wait, grants[n - cap + 1] + win - now) end
if wait > 0 then
  save()
  return { 0, math.ceil(wait), used, 0, '' }
end
grants[n + 1] = string.format('%d', now)
if n + 1 > cap then
  local kept = {}
  for i = n + 2 - cap, n + 1 do kept[#kept + 1] = grants[i] end
  grants = kept
end
tokens = tokens - 1
used = used + 1
save()
return { 1, 0, used, 0, string.format('%d', ra) .. '|' .. string.format('%d', now) }
`

/**
 * KEYS[1]: the key's hash. ARGV[1]: the quota day (its reset instant) and ARGV[2] the time of an unused grant:
 * one count less that day, and its place in the per-second window freed.
 */
const REFUND = `
local k = KEYS[1]
local h = redis.call('HMGET', k, 'ra', 'u', 'g')
if h[1] == ARGV[1] then
  local u = tonumber(h[2]) or 0
  if u > 0 then redis.call('HSET', k, 'u', u - 1) end
end
if h[3] and h[3] ~= '' then
  local kept = {}
  local removed = false
  for v in string.gmatch(h[3], '[^,]+') do
    if not removed and v == ARGV[2] then removed = true else kept[#kept + 1] = v end
  end
  redis.call('HSET', k, 'g', table.concat(kept, ','))
end
return 0
`

/** KEYS[1]: the key's hash. ARGV[1]: pause ms. No grant until the later of the current pause and now + ms. */
const PAUSE = `
local k = KEYS[1]
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + math.floor(tonumber(tm[2]) / 1000)
local p = tonumber(redis.call('HGET', k, 'p')) or 0
local untilMs = math.max(p, now + tonumber(ARGV[1]))
redis.call('HSET', k, 'p', string.format('%d', untilMs), 't', '0', 'r', string.format('%d', untilMs))
redis.call('PEXPIRE', k, ${2 * DAY})
return untilMs
`

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')
const TAKE_SHA = sha1(TAKE)
const PAUSE_SHA = sha1(PAUSE)
const REFUND_SHA = sha1(REFUND)

/**
 * A limiter backend on Redis, for `createRateLimiter({ shared })`.
 * @example
 * const shared = redisLimiterBackend({ url: 'redis://cache.internal:6379' })
 * const limiter = createRateLimiter({ requestsPerSecond: 20, perDay: 10_000, shared })
 */
export function redisLimiterBackend(options: RedisLimiterBackendOptions = {}): LimiterBackend {
  const prefix = options.prefix ?? 'waybill:limiter:'
  const timeoutMs = options.timeoutMs ?? 2_000
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new ConfigError('redisLimiterBackend: timeoutMs must be a positive number of milliseconds')
  }
  const url = options.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  const description = options.client ? 'Redis (given client)' : `Redis at ${describeTarget(url)}`
  let owned: { disconnect(): void } | undefined
  let ready: Promise<RedisScriptClient> | undefined

  const client = (): Promise<RedisScriptClient> => {
    if (options.client) return Promise.resolve(options.client)
    ready ??= createClient(url, timeoutMs).then(
      (c) => {
        owned = c
        return c
      },
      (error: unknown) => {
        ready = undefined
        throw error
      },
    )
    return ready
  }

  const run = async (script: string, sha: string, key: string, args: (string | number)[]) => {
    const go = async () => {
      const c = await client()
      try {
        return await c.evalsha(sha, 1, prefix + key, ...args)
      } catch (error) {
        if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error
        return await c.eval(script, 1, prefix + key, ...args)
      }
    }
    try {
      return await withTimeout(go(), timeoutMs, description)
    } catch (error) {
      if (error instanceof ConfigError || error instanceof LimiterBackendError) throw error
      throw new LimiterBackendError(`${description} failed: ${(error as Error)?.message ?? error}`, {
        cause: error,
      })
    }
  }

  return {
    description,
    async take(key: string, l: SharedLimits): Promise<TakeResult> {
      const reply = (await run(TAKE, TAKE_SHA, key, [
        l.rate,
        l.burst,
        l.cap,
        l.windowMs,
        l.perDay ?? '',
        l.waiting ? '1' : '0',
        ...quotaDays(Date.now(), l.resetHour, l.zone),
      ])) as (number | string)[]
      const [granted, wait, used, quota] = reply.slice(0, 4).map(Number) as [number, number, number, number]
      const receipt = String(reply[4])
      if (granted === -1) {
        throw new LimiterBackendError(
          `${description}: the server's clock (${new Date(wait).toISOString()}) is more than a day from this machine's; no token was granted`,
        )
      }
      if (granted === 1) return { granted: true, usedToday: used, receipt }
      if (quota === 1)
        return { granted: false, quotaSpent: true, waitMs: wait, usedToday: used, resetInMs: wait }
      return { granted: false, quotaSpent: false, waitMs: wait, usedToday: used }
    },
    async pause(key: string, ms: number) {
      await run(PAUSE, PAUSE_SHA, key, [Math.round(ms)])
    },
    async refund(key: string, receipt: string) {
      const [day = '', at = ''] = receipt.split('|')
      await run(REFUND, REFUND_SHA, key, [day, at])
    },
    async close() {
      const c = owned
      owned = undefined
      ready = undefined
      c?.disconnect()
    },
  }
}

/**
 * The quota day boundaries (epoch ms, ascending) in `zone` from two days before `around` to two days after:
 * wide enough for any server clock within a day of this machine's.
 */
export function quotaDays(around: number, hour: number, zone: string): number[] {
  const out: number[] = []
  let at = nextReset(around - 2 * DAY, hour, zone)
  while (at <= around + 2 * DAY) {
    out.push(at)
    at = nextReset(at, hour, zone)
  }
  out.push(at)
  return out
}

async function createClient(
  url: string,
  timeoutMs: number,
): Promise<RedisScriptClient & { disconnect(): void }> {
  type RedisCtor = new (
    url: string,
    options: object,
  ) => RedisScriptClient & { disconnect(): void; on(event: 'error', fn: (e: Error) => void): void }
  let mod: { default?: RedisCtor; Redis?: RedisCtor }
  try {
    mod = (await import('ioredis')) as unknown as typeof mod
  } catch (cause) {
    throw new ConfigError('redisLimiterBackend needs the optional peer dependency ioredis: npm i ioredis', {
      cause,
    })
  }
  const Redis = mod.Redis ?? mod.default
  if (!Redis) throw new ConfigError('redisLimiterBackend: the installed ioredis has no Redis export')
  const client = new Redis(url, { connectTimeout: timeoutMs, maxRetriesPerRequest: 1 })
  client.on('error', () => {
    /* reconnects on its own; a call meanwhile fails closed on its timeout */
  })
  return client
}

/** The URL without its password, to name in errors. */
function describeTarget(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || 6379}${u.pathname.length > 1 ? u.pathname : ''}`
  } catch {
    return 'the server in url (not a URL)'
  }
}
