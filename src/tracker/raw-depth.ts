/**
 * Raw records are kept as the carrier sent them, down to `MAX_RAW_DEPTH` levels of nesting; deeper values are
 * replaced by a marker, so that a hostile or broken payload nested thousands of levels deep is stored (and can be
 * serialised) instead of making `ingest` fail with a `RangeError`.
 */
import type { Shipment, TrackingEvent } from '../model/core.js'

/** Levels of objects and arrays kept in a raw record. */
export const MAX_RAW_DEPTH = 64
/** What stands where a raw record was cut. */
export const TRUNCATED_MARKER = { truncated: `nested deeper than ${MAX_RAW_DEPTH} levels` } as const

/** `value` with everything below `MAX_RAW_DEPTH` replaced by the marker; the same object when nothing is cut. */
export function limitDepth(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_RAW_DEPTH) return TRUNCATED_MARKER
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item = limitDepth(value[i], depth + 1)
      if (item === value[i]) continue
      copy ??= value.slice()
      copy[i] = item
    }
    return copy ?? value
  }
  let copy: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const limited = limitDepth(item, depth + 1)
    if (limited === item) continue
    copy ??= { ...(value as Record<string, unknown>) }
    copy[key] = limited
  }
  return copy ?? value
}

function eventWithinDepth(event: TrackingEvent): TrackingEvent {
  const raw = limitDepth(event.raw) as TrackingEvent['raw']
  const also = event.alsoReportedBy && (limitDepth(event.alsoReportedBy) as TrackingEvent['alsoReportedBy'])
  return raw === event.raw && also === event.alsoReportedBy
    ? event
    : { ...event, raw, ...(also ? { alsoReportedBy: also } : {}) }
}

/** The shipment with its raw payloads and its events' raw records cut at `MAX_RAW_DEPTH`. */
export function shipmentWithinDepth(shipment: Shipment): Shipment {
  const raw = limitDepth(shipment.raw) as unknown[]
  let events: TrackingEvent[] | undefined
  for (let i = 0; i < shipment.events.length; i++) {
    const event = eventWithinDepth(shipment.events[i]!)
    if (event === shipment.events[i]) continue
    events ??= shipment.events.slice()
    events[i] = event
  }
  return raw === shipment.raw && !events ? shipment : { ...shipment, raw, events: events ?? shipment.events }
}
