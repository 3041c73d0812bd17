/**
 * Customer tracking pages: `GET /t/<carrier>/<number>?sig=…` with a signed link (links.ts), or
 * `GET /t?number=…&postal=…` found by number plus the destination's postal code. Pages are never enumerable:
 * an unknown number, a wrong postal code, a bad or expired signature all get the same 404 page.
 */

import { detectCarrier, normalizeTrackingNumber } from '../identifiers/index.js'
import type { Shipment } from '../model/core.js'
import type { Tracker } from '../tracker/index.js'
import { renderTrackingPage } from '../ui/index.js'
import type { PagesConfig, RouteHandler } from './config.js'
import { verifyPageLink } from './links.js'

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'private, no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
}

const NOT_FOUND_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shipment not found</title></head>
<body><main><h1>Shipment not found</h1>
<p>Check the link you were sent, or the tracking number and postal code.</p></main></body></html>
`

/** The one answer for everything that is not a page the caller may see. */
export function pageNotFound(): Response {
  return new Response(NOT_FOUND_HTML, { status: 404, headers: PAGE_HEADERS })
}

/**
 * A postal code as compared: upper case, letters and digits only; a US ZIP+4 counts by its five digits, so
 * `78701-1234`, `78701` and ` 78701 ` agree, and so do `SW1A 1AA` and `sw1a1aa`.
 */
export function comparablePostal(value: string): string {
  const plain = value.toUpperCase().replace(/[^0-9A-Z]/g, '')
  return /^\d{9}$/.test(plain) ? plain.slice(0, 5) : plain
}

/** Whether the shipment goes to this postal code (false when its destination has none). */
export function postalMatches(shipment: Shipment, postal: string): boolean {
  const known = shipment.destination?.postalCode
  if (!known) return false
  const a = comparablePostal(known)
  return a !== '' && a === comparablePostal(postal)
}

/** The latest shipment of a number (a recycled number has several). */
function latest(shipments: readonly Shipment[]): Shipment | undefined {
  return shipments.at(-1)
}

/** Carriers a number may belong to: the tracker's adapters and the carriers its format matches. */
function candidateCarriers(tracker: Tracker, number: string): string[] {
  const ids = new Set(tracker.adapters.keys())
  for (const candidate of detectCarrier(number)) ids.add(candidate.carrier)
  return [...ids]
}

export interface PageRoutesOptions {
  tracker: Tracker
  pages: PagesConfig
  locale: string
  now: () => Date
}

/** The page routes: one handler for every path under `/t`. */
export function pageRoutes(options: PageRoutesOptions): RouteHandler {
  const { tracker, pages } = options
  const render = (shipment: Shipment) =>
    new Response(
      renderTrackingPage(shipment, {
        locale: pages.locale ?? options.locale,
        now: options.now(),
        ...(pages.brand ? { brand: pages.brand } : {}),
      }),
      { status: 200, headers: PAGE_HEADERS },
    )

  const signed = async (url: URL, carrier: string, number: string) => {
    if (!verifyPageLink(carrier, number, url.searchParams, pages.secret, options.now())) return pageNotFound()
    if (pages.requireExpiry && !url.searchParams.has('exp')) return pageNotFound()
    const shipment = latest(await tracker.get(carrier, number))
    return shipment ? render(shipment) : pageNotFound()
  }

  const lookup = async (url: URL) => {
    const number = normalizeTrackingNumber(url.searchParams.get('number') ?? '')
    const postal = url.searchParams.get('postal') ?? ''
    if (!number || !postal.trim()) return pageNotFound()
    for (const carrier of candidateCarriers(tracker, number)) {
      const shipment = latest(await tracker.get(carrier, number))
      if (shipment && postalMatches(shipment, postal)) return render(shipment)
    }
    return pageNotFound()
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } })
    const url = new URL(request.url)
    const parts = url.pathname.split('/').filter(Boolean)
    if (parts.length === 1 && pages.lookup !== false) return lookup(url)
    if (parts.length !== 3) return pageNotFound()
    let carrier: string
    let number: string
    try {
      carrier = decodeURIComponent(parts[1]!)
      number = decodeURIComponent(parts[2]!)
    } catch {
      return pageNotFound()
    }
    return signed(url, carrier, number)
  }
}
