/**
 * Credentials of the server's callers (API keys, the operator credential), checked in constant time: each key is
 * kept as its SHA-256 digest and every digest is compared, so neither a key's length nor which key matched shows
 * in the time of an answer. Keys never appear in errors or logs.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** The bearer token of a request, or undefined. Basic credentials count with the password as the token. */
export function presentedToken(request: Request): string | undefined {
  const header = request.headers.get('authorization')
  if (!header) return undefined
  const [scheme, value] = header.split(/\s+/, 2)
  if (!value) return undefined
  if (/^bearer$/i.test(scheme!)) return value
  if (/^basic$/i.test(scheme!)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return colon < 0 ? undefined : decoded.slice(colon + 1)
  }
  return undefined
}

/** A checker for a fixed set of keys. */
export function keyChecker(keys: readonly string[]): (request: Request) => boolean {
  const digests = keys.map(digest)
  return (request) => {
    const token = presentedToken(request)
    const given = digest(token ?? '')
    let match = false
    for (const d of digests) match = timingSafeEqual(d, given) || match
    return match && token !== undefined
  }
}

/** 401 with the challenge a client (`Bearer`) or a browser (`Basic`, it asks for a password) understands. */
export function unauthorized(realm: string, scheme: 'Bearer' | 'Basic' = 'Bearer'): Response {
  return Response.json(
    { error: 'unauthorized' },
    {
      status: 401,
      headers: { 'www-authenticate': `${scheme} realm="${realm}"`, 'cache-control': 'no-store' },
    },
  )
}
