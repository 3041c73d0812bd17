/**
 * Standard Webhooks (spec v1.0.0, github.com/standard-webhooks/standard-webhooks; also Svix's `svix-*` headers).
 *
 * Facts (read in the spec and the reference JS/Python libraries, recomputed against the official vector):
 * signed content is `${webhook-id}.${webhook-timestamp}.${rawBody}`; `v1` = base64 HMAC-SHA256 with the key
 * base64-decoded from the secret after stripping `whsec_`; `v1a` = base64 Ed25519 signature checked against
 * pinned `whpk_` public keys; the signature header is a space-separated list of `version,signature` pairs
 * (unknown versions skipped, any one match is enough); the timestamp is unix seconds, ±300 s both ways.
 */
import { ConfigError, WebhookVerificationError } from '../errors/index.js'
import {
  type CryptoBackend,
  decodeBase64,
  decodeSignatureBase64,
  encodeBytes,
  nodeCrypto,
  toBytes,
} from './crypto.js'
import {
  checkTolerance,
  getHeader,
  requireNonEmpty,
  signingTime,
  type ToleranceOptions,
  toleranceOf,
} from './headers.js'
import { macBytes } from './sign.js'
import type { Extraction, PreparedKey, SecretInput, VerifyInput, WebhookScheme } from './types.js'
import { failure } from './types.js'

/** Unix seconds from 1–15 ASCII digits, or -1. */
function parseSeconds(text: string): number {
  if (text.length === 0 || text.length > 15) return -1
  let value = 0
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** Options of {@link standardWebhooks}. */
export interface StandardWebhooksOptions extends ToleranceOptions {
  /** Also accept the `svix-id`/`svix-timestamp`/`svix-signature` header names. @default true */
  svixHeaders?: boolean
}

/** Input of `sign('standard-webhooks', …)`. */
export interface StandardWebhooksSignInput {
  rawBody: Uint8Array | string
  /** `whsec_…` (HMAC, `v1`) or `whsk_…` / a private `KeyObject` (Ed25519, `v1a`). */
  secret: SecretInput | import('node:crypto').KeyObject
  /** The message id; stable across retries. */
  id: string
  /** The attempt time. @default new Date() */
  timestamp?: Date
  backend?: CryptoBackend
}

/** Decodes `whsec_…` (or bare base64) to HMAC key bytes, or `whpk_…` to an Ed25519 public key. */
export function prepareStandardSecret(secret: SecretInput): PreparedKey {
  if (typeof secret !== 'string')
    return { kind: 'bytes', bytes: requireNonEmpty(secret, 'standard-webhooks') }
  const trimmed = secret.trim()
  if (trimmed.startsWith('whpk_')) {
    const raw = decodeBase64(trimmed.slice(5))
    if (raw?.length !== 32) {
      throw new WebhookVerificationError(
        'invalid_secret',
        'standard-webhooks: whpk_ key is not 32 base64 bytes',
      )
    }
    return { kind: 'public', material: { kind: 'ed25519', raw } }
  }
  const encoded = trimmed.startsWith('whsec_') ? trimmed.slice(6) : trimmed
  const bytes = decodeBase64(encoded)
  if (!bytes)
    throw new WebhookVerificationError('invalid_secret', 'standard-webhooks: the secret is not base64')
  return { kind: 'bytes', bytes: requireNonEmpty(bytes, 'standard-webhooks') }
}

/**
 * The Standard Webhooks scheme.
 * @example verify(standardWebhooks({ toleranceSeconds: 600 }), { rawBody, headers, secrets: ['whsec_…'] })
 */
export function standardWebhooks(options: StandardWebhooksOptions = {}): WebhookScheme & {
  sign(input: StandardWebhooksSignInput): Promise<Record<string, string>>
} {
  const [past, future] = toleranceOf(options)
  const svix = options.svixHeaders ?? true
  return {
    id: 'standard-webhooks',
    prepareSecret: prepareStandardSecret,
    extract(input: VerifyInput, nowMs: number): Extraction {
      const { headers } = input
      let id = getHeader(headers, 'webhook-id')
      let timestamp: string | undefined
      let signature: string | undefined
      if (id !== undefined) {
        timestamp = getHeader(headers, 'webhook-timestamp')
        signature = getHeader(headers, 'webhook-signature', ' ')
      } else if (svix) {
        id = getHeader(headers, 'svix-id')
        timestamp = getHeader(headers, 'svix-timestamp')
        signature = getHeader(headers, 'svix-signature', ' ')
      }
      if (!id || !timestamp || !signature) {
        return failure('missing_header', 'Missing webhook-id, webhook-timestamp or webhook-signature header')
      }
      if (id.includes('.')) return failure('malformed_header', 'webhook-id must not contain "."')
      const seconds = parseSeconds(timestamp)
      if (seconds < 0) return failure('malformed_header', 'webhook-timestamp is not unix seconds')
      const timestampMs = seconds * 1000
      const late = checkTolerance(timestampMs, nowMs, past, future)
      if (late) return late
      let hmac: Uint8Array[] | undefined
      let publicKey: Uint8Array[] | undefined
      // Space-separated `version,signature` pairs; scanned in place (no split) since this runs per delivery.
      let start = 0
      while (start < signature.length) {
        let end = signature.indexOf(' ', start)
        if (end < 0) end = signature.length
        if (signature.startsWith('v1,', start)) {
          const bytes = decodeSignatureBase64(signature.slice(start + 3, end))
          if (!bytes) return failure('malformed_header', 'A v1 signature is not base64')
          if (bytes.length > 0) {
            hmac ??= []
            hmac.push(bytes)
          }
        } else if (signature.startsWith('v1a,', start)) {
          const bytes = decodeSignatureBase64(signature.slice(start + 4, end))
          if (!bytes) return failure('malformed_header', 'A v1a signature is not base64')
          if (bytes.length > 0) {
            publicKey ??= []
            publicKey.push(bytes)
          }
        }
        start = end + 1
      }
      if (!hmac && !publicKey) return failure('no_matching_signature', 'No v1 or v1a signature in the header')
      const { rawBody } = input
      const content =
        typeof rawBody === 'string' ? [`${id}.${timestamp}.${rawBody}`] : [`${id}.${timestamp}.`, rawBody]
      return {
        valid: true,
        id,
        timestamp: new Date(timestampMs),
        check: { content, algorithm: 'sha256', hmac, publicKey },
      }
    },
    async sign(input) {
      const when = signingTime(input.timestamp)
      const seconds = String(Math.floor(when.getTime() / 1000))
      if (!input.id) throw new ConfigError('standard-webhooks: sign needs a message id')
      if (input.id.includes('.'))
        throw new WebhookVerificationError('malformed_header', 'id must not contain "."')
      const content = [input.id, '.', seconds, '.', input.rawBody]
      let signature: string
      if (isEd25519PrivateKey(input.secret)) {
        signature = `v1a,${encodeBytes(signEd25519(input.secret, content), 'base64')}`
      } else {
        const key = prepareStandardSecret(input.secret as SecretInput)
        if (key.kind !== 'bytes') {
          throw new WebhookVerificationError(
            'invalid_secret',
            'standard-webhooks: cannot sign with a public key',
          )
        }
        signature = `v1,${encodeBytes(await macBytes('sha256', key.bytes, content, input.backend), 'base64')}`
      }
      return { 'webhook-id': input.id, 'webhook-timestamp': seconds, 'webhook-signature': signature }
    },
  }
}

type PrivateKeyInput = SecretInput | import('node:crypto').KeyObject

function isEd25519PrivateKey(secret: PrivateKeyInput): boolean {
  if (typeof secret === 'string') return secret.trim().startsWith('whsk_')
  return !(secret instanceof Uint8Array)
}

const ED25519_PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])

/** Ed25519 signing (Node only): `whsk_` = base64 of the 32-byte seed (or 64-byte seed+public key). */
function signEd25519(secret: PrivateKeyInput, content: readonly (string | Uint8Array)[]): Uint8Array {
  if (!nodeCrypto) throw new WebhookVerificationError('invalid_secret', 'v1a signing needs node:crypto')
  let key: import('node:crypto').KeyObject
  if (typeof secret === 'string') {
    const seed = decodeBase64(secret.trim().slice(5))
    if (!seed || (seed.length !== 32 && seed.length !== 64)) {
      throw new WebhookVerificationError(
        'invalid_secret',
        'standard-webhooks: whsk_ key is not 32 or 64 bytes',
      )
    }
    const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed.subarray(0, 32)])
    key = nodeCrypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } else {
    key = secret as import('node:crypto').KeyObject
  }
  return nodeCrypto.sign(null, Buffer.concat(content.map((part) => toBytes(part))), key)
}
