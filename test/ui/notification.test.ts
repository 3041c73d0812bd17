import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import { ALERT_KINDS, type Alert, type AlertKind } from '../../src/model/index.js'
import { MESSAGE_LANGUAGES } from '../../src/tracker/index.js'
import {
  GSM7_LANGUAGES,
  isGsm7,
  MAX_UCS2_SEGMENTS,
  NOTIFICATION_CHANNELS,
  renderNotification,
  smsEncoding,
  UI_STRINGS,
} from '../../src/ui/index.js'

const LINK = 'https://track.shop.example/t/1Z999AA10123456784'

function alert(kind: AlertKind, extra: Partial<Alert> = {}): Alert {
  return {
    kind,
    severity: 'warning',
    dedupeKey: `acme:1Z999AA10123456784:${kind}`,
    carrier: 'acme',
    trackingNumber: '1Z999AA10123456784',
    raisedAt: '2024-03-26T13:00:00Z',
    estimatedDelivery: {
      from: '2024-03-27T09:00:00-05:00',
      to: '2024-03-27T12:00:00-05:00',
      precision: 'minute',
    },
    previousEstimate: {
      from: '2024-03-25T09:00:00-05:00',
      to: '2024-03-25T20:00:00-05:00',
      precision: 'minute',
    },
    hoursSinceLastEvent: 52,
    ...extra,
  }
}

describe('renderNotification: every alert kind × channel × locale', () => {
  it('covers every language the tracker supports', () => {
    expect(Object.keys(UI_STRINGS).sort()).toEqual([...MESSAGE_LANGUAGES].sort())
  })

  for (const locale of MESSAGE_LANGUAGES) {
    for (const kind of ALERT_KINDS) {
      it(`${kind} in ${locale}`, () => {
        for (const brand of [undefined, { name: 'Acme Outdoor', color: '#0b6e4f' }]) {
          const options = { locale, link: LINK, timeZone: 'America/Chicago', ...(brand ? { brand } : {}) }
          const email = renderNotification(alert(kind), { ...options, channel: 'email' })
          expect(email.subject).toBeTruthy()
          expect(email.text).toContain(LINK)
          expect(email.text).toContain('1Z999AA10123456784')
          expect(email.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}" dir="ltr">`))
          expect(email.html).toContain(`<a href="${LINK}"`)
          expect(email.html).not.toMatch(/<link|<script|<style/i)

          const push = renderNotification(alert(kind), { ...options, channel: 'push' })
          expect(push.subject).toBeTruthy()
          expect(push.text.length).toBeGreaterThan(10)
          expect(push.url).toBe(LINK)

          const sms = renderNotification(alert(kind), { ...options, channel: 'sms' })
          expect(sms.text.endsWith(` ${LINK}`)).toBe(true)
          expect(sms.sms).toEqual(smsEncoding(sms.text))
          if (GSM7_LANGUAGES.has(locale)) {
            expect(isGsm7(sms.text), sms.text).toBe(true)
            expect(sms.sms?.length, sms.text).toBeLessThanOrEqual(160)
            expect(sms.sms?.segments).toBe(1)
          } else {
            expect(sms.sms?.encoding).toBe('ucs2')
            expect(sms.sms?.segments, sms.text).toBeLessThanOrEqual(MAX_UCS2_SEGMENTS)
          }
        }
      })
    }
  }
})

describe('renderNotification content', () => {
  it('puts the estimate in when known and still useful, in the recipient zone', () => {
    const email = renderNotification(alert('exception'), {
      channel: 'email',
      locale: 'en-US',
      link: LINK,
      timeZone: 'America/Chicago',
    })
    expect(email.text).toContain('It should arrive between 9:00 AM and 12:00 PM tomorrow.')
    const ofd = renderNotification(alert('out_for_delivery'), {
      channel: 'push',
      locale: 'en-US',
      link: LINK,
      timeZone: 'America/Chicago',
    })
    expect(ofd.text).toBe(
      'Your package is out for delivery and should arrive between 9:00 AM and 12:00 PM tomorrow.',
    )
    const delivered = renderNotification(alert('delivered'), { channel: 'email', locale: 'en', link: LINK })
    expect(delivered.text).not.toContain('should arrive')
  })

  it('keeps the next step in a shortened SMS rather than the first sentence (regression: action dropped)', () => {
    const sms = renderNotification(alert('delivery_attempted'), {
      channel: 'sms',
      locale: 'de',
      link: LINK,
      brand: { name: 'Acme Outdoor' },
    })
    expect(sms.text).toContain('Benachrichtigungskarte')
    expect(sms.sms?.segments).toBe(1)
  })

  it('escapes a hostile brand name and tracking number in the email HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const email = renderNotification(alert('delivered', { trackingNumber: hostile }), {
      channel: 'email',
      link: `${LINK}?q="><script>`,
      brand: { name: hostile },
    })
    expect(email.html).not.toMatch(/<img src=x|<script/)
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('uses the brand colour for the button only when it keeps contrast', () => {
    const gold = renderNotification(alert('delivered'), {
      channel: 'email',
      link: LINK,
      brand: { color: '#ffd700' },
    })
    expect(gold.html).toContain('background:#1d4ed8;color:#ffffff')
    const green = renderNotification(alert('delivered'), {
      channel: 'email',
      link: LINK,
      brand: { color: '#0b6e4f' },
    })
    expect(green.html).toContain('background:#0b6e4f;color:#ffffff')
  })

  it('rejects a bad channel, link or alert kind with a ValidationError', () => {
    expect(() => renderNotification(alert('delivered'), { channel: 'fax' as 'sms', link: LINK })).toThrow(
      ValidationError,
    )
    expect(() =>
      renderNotification(alert('delivered'), { channel: 'sms', link: 'javascript:alert(1)' }),
    ).toThrow(/link/)
    expect(() => renderNotification(alert('delivered'), { channel: 'sms', link: '/t/1' })).toThrow(
      ValidationError,
    )
    expect(() =>
      renderNotification(alert('teleported' as AlertKind), { channel: 'sms', link: LINK }),
    ).toThrow(ValidationError)
    expect(NOTIFICATION_CHANNELS).toEqual(['email', 'sms', 'push'])
  })
})

describe('carrier names in notifications', () => {
  it('names the carrier as people know it beside the number in email, never its id (regression: ids like "royalmail")', () => {
    const email = renderNotification(
      alert('delivered', { carrier: 'royalmail', trackingNumber: 'AB123456789GB' }),
      {
        channel: 'email',
        link: LINK,
      },
    )
    expect(email.text).toContain('Royal Mail AB123456789GB')
    expect(email.html).toContain('Royal Mail AB123456789GB')
    expect(email.text).not.toMatch(/royalmail/)
    const unknown = renderNotification(alert('delivered', { carrier: 'acme_freight' }), {
      channel: 'email',
      link: LINK,
    })
    expect(unknown.text).toContain('Acme Freight 1Z999AA10123456784')
  })
})
