/**
 * The two transports: undici (default on Node; a keep-alive `Agent`, or any injected `Dispatcher`) and a wrapper
 * around any WHATWG `fetch` for runtimes without undici. Both read the body with a size cap and map failures to
 * `NetworkError` / `AbortError` / `HttpError`.
 */
import type { Agent, Dispatcher } from 'undici'
import { AbortError, HttpError, NetworkError } from '../errors/index.js'
import type { Transport, TransportRequest, TransportResponse, TransportTimeouts } from './types.js'

const DEFAULTS = { connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions extends TransportTimeouts {
  /** Any undici `Dispatcher` (an `Agent`, `Pool`, `MockAgent`...). When given, the caller owns and closes it. */
  dispatcher?: Dispatcher
  /** Keep-alive sockets per origin of the default `Agent`. @default 16 */
  connections?: number
  /** How long an idle keep-alive socket is kept. @default 30_000 */
  keepAliveTimeoutMs?: number
}

/**
 * The default transport on Node.
 * @example
 * const transport = undiciTransport({ headersTimeoutMs: 5000 })
 * const client = createHttpClient({ transport })
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const t = { ...DEFAULTS, ...stripUndefined(options) }
  // undici is loaded with the first request (it costs about as much to import as the rest of waybill).
  let owned: Promise<Agent> | undefined
  const dispatcherOf = async (): Promise<Dispatcher> => {
    if (options.dispatcher) return options.dispatcher
    owned ??= import('undici').then(
      ({ Agent }) =>
        new Agent({
          connections: options.connections ?? 16,
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
          connect: { timeout: t.connectTimeoutMs },
          headersTimeout: t.headersTimeoutMs,
          bodyTimeout: t.bodyTimeoutMs,
        }),
    )
    return owned
  }
  return {
    name: 'undici',
    async send(req) {
      if (req.signal.aborted) throw mapFailure(req.signal.reason, req)
      let res: Dispatcher.ResponseData
      try {
        const dispatcher = await dispatcherOf()
        res = await dispatcher.request({
          origin: req.url.origin,
          path: `${req.url.pathname}${req.url.search}`,
          method: req.method,
          headers: req.headers,
          body:
            req.body === undefined ? null : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
          signal: req.signal,
          headersTimeout: t.headersTimeoutMs,
          bodyTimeout: t.bodyTimeoutMs,
        })
      } catch (error) {
        throw mapFailure(error, req)
      }
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
      }
      let body: Uint8Array
      try {
        body = await readCapped(res.body, req, res.statusCode)
      } catch (error) {
        res.body.destroy()
        throw error instanceof HttpError ? error : mapFailure(error, req)
      }
      return { status: res.statusCode, headers, body, url: req.url.href }
    },
    async close() {
      if (owned) await (await owned).close()
    },
  }
}

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions extends Omit<TransportTimeouts, 'connectTimeoutMs'> {
  /** @default globalThis.fetch */
  fetch?: typeof fetch
}

/**
 * A transport over any `fetch` (Deno, Bun, workers, browsers, or Node's global fetch). Connect timeouts are the
 * runtime's; header and body timeouts are enforced here.
 * @example
 * const client = createHttpClient({ transport: fetchTransport() })
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs
  return {
    name: 'fetch',
    async send(req) {
      const doFetch = options.fetch ?? globalThis.fetch
      const local = new AbortController()
      const onAbort = () => local.abort(req.signal.reason)
      if (req.signal.aborted) onAbort()
      else req.signal.addEventListener('abort', onAbort, { once: true })
      let timer = setTimeout(() => local.abort(timeoutReason('headers')), headersTimeoutMs)
      try {
        let res: Response
        try {
          res = await doFetch(req.url, {
            method: req.method,
            headers: req.headers,
            body: req.body as BodyInit | undefined,
            signal: local.signal,
            redirect: 'follow',
          })
        } catch (error) {
          throw mapFailure(error, req, local.signal)
        }
        const headers: Record<string, string> = {}
        res.headers.forEach((value, name) => {
          headers[name] = value
        })
        const chunks: Uint8Array[] = []
        let size = 0
        if (res.body) {
          const reader = res.body.getReader()
          try {
            for (;;) {
              clearTimeout(timer)
              timer = setTimeout(() => local.abort(timeoutReason('body')), bodyTimeoutMs)
              const { done, value } = await reader.read()
              if (done) break
              size += value.byteLength
              if (size > req.maxResponseBytes) {
                await reader.cancel().catch(() => {})
                throw tooLarge(req, res.status)
              }
              chunks.push(value)
            }
          } catch (error) {
            if (error instanceof HttpError) throw error
            throw mapFailure(error, req, local.signal)
          }
        }
        return { status: res.status, headers, body: concat(chunks, size), url: res.url || req.url.href }
      } finally {
        clearTimeout(timer)
        req.signal.removeEventListener('abort', onAbort)
      }
    },
  }
}

async function readCapped(body: AsyncIterable<Uint8Array>, req: TransportRequest, status: number) {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.byteLength
    if (size > req.maxResponseBytes) throw tooLarge(req, status)
    chunks.push(chunk)
  }
  return concat(chunks, size)
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const out = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}

function tooLarge(req: TransportRequest, status: number): HttpError {
  return new HttpError(
    `Response from ${req.url.origin}${req.url.pathname} exceeds ${req.maxResponseBytes} bytes`,
    {
      method: req.method,
      url: safeUrl(req.url),
      status,
    },
  )
}

class TransportTimeout extends Error {
  constructor(readonly phase: string) {
    super(`${phase} timeout`)
    this.name = 'TimeoutError'
  }
}
function timeoutReason(phase: string) {
  return new TransportTimeout(phase)
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** Maps whatever the runtime threw into a waybill error. `signal` is the (possibly combined) abort signal. */
function mapFailure(error: unknown, req: TransportRequest, signal: AbortSignal = req.signal): Error {
  const where = `${req.method} ${req.url.origin}${req.url.pathname}`
  if (signal.aborted) {
    const reason = signal.reason as { name?: string; phase?: string } | undefined
    if (reason?.name === 'TimeoutError') {
      return new NetworkError(`${where}: ${reason.phase ?? 'request'} timeout`, {
        cause: error,
        timeout: true,
      })
    }
    return new AbortError(`${where}: aborted`, { cause: signal.reason })
  }
  const e = error as { code?: string; cause?: { code?: string }; message?: string; name?: string }
  const code = e?.code ?? e?.cause?.code
  if (code && TIMEOUT_CODES.has(code)) {
    return new NetworkError(`${where}: ${code}`, { cause: error, timeout: true })
  }
  if (e?.name === 'AbortError') return new AbortError(`${where}: aborted`, { cause: error })
  return new NetworkError(`${where}: ${code ?? e?.message ?? 'network failure'}`, { cause: error })
}

/** The URL without its query string (queries can carry API keys). */
export function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

export type { TransportResponse }
