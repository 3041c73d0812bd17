/**
 * Host-key pinning: parses SHA-256 fingerprints in the forms OpenSSH prints (`SHA256:<base64>`) and as hex, and
 * builds the `hostVerifier` ssh2 calls with the server's raw public key.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../errors/index.js'

/** The explicit opt-out of host-key verification. Never the default. */
export const INSECURE_ACCEPT_ANY = 'insecure-accept-any'

/**
 * A pinned host key: `SHA256:<base64>` (as `ssh-keygen -lf` and `ssh` print it), 64 hex digits (colons allowed),
 * several of them during a key rotation, or `'insecure-accept-any'` written out to turn verification off.
 */
export type HostKeyPin = string | readonly string[]

/** Parses one fingerprint to its 32-byte SHA-256 digest. Throws a ConfigError for anything else. */
export function parseFingerprint(value: string): Buffer {
  const text = value.trim()
  const sha = /^SHA256:([A-Za-z0-9+/]{43})=?$/.exec(text)
  if (sha?.[1]) return Buffer.from(sha[1], 'base64')
  const hex = text.replace(/:/g, '')
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return Buffer.from(hex, 'hex')
  if (/^MD5:|^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(text)) {
    throw new ConfigError(
      'hostKey: MD5 fingerprints are not accepted; pin the SHA-256 fingerprint (SHA256:...)',
    )
  }
  throw new ConfigError(
    `hostKey: '${text.slice(0, 80)}' is not a SHA-256 fingerprint (expected SHA256:<base64> or 64 hex digits)`,
  )
}

/** The OpenSSH form of a key's SHA-256 fingerprint (`SHA256:…`, base64 without padding). */
export function fingerprintOf(publicKeyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`
}

export interface HostKeyCheck {
  /** Pass to ssh2's `hostVerifier`. */
  verify(key: Buffer): boolean
  /** The fingerprint the server presented last (for the error message on a mismatch). */
  readonly presented: string | undefined
  readonly insecure: boolean
}

/** Validates the pin up front (ConfigError before any I/O) and returns the verifier. */
export function hostKeyCheck(pin: HostKeyPin | undefined): HostKeyCheck {
  if (pin === undefined || (typeof pin === 'string' && pin.trim() === '')) {
    throw new ConfigError(
      `connection.hostKey is required: pin the server's SHA-256 fingerprint (SHA256:...), or write hostKey: '${INSECURE_ACCEPT_ANY}' to skip verification`,
    )
  }
  let presented: string | undefined
  if (pin === INSECURE_ACCEPT_ANY) {
    return {
      verify(key) {
        presented = fingerprintOf(key)
        return true
      },
      get presented() {
        return presented
      },
      insecure: true,
    }
  }
  const pins = (typeof pin === 'string' ? [pin] : [...pin]).map(parseFingerprint)
  if (pins.length === 0) throw new ConfigError('connection.hostKey: the list of fingerprints is empty')
  return {
    verify(key) {
      const digest = createHash('sha256').update(key).digest()
      presented = fingerprintOf(key)
      return pins.some((p) => p.length === digest.length && timingSafeEqual(p, digest))
    },
    get presented() {
      return presented
    },
    insecure: false,
  }
}
