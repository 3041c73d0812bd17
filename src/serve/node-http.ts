/**
 * node:http ↔ fetch: a request as a WHATWG `Request` (its body streamed, never buffered here), and a `Response`
 * written back, streamed too. The server's routes only ever see `Request` and return `Response`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/** A fetch `Request` for a node:http request; `origin` is the server's own (the Host header is not trusted). */
export function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
    } catch {
      // A header the fetch API refuses is left out; the routes never need one.
    }
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal }
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  return new Request(new URL(req.url ?? '/', origin), init)
}

/** Writes a fetch `Response` to a node:http response (HEAD gets the headers only). */
export async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return
    headers[key] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  if (head || !response.body) {
    res.end()
    await response.body?.cancel().catch(() => undefined)
    return
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (res.destroyed) break
    // A client that goes away while its buffer is full never drains: 'close' ends the wait too.
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
  }
  if (res.destroyed) await response.body.cancel().catch(() => undefined)
  else res.end()
}
