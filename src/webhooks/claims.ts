/**
 * Processing claims on webhook delivery ids, kept in a `Store` so that every instance sharing it agrees:
 *
 * - `processing` (with a lease): one attempt is running `onEvents`. A retry that arrives meanwhile is told to
 *   come back later; the lease is renewed while the attempt runs, so it only lapses when the process died.
 * - `done` (for the duplicate window): the delivery was processed; a re-send is a duplicate.
 * - absent: never seen, released after a failed attempt, or expired: the next attempt processes it.
 *
 * Values written before claims existed (`{ at }` without a `state`) count as `done`.
 */
import { ConfigError } from '../errors/index.js'
import type { Store, StoreValue } from '../store/index.js'

/** What a claim attempt found. */
export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'done' }
  | { kind: 'in_flight'; retryAfterSeconds: number }

/** A held claim: release it on failure, finish it on success. */
export interface Claim {
  /** Marks the delivery done for the duplicate window (only if this attempt still holds it or nobody does). */
  finish(): Promise<void>
  /** Forgets the delivery id so the sender's retry is processed (only if this attempt still holds it). */
  release(): Promise<void>
}

interface ProcessingValue {
  state: 'processing'
  claim: string
  leaseUntil: number
  [key: string]: StoreValue
}

/** Timing of the claims. */
export interface ClaimTiming {
  leaseMs: number
  windowMs: number
}

/** Checks a duration option: a finite number of milliseconds above 0. */
export function positiveMs(name: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new ConfigError(`${name} must be a finite number of milliseconds above 0 (got ${String(value)})`)
  }
  return ms
}

function isProcessing(value: StoreValue | undefined): value is ProcessingValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    value.state === 'processing' &&
    typeof value.claim === 'string'
  )
}

function retryAfterOf(value: ProcessingValue, leaseMs: number): number {
  const remaining = typeof value.leaseUntil === 'number' ? value.leaseUntil - Date.now() : leaseMs
  return Math.max(1, Math.min(Math.ceil(leaseMs / 1000), Math.ceil(remaining / 1000)))
}

/**
 * Tries to claim `key` for one attempt. Renewal runs every third of the lease until `finish` or `release`.
 * @internal
 */
export async function claimDelivery(store: Store, key: string, timing: ClaimTiming): Promise<ClaimOutcome> {
  const id = globalThis.crypto.randomUUID()
  const processing = (): ProcessingValue => ({
    state: 'processing',
    claim: id,
    at: new Date().toISOString(),
    leaseUntil: Date.now() + timing.leaseMs,
  })
  // Two rounds: the key may expire between a failed setIfAbsent and the read.
  for (let round = 0; round < 2; round++) {
    if (await store.setIfAbsent(key, processing(), { ttlMs: timing.leaseMs })) {
      return { kind: 'claimed', claim: heldClaim(store, key, id, timing, processing) }
    }
    const value = await store.get(key)
    if (value === undefined) continue
    if (isProcessing(value))
      return { kind: 'in_flight', retryAfterSeconds: retryAfterOf(value, timing.leaseMs) }
    return { kind: 'done' }
  }
  return { kind: 'in_flight', retryAfterSeconds: 1 }
}

function heldClaim(
  store: Store,
  key: string,
  id: string,
  timing: ClaimTiming,
  processing: () => ProcessingValue,
): Claim {
  const ours = (value: StoreValue | undefined) => isProcessing(value) && value.claim === id
  const renew = setInterval(
    () => {
      store
        .update([key], (tx) => {
          if (ours(tx.get(key))) tx.set(key, processing(), { ttlMs: timing.leaseMs })
        })
        .catch(() => undefined) // a failed renewal only shortens the lease
    },
    Math.max(1, Math.floor(timing.leaseMs / 3)),
  )
  renew.unref?.()
  return {
    async finish() {
      clearInterval(renew)
      await store.update([key], (tx) => {
        const value = tx.get(key)
        // Another attempt took over after our lease lapsed and finished first: its `done` stands.
        if (value === undefined || isProcessing(value)) {
          tx.set(key, { state: 'done', at: new Date().toISOString() }, { ttlMs: timing.windowMs })
        }
      })
    },
    async release() {
      clearInterval(renew)
      await store.update([key], (tx) => {
        if (ours(tx.get(key))) tx.delete(key)
      })
    },
  }
}
