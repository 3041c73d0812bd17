/** `renderTrackingPage`: a complete, self-contained HTML document for one shipment (inline CSS, no scripts). */
import type { Shipment } from '../model/core.js'
import { zoneForLocation } from '../time/zones.js'
import { type TrackingViewOptions, trackingView } from './content.js'
import { escapeHtml as e } from './escape.js'
import { trackingCss } from './styles.js'

export type TrackingPageOptions = TrackingViewOptions

/**
 * Nothing but inline styles and images may load: the page runs no script and fetches no other asset
 * (the brand logo is the one allowed image).
 */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'"

/** The recipient's zone when the caller gives none: the destination's, when its place determines one. */
function destinationZone(shipment: Shipment): string | undefined {
  return shipment.destination ? zoneForLocation(shipment.destination) : undefined
}

/**
 * A complete HTML document for a shipment: the delivery estimate first, as a date and window in the recipient's
 * zone; the status with when and where it was last updated; the current message and next step; progress over the
 * customer milestones; and the timeline (local time with zone, place, plain message; the carrier's own text behind
 * a disclosure). Mobile-first, light and dark, no external CSS or scripts.
 * Every value taken from the shipment or the brand is HTML-escaped.
 * @throws ValidationError when the shipment, brand, locale or time zone is not usable.
 * @example
 * const html = renderTrackingPage(shipment, { locale: 'de-DE', timeZone: 'Europe/Berlin',
 *   brand: { name: 'Acme', color: '#0b6e4f', logoUrl: 'https://shop.example/logo.svg' } })
 */
export function renderTrackingPage(shipment: Shipment, options: TrackingPageOptions = {}): string {
  const view = trackingView(shipment, options, {
    headingLevel: 1,
    landmarks: true,
    defaultZone: destinationZone,
  })
  const header = view.brandHtml ? `<header class="wb-brand">${view.brandHtml}</header>\n` : ''
  return `<!doctype html>
<html lang="${e(view.lang)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${e(view.title)}</title>
<style>${trackingCss(':root', view.palette)}</style>
</head>
<body class="wb">
${header}<main class="wb-main" id="main">
${view.mainHtml}
</main>
</body>
</html>
`
}
