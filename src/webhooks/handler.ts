/**
 * `createWebhookHandler`: the delivery pipeline of `delivery.ts` in two shapes.
 * - `fetch(request)`: `(Request) => Promise<Response>` for Hono, Next.js route handlers, Workers, Deno, Bun.
 * - `node(req, res)`: a `node:http` listener that reads the raw body itself; under Express/Fastify it also
 *   accepts a body already kept as bytes (`express.raw()`, `req.rawBody`) and refuses a parsed JSON object.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ConfigError } from '../errors/index.js'
import {
  BodyTooLargeError,
  createDeliveryProcessor,
  type DeliveryResponse,
  type WebhookHandlerOptions,
} from './delivery.js'

/** The two shapes of one handler (they share the store and the secrets). */
export interface WebhookHandler {
  /** Fetch-style handler. @example export const POST = handler.fetch // Next.js app router */
  fetch(request: Request): Promise<Response>
  /** node:http handler. @example http.createServer(handler.node) */
  node(req: IncomingMessage & { body?: unknown; rawBody?: unknown }, res: ServerResponse): Promise<void>
}

function contentLengthOver(value: string | null | undefined, max: number): boolean {
  if (!value) return false
  const length = Number(value)
  return Number.isFinite(length) && length > max
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

async function readFetchBody(request: Request, max: number): Promise<Uint8Array> {
  if (contentLengthOver(request.headers.get('content-length'), max))
    throw new BodyTooLargeError('content-length over the cap')
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > max) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLargeError('body over the cap')
    }
    chunks.push(value)
  }
  return concat(chunks, length)
}

function alreadyRead(req: IncomingMessage & { body?: unknown; rawBody?: unknown }): Uint8Array | undefined {
  for (const candidate of [req.rawBody, req.body]) {
    if (candidate instanceof Uint8Array) return candidate
    if (typeof candidate === 'string') return new TextEncoder().encode(candidate)
  }
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object' && req.readableEnded) {
    throw new ConfigError(
      'The request body was parsed before the webhook handler: mount express.raw({ type: "*/*" }) (or keep rawBody) on this route',
    )
  }
  return undefined
}

function readNodeBody(
  req: IncomingMessage & { body?: unknown; rawBody?: unknown },
  max: number,
): Promise<Uint8Array> {
  const ready = alreadyRead(req)
  if (ready)
    return ready.length > max
      ? Promise.reject(new BodyTooLargeError('body over the cap'))
      : Promise.resolve(ready)
  if (contentLengthOver(req.headers['content-length'], max))
    return Promise.reject(new BodyTooLargeError('content-length over the cap'))
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let length = 0
    const onData = (chunk: Buffer) => {
      length += chunk.length
      if (length > max) {
        cleanup()
        req.resume() // drain the rest without keeping it
        reject(new BodyTooLargeError('body over the cap'))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(concat(chunks, length))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

const JSON_HEADERS = { 'content-type': 'application/json' }

function responseHeaders(answer: DeliveryResponse): Record<string, string> {
  const headers: Record<string, string> = { ...JSON_HEADERS, ...answer.headers }
  if (answer.status === 405) headers.allow = 'POST'
  return headers
}

function toResponse(answer: DeliveryResponse): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: responseHeaders(answer),
  })
}

/**
 * A webhook endpoint: verifies every delivery with its source's scheme, parses it into canonical events with
 * the source's adapter, processes each delivery id once, and calls `onEvents`.
 * @example
 * const handler = createWebhookHandler({
 *   sources: { easypost: easypostAdapter(), aftership: aftershipAdapter() },
 *   secrets: { easypost: [process.env.EASYPOST_WEBHOOK_SECRET!], aftership: [process.env.AFTERSHIP_SECRET!] },
 *   onEvents: async ({ events }) => { await db.saveEvents(events) },
 * })
 * http.createServer(handler.node).listen(3000) // POST /webhooks/easypost, /webhooks/aftership
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const process = createDeliveryProcessor(options)
  return {
    async fetch(request) {
      const answer = await process({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        readBody: (max) => readFetchBody(request, max),
      })
      return toResponse(answer)
    },
    async node(req, res) {
      let answer: DeliveryResponse
      try {
        answer = await process({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://localhost'),
          headers: req.headers,
          readBody: (max) => readNodeBody(req, max),
        })
      } catch (error) {
        options.onError?.(error, { status: 500 })
        answer = { status: 500, body: { error: 'handler_failed' } }
      }
      const headers = responseHeaders(answer)
      if (answer.status === 413) headers.connection = 'close'
      res.writeHead(answer.status, headers)
      res.end(JSON.stringify(answer.body))
    },
  }
}
