/**
 * A cached JSON Web Key Set (RSA signing keys) fetched over HTTP. Keys are kept for `cacheTtlMs`; an unknown
 * key id triggers one refetch. Every fetch, whatever triggered it (expiry, unknown key id, an earlier failure),
 * waits at least `minRefetchIntervalMs` after the previous one, so neither forged key ids nor a failing endpoint
 * turn the receiver into a JWKS hammer; concurrent lookups share one in-flight request. While the endpoint
 * fails, keys past their TTL keep being served for up to `staleIfErrorMs` (stale-if-error). Responses are read
 * up to `maxBytes`.
 *
 * Fetching uses the runtime's `fetch`, undici's `fetch` (loaded lazily, never bundled) with an injected
 * `dispatcher`, or any injected `fetch`.
 */
import { ConfigError, HttpError, NetworkError, ParseError } from '../errors/index.js'
import type { PublicKeyMaterial } from './crypto.js'

type FetchLike = (url: string, init?: Record<string, unknown>) => Promise<Response>

/** Options of {@link jwksKeySet}. */
export interface JwksKeySetOptions {
  /** The JWKS URL. */
  url: string | URL
  /** A fetch implementation. @default undici's fetch when `dispatcher` is given, else globalThis.fetch */
  fetch?: FetchLike
  /** An undici `Dispatcher` (Agent, MockAgent, ProxyAgent) passed to fetch. @default undefined */
  dispatcher?: unknown
  /** How long fetched keys are trusted before a refetch, in ms. @default 3_600_000 */
  cacheTtlMs?: number
  /**
   * Minimum time between two fetches, whatever triggers them (an unknown key id, expiry, an earlier failure).
   * Within it, a failed fetch's error is answered again without a request.
   * @default 30_000
   */
  minRefetchIntervalMs?: number
  /**
   * While the JWKS endpoint fails, keys older than `cacheTtlMs` are still served for this long past their TTL
   * (stale-if-error); after that the endpoint's error is the answer (the handler says 503). `0` turns it off.
   * @default 86_400_000 (24 h)
   * @example jwksKeySet({ url, staleIfErrorMs: 6 * 3_600_000 })
   */
  staleIfErrorMs?: number
  /**
   * Largest JWKS response read, in bytes; a larger one is refused (checked on `content-length` and while
   * reading). Real key sets are a few KiB.
   * @default 262_144
   */
  maxBytes?: number
  /** Fetch timeout in ms. @default 10_000 */
  timeoutMs?: number
  /** Clock in ms, for tests. @default Date.now */
  clock?: () => number
}

/** A cached key set. */
export interface JwksKeySet {
  /** The key for `kid`, refetching once (rate-limited) when it is unknown; `undefined` if still unknown. */
  getKey(kid: string): Promise<PublicKeyMaterial | undefined>
  /** How many HTTP fetches were made (for monitoring and tests). */
  readonly fetchCount: number
}

/** undici's package name, as a variable so that bundlers for browsers and workers do not try to bundle it. */
const UNDICI = 'undici'

/**
 * The runtime's own `fetch`; undici's (loaded on first use) only when a `dispatcher` is given, since an undici
 * dispatcher must be driven by the undici version it comes from.
 */
async function defaultFetch(dispatcher: unknown): Promise<FetchLike> {
  if (dispatcher === undefined) return globalThis.fetch as unknown as FetchLike
  const undici = (await import(/* @vite-ignore */ UNDICI)) as { fetch: unknown }
  return undici.fetch as FetchLike
}

/**
 * A JWKS fetched from `url` and cached.
 * @example const keys = jwksKeySet({ url: 'https://api.shipengine.com/jwks', dispatcher: agent })
 */
export function jwksKeySet(options: JwksKeySetOptions): JwksKeySet {
  const url = String(options.url)
  const ttl = nonNegative('cacheTtlMs', options.cacheTtlMs, 3_600_000)
  const minInterval = nonNegative('minRefetchIntervalMs', options.minRefetchIntervalMs, 30_000)
  const staleMs = nonNegative('staleIfErrorMs', options.staleIfErrorMs, 86_400_000)
  const maxBytes = nonNegative('maxBytes', options.maxBytes, 262_144)
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs, 10_000)
  const clock = options.clock ?? Date.now
  let keys = new Map<string, PublicKeyMaterial>()
  let fetchedAt = Number.NEGATIVE_INFINITY
  let attemptedAt = Number.NEGATIVE_INFINITY
  let lastError: unknown
  let inFlight: Promise<void> | undefined
  let fetchCount = 0

  async function load(): Promise<void> {
    fetchCount++
    const fetchImpl = options.fetch ?? (await defaultFetch(options.dispatcher))
    const init: Record<string, unknown> = {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    }
    if (options.dispatcher) init.dispatcher = options.dispatcher
    let response: Response
    try {
      response = await fetchImpl(url, init)
    } catch (error) {
      throw new NetworkError(`Fetching JWKS ${url} failed`, { cause: error })
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      throw new HttpError(`Fetching JWKS ${url} answered ${response.status}`, {
        method: 'GET',
        url,
        status: response.status,
      })
    }
    const text = await readCapped(response, url, maxBytes)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      throw new ParseError(`JWKS ${url} is not JSON`, {}, { cause: error })
    }
    keys = parseJwks(body, url)
    fetchedAt = clock()
  }

  /** One shared fetch; its failure is remembered for the rate-limited window. */
  function refresh(): Promise<void> {
    if (!inFlight) {
      attemptedAt = clock()
      inFlight = load()
        .then(
          () => {
            lastError = undefined
          },
          (error: unknown) => {
            lastError = error
            throw error
          },
        )
        .finally(() => {
          inFlight = undefined
        })
    }
    return inFlight
  }

  const mayFetch = () => clock() - attemptedAt >= minInterval
  const fresh = () => clock() - fetchedAt <= ttl
  const servable = () => clock() - fetchedAt <= ttl + staleMs

  /** Brings the cache up to date if allowed; throws only when nothing servable is left. */
  async function ensureCurrent(): Promise<void> {
    if (fresh()) return
    if (mayFetch()) {
      try {
        await refresh()
        return
      } catch (error) {
        if (!servable()) throw error
        return
      }
    }
    if (!servable() && lastError !== undefined) throw lastError
  }

  return {
    get fetchCount() {
      return fetchCount
    },
    async getKey(kid) {
      if (inFlight) await inFlight.catch(() => undefined)
      await ensureCurrent()
      const known = keys.get(kid)
      if (known && servable()) return known
      if (mayFetch()) {
        await refresh()
        return keys.get(kid)
      }
      // A recent fetch failed: say so (503, retry later) rather than "unknown key" (401).
      if (lastError !== undefined) throw lastError
      return undefined
    },
  }
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const out = value ?? fallback
  if (typeof out !== 'number' || Number.isNaN(out) || out < 0)
    throw new ConfigError(`jwksKeySet: ${name} must be a number >= 0 (got ${String(value)})`)
  return out
}

/** The response body as text, refusing more than `maxBytes` (declared or actually read). */
async function readCapped(response: Response, url: string, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new HttpError(`JWKS ${url} is larger than ${maxBytes} bytes`, {
      method: 'GET',
      url,
      status: response.status,
    })
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined)
        throw tooLarge()
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new NetworkError(`Reading JWKS ${url} failed`, { cause: error })
  }
  const decoder = new TextDecoder()
  let text = ''
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}

/** RSA signing keys of a JWKS document by `kid`; other key types and encryption keys are ignored. */
export function parseJwks(body: unknown, source = 'JWKS'): Map<string, PublicKeyMaterial> {
  const list = (body as { keys?: unknown } | null)?.keys
  if (!Array.isArray(list)) throw new ParseError(`${source} has no "keys" array`, { path: 'keys' })
  const out = new Map<string, PublicKeyMaterial>()
  for (const entry of list as Record<string, unknown>[]) {
    if (entry?.kty !== 'RSA' || typeof entry.kid !== 'string') continue
    if (entry.use !== undefined && entry.use !== 'sig') continue
    if (typeof entry.n !== 'string' || typeof entry.e !== 'string') continue
    out.set(entry.kid, { kind: 'rsa', jwk: { kty: 'RSA', n: entry.n, e: entry.e } })
  }
  return out
}
