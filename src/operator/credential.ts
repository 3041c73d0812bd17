/**
 * The operator credential: a bearer token or an HTTP Basic user and password, checked against a request's
 * `Authorization` header in constant time. The configured secret is validated once, when the gate is made, and is
 * never put in an error, a challenge or a response.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../errors/index.js'

/**
 * Who may open the operator view and acknowledge alerts.
 * @example { bearer: process.env.WAYBILL_OPERATOR_TOKEN! }
 * @example { basic: { username: 'ops', password: process.env.WAYBILL_OPERATOR_PASSWORD! } }
 */
export type OperatorCredential = { bearer: string } | { basic: { username: string; password: string } }

/** A bearer token or a Basic password shorter than this is refused at creation (guessable). */
export const MIN_SECRET_LENGTH = 16

/** What a configured credential checks a request with. */
export interface CredentialGate {
  /** True when the `Authorization` header carries the configured credential. */
  allows(authorization: string | null): boolean
  /** The `WWW-Authenticate` value of a 401 answer. */
  readonly challenge: string
  /** Who an allowed request is: the Basic user name, or `operator` for a bearer token. */
  readonly who: string
}

const REALM = 'waybill operator'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Equal texts, compared through fixed-length digests so that neither length nor content leaks through timing. */
function sameSecret(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected)
}

function checkSecret(where: string, name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new ConfigError(`${where}: credential.${name} must be a string (got ${typeof value})`)
  if (value.length < MIN_SECRET_LENGTH)
    throw new ConfigError(
      `${where}: credential.${name} must be at least ${MIN_SECRET_LENGTH} characters (got ${value.length})`,
    )
  if (/[\s\u0000-\u001f\u007f]/.test(value))
    throw new ConfigError(`${where}: credential.${name} must not contain spaces or control characters`)
  return value
}

/** The text after a scheme name (`Bearer …`, `Basic …`, any case), or undefined for another scheme. */
function afterScheme(authorization: string | null, scheme: string): string | undefined {
  if (!authorization) return undefined
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(authorization)
  if (!match || match[1]!.toLowerCase() !== scheme) return undefined
  return match[2]
}

/**
 * Validates a credential and returns its gate.
 * @throws ConfigError naming the field (never its value) when the credential is missing, short or malformed.
 */
export function credentialGate(credential: OperatorCredential, where: string): CredentialGate {
  if (typeof credential !== 'object' || credential === null)
    throw new ConfigError(
      `${where}: credential is required ({ bearer } or { basic: { username, password } })`,
    )
  if ('bearer' in credential) {
    const expected = digest(checkSecret(where, 'bearer', credential.bearer))
    return {
      challenge: `Bearer realm="${REALM}"`,
      who: 'operator',
      allows(authorization) {
        const token = afterScheme(authorization, 'bearer')
        return token !== undefined && sameSecret(token, expected)
      },
    }
  }
  if ('basic' in credential && typeof credential.basic === 'object' && credential.basic !== null) {
    const { username, password } = credential.basic
    if (typeof username !== 'string' || username === '' || username.includes(':'))
      throw new ConfigError(`${where}: credential.basic.username must be a non-empty string without ':'`)
    checkSecret(where, 'basic.password', password)
    const expected = digest(`${username}:${password}`)
    return {
      challenge: `Basic realm="${REALM}", charset="UTF-8"`,
      who: username,
      allows(authorization) {
        const encoded = afterScheme(authorization, 'basic')
        if (encoded === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return false
        return sameSecret(Buffer.from(encoded, 'base64').toString('utf8'), expected)
      },
    }
  }
  throw new ConfigError(`${where}: credential must be { bearer } or { basic: { username, password } }`)
}

/**
 * One gate for several accepted credentials (a bearer token for scripts and a Basic password for browsers, say):
 * every credential is checked on every request, so which one matched does not show in the time of an answer. The
 * 401 challenge and the default "who" are the first credential's.
 * @throws ConfigError naming the bad entry when the list is empty or one credential is malformed.
 */
export function credentialGates(
  credentials: OperatorCredential | readonly OperatorCredential[],
  where: string,
): CredentialGate {
  if (!Array.isArray(credentials)) return credentialGate(credentials as OperatorCredential, where)
  if (credentials.length === 0) throw new ConfigError(`${where}: credential list is empty`)
  const gates = credentials.map((c, i) => credentialGate(c, `${where} credential[${i}]`))
  if (gates.length === 1) return gates[0]!
  return {
    challenge: gates[0]!.challenge,
    who: gates[0]!.who,
    allows(authorization) {
      let allowed = false
      for (const gate of gates) allowed = gate.allows(authorization) || allowed
      return allowed
    },
  }
}
