/**
 * Carrier branding (no logos): the display name, public tracking-page URL template (`{number}` is replaced by the
 * URL-encoded tracking number) and support URL of each carrier id waybill ships, so the page, the CLI and
 * notifications say "UPS" or "Royal Mail" instead of `ups` or `royalmail`. Unknown ids get a readable form
 * (`acme_freight` → "Acme Freight"), never the raw lowercase id. Rows can be added or overridden globally with
 * {@link registerCarrierBranding} or per call with an `overrides` map. Imports only the error classes.
 */
import { ValidationError } from '../errors/index.js'

/** What waybill shows for one carrier id. */
export interface CarrierBranding {
  /** The carrier id (the adapter id, `shipment.carrier`). @example 'royalmail' */
  id: string
  /** Name people know the carrier by. @example 'Royal Mail' */
  displayName: string
  /** Public tracking page with `{number}` where the tracking number goes; absent when there is none by number. */
  trackingUrl?: string
  /** Where a recipient gets help from the carrier. */
  supportUrl?: string
  /** Where the URLs come from. */
  source: string
}

/**
 * The URL forms below are the ones in common use for each carrier's public pages (deep links by tracking number).
 * They were not re-checked against the live sites when written (no outbound network where waybill is built).
 * Override any of them with {@link registerCarrierBranding} when a carrier changes its site.
 */
const PUBLIC_PAGE =
  "the carrier's public tracking page; URL form in common use, not checked against the live site"

/** One row per carrier id agreed for this release (adapters, aggregators and file formats). */
export const CARRIER_BRANDING: readonly CarrierBranding[] = [
  {
    id: 'ups',
    displayName: 'UPS',
    trackingUrl: 'https://www.ups.com/track?tracknum={number}',
    supportUrl: 'https://www.ups.com/us/en/support/contact-us.page',
    source: PUBLIC_PAGE,
  },
  {
    id: 'fedex',
    displayName: 'FedEx',
    trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr={number}',
    supportUrl: 'https://www.fedex.com/en-us/customer-support.html',
    source: PUBLIC_PAGE,
  },
  {
    id: 'usps',
    displayName: 'USPS',
    trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={number}',
    supportUrl: 'https://www.usps.com/help/',
    source: PUBLIC_PAGE,
  },
  {
    id: 'dhl',
    displayName: 'DHL',
    trackingUrl:
      'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}',
    supportUrl: 'https://www.dhl.com/global-en/home/customer-service.html',
    source: PUBLIC_PAGE,
  },
  {
    id: 'easypost',
    displayName: 'EasyPost',
    supportUrl: 'https://support.easypost.com/',
    source: 'aggregator: public pages are per tracker (public_url on the tracker), not by number',
  },
  {
    id: 'aftership',
    displayName: 'AfterShip',
    trackingUrl: 'https://www.aftership.com/track/{number}',
    supportUrl: 'https://www.aftership.com/contact',
    source: PUBLIC_PAGE,
  },
  {
    id: 'shippo',
    displayName: 'Shippo',
    supportUrl: 'https://support.goshippo.com/',
    source: 'aggregator: no public tracking page by number',
  },
  { id: 'edi214', displayName: 'EDI 214 feed', source: 'file format, not a carrier: no public pages' },
  { id: 'csv', displayName: 'CSV import', source: 'file format, not a carrier: no public pages' },
  {
    id: 'royalmail',
    displayName: 'Royal Mail',
    trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{number}',
    supportUrl: 'https://www.royalmail.com/help',
    source: PUBLIC_PAGE,
  },
  {
    id: 'laposte',
    displayName: 'La Poste',
    trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}',
    supportUrl: 'https://aide.laposte.fr/',
    source: PUBLIC_PAGE,
  },
  {
    id: 'postnl',
    displayName: 'PostNL',
    trackingUrl: 'https://postnl.nl/tracktrace/?B={number}',
    supportUrl: 'https://www.postnl.nl/klantenservice/',
    source: PUBLIC_PAGE,
  },
  {
    id: 'canadapost',
    displayName: 'Canada Post',
    trackingUrl: 'https://www.canadapost-postescanada.ca/track-reperage/en#/details/{number}',
    supportUrl: 'https://www.canadapost-postescanada.ca/cpc/en/support.page',
    source: PUBLIC_PAGE,
  },
  {
    id: 'gls',
    displayName: 'GLS',
    trackingUrl: 'https://gls-group.com/GROUP/en/parcel-tracking?match={number}',
    supportUrl: 'https://gls-group.com/GROUP/en/contact',
    source: PUBLIC_PAGE,
  },
  {
    id: 'dpd',
    displayName: 'DPD',
    trackingUrl: 'https://tracking.dpd.de/status/en_US/parcel/{number}',
    supportUrl: 'https://www.dpd.com/group/en/contact/',
    source: PUBLIC_PAGE,
  },
  {
    id: '17track',
    displayName: '17TRACK',
    trackingUrl: 'https://t.17track.net/en#nums={number}',
    supportUrl: 'https://help.17track.net/',
    source: PUBLIC_PAGE,
  },
  {
    id: 'auspost',
    displayName: 'Australia Post',
    trackingUrl: 'https://auspost.com.au/mypost/track/details/{number}',
    supportUrl: 'https://auspost.com.au/help-and-support',
    source: PUBLIC_PAGE,
  },
  {
    id: 'amazon',
    displayName: 'Amazon Shipping',
    trackingUrl: 'https://track.amazon.com/tracking/{number}',
    supportUrl: 'https://shipping.amazon.com/contact-us',
    source: PUBLIC_PAGE,
  },
]

/** Rows added with {@link registerCarrierBranding}, by id; they win over the shipped rows. */
const registered = new Map<string, CarrierBranding>()
const shipped = new Map(CARRIER_BRANDING.map((row) => [row.id, row]))

/** Per-call rows by id (`{ acme: { displayName: 'Acme Freight' } }`); they win over registered and shipped rows. */
export type CarrierBrandingOverrides = Readonly<
  Record<string, Partial<Omit<CarrierBranding, 'id' | 'source'>> & { source?: string }>
>

/**
 * Adds or replaces branding rows for every later lookup in this process (a custom adapter's carrier, or another
 * name for a shipped one). Checked now: an id and a display name are required, URLs must be absolute http(s).
 * @example registerCarrierBranding({ id: 'acme', displayName: 'Acme Freight', source: 'our contract' })
 */
export function registerCarrierBranding(...rows: CarrierBranding[]): void {
  for (const row of rows) {
    if (typeof row.id !== 'string' || row.id.trim() === '')
      throw new ValidationError('carrierBranding.id', 'expected a non-empty string')
    if (typeof row.displayName !== 'string' || row.displayName.trim() === '')
      throw new ValidationError(`carrierBranding[${row.id}].displayName`, 'expected a non-empty string')
    for (const key of ['trackingUrl', 'supportUrl'] as const) {
      const url = row[key]
      if (url !== undefined && !/^https?:\/\/[^\s]+$/i.test(url))
        throw new ValidationError(`carrierBranding[${row.id}].${key}`, 'expected an absolute http(s) URL')
    }
    registered.set(row.id, { ...row })
  }
}

/** Forgets every row added with {@link registerCarrierBranding} (tests, or a process reloading its configuration). */
export function clearRegisteredCarrierBranding(): void {
  registered.clear()
}

/** Short all-consonant or known-acronym tokens are written in capitals ("tnt" → "TNT"); others capitalised. */
function readableToken(token: string): string {
  if (/^\d/.test(token)) return token.toUpperCase()
  if (token.length <= 3 && !/[aeiouy]/i.test(token)) return token.toUpperCase()
  return token.charAt(0).toUpperCase() + token.slice(1)
}

/**
 * A readable name for an id with no row: words split on `-`, `_`, `.`, spaces and camelCase, each capitalised,
 * short consonant-only words in capitals. Never returns the raw lowercase id (an empty id gives "Carrier").
 * @example readableCarrierName('acme_freight') // 'Acme Freight'
 */
export function readableCarrierName(id: string): string {
  const words = id
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .filter(Boolean)
  if (words.length === 0) return 'Carrier'
  return words.map(readableToken).join(' ')
}

/**
 * The branding for a carrier id: per-call overrides, then registered rows, then the shipped table, then a
 * readable fallback with no URLs.
 * @example carrierBranding('royalmail').displayName // 'Royal Mail'
 */
export function carrierBranding(id: string, overrides?: CarrierBrandingOverrides): CarrierBranding {
  const base = registered.get(id) ??
    shipped.get(id) ?? { id, displayName: readableCarrierName(id), source: 'fallback from the id' }
  const over = overrides?.[id]
  if (!over) return base
  const merged: CarrierBranding = { ...base, source: over.source ?? 'caller override' }
  if (over.displayName) merged.displayName = over.displayName
  if (over.trackingUrl) merged.trackingUrl = over.trackingUrl
  if (over.supportUrl) merged.supportUrl = over.supportUrl
  return merged
}

/**
 * The name to show for a carrier id.
 * @example carrierDisplayName('usps') // 'USPS'
 */
export function carrierDisplayName(id: string, overrides?: CarrierBrandingOverrides): string {
  return carrierBranding(id, overrides).displayName
}

/**
 * The carrier's public tracking page for a number, or undefined when the carrier has none by number.
 * @example carrierTrackingUrl('ups', '1Z999AA10123456784') // 'https://www.ups.com/track?tracknum=1Z999AA10123456784'
 */
export function carrierTrackingUrl(
  id: string,
  trackingNumber: string,
  overrides?: CarrierBrandingOverrides,
): string | undefined {
  const template = carrierBranding(id, overrides).trackingUrl
  return template?.replaceAll('{number}', encodeURIComponent(trackingNumber))
}
