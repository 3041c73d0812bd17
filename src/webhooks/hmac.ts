/**
 * Plain body HMAC: `prefix + encode(HMAC(secret, rawBody))` in one header, with configurable header,
 * algorithm (sha1/sha256/sha512), encoding (hex/base64) and prefix. Several comma/space-separated signatures
 * in the header are accepted (hex and base64 contain neither). No timestamp is signed, so replay protection
 * is de-duplication on the delivery id (`idHeader`).
 *
 * Presets and their sources:
 * - `github`: `X-Hub-Signature-256: sha256=<hex>`, id `X-GitHub-Delivery` (docs.github.com "Validating webhook
 *   deliveries"; the docs vector is recomputed in the corpus check).
 * - `shopify`: `X-Shopify-Hmac-Sha256: <base64>`, id `X-Shopify-Webhook-Id` (shopify.dev webhook docs).
 * - `aftership`: `aftership-hmac-sha256: <base64>` (aftership.com/docs/tracking/webhook/webhook-signature).
 * - `easypost`: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, secret NFKD-normalised before use (EasyPost/easypost-node
 *   src/utils/util.js `validateWebhook`; all official clients normalise NFKD).
 */
import { ConfigError } from '../errors/index.js'
import { decodeBase64, decodeHex, encodeBytes, type HmacAlgorithm, toBytes } from './crypto.js'
import { getHeader, requireNonEmpty } from './headers.js'
import { macBytes } from './sign.js'
import type { Extraction, PreparedKey, SecretInput, VerifyInput, WebhookScheme } from './types.js'
import { failure } from './types.js'

/** Options of {@link hmacScheme}. */
export interface HmacSchemeOptions {
  /** Id reported in results. @default 'hmac' */
  id?: string
  /** Header carrying the signature (case-insensitive). @default 'x-signature' */
  header?: string
  /** @default 'sha256' */
  algorithm?: HmacAlgorithm
  /** @default 'hex' */
  encoding?: 'hex' | 'base64'
  /** Text before the encoded digest, e.g. `sha256=`. @default '' */
  prefix?: string
  /** Header carrying the delivery id (reported as `id`, used for de-duplication). @default undefined */
  idHeader?: string
  /** Unicode-normalise a string secret before use (EasyPost: NFKD). @default undefined */
  normalizeSecret?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'
}

/** Input of a plain HMAC scheme's `sign`. */
export interface HmacSignInput {
  rawBody: Uint8Array | string
  secret: SecretInput
  backend?: import('./crypto.js').CryptoBackend
}

export type HmacScheme = WebhookScheme & { sign(input: HmacSignInput): Promise<Record<string, string>> }

const ALGORITHMS = new Set(['sha1', 'sha256', 'sha512'])

/**
 * A plain body HMAC scheme.
 * @example verify(hmacScheme({ header: 'x-signature', encoding: 'base64' }), { rawBody, headers, secrets })
 */
export function hmacScheme(options: HmacSchemeOptions = {}): HmacScheme {
  const id = options.id ?? 'hmac'
  const header = (options.header ?? 'x-signature').toLowerCase()
  const algorithm = options.algorithm ?? 'sha256'
  const encoding = options.encoding ?? 'hex'
  const prefix = options.prefix ?? ''
  const idHeader = options.idHeader?.toLowerCase()
  if (!ALGORITHMS.has(algorithm)) throw new ConfigError(`${id}: unsupported HMAC algorithm "${algorithm}"`)
  if (encoding !== 'hex' && encoding !== 'base64')
    throw new ConfigError(`${id}: unsupported encoding "${encoding}"`)
  const decode = encoding === 'hex' ? decodeHex : decodeBase64
  const prepareSecret = (secret: SecretInput): PreparedKey => {
    const text =
      typeof secret === 'string' && options.normalizeSecret
        ? secret.normalize(options.normalizeSecret)
        : secret
    return { kind: 'bytes', bytes: requireNonEmpty(toBytes(text), id) }
  }
  return {
    id,
    prepareSecret,
    extract(input: VerifyInput): Extraction {
      const value = getHeader(input.headers, header)
      if (value === undefined || value === '') return failure('missing_header', `Missing ${header} header`)
      const signatures: Uint8Array[] = []
      const parts = value.includes(',') || value.includes(' ') ? value.split(/[,\s]+/) : [value]
      for (const part of parts) {
        if (part === '') continue
        if (!part.startsWith(prefix))
          return failure('malformed_header', `${header} does not start with "${prefix}"`)
        const bytes = decode(part.slice(prefix.length))
        if (!bytes) return failure('malformed_header', `${header} is not ${encoding}`)
        signatures.push(bytes)
      }
      const found: Extraction = {
        valid: true,
        check: { content: [input.rawBody], algorithm, hmac: signatures },
      }
      if (idHeader) {
        const deliveryId = getHeader(input.headers, idHeader)
        if (deliveryId) found.id = deliveryId
      }
      return found
    },
    async sign(input) {
      const key = prepareSecret(input.secret)
      if (key.kind !== 'bytes') throw new ConfigError(`${id}: cannot sign with this secret`)
      const mac = await macBytes(algorithm, key.bytes, [input.rawBody], input.backend)
      return { [header]: `${prefix}${encodeBytes(mac, encoding)}` }
    },
  }
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`. */
export const github = (): HmacScheme =>
  hmacScheme({
    id: 'github',
    header: 'x-hub-signature-256',
    prefix: 'sha256=',
    idHeader: 'x-github-delivery',
  })

/** Shopify: `X-Shopify-Hmac-Sha256: <base64>`. */
export const shopify = (): HmacScheme =>
  hmacScheme({
    id: 'shopify',
    header: 'x-shopify-hmac-sha256',
    encoding: 'base64',
    idHeader: 'x-shopify-webhook-id',
  })

/** AfterShip tracking webhooks: `aftership-hmac-sha256: <base64>`. */
export const aftership = (): HmacScheme =>
  hmacScheme({ id: 'aftership', header: 'aftership-hmac-sha256', encoding: 'base64' })

/** EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, secret NFKD-normalised. */
export const easypost = (): HmacScheme =>
  hmacScheme({
    id: 'easypost',
    header: 'x-hmac-signature',
    prefix: 'hmac-sha256-hex=',
    normalizeSecret: 'NFKD',
  })
