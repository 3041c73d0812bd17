/** HTML escaping and URL checks for everything a carrier, a shop or a user supplied. Nothing is trusted. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/**
 * Escapes text for an HTML text node or a quoted attribute value. Control characters other than tab and line
 * breaks are dropped (they are invalid in HTML and some render as boxes).
 * @example escapeHtml('<b>"Tom" & Jerry</b>') // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value)
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch)
}

/**
 * A URL safe to put in `href`/`src`: absolute `http:`/`https:` only (plus `data:image/…` for images when
 * `allowDataImage`), returned normalized; anything else (javascript:, relative, malformed) gives undefined.
 */
export function safeUrl(value: unknown, allowDataImage = false): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (allowDataImage && /^data:image\/(png|gif|jpeg|webp|svg\+xml)[;,]/i.test(trimmed)) return trimmed
  try {
    const url = new URL(trimmed)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}
