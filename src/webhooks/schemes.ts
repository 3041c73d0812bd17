/** `sign()` across the built-in schemes (ids from `registry.ts`) and configured scheme objects. */
import { ConfigError } from '../errors/index.js'
import { signingTime } from './headers.js'
import type { WebhookScheme } from './types.js'
import { resolveScheme, type SchemeInput } from './verify.js'

export { type SchemeId, schemeIds } from './registry.js'

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
  // Checked here too, for configured schemes that read `timestamp` themselves.
  if (input.timestamp !== undefined) signingTime(input.timestamp)
  if (!resolved.sign)
    throw new ConfigError(`Scheme ${resolved.id} cannot sign (asymmetric keys are the sender's)`)
  return resolved.sign(input as never)
}
