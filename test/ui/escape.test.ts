import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeHtml, renderTrackingPage, safeUrl } from '../../src/ui/index.js'
import { NOW, shipmentFor } from './fixtures.js'

describe('escaping', () => {
  it('escapes the five HTML specials and the backtick, drops control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    )
    expect(escapeHtml('a\u0000b\u0007c\nd')).toBe('abc\nd')
    expect(escapeHtml(undefined)).toBe('')
  })

  it('never leaves a character that could open a tag or close an attribute (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"'`]/)
      }),
    )
  })

  it('accepts only absolute http(s) URLs (and data:image where allowed)', () => {
    expect(safeUrl('https://shop.example/t?a=1&b=<x>')).toBe('https://shop.example/t?a=1&b=%3Cx%3E')
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl(' JaVaScRiPt:alert(1)')).toBeUndefined()
    expect(safeUrl('/relative')).toBeUndefined()
    expect(safeUrl('data:text/html,<script>')).toBeUndefined()
    expect(safeUrl('data:image/png;base64,AAAA', true)).toBe('data:image/png;base64,AAAA')
    expect(safeUrl('data:image/png;base64,AAAA')).toBeUndefined()
  })
})

describe('hostile carrier text in the tracking page', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    '</style><script>alert(1)</script>',
    '<!--',
    ']]><svg onload=alert(1)>',
  ]

  it.each(payloads)('carrier text, place, code, service and signer %j never become markup', (payload) => {
    for (const status of ['delivered', 'exception'] as const) {
      const html = renderTrackingPage(shipmentFor(status, { hostile: payload }), { locale: 'en', now: NOW })
      expect(html).not.toContain(payload)
      expect(html).not.toMatch(/<(script|img|svg)/i)
      expect(html).toContain(escapeHtml(payload))
    }
  })

  it('any carrier text stays inside its element (property): the page has the same tags as a harmless one', () => {
    const tags = (html: string) => html.match(/<\/?[a-z][a-z0-9]*/gi)?.join(' ')
    const reference = tags(
      renderTrackingPage(shipmentFor('exception', { hostile: 'x' }), { locale: 'en', now: NOW }),
    )
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (text) => {
        const html = renderTrackingPage(shipmentFor('exception', { hostile: text }), {
          locale: 'en',
          now: NOW,
        })
        expect(tags(html)).toBe(reference)
      }),
      { numRuns: 60 },
    )
  })
})
