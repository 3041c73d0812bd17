/**
 * The payloads a tracker normalized, kept once each by content hash (`tracker:payload:<sha256>`) and referenced
 * from every shipment they changed (`TrackedRecord.sources`), so that timelines can be rebuilt with the current
 * adapters (`tracker.reprocess`). A payload seen again (a re-sent webhook, the same poll answer) costs no new
 * write; one shared by many shipments (an EDI file, a batch answer) is stored once.
 */
import type { NormalizeContext } from '../adapter/index.js'
import type { TrackingEvent } from '../model/core.js'
import type { Store, StoreValue } from '../store/index.js'

// From `process.getBuiltinModule`, not an ES import: the ES import's facade cost every import of the root (#26).
const { createHash } = process.getBuiltinModule('node:crypto')

export const PAYLOAD_PREFIX = 'tracker:payload:'

/** A reference from a shipment to a payload that changed it. */
export interface SourceRef {
  hash: string
  adapter: string
  receivedAt: string
  /** A REST answer: it carries the shipment's whole history as the carrier knows it then. */
  snapshot?: true
}

/** A kept payload, as stored. Bytes are kept as base64. */
export interface KeptPayload {
  adapter: string
  context?: NormalizeContext
  receivedAt: string
  payload: StoreValue
  encoding?: 'base64'
}

/** The storable form of a payload and its hash, or undefined when it is over `maxBytes` (then not kept). */
export function encodePayload(
  payload: unknown,
  maxBytes: number,
): { hash: string; value: StoreValue; encoding?: 'base64' } | undefined {
  let value: StoreValue
  let encoding: 'base64' | undefined
  let text: string
  if (payload instanceof Uint8Array) {
    if (payload.byteLength > maxBytes) return undefined
    value = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64')
    encoding = 'base64'
    text = `b:${value}`
  } else {
    try {
      text = JSON.stringify(payload) ?? 'null'
    } catch {
      return undefined // cyclic or too deep: not replayable
    }
    if (text.length > maxBytes) return undefined
    value = JSON.parse(text) as StoreValue
    text = `j:${text}`
  }
  const hash = createHash('sha256').update(text).digest('hex')
  return encoding ? { hash, value, encoding } : { hash, value }
}

export function decodePayload(kept: KeptPayload): unknown {
  return kept.encoding === 'base64' ? Buffer.from(kept.payload as string, 'base64') : kept.payload
}

/** Keeps a payload (once per content); returns its reference, or undefined when it is not kept. */
export async function keepPayload(
  store: Store,
  adapter: string,
  payload: unknown,
  context: NormalizeContext | undefined,
  receivedAt: Date,
  maxBytes: number,
): Promise<SourceRef | undefined> {
  const encoded = encodePayload(payload, maxBytes)
  if (!encoded) return undefined
  const kept: KeptPayload = {
    adapter,
    receivedAt: receivedAt.toISOString(),
    payload: encoded.value,
    ...(context ? { context: JSON.parse(JSON.stringify(context)) as NormalizeContext } : {}),
    ...(encoded.encoding ? { encoding: encoded.encoding } : {}),
  }
  await store.setIfAbsent(`${PAYLOAD_PREFIX}${encoded.hash}`, kept as unknown as StoreValue)
  const ref: SourceRef = { hash: encoded.hash, adapter, receivedAt: kept.receivedAt }
  if (context?.source === 'rest') ref.snapshot = true
  return ref
}

/** Adds `ref` to a record's sources unless its payload is already there. */
export function withSource(
  sources: readonly SourceRef[] | undefined,
  ref: SourceRef | undefined,
): SourceRef[] | undefined {
  if (!ref) return sources ? [...sources] : undefined
  if (sources?.some((s) => s.hash === ref.hash)) return [...sources]
  return [...(sources ?? []), ref]
}

/**
 * The sources without the earlier REST answers of the same adapter that a new REST answer supersedes. A REST answer
 * carries the shipment's whole history, so once every stored event read over REST is in the new answer, the earlier
 * answers are not needed to rebuild the shipment (their payloads go at the next `prunePayloads({ unreferenced })`).
 * When any stored REST event is missing from the new answer (a carrier that trims history), nothing is dropped.
 */
export function withoutSuperseded(
  sources: SourceRef[] | undefined,
  ref: SourceRef | undefined,
  stored: readonly TrackingEvent[],
  answer: readonly TrackingEvent[],
): SourceRef[] | undefined {
  if (!sources || !ref?.snapshot) return sources
  const answered = new Set(answer.map((e) => e.id))
  if (stored.some((e) => e.raw.source === 'rest' && !answered.has(e.id))) return sources
  return sources.filter((s) => s.hash === ref.hash || !(s.snapshot && s.adapter === ref.adapter))
}
