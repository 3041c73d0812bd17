/** Redaction of headers and bodies before they reach errors, hooks or logs. */
import { isSecretName } from '../errors/index.js'

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
 * Removes secrets from a body excerpt: form fields and JSON members named like secrets, and every literal
 * secret in `known` (tokens, API keys the client sent).
 */
export function redactBody(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text.replace(FORM_SECRET, '$1[redacted]').replace(JSON_SECRET, '$1"[redacted]"')
  for (const secret of known) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out
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
