/**
 * One delivery, independent of the HTTP framework: method → source → size → signature → parse → normalize →
 * de-duplicate → `onEvents`. The fetch and node:http shapes in `handler.ts` only adapt requests and responses.
 *
 * Status codes: 405 wrong method, 404 unknown source, 413 over the size cap, 401 failed verification, 400 a
 * verified body that cannot be read, 200 processed or duplicate (already done), 409 with `Retry-After` while
 * another attempt of the same delivery is still running, 500 when `onEvents` (or the store) fails so the sender
 * retries, 503 when a JWKS could not be fetched.
 */
import type { Adapter, NormalizeContext, ResultSink } from '../adapter/index.js'
import { isWaybillError, ValidationError } from '../errors/index.js'
import type { NormalizeResult, TrackingEvent } from '../model/core.js'
import { memoryStore, type Store } from '../store/index.js'
import { claimDelivery, positiveMs } from './claims.js'
import { encodeBytes, nodeCrypto, sha256Node, sha256Web } from './crypto.js'
import type { HeadersInput, SecretInput, VerifySuccess } from './types.js'
import { prepareKeys, resolveScheme, type SchemeInput, verify } from './verify.js'

/** A source the handler accepts: an adapter with a `webhook` field, optionally with another scheme. */
export interface WebhookSourceConfig {
  adapter: Pick<Adapter, 'id' | 'normalize' | 'webhook'>
  /** Overrides `adapter.webhook.scheme` (e.g. a configured `timestampedHmac({...})`). */
  scheme?: SchemeInput
}

/** What `onEvents` receives for one verified, new delivery. */
export interface WebhookBatch {
  /** The source name (key of `sources`). */
  source: string
  /** The delivery id used for de-duplication. */
  deliveryId: string
  /** Every canonical event of the delivery, in instant order per shipment. */
  events: TrackingEvent[]
  /** The full normalization result (shipments, not-found numbers, warnings). */
  result: NormalizeResult
  verification: VerifySuccess
}

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions {
  /** Sources by name; the name is the last path segment of the URL (`/webhooks/easypost`) or `?source=`. */
  sources: Record<string, Pick<Adapter, 'id' | 'normalize' | 'webhook'> | WebhookSourceConfig>
  /** Secrets by source name, or one list when there is a single source. Several per source during a rotation. */
  secrets: Record<string, readonly SecretInput[]> | readonly SecretInput[]
  /**
   * Where each new delivery's result goes, with its payload (kept by a tracker for `reprocess`): pass the tracker.
   * A failure answers 500 so the sender retries. Give `sink`, `onEvents` or both (the sink first).
   * @example createWebhookHandler({ sources: { easypost: easypost() }, secrets: [secret], sink: tracker })
   */
  sink?: ResultSink
  /** Called once per new delivery (after `sink`); throw (or reject) to answer 500 so the sender retries. */
  onEvents?(batch: WebhookBatch): void | Promise<void>
  /**
   * Where delivery ids are claimed and remembered (`webhook:<source>:<id>`). Share a durable store between
   * instances so that they agree. @default memoryStore()
   */
  store?: Store
  /**
   * How long a processed delivery id is remembered: a re-send within the window is answered `200 duplicate`,
   * a later one is processed again. Make it longer than the sender's retry schedule.
   * @default 604_800_000 (7 days)
   * @example createWebhookHandler({ ..., duplicateWindowMs: 3 * 86_400_000 })
   */
  duplicateWindowMs?: number
  /**
   * Lease of an attempt that is running `onEvents`: a retry meanwhile gets 409 with `Retry-After`. The lease is
   * renewed while the attempt runs, so it only runs out when the process died; then the next retry processes
   * the delivery.
   * @default 60_000
   * @example createWebhookHandler({ ..., processingLeaseMs: 120_000 })
   */
  processingLeaseMs?: number
  /** Largest accepted body in bytes. @default 1_048_576 */
  maxBodyBytes?: number
  /** Picks the source for a request. @default the only source, else `?source=`, else the last path segment */
  route?(url: URL): string | undefined
  /** Clock for timestamp tolerance. @default () => new Date() */
  now?(): Date
  /** Zone for carrier times without one (passed to `normalize`). @default undefined */
  defaultZone?: string
  /** Sees every error behind a 4xx/5xx answer (for logs); never given secrets. @default undefined */
  onError?(error: unknown, info: { source?: string; status: number }): void
}

/** A request as the core sees it. */
export interface DeliveryRequest {
  method: string
  url: URL
  headers: HeadersInput
  /** Reads the body, failing with `TooLarge` past the cap. */
  readBody(maxBytes: number): Promise<Uint8Array>
}

/** The answer to send. */
export interface DeliveryResponse {
  status: number
  body: Record<string, unknown>
  /** Extra response headers (`Retry-After`). */
  headers?: Record<string, string>
}

/** Thrown by body readers past the size cap. */
export class BodyTooLargeError extends Error {}

interface ResolvedSource {
  name: string
  adapter: Pick<Adapter, 'id' | 'normalize' | 'webhook'>
  scheme: SchemeInput
  secrets: readonly SecretInput[]
}

/** Validates the options once and returns the per-request function. */
export function createDeliveryProcessor(
  options: WebhookHandlerOptions,
): (request: DeliveryRequest) => Promise<DeliveryResponse> {
  const store = options.store ?? memoryStore()
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576
  const timing = {
    windowMs: positiveMs('duplicateWindowMs', options.duplicateWindowMs, 604_800_000),
    leaseMs: positiveMs('processingLeaseMs', options.processingLeaseMs, 60_000),
  }
  if (!options.sink && typeof options.onEvents !== 'function')
    throw new ValidationError(
      'sink',
      'give a sink (a tracker) or an onEvents function: deliveries must go somewhere',
    )
  if (options.sink && typeof options.sink.ingestResult !== 'function')
    throw new ValidationError('sink', 'must have an ingestResult function (a tracker)')
  const names = Object.keys(options.sources)
  if (names.length === 0) throw new ValidationError('sources', 'at least one webhook source is required')
  const sources = new Map<string, ResolvedSource>()
  for (const name of names) {
    const entry = options.sources[name]!
    const adapter = 'adapter' in entry ? entry.adapter : entry
    const scheme = ('adapter' in entry ? entry.scheme : undefined) ?? adapter.webhook?.scheme
    if (!adapter.webhook || !scheme) {
      throw new ValidationError(`sources.${name}`, `adapter '${adapter.id}' has no webhook support`)
    }
    const secrets = Array.isArray(options.secrets)
      ? (options.secrets as readonly SecretInput[])
      : (options.secrets as Record<string, readonly SecretInput[]>)[name]
    if (options.sink?.adapters instanceof Map && !options.sink.adapters.has(adapter.id))
      throw new ValidationError(
        `sources.${name}`,
        `the sink (a tracker) has no adapter '${adapter.id}': add it to createTracker({ adapters })`,
      )
    const resolved = resolveScheme(scheme as SchemeInput)
    // Decode every secret now: a bad or missing secret is a startup error, not a stream of 401s.
    prepareKeys(resolved, secrets)
    sources.set(name, { name, adapter, scheme: resolved, secrets: secrets ?? [] })
  }
  const route =
    options.route ??
    ((url: URL) => {
      if (names.length === 1) return names[0]
      return url.searchParams.get('source') ?? url.pathname.split('/').filter(Boolean).pop()
    })
  const fail = (status: number, error: string, cause: unknown, source?: string): DeliveryResponse => {
    if (cause !== undefined) options.onError?.(cause, { status, ...(source ? { source } : {}) })
    return { status, body: { error } }
  }

  return async (request) => {
    if (request.method !== 'POST') return { status: 405, body: { error: 'method_not_allowed' } }
    const name = route(request.url)
    const source = name === undefined ? undefined : sources.get(name)
    if (!source) return { status: 404, body: { error: 'unknown_source' } }
    let rawBody: Uint8Array
    try {
      rawBody = await request.readBody(maxBodyBytes)
    } catch (error) {
      if (error instanceof BodyTooLargeError) return fail(413, 'payload_too_large', error, source.name)
      if (isWaybillError(error) && error.code === 'ERR_CONFIG')
        return fail(500, 'body_already_parsed', error, source.name)
      return fail(400, 'unreadable_body', error, source.name)
    }
    let verification: VerifySuccess
    try {
      const result = await verify(source.scheme, {
        rawBody,
        headers: request.headers,
        secrets: source.secrets,
        url: request.url,
        now: options.now?.() ?? new Date(),
      })
      if (!result.valid) return fail(401, result.reason, undefined, source.name)
      verification = result
    } catch (error) {
      return fail(503, 'verification_unavailable', error, source.name)
    }
    const webhook = source.adapter.webhook!
    let payload: unknown
    let result: NormalizeResult
    let deliveryId: string
    let context: NormalizeContext
    try {
      payload = webhook.parse(rawBody)
      deliveryId =
        verification.id ??
        webhook.deliveryId?.(payload, headerRecord(request.headers)) ??
        (await bodyDigest(rawBody))
      context = { source: 'webhook', origin: deliveryId }
      if (options.defaultZone) context.defaultZone = options.defaultZone
      result = source.adapter.normalize(payload, context)
    } catch (error) {
      if (isWaybillError(error)) return fail(400, 'malformed_payload', error, source.name)
      return fail(500, 'adapter_failed', error, source.name)
    }
    const key = `webhook:${source.name}:${deliveryId}`
    let outcome: Awaited<ReturnType<typeof claimDelivery>>
    try {
      outcome = await claimDelivery(store, key, timing)
    } catch (error) {
      return fail(500, 'store_failed', error, source.name)
    }
    if (outcome.kind === 'done') return { status: 200, body: { ok: true, duplicate: true, deliveryId } }
    if (outcome.kind === 'in_flight') {
      const seconds = outcome.retryAfterSeconds
      return {
        status: 409,
        body: { error: 'delivery_in_progress', deliveryId, retryAfterSeconds: seconds },
        headers: { 'retry-after': String(seconds) },
      }
    }
    const events = result.shipments.flatMap((shipment) => shipment.events)
    try {
      await options.sink?.ingestResult(result, {
        payload: { adapter: source.adapter.id, payload, context },
      })
      await options.onEvents?.({ source: source.name, deliveryId, events, result, verification })
    } catch (error) {
      // Release the claim so the sender's retry is processed.
      await outcome.claim.release().catch((releaseError) => {
        options.onError?.(releaseError, { source: source.name, status: 500 })
      })
      return fail(500, 'processing_failed', error, source.name)
    }
    try {
      await outcome.claim.finish()
    } catch (error) {
      // The events were handed over: answer 200. Until the lease runs out a re-send gets 409; after it, the
      // re-send is processed again (at least once, never lost).
      options.onError?.(error, { source: source.name, status: 200 })
    }
    return { status: 200, body: { ok: true, deliveryId, events: events.length } }
  }
}

/** Headers as a lower-cased plain record (for adapters' `deliveryId`). */
export function headerRecord(headers: HeadersInput): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    ;(headers as Headers).forEach((value, key) => {
      out[key.toLowerCase()] = value
    })
    return out
  }
  for (const [key, value] of Object.entries(
    headers as Record<string, string | readonly string[] | undefined>,
  )) {
    if (value !== undefined) out[key.toLowerCase()] = typeof value === 'string' ? value : value.join(', ')
  }
  return out
}

/** `sha256:<hex>` of the body: the de-duplication key when neither the scheme nor the payload has an id. */
async function bodyDigest(rawBody: Uint8Array): Promise<string> {
  const digest = nodeCrypto ? sha256Node(rawBody) : await sha256Web(rawBody)
  return `sha256:${encodeBytes(digest, 'hex')}`
}
