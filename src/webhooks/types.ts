/**
 * Types shared by every webhook scheme: what a caller passes in, what verification answers, and the small
 * contract a scheme module implements (extract the signed content and the candidate signatures from a
 * delivery; the engine in `verify.ts` does the crypto, sync on Node or async on WebCrypto).
 */
import type { WebhookFailureReason } from '../errors/index.js'
import type { CryptoBackend, HmacAlgorithm, PublicKeyMaterial, SignedContent } from './crypto.js'

/** Request headers: a fetch `Headers`, or a plain object as `node:http` gives it (values may be arrays). */
export type HeadersInput = Headers | Record<string, string | readonly string[] | undefined>

/** A secret as configured: a string (scheme-specific encoding, e.g. `whsec_…`) or raw key bytes. */
export type SecretInput = string | Uint8Array

/** What a verifier needs from one delivery. */
export interface VerifyInput {
  /** The body exactly as received: bytes, or the string as received. Never re-serialized JSON. */
  rawBody: Uint8Array | string
  headers: HeadersInput
  /** Secrets (or public keys) to accept; several during a rotation. Unused by `jwks-rsa`. */
  secrets?: readonly SecretInput[]
  /** The clock used for timestamp tolerance. @default new Date() */
  now?: Date
  /** The request URL (only the `shared-token` scheme reads it, for a query parameter). */
  url?: string | URL
  /** Force a crypto implementation (tests, or a runtime with a broken node:crypto). @default 'node' when available */
  backend?: CryptoBackend
}

/** A delivery that verified. */
export interface VerifySuccess {
  valid: true
  /** The scheme id that verified it. */
  scheme: string
  /** Delivery/message id from the headers, when the scheme has one (idempotency key). */
  id?: string
  /** The signed timestamp, when the scheme has one. */
  timestamp?: Date
  /** Index in `secrets` of the secret that matched (useful to retire old secrets). */
  secretIndex: number
  /** Key id (`kid`) for JWKS-based schemes. */
  keyId?: string
}

/** A delivery that did not verify; `reason` is the same string the throwing variant uses. */
export interface VerifyFailure {
  valid: false
  reason: WebhookFailureReason
  /** Human-readable detail, never containing a secret or a signature. */
  message: string
}

export type VerifyResult = VerifySuccess | VerifyFailure

/** What a scheme found in a delivery, for the engine to check. */
export type Extraction =
  | VerifyFailure
  | {
      valid: true
      check: SignatureCheck
      id?: string
      timestamp?: Date
      keyId?: string
      /** Asymmetric keys found for this delivery (JWKS); replaces the configured ones. */
      publicKeys?: readonly PublicKeyMaterial[]
    }

/**
 * The signatures a delivery carries over `content`: HMAC digests (`algorithm`), asymmetric signatures
 * (`publicKey`, checked against Ed25519/RSA keys), a shared token compared as a whole, or keyed digests
 * (`keyedDigest`: the plain hash (`algorithm`) of `content` followed by the secret's bytes, as 17TRACK signs).
 */
export interface SignatureCheck {
  content: SignedContent
  algorithm?: HmacAlgorithm
  hmac?: readonly Uint8Array[]
  publicKey?: readonly Uint8Array[]
  token?: Uint8Array
  keyedDigest?: readonly Uint8Array[]
}

/** A key prepared once per secret: HMAC/token bytes or a public key. */
export type PreparedKey =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'public'; material: PublicKeyMaterial }

/** The contract a scheme implements. Build one with the scheme factories (`hmacScheme`, …). */
export interface WebhookScheme {
  /** Stable id (`'standard-webhooks'`, `'github'`, …) reported in results. */
  readonly id: string
  /** Turns one configured secret into key material; throws `WebhookVerificationError('invalid_secret')`. */
  prepareSecret(secret: SecretInput): PreparedKey
  /** Reads headers/body; returns the check to run or why the delivery is refused. */
  extract(input: VerifyInput, nowMs: number): Extraction | Promise<Extraction>
  /** True when the scheme needs no configured secrets (keys come from elsewhere, e.g. a JWKS URL). */
  readonly keysFromSource?: boolean
}

/** Builds a failure result. */
export function failure(reason: WebhookFailureReason, message: string): VerifyFailure {
  return { valid: false, reason, message }
}
