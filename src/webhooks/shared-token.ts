/**
 * A shared token presented back by the sender in a header or a query parameter (UPS Track Alert style: the
 * subscriber chooses a credential when subscribing and UPS sends it with each event; UPS-API/api-documentation
 * UPSTrackAlert.yaml — not confirmed against a live delivery). There is no body MAC: the token proves the
 * sender knows the secret, not that the body is intact, so use HTTPS and de-duplicate. Tokens are compared as
 * SHA-256 digests in constant time, so neither content nor length leaks.
 */
import { ConfigError } from '../errors/index.js'
import { toBytes } from './crypto.js'
import { getHeader, requireNonEmpty } from './headers.js'
import type { Extraction, PreparedKey, SecretInput, VerifyInput, WebhookScheme } from './types.js'
import { failure } from './types.js'

/** Options of {@link sharedToken}. */
export interface SharedTokenOptions {
  /** Id reported in results. @default 'shared-token' */
  id?: string
  /** Header carrying the token; ignored when `query` is set. @default 'authorization' */
  header?: string
  /** Authorization scheme word stripped before comparing (case-insensitive), e.g. `Bearer`. @default 'Bearer' */
  authScheme?: string
  /** Read the token from this query parameter of `input.url` instead of a header. @default undefined */
  query?: string
}

/**
 * The shared-token scheme.
 * @example verify(sharedToken({ header: 'x-ups-credential' }), { rawBody, headers, secrets: [token] })
 */
export function sharedToken(options: SharedTokenOptions = {}): WebhookScheme & {
  sign(input: { secret: string }): Promise<Record<string, string>>
} {
  const id = options.id ?? 'shared-token'
  const header = (options.header ?? 'authorization').toLowerCase()
  const authScheme = options.authScheme ?? 'Bearer'
  const prefix = authScheme ? `${authScheme.toLowerCase()} ` : ''
  return {
    id,
    prepareSecret: (secret: SecretInput): PreparedKey => ({
      kind: 'bytes',
      bytes: requireNonEmpty(toBytes(secret), id),
    }),
    extract(input: VerifyInput): Extraction {
      let token: string | undefined
      if (options.query) {
        if (input.url === undefined)
          return failure('missing_header', `No request URL to read ?${options.query} from`)
        const url = typeof input.url === 'string' ? new URL(input.url, 'http://localhost') : input.url
        token = url.searchParams.get(options.query) ?? undefined
        if (!token) return failure('missing_header', `Missing ?${options.query} query parameter`)
      } else {
        token = getHeader(input.headers, header)
        if (!token) return failure('missing_header', `Missing ${header} header`)
        if (prefix && token.slice(0, prefix.length).toLowerCase() === prefix)
          token = token.slice(prefix.length)
      }
      return { valid: true, check: { content: [], token: toBytes(token.trim()) } }
    },
    async sign(input) {
      if (!input.secret) throw new ConfigError(`${id}: the secret is empty`)
      if (options.query) throw new ConfigError(`${id}: a query token goes in the URL, not in headers`)
      return { [header]: prefix ? `${authScheme} ${input.secret}` : input.secret }
    },
  }
}
