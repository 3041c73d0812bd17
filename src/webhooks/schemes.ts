/**
 * The built-in scheme registry (ids usable as strings in `verify('github', …)`) and `sign()` across schemes.
 * Default instances are created on first use and kept, so their decoded-secret caches survive between calls.
 */
import { ConfigError } from '../errors/index.js'
import { aftership, easypost, github, hmacScheme, shopify } from './hmac.js'
import { jwksRsa } from './jwks-rsa.js'
import { sharedToken } from './shared-token.js'
import { standardWebhooks } from './standard-webhooks.js'
import { timestampedHmac } from './timestamped-hmac.js'
import type { WebhookScheme } from './types.js'
import { resolveScheme, type SchemeInput, setSchemeResolver } from './verify.js'

/** Ids of the built-in schemes. */
export type SchemeId =
  | 'standard-webhooks'
  | 'timestamped-hmac'
  | 'hmac'
  | 'easypost'
  | 'aftership'
  | 'github'
  | 'shopify'
  | 'jwks-rsa'
  | 'shared-token'

const factories: Record<SchemeId, () => WebhookScheme> = {
  'standard-webhooks': () => standardWebhooks(),
  'timestamped-hmac': () => timestampedHmac(),
  hmac: () => hmacScheme(),
  easypost,
  aftership,
  github,
  shopify,
  'jwks-rsa': () => jwksRsa(),
  'shared-token': () => sharedToken(),
}

/** Every built-in scheme id. */
export const schemeIds = Object.keys(factories) as SchemeId[]

const instances = new Map<string, WebhookScheme>()

setSchemeResolver((id) => {
  let scheme = instances.get(id)
  if (!scheme && Object.hasOwn(factories, id)) {
    scheme = factories[id as SchemeId]()
    instances.set(id, scheme)
  }
  return scheme
})

/** What `sign()` needs; fields a scheme does not use are ignored. */
export interface SignInput {
  rawBody: Uint8Array | string
  secret: string | Uint8Array
  /** Message id (Standard Webhooks). */
  id?: string
  /** Attempt time (timestamped schemes). @default new Date() */
  timestamp?: Date
  backend?: import('./crypto.js').CryptoBackend
}

/**
 * Headers that make a valid delivery of `rawBody` under a symmetric scheme (for tests, and for forwarding).
 * @example const headers = await sign('github', { rawBody, secret })
 */
export async function sign(scheme: SchemeInput, input: SignInput): Promise<Record<string, string>> {
  const resolved = resolveScheme(scheme) as WebhookScheme & {
    sign?: (input: never) => Promise<Record<string, string>>
  }
  if (!resolved.sign)
    throw new ConfigError(`Scheme ${resolved.id} cannot sign (asymmetric keys are the sender's)`)
  return resolved.sign(input as never)
}
