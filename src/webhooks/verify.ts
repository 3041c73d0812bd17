/**
 * The verification engine: resolves a scheme, prepares (and caches) the decoded secrets, asks the scheme for
 * the signed content and candidate signatures, then checks them in constant time — synchronously with
 * node:crypto, asynchronously with WebCrypto. Header parsing happens once per delivery, in the scheme.
 */
import { ConfigError, WebhookVerificationError } from '../errors/index.js'
import {
  type CryptoBackend,
  concatContent,
  constantTimeEqual,
  defaultBackend,
  findPublicKeyNode,
  findPublicKeyWeb,
  nodeCrypto,
  type PublicKeyMaterial,
  sha256Node,
  sha256Web,
  webHmacKey,
} from './crypto.js'
import { builtInScheme, type SchemeId } from './registry.js'
import type {
  Extraction,
  PreparedKey,
  SecretInput,
  SignatureCheck,
  VerifyInput,
  VerifyResult,
  VerifySuccess,
  WebhookScheme,
} from './types.js'
import { failure } from './types.js'

/** A scheme id of the built-in registry (see `schemes.ts`) or a configured scheme object. */
export type SchemeInput = SchemeId | WebhookScheme

/** The scheme object for an id or object; throws `ConfigError` for an unknown id. */
export function resolveScheme(scheme: SchemeInput): WebhookScheme {
  if (typeof scheme !== 'string') return scheme
  const found = builtInScheme(scheme)
  if (!found) throw new ConfigError(`Unknown webhook scheme "${scheme}"`)
  return found
}

const MAX_CACHED_SECRETS = 512
const secretCache = new WeakMap<WebhookScheme, Map<SecretInput, PreparedKey>>()
const listCache = new WeakMap<readonly SecretInput[], { scheme: WebhookScheme; keys: PreparedKey[] }>()

/**
 * Decoded keys for these secrets, cached per scheme (by secret value) and per secrets array (by identity), so a
 * handler that passes the same array pays nothing after the first delivery.
 */
export function prepareKeys(
  scheme: WebhookScheme,
  secrets: readonly SecretInput[] | undefined,
): PreparedKey[] {
  if (!secrets || secrets.length === 0) {
    if (scheme.keysFromSource) return []
    throw new WebhookVerificationError('invalid_secret', `${scheme.id}: no secret configured`)
  }
  const listed = listCache.get(secrets)
  if (listed && listed.scheme === scheme) return listed.keys
  let cache = secretCache.get(scheme)
  if (!cache) {
    cache = new Map()
    secretCache.set(scheme, cache)
  }
  const keys: PreparedKey[] = []
  for (const secret of secrets) {
    let key = cache.get(secret)
    if (!key) {
      key = scheme.prepareSecret(secret)
      if (cache.size >= MAX_CACHED_SECRETS) cache.clear()
      cache.set(secret, key)
    }
    keys.push(key)
  }
  listCache.set(secrets, { scheme, keys })
  return keys
}

function success(
  scheme: WebhookScheme,
  found: Extract<Extraction, { valid: true }>,
  index: number,
): VerifySuccess {
  const result: VerifySuccess = { valid: true, scheme: scheme.id, secretIndex: index }
  if (found.id !== undefined) result.id = found.id
  if (found.timestamp !== undefined) result.timestamp = found.timestamp
  if (found.keyId !== undefined) result.keyId = found.keyId
  return result
}

const NO_MATCH = 'No signature matched any configured secret'

/** WebCrypto names of the digest algorithms a keyed digest may use. */
const WEB_DIGEST = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const

/** Index of the matching key, or -1 (node:crypto, synchronous). */
function matchSync(
  check: SignatureCheck,
  keys: readonly PreparedKey[],
  publicKeys?: readonly PublicKeyMaterial[],
) {
  if (publicKeys) return check.publicKey ? findPublicKeyNode(publicKeys, check.content, check.publicKey) : -1
  const crypto = nodeCrypto!
  const { content, hmac, publicKey, token, keyedDigest } = check
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!
    if (key.kind === 'bytes') {
      if (token) {
        if (crypto.timingSafeEqual(sha256Node(token), sha256Node(key.bytes))) return k
      } else if (hmac && hmac.length > 0) {
        const mac = crypto.createHmac(check.algorithm ?? 'sha256', key.bytes)
        for (let i = 0; i < content.length; i++) mac.update(content[i]!)
        const digest = mac.digest()
        for (let s = 0; s < hmac.length; s++) {
          const signature = hmac[s]!
          if (signature.length === digest.length && crypto.timingSafeEqual(signature, digest)) return k
        }
      } else if (keyedDigest && keyedDigest.length > 0) {
        const hash = crypto.createHash(check.algorithm ?? 'sha256')
        for (let i = 0; i < content.length; i++) hash.update(content[i]!)
        const digest = hash.update(key.bytes).digest()
        for (const signature of keyedDigest)
          if (signature.length === digest.length && crypto.timingSafeEqual(signature, digest)) return k
      }
    } else if (publicKey && publicKey.length > 0) {
      if (findPublicKeyNode([key.material], content, publicKey) === 0) return k
    }
  }
  return -1
}

/** WebCrypto twin of {@link matchSync}. */
async function matchAsync(
  check: SignatureCheck,
  keys: readonly PreparedKey[],
  publicKeys?: readonly PublicKeyMaterial[],
): Promise<number> {
  if (publicKeys) return check.publicKey ? findPublicKeyWeb(publicKeys, check.content, check.publicKey) : -1
  const subtle = globalThis.crypto.subtle
  const { content, hmac, publicKey, token, keyedDigest } = check
  const data = concatContent(content) as BufferSource
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!
    if (key.kind === 'bytes') {
      if (token) {
        if (constantTimeEqual(await sha256Web(token), await sha256Web(key.bytes))) return k
      } else if (hmac && hmac.length > 0) {
        const cryptoKey = await webHmacKey(check.algorithm ?? 'sha256', key.bytes)
        for (const signature of hmac) {
          if (await subtle.verify('HMAC', cryptoKey, signature as BufferSource, data)) return k
        }
      } else if (keyedDigest && keyedDigest.length > 0) {
        const digest = new Uint8Array(
          await subtle.digest(
            WEB_DIGEST[check.algorithm ?? 'sha256'],
            concatContent([...content, key.bytes]) as BufferSource,
          ),
        )
        for (const signature of keyedDigest) if (constantTimeEqual(signature, digest)) return k
      }
    } else if (publicKey && publicKey.length > 0) {
      if ((await findPublicKeyWeb([key.material], content, publicKey)) === 0) return k
    }
  }
  return -1
}

function conclude(scheme: WebhookScheme, found: Extraction, index: number): VerifyResult {
  if (!found.valid) return found
  return index >= 0 ? success(scheme, found, index) : failure('no_matching_signature', NO_MATCH)
}

function catchInvalidSecret(error: unknown): VerifyResult {
  if (error instanceof WebhookVerificationError) return failure(error.reason, error.message)
  throw error
}

/**
 * Verifies a delivery synchronously with node:crypto (the fastest path). Throws `ConfigError` when the runtime
 * has no node:crypto or the scheme needs I/O (JWKS) — use {@link verify} there.
 * @example const result = verifySync('github', { rawBody, headers, secrets: [process.env.GH_SECRET!] })
 */
export function verifySync(scheme: SchemeInput, input: VerifyInput): VerifyResult {
  const resolved = resolveScheme(scheme)
  if (!nodeCrypto || input.backend === 'webcrypto')
    throw new ConfigError('verifySync needs node:crypto; use verify()')
  let keys: PreparedKey[]
  try {
    keys = prepareKeys(resolved, input.secrets)
  } catch (error) {
    return catchInvalidSecret(error)
  }
  const found = resolved.extract(input, input.now?.getTime() ?? Date.now())
  if (found instanceof Promise) throw new ConfigError(`Scheme ${resolved.id} needs I/O; use verify()`)
  if (!found.valid) return found
  return conclude(resolved, found, matchSync(found.check, keys, found.publicKeys))
}

/**
 * Verifies a delivery. Never throws for a bad delivery: answers `{ valid: false, reason, message }`.
 * Network errors while fetching a JWKS do propagate (they are not the sender's fault; answer 5xx).
 * @example
 * const result = await verify('standard-webhooks', { rawBody, headers, secrets: ['whsec_…'] })
 * if (!result.valid) return new Response(result.reason, { status: 401 })
 */
export async function verify(scheme: SchemeInput, input: VerifyInput): Promise<VerifyResult> {
  const resolved = resolveScheme(scheme)
  const backend: CryptoBackend = input.backend ?? defaultBackend
  let keys: PreparedKey[]
  try {
    keys = prepareKeys(resolved, input.secrets)
  } catch (error) {
    return catchInvalidSecret(error)
  }
  const found = await resolved.extract(input, input.now?.getTime() ?? Date.now())
  if (!found.valid) return found
  const index =
    backend === 'node' && nodeCrypto
      ? matchSync(found.check, keys, found.publicKeys)
      : await matchAsync(found.check, keys, found.publicKeys)
  return conclude(resolved, found, index)
}

/**
 * Like {@link verify} but throws `WebhookVerificationError` (with the same `reason`) instead of answering invalid.
 * @example const { id } = await verifyOrThrow('easypost', { rawBody, headers, secrets: [secret] })
 */
export async function verifyOrThrow(scheme: SchemeInput, input: VerifyInput): Promise<VerifySuccess> {
  const result = await verify(scheme, input)
  if (!result.valid) throw new WebhookVerificationError(result.reason, result.message)
  return result
}
