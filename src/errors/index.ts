/**
 * One error hierarchy for all of waybill.
 *
 * Every error is a {@link WaybillError} with a stable `code`, a `retryable` flag and the `cause` when there is
 * one. Subclasses name the family (HTTP, rate limit, auth, parse, webhook verification, SFTP, validation).
 * Messages never contain secrets: build them from {@link redact}ed values.
 */

/** Stable machine-readable error codes. Never renamed once published. */
export type WaybillErrorCode =
  | 'ERR_VALIDATION'
  | 'ERR_PARSE'
  | 'ERR_TIME'
  | 'ERR_HTTP'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_RATE_LIMIT'
  | 'ERR_QUOTA'
  | 'ERR_AUTH'
  | 'ERR_CARRIER'
  | 'ERR_NOT_FOUND'
  | 'ERR_WEBHOOK_VERIFICATION'
  | 'ERR_SFTP'
  | 'ERR_HOST_KEY'
  | 'ERR_CONFIG'
  | 'ERR_UNSUPPORTED'
  | 'ERR_STORE'

export interface WaybillErrorOptions {
  cause?: unknown
  retryable?: boolean
  /** Extra structured facts (already redacted) for logs and error reports. */
  details?: Record<string, unknown>
}

const BRAND = Symbol.for('waybill.error')

/** The base class of every error waybill throws on purpose. */
export class WaybillError extends Error {
  readonly code: WaybillErrorCode
  readonly retryable: boolean
  readonly details: Record<string, unknown>
  readonly [BRAND] = true

  constructor(code: WaybillErrorCode, message: string, options: WaybillErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.retryable = options.retryable ?? false
    this.details = options.details ?? {}
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...this.details,
    }
  }
}

/** True for any waybill error, also across realms and duplicated package copies. */
export function isWaybillError(value: unknown): value is WaybillError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}

/** A value failed validation: `path` names where (e.g. `shipments[0].events[3].date`). */
export class ValidationError extends WaybillError {
  readonly path: string
  constructor(path: string, message: string, options: WaybillErrorOptions = {}) {
    super('ERR_VALIDATION', path ? `${path}: ${message}` : message, {
      ...options,
      details: { path, ...options.details },
    })
    this.path = path
  }
}

/** Position of a parse failure; every field that is known is filled in. */
export interface ParsePosition {
  /** Byte offset from the start of the input. */
  offset?: number
  /** 1-based segment number (EDI) */
  segment?: number
  /** 1-based line (text formats) */
  line?: number
  /** 1-based column or element position */
  column?: number
  /** JSON path or field name */
  path?: string
  /** File name, when the input came from one */
  file?: string
}

/** Input that could not be read (EDI, CSV, JSON, GS1 strings...), with where it went wrong. */
export class ParseError extends WaybillError {
  readonly position: ParsePosition
  constructor(message: string, position: ParsePosition = {}, options: WaybillErrorOptions = {}) {
    super('ERR_PARSE', `${message}${formatPosition(position)}`, {
      ...options,
      details: { position, ...options.details },
    })
    this.position = position
  }
}

function formatPosition(p: ParsePosition): string {
  const parts: string[] = []
  if (p.file) parts.push(`file ${p.file}`)
  if (p.path) parts.push(`path ${p.path}`)
  if (p.segment !== undefined) parts.push(`segment ${p.segment}`)
  if (p.line !== undefined) parts.push(`line ${p.line}`)
  if (p.column !== undefined) parts.push(`column ${p.column}`)
  if (p.offset !== undefined) parts.push(`byte ${p.offset}`)
  return parts.length ? ` (at ${parts.join(', ')})` : ''
}

/** A time that could not be understood. Never silently replaced by a guess. */
export class TimeError extends WaybillError {
  constructor(message: string, options: WaybillErrorOptions = {}) {
    super('ERR_TIME', message, options)
  }
}

/** Request/response facts attached to HTTP errors; headers are already redacted. */
export interface HttpErrorContext {
  method?: string
  url?: string
  status?: number
  requestId?: string
  headers?: Record<string, string>
  /** A short, redacted excerpt of the response body. */
  body?: string
  durationMs?: number
  /** The carrier's own error code, when it gave one. */
  carrierCode?: string
}

/** The server answered with a status that is an error. */
export class HttpError extends WaybillError {
  readonly status: number | undefined
  readonly context: HttpErrorContext
  constructor(
    message: string,
    context: HttpErrorContext,
    options: WaybillErrorOptions & { code?: WaybillErrorCode } = {},
  ) {
    super(options.code ?? 'ERR_HTTP', message, { ...options, details: { http: context, ...options.details } })
    this.status = context.status
    this.context = context
  }
}

/** The connection failed, was reset, or timed out. Usually retryable. */
export class NetworkError extends WaybillError {
  constructor(message: string, options: WaybillErrorOptions & { timeout?: boolean } = {}) {
    super(options.timeout ? 'ERR_TIMEOUT' : 'ERR_NETWORK', message, { retryable: true, ...options })
  }
}

/** The caller aborted the operation through its AbortSignal. */
export class AbortError extends WaybillError {
  constructor(message = 'The operation was aborted', options: WaybillErrorOptions = {}) {
    super('ERR_ABORTED', message, options)
  }
}

/** The carrier throttled us (HTTP 429) or a local limit/quota would be exceeded. */
export class RateLimitError extends HttpError {
  /** Milliseconds to wait before trying again, when known. */
  readonly retryAfterMs: number | undefined
  constructor(
    message: string,
    context: HttpErrorContext & { retryAfterMs?: number },
    options: WaybillErrorOptions & { quota?: boolean } = {},
  ) {
    super(message, context, {
      retryable: true,
      ...options,
      code: options.quota ? 'ERR_QUOTA' : 'ERR_RATE_LIMIT',
    })
    this.retryAfterMs = context.retryAfterMs
  }
}

/** Credentials were refused, a token could not be obtained, or it lacks a scope. Never contains the secret. */
export class AuthError extends HttpError {
  constructor(message: string, context: HttpErrorContext = {}, options: WaybillErrorOptions = {}) {
    super(message, context, { ...options, code: 'ERR_AUTH' })
  }
}

/** The carrier answered with a business error (invalid number, bad request, carrier-side failure). */
export class CarrierError extends HttpError {
  readonly carrier: string
  constructor(
    carrier: string,
    message: string,
    context: HttpErrorContext = {},
    options: WaybillErrorOptions = {},
  ) {
    super(`${carrier}: ${message}`, context, { ...options, code: 'ERR_CARRIER', details: { carrier } })
    this.carrier = carrier
  }
}

/** Why a webhook delivery was refused. */
export type WebhookFailureReason =
  | 'missing_header'
  | 'malformed_header'
  | 'no_matching_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'unknown_key'
  | 'invalid_secret'

/** A webhook delivery failed verification. */
export class WebhookVerificationError extends WaybillError {
  readonly reason: WebhookFailureReason
  constructor(reason: WebhookFailureReason, message: string, options: WaybillErrorOptions = {}) {
    super('ERR_WEBHOOK_VERIFICATION', message, { ...options, details: { reason, ...options.details } })
    this.reason = reason
  }
}

/** SFTP connection, listing, transfer or move failed. */
export class SftpError extends WaybillError {
  constructor(message: string, options: WaybillErrorOptions & { hostKey?: boolean } = {}) {
    super(options.hostKey ? 'ERR_HOST_KEY' : 'ERR_SFTP', message, options)
  }
}

/** Options or configuration that cannot work (caught before any I/O). */
export class ConfigError extends WaybillError {
  constructor(message: string, options: WaybillErrorOptions = {}) {
    super('ERR_CONFIG', message, options)
  }
}

/** A durable or in-memory store failed to read or write. */
export class StoreError extends WaybillError {
  constructor(message: string, options: WaybillErrorOptions = {}) {
    super('ERR_STORE', message, options)
  }
}

const SECRET_KEY =
  /(authorization|api[-_]?key|secret|token|password|passphrase|private[-_]?key|client[-_]?secret|cookie|signature)/i

/** Header or field names whose values are never printed. */
export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name)
}

/**
 * A copy of a flat record (headers, options) with secret-looking values replaced by `[redacted]`.
 * @example redact({ Authorization: 'Bearer abc', Accept: 'json' }) // { Authorization: '[redacted]', Accept: 'json' }
 */
export function redact<T extends Record<string, unknown>>(record: T): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    out[key] = isSecretName(key) && value !== undefined && value !== '' ? '[redacted]' : value
  }
  return out
}

/**
 * The forms in which a secret travels and can be echoed back: as is, percent-encoded (`encodeURIComponent`, as
 * in the parts of a Basic credential), form-encoded (`+` for spaces, as in `client_secret=`) and JSON-escaped.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ])
  return [...forms]
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g

/** A pattern for one form: percent escapes match in either case (`%2F` and `%2f`). */
function formPattern(form: string): string {
  return form
    .replace(REGEX_SPECIAL, '\\$&')
    .replace(
      /%([0-9A-F])([0-9A-F])/g,
      (_, a: string, b: string) => `%[${a}${a.toLowerCase()}][${b}${b.toLowerCase()}]`,
    )
}

/**
 * Removes every occurrence of the given secrets, in each of their {@link secretForms}, from a text (error
 * messages built from server output, log lines). Secrets shorter than 4 characters are ignored. The one
 * redaction path of waybill: the HTTP client, the OAuth token client, the adapters and SFTP all use it.
 * @example scrubSecrets('bad token abc%2Fdef', ['abc/def']) // 'bad token [redacted]'
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  if (text === '') return text
  const pattern = secretPattern(secrets)
  return pattern ? text.replace(pattern, '[redacted]') : text
}

/**
 * One global pattern matching every form of every secret (longest first, so a form containing another is
 * replaced whole); `undefined` when no secret is long enough to look for. Build it once per batch of texts.
 */
export function secretPattern(secrets: readonly (string | undefined)[]): RegExp | undefined {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue
    for (const form of secretForms(secret)) forms.add(form)
  }
  if (forms.size === 0) return undefined
  const sorted = [...forms].sort((a, b) => b.length - a.length)
  return new RegExp(sorted.map(formPattern).join('|'), 'g')
}
