/**
 * Timestamped HMAC in the `t=<unix seconds>,v1=<hex>` style (Stripe's `Stripe-Signature`; Shippo's
 * `Shippo-Auth-Signature` is reported to use the same layout). Facts from stripe/stripe-node src/Webhooks.ts:
 * the header is split on `,` then `=`; every `v1` entry is a candidate (several during a secret roll); signed
 * content is `${t}.${rawBody}`; HMAC-SHA256, hex; the key is the secret's UTF-8 bytes *including* any `whsec_`
 * (not base64-decoded, unlike Standard Webhooks). Stripe only rejects old timestamps; waybill also rejects
 * timestamps too far in the future (`futureToleranceSeconds`, default = `toleranceSeconds`).
 */
import { ConfigError } from '../errors/index.js'
import {
  decodeBase64,
  decodeHex,
  encodeBytes,
  type HmacAlgorithm,
  type SignedContent,
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

/** Options of {@link timestampedHmac}. */
export interface TimestampedHmacOptions extends ToleranceOptions {
  /** Id reported in results. @default 'timestamped-hmac' */
  id?: string
  /** Header carrying `t=…,v1=…`. @default 'stripe-signature' */
  header?: string
  /** Key of the timestamp entry. @default 't' */
  timestampKey?: string
  /** Key of the signature entries. @default 'v1' */
  signatureKey?: string
  /** @default 'sha256' */
  algorithm?: HmacAlgorithm
  /** @default 'hex' */
  encoding?: 'hex' | 'base64'
  /**
   * The signed content for a timestamp (as written in the header) and the raw body.
   * @default (t, body) => [`${t}.`, body]
   */
  signedContent?: (timestamp: string, rawBody: Uint8Array | string) => SignedContent
}

/** Input of `sign` for a timestamped HMAC scheme. */
export interface TimestampedHmacSignInput {
  rawBody: Uint8Array | string
  secret: SecretInput
  /** @default new Date() */
  timestamp?: Date
  backend?: import('./crypto.js').CryptoBackend
}

const DIGITS = /^\d{1,15}$/
const defaultContent = (timestamp: string, rawBody: Uint8Array | string): SignedContent =>
  typeof rawBody === 'string' ? [`${timestamp}.${rawBody}`] : [`${timestamp}.`, rawBody]

/**
 * A `t=…,v1=…` timestamped HMAC scheme.
 * @example const shippo = timestampedHmac({ id: 'shippo', header: 'shippo-auth-signature' })
 */
export function timestampedHmac(
  options: TimestampedHmacOptions = {},
): WebhookScheme & { sign(input: TimestampedHmacSignInput): Promise<Record<string, string>> } {
  const id = options.id ?? 'timestamped-hmac'
  const header = (options.header ?? 'stripe-signature').toLowerCase()
  const timestampKey = options.timestampKey ?? 't'
  const signatureKey = options.signatureKey ?? 'v1'
  const algorithm = options.algorithm ?? 'sha256'
  const encoding = options.encoding ?? 'hex'
  if (encoding !== 'hex' && encoding !== 'base64')
    throw new ConfigError(`${id}: unsupported encoding "${encoding}"`)
  const decode = encoding === 'hex' ? decodeHex : decodeBase64
  const content = options.signedContent ?? defaultContent
  const [past, future] = toleranceOf(options)
  const prepareSecret = (secret: SecretInput): PreparedKey => ({
    kind: 'bytes',
    bytes: requireNonEmpty(toBytes(secret), id),
  })
  return {
    id,
    prepareSecret,
    extract(input: VerifyInput, nowMs: number): Extraction {
      const value = getHeader(input.headers, header, ',')
      if (!value) return failure('missing_header', `Missing ${header} header`)
      let timestamp: string | undefined
      const signatures: Uint8Array[] = []
      for (const item of value.split(',')) {
        const eq = item.indexOf('=')
        if (eq < 0) continue
        const key = item.slice(0, eq).trim()
        const text = item.slice(eq + 1).trim()
        if (key === timestampKey) timestamp = text
        else if (key === signatureKey) {
          const bytes = decode(text)
          if (bytes && bytes.length > 0) signatures.push(bytes)
        }
      }
      if (timestamp === undefined)
        return failure('malformed_header', `${header} has no ${timestampKey}= entry`)
      if (!DIGITS.test(timestamp))
        return failure('malformed_header', `${header} ${timestampKey}= is not unix seconds`)
      if (signatures.length === 0)
        return failure('no_matching_signature', `${header} has no ${signatureKey}= signature`)
      const timestampMs = Number(timestamp) * 1000
      const late = checkTolerance(timestampMs, nowMs, past, future)
      if (late) return late
      return {
        valid: true,
        timestamp: new Date(timestampMs),
        check: { content: content(timestamp, input.rawBody), algorithm, hmac: signatures },
      }
    },
    async sign(input) {
      const seconds = String(Math.floor(signingTime(input.timestamp).getTime() / 1000))
      const key = prepareSecret(input.secret)
      if (key.kind !== 'bytes') throw new ConfigError(`${id}: cannot sign with this secret`)
      const mac = await macBytes(algorithm, key.bytes, content(seconds, input.rawBody), input.backend)
      return { [header]: `${timestampKey}=${seconds},${signatureKey}=${encodeBytes(mac, encoding)}` }
    },
  }
}
