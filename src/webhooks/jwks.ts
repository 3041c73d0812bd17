/**
 * A cached JSON Web Key Set (RSA signing keys) fetched over HTTP. Keys are kept for `cacheTtlMs`; an unknown
 * key id triggers one refetch, at most once per `minRefetchIntervalMs` (so a flood of forged key ids cannot
 * turn the receiver into a JWKS hammer); concurrent lookups share one in-flight request.
 *
 * Fetching uses undici's `fetch` (loaded lazily, so runtimes without undici still load this module) with the
 * injected `dispatcher`, or any injected `fetch`.
 */
import { HttpError, NetworkError, ParseError } from '../errors/index.js'
import type { PublicKeyMaterial } from './crypto.js'

type FetchLike = (url: string, init?: Record<string, unknown>) => Promise<Response>

/** Options of {@link jwksKeySet}. */
export interface JwksKeySetOptions {
  /** The JWKS URL. */
  url: string | URL
  /** A fetch implementation. @default undici's fetch when installed, else globalThis.fetch */
  fetch?: FetchLike
  /** An undici `Dispatcher` (Agent, MockAgent, ProxyAgent) passed to fetch. @default undefined */
  dispatcher?: unknown
  /** How long fetched keys are trusted before a refetch, in ms. @default 3_600_000 */
  cacheTtlMs?: number
  /** Minimum time between two fetches triggered by unknown key ids, in ms. @default 30_000 */
  minRefetchIntervalMs?: number
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

async function defaultFetch(): Promise<FetchLike> {
  try {
    const undici = await import('undici')
    return undici.fetch as unknown as FetchLike
  } catch {
    return globalThis.fetch as unknown as FetchLike
  }
}

/**
 * A JWKS fetched from `url` and cached.
 * @example const keys = jwksKeySet({ url: 'https://api.shipengine.com/jwks', dispatcher: agent })
 */
export function jwksKeySet(options: JwksKeySetOptions): JwksKeySet {
  const url = String(options.url)
  const ttl = options.cacheTtlMs ?? 3_600_000
  const minInterval = options.minRefetchIntervalMs ?? 30_000
  const timeoutMs = options.timeoutMs ?? 10_000
  const clock = options.clock ?? Date.now
  let keys = new Map<string, PublicKeyMaterial>()
  let fetchedAt = Number.NEGATIVE_INFINITY
  let inFlight: Promise<void> | undefined
  let fetchCount = 0

  async function load(): Promise<void> {
    fetchCount++
    const fetchImpl = options.fetch ?? (await defaultFetch())
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
      throw new HttpError(`Fetching JWKS ${url} answered ${response.status}`, {
        method: 'GET',
        url,
        status: response.status,
      })
    }
    let body: unknown
    try {
      body = await response.json()
    } catch (error) {
      throw new ParseError(`JWKS ${url} is not JSON`, {}, { cause: error })
    }
    keys = parseJwks(body, url)
    fetchedAt = clock()
  }

  function refresh(): Promise<void> {
    inFlight ??= load().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  return {
    get fetchCount() {
      return fetchCount
    },
    async getKey(kid) {
      if (inFlight) await inFlight
      if (clock() - fetchedAt > ttl) await refresh()
      const known = keys.get(kid)
      if (known) return known
      if (clock() - fetchedAt >= minInterval) {
        await refresh()
        return keys.get(kid)
      }
      return undefined
    },
  }
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
