/**
 * The crypto layer of webhook verification: Node's `node:crypto` when the runtime has it (sync, fastest), the
 * WebCrypto `crypto.subtle` API otherwise (Workers, browsers, Deno without Node compatibility).
 *
 * Node's crypto is looked up with `process.getBuiltinModule` instead of a static import, so this module loads
 * in runtimes that have no `node:crypto` at all. Every comparison is constant-time: `timingSafeEqual` on Node,
 * `subtle.verify` (HMAC, Ed25519, RSA) or a XOR fold over fixed-length digests on WebCrypto.
 */
import type * as NodeCrypto from 'node:crypto'

/** HMAC hash functions the schemes use. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512'

/** Which implementation runs the crypto: `node` (node:crypto) or `webcrypto` (crypto.subtle). */
export type CryptoBackend = 'node' | 'webcrypto'

/** Signed content in pieces (concatenated in order); strings are UTF-8. Avoids copying the body. */
export type SignedContent = readonly (string | Uint8Array)[]

const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process

/** `node:crypto`, when this runtime has it. */
export const nodeCrypto: typeof NodeCrypto | undefined =
  typeof proc?.getBuiltinModule === 'function'
    ? (proc.getBuiltinModule('node:crypto') as typeof NodeCrypto | undefined)
    : undefined

/** The backend used when the caller does not force one. */
export const defaultBackend: CryptoBackend = nodeCrypto ? 'node' : 'webcrypto'

const encoder = new TextEncoder()

/** UTF-8 bytes of a string, or the bytes themselves. */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value
}

/** One byte array holding the signed content. */
export function concatContent(content: SignedContent): Uint8Array {
  if (content.length === 1) return toBytes(content[0]!)
  const parts = content.map(toBytes)
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/
const BASE64URL = /^[A-Za-z0-9_-]*$/
const HEX = /^(?:[0-9a-fA-F]{2})*$/

/** Decodes standard base64 (padding optional); `undefined` when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined
  if (nodeCrypto) return Buffer.from(text, 'base64')
  const binary = atob(text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4)))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/**
 * Decodes a base64 signature candidate strictly: `undefined` for anything but canonical base64 (padding
 * optional), so bytes after the padding or stray characters make the header malformed instead of being
 * ignored by a lenient decoder (Node's `Buffer.from(…, 'base64')` stops at the first `=`).
 */
export function decodeSignatureBase64(text: string): Uint8Array | undefined {
  return decodeBase64(text)
}

/** Decodes base64url (JWK members); `undefined` when the text is not base64url. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text)) return undefined
  return decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/'))
}

/** Decodes hex of either case; `undefined` when the text is not hex. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (!HEX.test(text)) return undefined
  if (nodeCrypto) return Buffer.from(text, 'hex')
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** Encodes bytes as base64 or lowercase hex. */
export function encodeBytes(bytes: Uint8Array, encoding: 'base64' | 'hex'): string {
  if (nodeCrypto) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding)
  if (encoding === 'hex') {
    let out = ''
    for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
    return out
  }
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Constant-time equality of two byte arrays (length is not secret: both sides are fixed-size digests). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  if (nodeCrypto) return nodeCrypto.timingSafeEqual(a, b)
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** HMAC over the content with Node's crypto (sync). */
export function hmacNode(algorithm: HmacAlgorithm, key: Uint8Array, content: SignedContent): Uint8Array {
  const mac = nodeCrypto!.createHmac(algorithm, key)
  for (const part of content) mac.update(part)
  return mac.digest()
}

const WEB_HASH: Record<HmacAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }
const webHmacKeys = new WeakMap<Uint8Array, Map<HmacAlgorithm, Promise<CryptoKey>>>()

function subtle(): SubtleCrypto {
  const s = (globalThis as { crypto?: Crypto }).crypto?.subtle
  if (!s) throw new Error('Neither node:crypto nor WebCrypto (crypto.subtle) is available in this runtime')
  return s
}

/** The WebCrypto HMAC key for these bytes, imported once and cached for as long as the bytes live. */
export function webHmacKey(algorithm: HmacAlgorithm, key: Uint8Array): Promise<CryptoKey> {
  let byAlgorithm = webHmacKeys.get(key)
  if (!byAlgorithm) {
    byAlgorithm = new Map()
    webHmacKeys.set(key, byAlgorithm)
  }
  let imported = byAlgorithm.get(algorithm)
  if (!imported) {
    imported = subtle().importKey(
      'raw',
      key as BufferSource,
      { name: 'HMAC', hash: WEB_HASH[algorithm] },
      false,
      ['sign', 'verify'],
    )
    byAlgorithm.set(algorithm, imported)
  }
  return imported
}

/** HMAC over the content with WebCrypto. */
export async function hmacWeb(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  content: SignedContent,
): Promise<Uint8Array> {
  const cryptoKey = await webHmacKey(algorithm, key)
  return new Uint8Array(await subtle().sign('HMAC', cryptoKey, concatContent(content) as BufferSource))
}

/** A public key for asymmetric schemes: Ed25519 (raw 32 bytes) or RSA (a JWK). */
export type PublicKeyMaterial = { kind: 'ed25519'; raw: Uint8Array } | { kind: 'rsa'; jwk: JsonWebKey }

const ED25519_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
])
const nodePublicKeys = new WeakMap<PublicKeyMaterial, NodeCrypto.KeyObject>()
const webPublicKeys = new WeakMap<PublicKeyMaterial, Promise<CryptoKey>>()

function nodePublicKey(material: PublicKeyMaterial): NodeCrypto.KeyObject {
  let key = nodePublicKeys.get(material)
  if (!key) {
    key =
      material.kind === 'ed25519'
        ? nodeCrypto!.createPublicKey({
            key: Buffer.concat([ED25519_SPKI_PREFIX, material.raw]),
            format: 'der',
            type: 'spki',
          })
        : nodeCrypto!.createPublicKey({ key: material.jwk as NodeCrypto.JsonWebKey, format: 'jwk' })
    nodePublicKeys.set(material, key)
  }
  return key
}

function webPublicKey(material: PublicKeyMaterial): Promise<CryptoKey> {
  let key = webPublicKeys.get(material)
  if (!key) {
    key =
      material.kind === 'ed25519'
        ? subtle().importKey('raw', material.raw as BufferSource, { name: 'Ed25519' }, false, ['verify'])
        : subtle().importKey('jwk', material.jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
            'verify',
          ])
    webPublicKeys.set(material, key)
  }
  return key
}

/** Index of the first public key that verifies one of the signatures over the content, or -1 (Node). */
export function findPublicKeyNode(
  keys: readonly PublicKeyMaterial[],
  content: SignedContent,
  signatures: readonly Uint8Array[],
): number {
  const data = concatContent(content)
  for (let k = 0; k < keys.length; k++) {
    const material = keys[k]!
    const key = nodePublicKey(material)
    for (const signature of signatures) {
      const ok =
        material.kind === 'ed25519'
          ? nodeCrypto!.verify(null, data, key, signature)
          : nodeCrypto!.verify('sha256', data, key, signature)
      if (ok) return k
    }
  }
  return -1
}

/** WebCrypto twin of {@link findPublicKeyNode}. */
export async function findPublicKeyWeb(
  keys: readonly PublicKeyMaterial[],
  content: SignedContent,
  signatures: readonly Uint8Array[],
): Promise<number> {
  const data = concatContent(content) as BufferSource
  for (let k = 0; k < keys.length; k++) {
    const material = keys[k]!
    const key = await webPublicKey(material)
    const algorithm = material.kind === 'ed25519' ? { name: 'Ed25519' } : { name: 'RSASSA-PKCS1-v1_5' }
    for (const signature of signatures) {
      if (await subtle().verify(algorithm, key, signature as BufferSource, data)) return k
    }
  }
  return -1
}

/** SHA-256 of the bytes (used to compare shared tokens of any length in constant time). */
export function sha256Node(bytes: Uint8Array): Uint8Array {
  return nodeCrypto!.createHash('sha256').update(bytes).digest()
}

/** WebCrypto twin of {@link sha256Node}. */
export async function sha256Web(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes as BufferSource))
}
