import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import type { Shipment } from '../../src/model/index.js'
import { trackingView } from '../../src/ui/content.js'
import { renderTrackingPage, UI_STRINGS } from '../../src/ui/index.js'
import { ALL_STATUSES, LOCALES, NOW, shipmentFor } from './fixtures.js'

const render = (s: Shipment, o: Parameters<typeof renderTrackingPage>[1] = {}) =>
  renderTrackingPage(s, { locale: 'en-US', now: NOW, ...o })

describe('renderTrackingPage', () => {
  it.each(ALL_STATUSES)(
    '%s: a complete document with lang, landmarks, one h1, no script and no external CSS',
    (status) => {
      for (const locale of LOCALES) {
        const html = render(shipmentFor(status), { locale })
        expect(html.startsWith('<!doctype html>')).toBe(true)
        expect(html).toContain(`<html lang="${locale}" dir="ltr">`)
        expect(html).toMatch(/<main class="wb-main" id="main">[\s\S]*<\/main>/)
        expect(html.match(/<h1 /g)).toHaveLength(1)
        expect(html).toContain(`<title>${UI_STRINGS[locale]?.pageTitle('1ZUIFIXTURE0001')}</title>`)
        expect(html).not.toMatch(/<script|<link|@import|url\(/i)
        expect(html).toContain("default-src 'none'")
        expect(html).toContain('prefers-reduced-motion:reduce')
        expect(html).toContain('prefers-color-scheme:dark')
      }
    },
  )

  it('leads with the plain message and next step; the carrier text is behind a disclosure', () => {
    const html = render(shipmentFor('delivery_attempted'))
    const h1 = html.indexOf('<h1')
    expect(html.slice(h1, html.indexOf('</h1>'))).toContain(
      'The driver tried to deliver your package but couldn',
    )
    expect(html).toContain(
      '<h2 class="wb-h" id="wb-next">What happens next</h2><p>Check the notice left for you',
    )
    const raw = html.indexOf('THE RECEIVER WAS NOT AVAILABLE')
    expect(raw).toBeGreaterThan(html.indexOf('<details><summary>Show carrier details</summary>'))
    expect(raw).toBeGreaterThan(h1)
  })

  it('leads with the estimate as a date and window in the recipient\'s zone, today/tomorrow only after it (regression: "It should arrive tomorrow" in the fourth card)', () => {
    const chicago = render(shipmentFor('in_transit'))
    const h1 = chicago.slice(chicago.indexOf('<h1'), chicago.indexOf('</h1>'))
    expect(h1).toMatch(/>Arrives Wednesday, March 27, 9:00\s?AM\s?–\s?12:00\s?PM · tomorrow$/)
    expect(chicago.indexOf('<h1')).toBeLessThan(chicago.indexOf('id="wb-next"'))
    expect(chicago).toContain('Times shown in CDT.')
    expect(chicago).toContain('<p class="wb-lede">Your package has arrived at a sorting center.</p>')
    expect(chicago).not.toContain('It should arrive')
    const berlin = render(shipmentFor('in_transit'), { locale: 'de-DE', timeZone: 'Europe/Berlin' })
    expect(berlin).toMatch(/>Zustellung am Mittwoch, 27\. März, 15:00\s?–\s?18:00 Uhr · morgen<\/h1>/)
    expect(berlin).toContain('Zeitangaben in MEZ.')
    const gb = render(shipmentFor('in_transit'), { locale: 'en-GB', timeZone: 'Europe/London' })
    expect(gb).toMatch(/>Arrives Wednesday 27 March, 14:00\s?–\s?17:00 · tomorrow<\/h1>/)
  })

  it('says when and where the latest event happened in the headline, with the status', () => {
    const html = render(shipmentFor('out_for_delivery'))
    expect(html).toContain(
      '<p class="wb-headline"><span class="wb-badge" data-tone="move">Out for delivery</span><span class="wb-updated"><span class="wb-sr">, </span>updated 8:02 AM in Chicago</span></p>',
    )
    const older = render(shipmentFor('out_for_delivery'), { now: new Date('2024-03-28T14:00:00Z') })
    expect(older).toContain('updated Tue, Mar 26, 8:02 AM in Chicago')
    const fr = render(shipmentFor('out_for_delivery'), { locale: 'fr' })
    expect(fr).toContain('mis à jour à 8:02 à Chicago')
    const vi = render(shipmentFor('out_for_delivery'), { locale: 'vi' })
    expect(vi).toContain('cập nhật lúc 8:02 tại Chicago')
  })

  it('shows each event in the local time of its place, with the zone, place and plain message, newest first', () => {
    const html = render(shipmentFor('out_for_delivery'))
    expect(html).toContain(
      '<time datetime="2024-03-26T08:02:00-05:00">Tue, Mar 26, 8:02 AM <span class="wb-zone">CDT</span></time>',
    )
    expect(html).toContain(
      '<time datetime="2024-03-23T18:40:00-04:00">Sat, Mar 23, 6:40 PM <span class="wb-zone">EDT</span></time>',
    )
    expect(html.indexOf('8:02 AM <span class="wb-zone">CDT</span></time>')).toBeLessThan(
      html.indexOf('6:40 PM <span class="wb-zone">EDT</span></time>'),
    )
    expect(html).toContain(
      '<p class="wb-where">Atlanta, GA, United States</p><p>Your package has been picked up and is on its way.</p>',
    )
  })

  it('falls back to the offset when the event has no zone, and shows day-precision events without a time', () => {
    const s = shipmentFor('in_transit')
    const last = s.events[s.events.length - 1] as Shipment['events'][number]
    s.events[s.events.length - 1] = { ...last, timeZone: undefined as unknown as string }
    delete s.events[s.events.length - 1]?.timeZone
    s.events[0] = {
      ...(s.events[0] as Shipment['events'][number]),
      precision: 'day',
      occurredAt: '2024-03-23T00:00:00-04:00',
    }
    const html = render(s)
    expect(html).toContain('Mon, Mar 25, 6:30 AM <span class="wb-zone">UTC\u221205:00</span>')
    expect(html).toContain('<time datetime="2024-03-23T00:00:00-04:00">Sat, Mar 23</time>')
  })

  it('shows the delivery time and signer once delivered, and no estimate', () => {
    const html = render(shipmentFor('delivered'))
    expect(html).toContain(
      '<h2 class="wb-h" id="wb-eta">Delivered</h2><p><time datetime="2024-03-26T08:02:00-05:00">Tue, Mar 26, 8:02 AM <span class="wb-zone">CDT</span></time></p><p>Signed by: J. SMITH</p>',
    )
    expect(html).not.toContain('Estimated delivery')
  })

  it('names the carrier by its display name, never its id (regression: "usps", "easypost" on the page)', () => {
    for (const [id, name] of [
      ['usps', 'USPS'],
      ['easypost', 'EasyPost'],
      ['ups', 'UPS'],
      ['dhl', 'DHL'],
    ]) {
      const html = render({ ...shipmentFor('in_transit'), carrier: id as string })
      expect(html).toContain(`<dt>Carrier</dt><dd>${name}</dd>`)
    }
    const named = render(
      { ...shipmentFor('in_transit'), carrier: 'ups' },
      { carrierName: 'UPS Ground Freight' },
    )
    expect(named).toContain('<dd>UPS Ground Freight</dd>')
  })

  it('labels its parts as region landmarks on the page, and as plain blocks in an embedded view', () => {
    const shipment = shipmentFor('delivered')
    const page = trackingView(shipment, { locale: 'en', now: NOW }, { headingLevel: 1, landmarks: true })
    expect(page.mainHtml.match(/<section aria-labelledby="wb-[a-z]+"/g)).toHaveLength(4)
    const embedded = trackingView(shipment, { locale: 'en', now: NOW }, { headingLevel: 3, landmarks: false })
    expect(embedded.mainHtml).not.toMatch(/<section|aria-labelledby|role=/)
    expect(embedded.mainHtml).toContain('<h3 id="wb-status" class="wb-title">')
    expect(embedded.mainHtml).toContain(
      '<div class="wb-card"><h4 class="wb-h" id="wb-next">What happens next</h4>',
    )
  })

  it('marks the current step for assistive technology and names every state in text', () => {
    const html = render(shipmentFor('exception'))
    expect(html.match(/aria-current="step"/g)).toHaveLength(1)
    expect(html).toContain(
      '<span class="wb-sr">Current step: </span>In transit<span class="wb-step-problem">Needs attention</span>',
    )
    expect(html).toContain('<span class="wb-sr">Done: </span>Picked up')
    expect(html).toContain('<span class="wb-sr">Not yet: </span>Delivered')
  })

  it('uses a brand colour only where it passes contrast, and gives the logo a text alternative', () => {
    const gold = render(shipmentFor('in_transit'), {
      brand: { name: 'Goldie & Co', color: '#FFD700', logoUrl: 'https://shop.example/logo.svg' },
    })
    expect(gold).toContain('--wb-accent:#1d4ed8')
    expect(gold).toContain('--wb-accent:#ffd700')
    expect(gold).toContain(
      '<header class="wb-brand"><img src="https://shop.example/logo.svg" alt="Goldie &amp; Co"></header>',
    )
    const green = render(shipmentFor('in_transit'), { brand: { name: 'Acme', color: '#0b6e4f' } })
    expect(green).toContain('--wb-accent:#0b6e4f')
    expect(green).toContain('<header class="wb-brand"><p class="wb-brand-name">Acme</p></header>')
  })

  it('declares the language actually used: an unsupported locale gets English, a region is kept', () => {
    expect(render(shipmentFor('in_transit'), { locale: 'pt-BR' })).toContain('<html lang="en"')
    expect(render(shipmentFor('in_transit'), { locale: 'fr_ca' })).toContain('<html lang="fr-CA"')
  })

  it('rejects unusable input with a ValidationError naming the field, never a TypeError', () => {
    const bad: [unknown, string][] = [
      [null, 'shipment'],
      [{ ...shipmentFor('in_transit'), events: 'x' }, 'shipment.events'],
      [{ ...shipmentFor('in_transit'), events: [null] }, 'shipment.events[0]'],
      [
        { ...shipmentFor('in_transit'), events: [{ occurredAt: 'yesterday' }] },
        'shipment.events[0].occurredAt',
      ],
      [{ ...shipmentFor('in_transit'), trackingNumber: 42 }, 'shipment.trackingNumber'],
    ]
    for (const [value, path] of bad) {
      try {
        renderTrackingPage(value as Shipment)
        expect.unreachable()
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).path).toBe(path)
      }
    }
    expect(() => render(shipmentFor('in_transit'), { brand: { color: 'red' } })).toThrow(/brand.color/)
    expect(() => render(shipmentFor('in_transit'), { brand: { logoUrl: 'javascript:alert(1)' } })).toThrow(
      /brand.logoUrl/,
    )
    expect(() => render(shipmentFor('in_transit'), { timeZone: 'Mars/Olympus' })).toThrow(ValidationError)
  })
})
