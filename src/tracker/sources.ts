/**
 * The payloads a tracker normalized, kept once each by content hash (`tracker:payload:<sha256>`) and referenced
 * from every shipment they changed (`TrackedRecord.sources`), so that timelines can be rebuilt with the current
 * adapters (`tracker.reprocess`). A payload seen again (a re-sent webhook, the same poll answer) costs no new
 * write; one shared by many shipments (an EDI file, a batch answer) is stored once.
 *
 * Payloads no shipment refers to any more go in two steps, so that an ingest coming to refer to one at the same
 * moment never loses it (`prunePayloads`): each is marked with the prune's own token, the references are read again,
 * and only a payload still unreferenced and still carrying that token is deleted. An ingest that refers to a payload
 * that was already kept clears a mark, or writes the payload again when it is gone, in the same atomic update that
 * stores the reference (`reclaimPayload`).
 */
import type { NormalizeContext } from '../adapter/index.js'
import type { TrackingEvent } from '../model/core.js'
import type { Store, StoreTransaction, StoreValue } from '../store/index.js'

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
  /** Set by `prunePayloads` (its token) on a payload no shipment referred to; removed when one refers to it again. */
  orphaned?: string
}

/** A kept payload's reference, the payload as kept, and whether it was kept already before this ingest. */
export interface KeptSource {
  ref: SourceRef
  kept: KeptPayload
  existed: boolean
}

/** The store key of the payload with `hash`. */
export const payloadKey = (hash: string): string => `${PAYLOAD_PREFIX}${hash}`

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
): Promise<KeptSource | undefined> {
  const encoded = encodePayload(payload, maxBytes)
  if (!encoded) return undefined
  const kept: KeptPayload = {
    adapter,
    receivedAt: receivedAt.toISOString(),
    payload: encoded.value,
    ...(context ? { context: JSON.parse(JSON.stringify(context)) as NormalizeContext } : {}),
    ...(encoded.encoding ? { encoding: encoded.encoding } : {}),
  }
  const written = await store.setIfAbsent(payloadKey(encoded.hash), kept as unknown as StoreValue)
  const ref: SourceRef = { hash: encoded.hash, adapter, receivedAt: kept.receivedAt }
  if (context?.source === 'rest') ref.snapshot = true
  return { ref, kept, existed: !written }
}

/**
 * Inside the atomic update that stores a reference to a payload kept before this ingest (its key among the
 * update's keys): clears a prune's mark on it, or writes it again when a prune deleted it meanwhile.
 */
export function reclaimPayload(tx: StoreTransaction, source: KeptSource): void {
  const key = payloadKey(source.ref.hash)
  const stored = tx.get(key) as unknown as KeptPayload | undefined
  if (stored === undefined) tx.set(key, source.kept as unknown as StoreValue)
  else if (stored.orphaned !== undefined) {
    const { orphaned: _, ...unmarked } = stored
    tx.set(key, unmarked as unknown as StoreValue)
  }
}

/** Which kept payloads `prunePayloads` deletes. */
export interface PruneRule {
  /** Those received before this instant (epoch ms); `-Infinity` for none. */
  receivedBefore: number
  /** With {@link referenced}: those no shipment refers to, received before this instant (epoch ms). */
  unreferencedBefore: number
  /** The hashes stored shipments refer to; read once before marking and once after. */
  referenced?: () => Promise<Set<string>>
}

/**
 * Deletes the kept payloads `rule` names; returns how many. Unreferenced ones are marked first with a token of this
 * run, and deleted only when the references read after every mark still leave them out and the mark is still this
 * run's: an ingest that came to refer to one before its mark shows in the second reading, and one that refers to it
 * after the mark removed it (see {@link reclaimPayload}).
 */
export async function prunePayloads(store: Store, rule: PruneRule, token: string): Promise<number> {
  const referenced = rule.referenced ? await rule.referenced() : undefined
  let pruned = 0
  const marked: string[] = []
  for await (const key of store.keys(PAYLOAD_PREFIX)) {
    const kept = (await store.get(key)) as unknown as KeptPayload | undefined
    if (!kept) continue
    const receivedAt = Date.parse(kept.receivedAt)
    if (receivedAt < rule.receivedBefore) {
      await store.delete(key)
      pruned++
    } else if (
      referenced !== undefined &&
      receivedAt < rule.unreferencedBefore &&
      !referenced.has(key.slice(PAYLOAD_PREFIX.length)) &&
      (await markOrphan(store, key, token))
    )
      marked.push(key)
  }
  if (!marked.length) return pruned
  const still = await rule.referenced!()
  for (const key of marked)
    if (!still.has(key.slice(PAYLOAD_PREFIX.length)) && (await deleteMarked(store, key, token))) pruned++
  return pruned
}

/** Marks a kept payload with `token` (over any other run's mark); false when it is gone. */
function markOrphan(store: Store, key: string, token: string): Promise<boolean> {
  return store.update([key], (tx) => {
    const kept = tx.get(key) as unknown as KeptPayload | undefined
    if (kept === undefined) return false
    tx.set(key, { ...kept, orphaned: token } as unknown as StoreValue)
    return true
  })
}

/** Deletes a kept payload when it still carries `token`; true when it did. */
function deleteMarked(store: Store, key: string, token: string): Promise<boolean> {
  return store.update([key], (tx) => {
    const kept = tx.get(key) as unknown as KeptPayload | undefined
    if (kept?.orphaned !== token) return false
    tx.delete(key)
    return true
  })
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
