/**
 * 17TRACK's push signature: header `sign` = lower-case hex of SHA-256 over the raw body, a `/`, and the account's
 * security key (`sha256(body + "/" + key)`; 17TRACK Tracking API v2.2 docs, "Webhook" → signature verification).
 * It is a keyed digest, not an HMAC; the engine compares it in constant time. No timestamp is signed and no
 * delivery id is sent, so replays are stopped by de-duplicating on the parcel's content (the events' ids).
 */
import { ConfigError } from '../errors/index.js'
import { decodeHex, encodeBytes, toBytes } from './crypto.js'
import { getHeader, requireNonEmpty } from './headers.js'
import type { Extraction, PreparedKey, SecretInput, VerifyInput, WebhookScheme } from './types.js'
import { failure } from './types.js'

/** The header 17TRACK signs its pushes in. */
export const TRACK17_SIGN_HEADER = 'sign'

const SEPARATOR = toBytes('/')

/** Input of the 17TRACK scheme's `sign` (tests, and forwarding a delivery). */
export interface Track17SignInput {
  rawBody: Uint8Array | string
  secret: SecretInput
}

/**
 * The 17TRACK push scheme (`'17track'` in the registry).
 * @example verify(track17Scheme(), { rawBody, headers, secrets: [process.env.TRACK17_KEY!] })
 */
export function track17Scheme(): WebhookScheme & {
  sign(input: Track17SignInput): Promise<Record<string, string>>
} {
  const id = '17track'
  const prepareSecret = (secret: SecretInput): PreparedKey => ({
    kind: 'bytes',
    bytes: requireNonEmpty(toBytes(secret), id),
  })
  return {
    id,
    prepareSecret,
    extract(input: VerifyInput): Extraction {
      const value = getHeader(input.headers, TRACK17_SIGN_HEADER)?.trim()
      if (!value) return failure('missing_header', `Missing ${TRACK17_SIGN_HEADER} header`)
      const signature = /^[0-9a-fA-F]{64}$/.test(value) ? decodeHex(value.toLowerCase()) : undefined
      if (!signature) return failure('malformed_header', `${TRACK17_SIGN_HEADER} is not a SHA-256 hex digest`)
      return {
        valid: true,
        check: { content: [input.rawBody, SEPARATOR], algorithm: 'sha256', keyedDigest: [signature] },
      }
    },
    async sign(input) {
      const key = prepareSecret(input.secret)
      if (key.kind !== 'bytes') throw new ConfigError(`${id}: cannot sign with this secret`)
      const parts = [toBytes(input.rawBody), SEPARATOR, key.bytes]
      const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
      let offset = 0
      for (const part of parts) {
        data.set(part, offset)
        offset += part.length
      }
      const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data))
      return { [TRACK17_SIGN_HEADER]: encodeBytes(digest, 'hex') }
    },
  }
}
