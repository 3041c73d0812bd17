/**
 * One rule decides whether the recipient has to act: the next step's wording and the page's badge agree.
 * Regression: customs clearance was badged "Needs attention" while the next step said nothing was needed.
 */
import { describe, expect, it } from 'vitest'
import { buildShipment, MILESTONES, type Milestone, type TrackingEvent } from '../../src/model/index.js'
import { describe as describeShipment, needsAction } from '../../src/tracker/describe.js'
import { MESSAGES } from '../../src/tracker/messages/index.js'
import { progressView, renderTrackingPage, UI_STRINGS } from '../../src/ui/index.js'
import { LOCALES, NOW } from './fixtures.js'

function exceptionShipment(milestone: Milestone) {
  const event: TrackingEvent = {
    id: `ev_attention_${milestone}`,
    carrier: 'fedex',
    trackingNumber: '771234567878',
    status: 'exception',
    milestone,
    occurredAt: '2024-03-26T09:30:00-04:00',
    timeZone: 'America/Toronto',
    zoneSource: 'location',
    precision: 'minute',
    location: { city: 'MISSISSAUGA', region: 'ON', countryCode: 'CA' },
    description: 'Clearance in progress',
    raw: { source: 'rest', code: 'CC', text: 'Clearance in progress' },
  }
  const shipment = buildShipment({ carrier: 'fedex', trackingNumber: '771234567878', events: [event] })
  return { ...shipment, status: 'exception' as const, milestone }
}

/** The first sentence of a text: every calm next step opens with the language's "Nothing to do for now." */
const opening = (text: string | undefined) => text?.split(/(?<=\.)\s/)[0]

describe('needsAction: the rule', () => {
  it('asks nothing for customs, delays, weather, holds or a carrier code we cannot be specific about', () => {
    for (const milestone of [
      'customs',
      'delayed',
      'weather_delay',
      'held',
      'status_update',
      'unknown',
    ] as const)
      expect(needsAction('exception', milestone), milestone).toBe(false)
  })

  it('asks for action on an address problem, a damaged package, a missed delivery, a pickup and a failure', () => {
    expect(needsAction('exception', 'address_issue')).toBe(true)
    expect(needsAction('exception', 'damaged')).toBe(true)
    expect(needsAction('delivery_attempted', 'delivery_attempted')).toBe(true)
    expect(needsAction('available_for_pickup', 'available_for_pickup')).toBe(true)
    expect(needsAction('failure', 'lost')).toBe(true)
    expect(needsAction('in_transit', 'customs')).toBe(false)
  })
})

describe('the next step, the badge and the progress step agree, in every language', () => {
  for (const locale of LOCALES) {
    it.each([...MILESTONES])(`an exception with milestone %s in ${locale}`, (milestone) => {
      const shipment = exceptionShipment(milestone)
      const d = describeShipment(shipment, { locale, now: NOW })
      const strings = UI_STRINGS[locale]
      const calm = opening(MESSAGES[locale]?.nextStep.exception)
      expect(calm).toBeTruthy()
      const view = progressView(shipment)
      const html = renderTrackingPage(shipment, { locale, now: NOW })
      const warnBadge = html.includes('<span class="wb-badge" data-tone="warn">')
      expect(d.action).toBe(needsAction('exception', milestone))
      if (d.action) {
        expect(view.problem).toBe('problem')
        expect(opening(d.nextStep)).not.toBe(calm)
        expect(warnBadge).toBe(true)
      } else {
        expect(view.problem).not.toBe('problem')
        expect(opening(d.nextStep)).toBe(calm)
        expect(warnBadge).toBe(false)
        expect(html).not.toContain(strings?.problem.problem)
      }
    })
  }

  it('customs reads calmly: "In customs", and nothing to do', () => {
    const html = renderTrackingPage(exceptionShipment('customs'), { locale: 'en', now: NOW })
    expect(html).toContain('<span class="wb-badge" data-tone="wait">In customs</span>')
    expect(html).toContain('Nothing to do for now. If anything is needed from you, you&#39;ll be contacted.')
    expect(html).not.toContain('Needs attention')
  })
})
