/**
 * What one `track()` call of a poller said about each number of its batch: the shipment it found, the not-found
 * entry the carrier gave, or (for a number with neither) the error `normalize` threw. Both pollers read a batch's
 * payloads this way; the payloads come from `trackAndNormalize` (src/adapter).
 */
import type { TrackedPayload } from '../adapter/index.js'
import type { NotFound, Shipment } from '../model/core.js'

/** A batch's payloads, by tracking number (compared without spaces and case). */
export interface BatchAnswers {
  /** The shipment each number was found as. */
  shipment(trackingNumber: string): Shipment | undefined
  /** The not-found entry the carrier gave for a number. */
  notFound(trackingNumber: string): NotFound | undefined
  /** The last error `normalize` threw for a payload of the batch (what a number without an answer failed on). */
  normalizeError: unknown
}

/** Indexes the payloads of one batch by number. */
export function batchAnswers(payloads: readonly TrackedPayload[]): BatchAnswers {
  const found = new Map<string, Shipment>()
  const missing = new Map<string, NotFound>()
  let normalizeError: unknown
  for (const { result, error } of payloads) {
    if (!result) {
      normalizeError = error
      continue
    }
    for (const s of result.shipments) found.set(comparable(s.trackingNumber), s)
    for (const nf of result.notFound) missing.set(comparable(nf.trackingNumber), nf)
  }
  return {
    shipment: (n) => found.get(comparable(n)),
    notFound: (n) => missing.get(comparable(n)),
    normalizeError,
  }
}

/** A tracking number as two answers are compared: no whitespace, upper case. */
function comparable(n: string): string {
  return n.replace(/\s+/g, '').toUpperCase()
}
