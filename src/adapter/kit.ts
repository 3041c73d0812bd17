/**
 * Small building blocks every adapter uses, so that no adapter re-invents code lookup, event ids or payload
 * validation: {@link mapCode}, {@link createEvent}, {@link parsePayload}.
 */
import type { z } from 'zod'
import { ParseError, ValidationError } from '../errors/index.js'
import {
  type EventIdentity,
  eventId,
  type Location,
  type Milestone,
  type NormalizeWarning,
  type Status,
  type TrackingEvent,
} from '../model/index.js'
import { decoderFor, REJECT } from './decode.js'

/** One row of a carrier's code table. */
export interface CodeEntry {
  status: Status
  milestone: Milestone
  reason?: string
}

/** Raw carrier code (upper case) → canonical meaning. Each row is commented with its source in `codes.ts`. */
export type CodeTable = Readonly<Record<string, CodeEntry>>

/** The meaning of a code no table knows. */
export const UNKNOWN_CODE: CodeEntry = Object.freeze({ status: 'unknown', milestone: 'unknown' })

/**
 * Looks a raw code up (case-insensitively, trimmed). An unknown or missing code gives `unknown` and, when a
 * `warnings` list is passed, an `unknown_code` warning naming the code and where it was.
 */
export function mapCode(
  table: CodeTable,
  code: string | undefined | null,
  where: { warnings?: NormalizeWarning[]; path?: string; trackingNumber?: string; carrier?: string } = {},
): CodeEntry {
  const key = (code ?? '').trim().toUpperCase()
  const entry = key ? table[key] : undefined
  if (entry) return entry
  where.warnings?.push({
    code: 'unknown_code',
    message: `${where.carrier ?? 'carrier'} code ${key ? `'${key}'` : '(empty)'} is not in the status table`,
    ...(where.path ? { path: where.path } : {}),
    ...(where.trackingNumber ? { trackingNumber: where.trackingNumber } : {}),
    ...(key ? { rawCode: key } : {}),
  })
  return UNKNOWN_CODE
}

/** Everything of an event but its id, plus an optional discriminator for otherwise identical events. */
export type EventInput = Omit<TrackingEvent, 'id'> & { discriminator?: string }

/** Builds an event with its deterministic id; drops undefined optional fields so output is stable JSON. */
export function createEvent(input: EventInput): TrackingEvent {
  const identity: EventIdentity = {
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
    occurredAt: input.occurredAt,
  }
  if (input.raw.code !== undefined) identity.rawCode = input.raw.code
  if (input.location) identity.location = input.location
  if (input.discriminator !== undefined) identity.discriminator = input.discriminator
  const event: Record<string, unknown> = { id: eventId(identity) }
  // `for…in` over the input's own keys, in their order (no entries array per event; EventInput is a plain object).
  for (const key in input) {
    if (key === 'discriminator') continue
    const value = (input as Record<string, unknown>)[key]
    if (value !== undefined) event[key] = value
  }
  return event as TrackingEvent
}

/** Formats a zod issue path the way users write it: `trackResponse.shipment[0].package[1].activity`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`
  return out
}

/**
 * Validates a carrier payload with its zod schema. On failure throws a {@link ValidationError} whose `path` names
 * the first wrong field and whose message says what was expected.
 * @example const body = parsePayload(upsTrackResponseSchema, payload, 'ups')
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, root: string): z.output<S> {
  const fast = decoderFor(schema)(payload)
  if (fast !== REJECT) return fast as z.output<S>
  const result = schema.safeParse(payload)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = formatPath(root, issue?.path ?? [])
  throw new ValidationError(path, issue?.message ?? 'invalid payload', { cause: result.error })
}

/** Trims a carrier string; returns undefined for empty or whitespace-only values. */
export function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  // Most carrier strings need no work: skip the replace and trim (and their copies) when nothing would change.
  if (!NEEDS_CLEANING.test(value)) return value === '' ? undefined : value
  const trimmed = value.replace(/\s+/g, ' ').trim()
  return trimmed === '' ? undefined : trimmed
}

/** Leading or trailing whitespace, a run of two, or any whitespace other than a plain space. */
const NEEDS_CLEANING = /^\s|\s$|\s\s|[^\S ]/

/**
 * A bounded memo for place readers. Carrier payloads repeat the same few places across thousands of events, so
 * each distinct combination of the given text fields is read once and a copy is returned; a field that is not
 * text (or absent) sends the call straight to `read`.
 * @example const memo = placeMemo(); const where = memo([a.city, a.state, a.zip], () => readPlace(a))
 */
export function placeMemo(
  limit = 5000,
): (parts: readonly unknown[], read: () => Location | undefined) => Location | undefined {
  const places = new Map<string, Location | null>()
  return (parts, read) => {
    let key = ''
    for (const part of parts) {
      if (part === undefined || part === null) key += '-\u001f'
      else if (typeof part === 'string') key += `+${part}\u001f`
      else return read()
    }
    let known = places.get(key)
    if (known === undefined) {
      known = read() ?? null
      if (places.size >= limit) places.clear()
      places.set(key, known)
    }
    return known === null ? undefined : { ...known }
  }
}

/**
 * Raw bytes of a verified webhook delivery → parsed JSON; a body that is not UTF-8 JSON is a ParseError naming
 * the source.
 * @example parse: (rawBody) => parseJsonBody(rawBody, 'EasyPost webhook')
 */
export function parseJsonBody(rawBody: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody))
  } catch (cause) {
    throw new ParseError(`${what} body is not UTF-8 JSON`, { offset: 0 }, { cause })
  }
}
