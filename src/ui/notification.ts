/**
 * Notification content for alerts: an email (subject, plain text and an HTML body with inline styles only), an
 * SMS that fits one GSM-7 segment where the language allows, and a push title and body. The words come from the
 * tracker's `describeAlert`; this module adds the estimate, the link and the layout for each channel.
 */
import { ValidationError } from '../errors/index.js'
import { carrierDisplayName } from '../identifiers/branding.js'
import type { Alert, Shipment } from '../model/core.js'
import { describe, describeAlert } from '../tracker/describe.js'
import { messagesFor } from '../tracker/messages/index.js'
import type { Brand } from './content.js'
import { langTag } from './content.js'
import { brandPalette } from './contrast.js'
import { escapeHtml as e, safeUrl } from './escape.js'
import { foldToGsm7, type SmsEncoding, smsEncoding } from './gsm7.js'
import { uiStrings } from './strings.js'

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

export interface NotificationOptions {
  channel: NotificationChannel
  /** BCP 47 locale of the recipient; unsupported languages get English. @default 'en' @example 'es-MX' */
  locale?: string
  /** The tracking page, an absolute http(s) URL. @example 'https://shop.example/track/1Z999AA10123456784' */
  link: string
  /** IANA zone of the recipient, for the estimate. @default the zone the estimate was given in */
  timeZone?: string
  /** Shop name (SMS prefix, email subject and header) and accent colour (email button). */
  brand?: Brand
  /** What "now" is, for "today"/"tomorrow". @default the alert's `raisedAt` */
  now?: Date
}

export interface Notification {
  /** Email subject or push title (none for SMS). */
  subject?: string
  /** The plain-text body (for SMS, the whole message). */
  text: string
  /** Email only: a complete HTML document with inline styles. */
  html?: string
  /** Push only: the URL to open when the notification is tapped. */
  url?: string
  /** SMS only: encoding and segment count of `text`. */
  sms?: SmsEncoding
}

/**
 * Languages whose SMS text is folded into GSM-7 (accents outside GSM-7 dropped, typographic punctuation made
 * plain). Vietnamese is not: its diacritics carry meaning (tones), so it is sent as UCS-2.
 */
export const GSM7_LANGUAGES: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de'])
/** The most UCS-2 segments an SMS may take (2 × 67 = 134 characters); a GSM-7 SMS must fit one (160). */
export const MAX_UCS2_SEGMENTS = 2

/** Kinds whose body already says when the package should arrive, and kinds where an estimate no longer matters. */
const ETA_IN_TEXT = new Set<Alert['kind']>(['out_for_delivery', 'eta_later'])
const NO_ETA = new Set<Alert['kind']>(['delivered', 'returned', 'available_for_pickup'])

function etaSentence(alert: Alert, options: NotificationOptions, now: Date): string | undefined {
  if (!alert.estimatedDelivery || ETA_IN_TEXT.has(alert.kind) || NO_ETA.has(alert.kind)) return undefined
  const probe: Shipment = {
    carrier: alert.carrier,
    trackingNumber: alert.trackingNumber,
    status: 'in_transit',
    milestone: 'in_transit',
    identifiers: { references: [] },
    events: [],
    estimatedDelivery: alert.estimatedDelivery,
    raw: [],
  }
  const { eta } = describe(probe, {
    locale: options.locale,
    now,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  })
  return eta ? messagesFor(options.locale).arrival(eta) : undefined
}

/** True when an SMS candidate fits the budget: one GSM-7 segment, or {@link MAX_UCS2_SEGMENTS} UCS-2 segments. */
export function fitsSms(text: string): boolean {
  const encoding = smsEncoding(text)
  return encoding.encoding === 'gsm7' ? encoding.segments <= 1 : encoding.segments <= MAX_UCS2_SEGMENTS
}

function sms(
  title: string,
  body: string,
  eta: string | undefined,
  link: string,
  language: string,
  brand?: string,
): string {
  const prep = (t: string) => (GSM7_LANGUAGES.has(language) ? foldToGsm7(t) : t.normalize('NFC'))
  const prefix = brand ? `${brand}: ` : ''
  const sentences = body.split(/(?<=[.!?])\s+/)
  const first = sentences[0] ?? body
  const last = sentences[sentences.length - 1] ?? body
  const candidates = [
    ...(eta ? [`${prefix}${body} ${eta} ${link}`] : []),
    `${prefix}${body} ${link}`,
    `${body} ${link}`,
    // the next step (the body's last sentence) after the title keeps "what to do" when the whole body is too long
    ...(sentences.length > 1 ? [`${prefix}${title}. ${last} ${link}`, `${title}. ${last} ${link}`] : []),
    `${prefix}${first} ${link}`,
    `${first} ${link}`,
    `${title}: ${link}`,
  ].map(prep)
  return candidates.find(fitsSms) ?? (candidates[candidates.length - 1] as string)
}

function emailHtml(p: {
  lang: string
  subject: string
  title: string
  body: string
  eta?: string
  link: string
  linkLabel: string
  numberLabel: string
  colon: string
  trackingNumber: string
  brand?: Brand
}): string {
  const palette = brandPalette(p.brand?.color)
  const logo = p.brand?.logoUrl ? safeUrl(p.brand.logoUrl, true) : undefined
  const font = 'font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif'
  let header = ''
  if (logo)
    header = `<p style="margin:0 0 16px"><img src="${e(logo)}" alt="${e(p.brand?.name ?? '')}" style="max-height:40px;max-width:160px;border:0"></p>`
  else if (p.brand?.name)
    header = `<p style="margin:0 0 16px;font-size:18px;font-weight:700">${e(p.brand.name)}</p>`
  const eta = p.eta ? `<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${e(p.eta)}</p>` : ''
  return `<!doctype html>
<html lang="${e(p.lang)}" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${e(p.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;color:#111418;${font}">
<div role="article" aria-label="${e(p.subject)}" lang="${e(p.lang)}" style="max-width:560px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border-radius:12px;padding:24px">
${header}<h1 style="margin:0 0 12px;font-size:22px;line-height:1.3;color:#111418">${e(p.title)}</h1>
<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${e(p.body)}</p>
${eta}<p style="margin:0 0 24px"><a href="${e(p.link)}" style="display:inline-block;background:${palette.accentLight};color:${palette.onAccentLight};font-weight:700;font-size:16px;text-decoration:none;padding:12px 20px;border-radius:8px">${e(p.linkLabel)}</a></p>
<p style="margin:0;font-size:14px;color:#4b5563">${e(p.numberLabel + p.colon + p.trackingNumber)}</p>
</div>
</div>
</body>
</html>
`
}

/**
 * The content of a notification for an alert, for one channel, in the recipient's language: what happened and
 * what to do first, the estimate when known, and a link to the tracking page.
 * SMS: one segment of 160 GSM-7 characters for en, es, fr, de (accents outside GSM-7 are folded, see
 * {@link foldToGsm7}); Vietnamese stays UCS-2 within {@link MAX_UCS2_SEGMENTS} segments. When the full message
 * does not fit, shorter forms are tried in order (without the estimate, without the shop name, the title and the
 * next step, the first sentence, the title only); `sms` reports the result's encoding and segments.
 * @throws ValidationError for an unknown channel or alert kind, or a link that is not an absolute http(s) URL.
 * @example renderNotification(alert, { channel: 'sms', locale: 'fr', link: 'https://shop.example/t/1Z…' }).text
 */
export function renderNotification(alert: Alert, options: NotificationOptions): Notification {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('options', 'expected an object')
  if (!NOTIFICATION_CHANNELS.includes(options.channel))
    throw new ValidationError(
      'channel',
      `'${String(options.channel)}' is not one of ${NOTIFICATION_CHANNELS.join(', ')}`,
    )
  const link = safeUrl(options.link)
  if (!link) throw new ValidationError('link', 'expected an absolute http(s) URL')
  if (options.brand?.name !== undefined && typeof options.brand.name !== 'string')
    throw new ValidationError('brand.name', 'expected a string')
  const raisedAt = Date.parse(alert?.raisedAt)
  const now = options.now ?? (Number.isNaN(raisedAt) ? new Date() : new Date(raisedAt))
  const described = describeAlert(alert, {
    locale: options.locale,
    now,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  })
  const s = uiStrings(described.language)
  const eta = etaSentence(alert, options, now)
  const brand = options.brand?.name?.trim() || undefined
  if (options.channel === 'sms') {
    const text = sms(described.title, described.text, eta, link, described.language, brand)
    return { text, sms: smsEncoding(text) }
  }
  const body = eta ? `${described.text} ${eta}` : described.text
  if (options.channel === 'push')
    return { subject: brand ? `${brand}: ${described.title}` : described.title, text: body, url: link }
  const subject = brand ? `${brand}: ${described.title}` : described.title
  // The carrier by the name people know it by ("UPS 1Z…", "Royal Mail AB…GB"), never its id.
  const numberWithCarrier = alert.carrier
    ? `${carrierDisplayName(alert.carrier)} ${alert.trackingNumber}`
    : alert.trackingNumber
  const text = [
    described.title,
    '',
    described.text,
    ...(eta ? [eta] : []),
    '',
    `${s.trackLink}${s.colon}${link}`,
    `${s.trackingNumber}${s.colon}${numberWithCarrier}`,
    '',
  ].join('\n')
  const html = emailHtml({
    lang: langTag(options.locale, described.language),
    subject,
    title: described.title,
    body: described.text,
    ...(eta ? { eta } : {}),
    link,
    linkLabel: s.trackLink,
    numberLabel: s.trackingNumber,
    colon: s.colon,
    trackingNumber: numberWithCarrier,
    ...(options.brand ? { brand: options.brand } : {}),
  })
  return { subject, text, html }
}
