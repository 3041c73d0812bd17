/**
 * Signed tracking-page links: `/t/<carrier>/<number>?sig=…` (and `&exp=…` when the link expires). The signature
 * is an HMAC-SHA256 over the carrier, the number and the expiry, compared in constant time, so a page can only be
 * opened by someone who was sent its link: numbers cannot be walked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../errors/index.js'

/** What a link names. */
export interface PageLinkInput {
  carrier: string
  trackingNumber: string
  /** When the link stops working. @default never (or the server's `pages.linkTtlMs` from now) */
  expiresAt?: Date
}

/** The minimum length of a link secret. */
export const MIN_LINK_SECRET_LENGTH = 32

function mac(secret: string, carrier: string, trackingNumber: string, exp: string): Buffer {
  return createHmac('sha256', secret).update(`waybill-page\n${carrier}\n${trackingNumber}\n${exp}`).digest()
}

/**
 * The path and query of a signed page link (prefix it with the server's public origin).
 * @example signPageLink({ carrier: 'ups', trackingNumber: '1Z999AA10123456784' }, process.env.PAGES_SECRET)
 * // '/t/ups/1Z999AA10123456784?sig=…'
 */
export function signPageLink(input: PageLinkInput, secret: string): string {
  if (typeof secret !== 'string' || secret.length < MIN_LINK_SECRET_LENGTH)
    throw new ConfigError(`signPageLink: the secret must be at least ${MIN_LINK_SECRET_LENGTH} characters`)
  const exp = input.expiresAt ? String(Math.floor(input.expiresAt.getTime() / 1000)) : ''
  const sig = mac(secret, input.carrier, input.trackingNumber, exp).toString('base64url')
  const query = new URLSearchParams({ sig })
  if (exp) query.set('exp', exp)
  return `/t/${encodeURIComponent(input.carrier)}/${encodeURIComponent(input.trackingNumber)}?${query}`
}

/** Whether `sig` (and `exp`) sign this carrier and number with `secret` and the link has not expired. */
export function verifyPageLink(
  carrier: string,
  trackingNumber: string,
  params: URLSearchParams,
  secret: string,
  now: Date,
): boolean {
  const sig = params.get('sig') ?? ''
  const exp = params.get('exp') ?? ''
  if (exp !== '' && !/^\d{1,12}$/.test(exp)) return false
  const given = Buffer.from(sig, 'base64url')
  const expected = mac(secret, carrier, trackingNumber, exp)
  const valid = given.length === expected.length && timingSafeEqual(given, expected)
  return valid && (exp === '' || Number(exp) * 1000 > now.getTime())
}
