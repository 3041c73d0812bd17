import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import { ALERT_KINDS, type Alert, MILESTONES, STATUSES } from '../../src/model/index.js'
import {
  describeAlert,
  describe as describeShipment,
  MESSAGE_LANGUAGES,
  MESSAGES,
  messagesFor,
} from '../../src/tracker/index.js'
import { ev, ship } from './build.js'

const LOCALES = ['en', 'es', 'fr', 'de', 'vi'] as const
const NOW = new Date('2024-03-26T14:00:00Z')

/** Words a customer should never read: carrier and logistics jargon, and untranslated keys. */
const JARGON =
  /\b(scan|scanned|facility|hub|consignee|shipper|exception|manifest|POD|EDI|undefined|null)\b|_/i

function alertOf(kind: Alert['kind'], extra: Partial<Alert> = {}): Alert {
  return {
    kind,
    severity: 'info',
    dedupeKey: `k:${kind}`,
    carrier: 'acme',
    trackingNumber: 'A1',
    raisedAt: NOW.toISOString(),
    ...extra,
  }
}

describe('message tables', () => {
  it('has a full table for en, es, fr, de and vi, with exactly the canonical keys', () => {
    expect([...MESSAGE_LANGUAGES].sort()).toEqual([...LOCALES].sort())
    for (const language of LOCALES) {
      const table = MESSAGES[language]!
      expect(Object.keys(table.status).sort()).toEqual([...STATUSES].sort())
      expect(Object.keys(table.milestone).sort()).toEqual([...MILESTONES].sort())
      expect(Object.keys(table.nextStep).sort()).toEqual([...STATUSES].sort())
      expect(Object.keys(table.alertTitle).sort()).toEqual([...ALERT_KINDS].sort())
      expect(Object.keys(table.alert).sort()).toEqual([...ALERT_KINDS].sort())
    }
  })

  it('gives every status × milestone a sentence and a next step in every locale, none of them the English fallback', () => {
    const events = [ev('label_created', '2024-03-25T09:00:00-05:00')]
    for (const locale of LOCALES) {
      for (const status of STATUSES) {
        for (const milestone of MILESTONES) {
          const shipment = { ...ship(events), status, milestone }
          const out = describeShipment(shipment, { locale, now: NOW })
          expect(out.language).toBe(locale)
          expect(out.text.length).toBeGreaterThan(10)
          expect(out.nextStep?.length).toBeGreaterThan(10)
          expect(out.text).not.toMatch(JARGON)
          expect(out.nextStep).not.toMatch(JARGON)
          if (locale !== 'en') {
            const english = describeShipment(shipment, { locale: 'en', now: NOW })
            expect(out.text).not.toBe(english.text)
            expect(out.nextStep).not.toBe(english.nextStep)
          }
        }
      }
    }
  })

  it('uses each milestone sentence for an event of that milestone, in every locale', () => {
    for (const locale of LOCALES) {
      const table = messagesFor(locale)
      for (const milestone of MILESTONES) {
        const out = describeShipment(ev(milestone, '2024-03-26T10:58:00-05:00'), { locale })
        const expected =
          out.status === 'unknown'
            ? table.milestone.unknown
            : milestone === 'status_update' || milestone === 'unknown'
              ? table.status[out.status]
              : table.milestone[milestone]
        expect(out.text).toBe(expected)
        expect(out.text).not.toMatch(JARGON)
      }
    }
  })

  it('has a title and a body for every alert kind in every locale', () => {
    const estimatedDelivery = { to: '2024-03-27T20:00:00-05:00', precision: 'minute' as const }
    for (const locale of LOCALES) {
      for (const kind of ALERT_KINDS) {
        const out = describeAlert(
          alertOf(kind, {
            estimatedDelivery,
            previousEstimate: { from: '2024-03-25T00:00:00-05:00', precision: 'day' },
            hoursSinceLastEvent: 80,
          }),
          { locale },
        )
        expect(out.language).toBe(locale)
        expect(out.title.length).toBeGreaterThan(3)
        expect(out.text).not.toMatch(JARGON)
        if (locale !== 'en') expect(out.text).not.toBe(describeAlert(alertOf(kind), { locale: 'en' }).text)
      }
    }
  })
})

describe('describe(shipment)', () => {
  const ofd = ev('out_for_delivery', '2024-03-26T08:02:00-05:00', { timeZone: 'America/Chicago' })
  const shipment = ship([ofd], {
    estimatedDelivery: { to: '2024-03-26T20:00:00-05:00', precision: 'minute' },
  })

  it('says out for delivery with the estimate, in one sentence, in each language', () => {
    const texts = Object.fromEntries(
      LOCALES.map((l) => [l, describeShipment(shipment, { locale: l, now: NOW }).text]),
    )
    expect(texts).toEqual({
      en: 'Your package is out for delivery and should arrive by 8:00 PM.',
      es: 'Tu paquete está en reparto y debería llegar antes de las 20:00.',
      fr: 'Votre colis est en cours de livraison et devrait arriver avant 20:00.',
      de: 'Ihr Paket ist in der Zustellung und kommt voraussichtlich bis 20:00 Uhr an.',
      vi: 'Kiện hàng của bạn đang được giao và dự kiến sẽ đến trước 20:00.',
    })
  })

  it('formats in the recipient zone and locale variant (en-GB, es-MX, fr-CA)', () => {
    expect(describeShipment(shipment, { locale: 'en-US', timeZone: 'America/New_York', now: NOW }).eta).toBe(
      'by 9:00 PM',
    )
    // ICU versions differ on a leading zero for en-GB hours
    expect(describeShipment(shipment, { locale: 'en-GB', timeZone: 'Europe/London', now: NOW }).eta).toMatch(
      /^by 0?1:00 tomorrow$/,
    )
    expect(describeShipment(shipment, { locale: 'es-MX', now: NOW }).text).toBe(
      'Tu paquete está en reparto y debería llegar antes de las 8:00 p.m.',
    )
    expect(describeShipment(shipment, { locale: 'fr-CA', now: NOW }).eta).toBe('avant 20 h 00')
    expect(describeShipment(shipment, { locale: 'es_MX', now: NOW }).language).toBe('es')
  })

  it('falls back to English for other languages, with English dates', () => {
    const out = describeShipment(shipment, { locale: 'ja-JP', now: NOW })
    expect(out.language).toBe('en')
    expect(out.text).toBe('Your package is out for delivery and should arrive by 8:00 PM.')
    expect(describeShipment(shipment, { locale: 'not a locale!', now: NOW }).language).toBe('en')
  })

  it('never shows a time for a day-precision estimate, whatever the zone (regression: date shifted by the zone)', () => {
    const moving = ship([ev('departed_facility', '2024-03-26T08:00:00-05:00')], {
      estimatedDelivery: { from: '2024-03-29T00:00:00-05:00', precision: 'day' },
    })
    for (const timeZone of ['Pacific/Honolulu', 'Asia/Tokyo', 'UTC']) {
      const out = describeShipment(moving, { locale: 'en', timeZone, now: NOW })
      expect(out.text).toBe('Your package has left a sorting center. It should arrive on Friday, March 29.')
      expect(out.text).not.toMatch(/\d:\d\d/)
    }
    expect(describeShipment(moving, { locale: 'de', now: NOW }).text).toBe(
      'Ihr Paket hat ein Paketzentrum verlassen. Es kommt voraussichtlich am Freitag, 29. März an.',
    )
  })

  it('says "today" for a date-only estimate by the recipient\'s calendar, not UTC\'s', () => {
    const s = ship([ev('in_transit', '2024-03-26T08:00:00-07:00')], {
      estimatedDelivery: { from: '2024-03-26T00:00:00-07:00', precision: 'day' },
    })
    const evening = new Date('2024-03-27T01:00:00Z') // 6 PM on the 26th in Los Angeles
    expect(describeShipment(s, { timeZone: 'America/Los_Angeles', now: evening }).eta).toBe('today')
    expect(describeShipment(s, { now: evening }).eta).toBe('today')
    expect(describeShipment(s, { locale: 'vi', now: evening }).text).toBe(
      'Kiện hàng của bạn đang trên đường đến và dự kiến sẽ tới hôm nay.',
    )
  })

  it('says "tomorrow" and a time window, and a range of days', () => {
    const window = ship([ev('in_transit', '2024-03-26T08:00:00-05:00')], {
      estimatedDelivery: {
        from: '2024-03-27T14:00:00-05:00',
        to: '2024-03-27T16:00:00-05:00',
        precision: 'minute',
      },
    })
    expect(describeShipment(window, { now: NOW }).text).toBe(
      'Your package is on its way and should arrive between 2:00 PM and 4:00 PM tomorrow.',
    )
    expect(describeShipment(window, { locale: 'vi', now: NOW }).eta).toBe('từ 14:00 đến 16:00 ngày mai')
    const days = {
      ...window,
      estimatedDelivery: { from: '2024-04-01', to: '2024-04-03', precision: 'day' as const },
    }
    expect(describeShipment(days as never, { locale: 'fr', now: NOW }).eta).toBe(
      'entre le lundi 1 avril et le mercredi 3 avril',
    )
  })

  it('leaves out an estimate already past, and any estimate once delivered', () => {
    const past = describeShipment(shipment, { now: new Date('2024-03-27T12:00:00Z') })
    expect(past.text).toBe('Your package is out for delivery.')
    expect(past.eta).toBeUndefined()
    const delivered = ship([ofd, ev('delivered', '2024-03-26T15:00:00-05:00')], {
      estimatedDelivery: shipment.estimatedDelivery!,
    })
    const out = describeShipment(delivered, { locale: 'es', now: NOW })
    expect(out.text).toBe('Tu paquete ha sido entregado.')
    expect(out.nextStep).toBe(
      'Si no lo encuentras, pregunta a tus vecinos y luego contacta con el remitente.',
    )
  })

  it('gives the specific next step for an address problem', () => {
    const s = ship([ev('address_issue', '2024-03-26T08:00:00-05:00')])
    expect(describeShipment(s)).toMatchObject({
      text: "There's a problem with the delivery address.",
      nextStep: 'Please check your address with the sender.',
      status: 'exception',
      milestone: 'address_issue',
    })
  })
})

describe('describe(event)', () => {
  it('formats when in the event zone, else its own offset, and where with the country name in the language', () => {
    const e = ev('arrived_at_facility', '2024-03-26T10:58:00-05:00', {
      location: { city: 'ATLANTA', region: 'GA', countryCode: 'US' },
    })
    expect(describeShipment(e, { locale: 'en-US' })).toMatchObject({
      text: 'Your package has arrived at a sorting center.',
      when: 'Tue, Mar 26, 10:58 AM',
      where: 'Atlanta, GA, United States',
    })
    expect(describeShipment({ ...e, timeZone: 'America/Los_Angeles' }, { locale: 'en-US' }).when).toBe(
      'Tue, Mar 26, 8:58 AM',
    )
    expect(describeShipment(e, { locale: 'de', timeZone: 'Europe/Berlin' }).when).toBe('Di., 26. März, 16:58')
    expect(describeShipment(e, { locale: 'es' }).where).toBe('Atlanta, GA, Estados Unidos')
  })

  it('tells an event with a code no table knows as news, not as "no news yet" (regression)', () => {
    for (const locale of LOCALES) {
      const table = messagesFor(locale)
      const out = describeShipment(ev('unknown', '2024-03-26T10:58:00-05:00'), { locale })
      expect(out.status).toBe('unknown')
      expect(out.text).toBe(table.milestone.unknown)
      expect(out.text).not.toBe(table.status.unknown)
    }
    // a shipment with nothing known yet still says so
    expect(describeShipment(ship([]), { locale: 'en' }).text).toBe(MESSAGES.en!.status.unknown)
  })

  it('shows a day-precision event as a date only', () => {
    const e = ev('delivered', '2024-03-26T00:00:00+09:00', { precision: 'day' })
    expect(describeShipment(e, { locale: 'en', timeZone: 'America/Los_Angeles' }).when).toBe('Tue, Mar 26')
  })
})

describe('describeAlert', () => {
  it('writes ETA, late and stalled notifications with formatted dates and durations', () => {
    const eta = alertOf('eta_later', {
      estimatedDelivery: { from: '2024-03-28T00:00:00-05:00', precision: 'day' },
    })
    expect(describeAlert(eta)).toMatchObject({
      title: 'New delivery date',
      text: 'Your delivery date has changed: your package should now arrive on Thursday, March 28.',
      kind: 'eta_later',
    })
    const late = alertOf('late', {
      previousEstimate: { from: '2024-03-25T00:00:00-05:00', precision: 'day' },
    })
    expect(describeAlert(late, { locale: 'fr' }).text).toBe(
      'Votre colis a du retard. Il était attendu le lundi 25 mars.',
    )
    expect(describeAlert(alertOf('stalled', { hoursSinceLastEvent: 75 }), { locale: 'de' }).text).toBe(
      'Seit 3 Tagen gibt es keine Neuigkeiten zu Ihrem Paket. Wir behalten es im Blick.',
    )
    expect(describeAlert(alertOf('stalled', { hoursSinceLastEvent: 30 }), { locale: 'vi' }).text).toBe(
      'Đã 30 giờ chưa có thông tin mới về kiện hàng của bạn. Chúng tôi đang theo dõi.',
    )
    expect(describeAlert(alertOf('out_for_delivery'), { locale: 'es' }).text).toBe(
      'Tu paquete está en reparto.',
    )
  })
})

describe('bad input gives typed errors, never a TypeError', () => {
  it('rejects an unknown zone, a non-shipment and an unknown status or alert kind', () => {
    const s = ship([ev('in_transit', '2024-03-26T08:00:00-05:00')])
    expect(() => describeShipment(s, { timeZone: 'Mars/Olympus' })).toThrow(ValidationError)
    expect(() => describeShipment(null as never)).toThrow(ValidationError)
    expect(() => describeShipment({ foo: 1 } as never)).toThrow(ValidationError)
    expect(() => describeShipment({ ...s, status: 'lost' } as never)).toThrow(/shipment\.status/)
    expect(() => describeAlert({ ...alertOf('late'), kind: 'nope' } as never)).toThrow(ValidationError)
    expect(() => describeShipment(s, { now: new Date('x') })).toThrow(ValidationError)
    expect(() => describeShipment(s, { now: '2024-03-01' as never })).toThrow(ValidationError)
    expect(() => describeShipment(s, { locale: 42 as never })).toThrow(/locale/)
  })
})

describe('property: any shipment, locale, zone and estimate gives clean text', () => {
  it('never throws on valid input and never prints undefined, NaN, an invalid date or doubled punctuation', () => {
    const instant = fc.integer({
      min: Date.parse('2020-01-01T00:00:00Z'),
      max: Date.parse('2030-12-31T00:00:00Z'),
    })
    const offset = fc.constantFrom('Z', '+09:00', '-05:00', '+05:30', '-10:00')
    const iso = fc.tuple(instant, offset).map(([ms, off]) => {
      const sign =
        off === 'Z'
          ? 0
          : (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4)))
      return `${new Date(ms + sign * 60_000).toISOString().slice(0, 19)}${off}`
    })
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.constantFrom(...MILESTONES),
        fc.constantFrom('en', 'en-GB', 'es-MX', 'fr-CA', 'de-AT', 'vi-VN', 'pt-BR', 'zz'),
        fc.option(
          fc.constantFrom(
            'America/Los_Angeles',
            'Asia/Ho_Chi_Minh',
            'Europe/Berlin',
            'Pacific/Chatham',
            'UTC',
          ),
        ),
        fc.option(
          fc.record({
            a: iso,
            b: fc.option(iso),
            precision: fc.constantFrom('day' as const, 'minute' as const),
          }),
        ),
        instant,
        (status, milestone, locale, timeZone, window, now) => {
          const estimatedDelivery = window
            ? { from: window.a, ...(window.b ? { to: window.b } : {}), precision: window.precision }
            : undefined
          const shipment = {
            ...ship([ev(milestone, '2024-03-01T00:00:00Z')], estimatedDelivery ? { estimatedDelivery } : {}),
            status,
            milestone,
          }
          const options = { locale, now: new Date(now), ...(timeZone ? { timeZone } : {}) }
          const texts = [
            describeShipment(shipment, options),
            describeShipment(shipment.events[0]!, options),
          ].flatMap((d) => [d.text, d.nextStep ?? '', d.when ?? '', d.arrives ?? ''])
          for (const kind of ALERT_KINDS) {
            const alert = alertOf(kind, {
              ...(estimatedDelivery ? { estimatedDelivery, previousEstimate: estimatedDelivery } : {}),
              hoursSinceLastEvent: (now % 500) / 3,
            })
            const out = describeAlert(alert, options)
            texts.push(out.title, out.text)
          }
          for (const text of texts) expect(text).not.toMatch(/undefined|NaN|Invalid|\.\.|\s{2}|\s$|^\s/)
        },
      ),
      { numRuns: 300 },
    )
  })
})
