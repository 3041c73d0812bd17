/**
 * The sending half of `waybill webhook send`: where a signed delivery may go, and one timed POST of it.
 * Signed deliveries carry the secret (a shared token travels as is), so plain HTTP goes to loopback only.
 */
import { ConfigError, NetworkError, scrubSecrets } from '../src/errors/index.js'

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

/** Whether a URL's host is this machine (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * The URL to send to, checked: http(s) only, and plain http only to loopback unless `allowHttp`.
 * @example destination('http://127.0.0.1:3000/webhooks/easypost', false)
 */
export function destination(text: string, allowHttp: boolean): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch (cause) {
    throw new ConfigError(`the URL '${text}' cannot be parsed`, { cause })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`the URL must be http or https (got ${url.protocol})`)
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowHttp)
    throw new ConfigError(
      `refusing plain http to ${url.hostname}: a signed delivery would cross the network unencrypted (use https, or --allow-http)`,
    )
  return url
}

/** What the endpoint answered. */
export interface SendResult {
  status: number
  statusText: string
  /** From the start of the request to the end of the response body. */
  latencyMs: number
  /** The response body as text, with any form of the secret removed. */
  body: string
}

export interface SendInput {
  url: URL
  rawBody: Uint8Array<ArrayBuffer>
  headers: Record<string, string>
  /** Removed from anything printed back (the endpoint might echo a header). */
  secret: string
  timeoutMs: number
}

/** POSTs one delivery and times it; a connection failure or a timeout is a `NetworkError` naming the URL. */
export async function sendDelivery(input: SendInput): Promise<SendResult> {
  const started = performance.now()
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      body: input.rawBody,
      headers: { 'content-type': 'application/json', ...input.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    })
    const body = await response.text()
    return {
      status: response.status,
      statusText: response.statusText,
      latencyMs: performance.now() - started,
      body: scrubSecrets(body, [input.secret]),
    }
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError'
    const reason = timeout
      ? `no answer within ${input.timeoutMs} ms`
      : scrubSecrets(causeMessage(error), [input.secret])
    throw new NetworkError(`POST ${input.url.href} failed: ${reason}`, { timeout })
  }
}

/** fetch wraps the socket error (`ECONNREFUSED …`) in a bare "fetch failed": name the cause. */
function causeMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause as { code?: string; message?: string } | undefined
  return cause?.code ? `${cause.code} ${cause.message ?? ''}`.trim() : error.message
}
