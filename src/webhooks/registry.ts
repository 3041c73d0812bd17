/**
 * The built-in scheme registry: ids usable as strings in `verify('github', …)`. Default instances are created on
 * first use and kept, so their decoded-secret caches survive between calls.
 *
 * `verify.ts` imports this module directly. (It used to be installed by a side-effect import, which bundlers drop:
 * the package declares itself free of side effects outside the browser bundle.)
 */
import { aftership, easypost, github, hmacScheme, shopify } from './hmac.js'
import { jwksRsa } from './jwks-rsa.js'
import { sharedToken } from './shared-token.js'
import { standardWebhooks } from './standard-webhooks.js'
import { timestampedHmac } from './timestamped-hmac.js'
import { track17Scheme } from './track17.js'
import type { WebhookScheme } from './types.js'

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
  | '17track'

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
  '17track': () => track17Scheme(),
}

/** Every built-in scheme id. */
export const schemeIds = Object.keys(factories) as SchemeId[]

const instances = new Map<string, WebhookScheme>()

/** The built-in scheme of an id (one shared instance per id), or undefined for an id that is not built in. */
export function builtInScheme(id: string): WebhookScheme | undefined {
  let scheme = instances.get(id)
  if (!scheme && Object.hasOwn(factories, id)) {
    scheme = factories[id as SchemeId]()
    instances.set(id, scheme)
  }
  return scheme
}
