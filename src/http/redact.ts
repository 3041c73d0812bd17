/** Redaction of headers and bodies before they reach errors, hooks or logs. */
import { isSecretName, scrubSecrets, secretPattern } from '../errors/index.js'

const EXTRA_SECRET_HEADERS = new Set([
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
  'dhl-api-key',
])

/** A copy of `headers` with secret values (Authorization, API keys, cookies, tokens) replaced by `[redacted]`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretName(name) || EXTRA_SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : value
  }
  return out
}

const FORM_SECRET = /((?:client_secret|password|access_token|refresh_token|api_?key|assertion)=)[^&\s]*/gi
const JSON_SECRET =
  /("(?:client_secret|password|access_token|refresh_token|id_token|api_?key|secret|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

/**
 * Removes secrets from a body excerpt: form fields and JSON members named like secrets, and every secret in
 * `known` (tokens, API keys, client secrets the client sent) in each form it travels in (see `scrubSecrets`).
 */
export function redactBody(text: string, known: readonly (string | undefined)[] = []): string {
  return scrubSecrets(text, known).replace(FORM_SECRET, '$1[redacted]').replace(JSON_SECRET, '$1"[redacted]"')
}

/**
 * The strings an OAuth client-credentials exchange puts on the wire besides the secret itself: the Basic
 * credential as waybill sends it (base64 of the percent-encoded `id:secret`, RFC 6749 §2.3.1) and as many
 * servers expect it (base64 of the raw `id:secret`).
 */
export function basicCredentialForms(clientId: string, clientSecret: string): string[] {
  const encoded = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`
  const raw = `${clientId}:${clientSecret}`
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
  return [...new Set([base64(encoded), base64(raw), encoded, raw])]
}

/**
 * A transport response with every known secret scrubbed from its body and header values (error responses
 * only: their text flows into error messages, `HttpError.context` and the bodies adapters read).
 */
export function scrubResponse<R extends { body: Uint8Array; headers: Record<string, string> }>(
  res: R,
  known: readonly (string | undefined)[],
): R {
  const pattern = secretPattern(known)
  if (!pattern) return res
  const text = new TextDecoder().decode(res.body)
  const scrubbed = text.replace(pattern, '[redacted]')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers))
    headers[name] = value.replace(pattern, '[redacted]')
  return {
    ...res,
    headers,
    body: scrubbed === text ? res.body : new TextEncoder().encode(scrubbed),
  }
}

/** The first `max` characters of a body, decoded as UTF-8 and redacted. */
export function bodyExcerpt(
  body: Uint8Array,
  known: readonly (string | undefined)[] = [],
  max = 512,
): string {
  const text = new TextDecoder().decode(body.subarray(0, max * 4)).slice(0, max)
  return redactBody(text, known)
}
