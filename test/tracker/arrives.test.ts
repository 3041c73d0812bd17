/**
 * The estimate as a headline: the date first, in the recipient's zone, the time or window when known, and
 * "today"/"tomorrow" only as a complement, in every message language (regression: the page said "It should
 * arrive tomorrow" with no date).
 */
import { describe, expect, it } from 'vitest'
import type { DeliveryWindow } from '../../src/model/index.js'
import { describe as describeShipment } from '../../src/tracker/describe.js'
import { shipmentFor } from '../ui/fixtures.js'

const NOW = new Date('2024-03-26T14:00:00Z')
const WINDOWS: Record<string, DeliveryWindow> = {
  between: { from: '2024-03-27T09:00:00-05:00', to: '2024-03-27T12:00:00-05:00', precision: 'minute' },
  by: { to: '2024-03-26T20:00:00-05:00', precision: 'minute' },
  on: { from: '2024-03-29', precision: 'day' },
  days: { from: '2024-03-28', to: '2024-03-29', precision: 'day' },
}

const EXPECTED: Record<string, Record<string, string>> = {
  en: {
    between: 'Arrives Wednesday, March 27, 9:00 AM – 12:00 PM · tomorrow',
    by: 'Arrives Tuesday, March 26, by 8:00 PM · today',
    on: 'Arrives Friday, March 29',
    days: 'Arrives between Thursday, March 28 and Friday, March 29',
  },
  es: {
    between: 'Llega el miércoles, 27 de marzo, 9:00–12:00 · mañana',
    by: 'Llega el martes, 26 de marzo, antes de las 20:00 · hoy',
    on: 'Llega el viernes, 29 de marzo',
    days: 'Llega entre el jueves, 28 de marzo y el viernes, 29 de marzo',
  },
  fr: {
    between: 'Arrive le mercredi 27 mars, 09:00 – 12:00 · demain',
    by: "Arrive le mardi 26 mars, avant 20:00 · aujourd'hui",
    on: 'Arrive le vendredi 29 mars',
    days: 'Arrive entre le jeudi 28 mars et le vendredi 29 mars',
  },
  de: {
    between: 'Zustellung am Mittwoch, 27. März, 09:00–12:00 Uhr · morgen',
    by: 'Zustellung am Dienstag, 26. März, bis 20:00 Uhr · heute',
    on: 'Zustellung am Freitag, 29. März',
    days: 'Zustellung zwischen Donnerstag, 28. März und Freitag, 29. März',
  },
  vi: {
    between: 'Dự kiến giao vào Thứ Tư, 27 tháng 3, 09:00–12:00 · ngày mai',
    by: 'Dự kiến giao vào Thứ Ba, 26 tháng 3, trước 20:00 · hôm nay',
    on: 'Dự kiến giao vào Thứ Sáu, 29 tháng 3',
    days: 'Dự kiến giao từ Thứ Năm, 28 tháng 3 đến Thứ Sáu, 29 tháng 3',
  },
}

/** ICU versions differ in the spaces around a range dash (thin, narrow no-break or plain): compare them as one. */
const spaces = (text: string | undefined) => text?.replace(/[\u2009\u202f\u00a0]/g, ' ')

function arrives(locale: string, window: DeliveryWindow, timeZone = 'America/Chicago', now = NOW) {
  const shipment = { ...shipmentFor('in_transit'), estimatedDelivery: window }
  return describeShipment(shipment, { locale, now, timeZone })
}

describe('describe(shipment).arrives', () => {
  for (const [locale, table] of Object.entries(EXPECTED)) {
    it.each(Object.entries(table))(`${locale}: %s`, (kind, expected) => {
      expect(spaces(arrives(locale, WINDOWS[kind] as DeliveryWindow).arrives)).toBe(expected)
    })
  }

  it("dates a window by the recipient's zone: a Chicago morning is a Ho Chi Minh City evening, or two days", () => {
    const evening = { from: '2024-03-27T08:00:00-05:00', to: '2024-03-27T10:00:00-05:00' }
    const d = arrives('en-GB', { ...evening, precision: 'minute' }, 'Asia/Ho_Chi_Minh')
    expect(spaces(d.arrives)).toBe('Arrives Wednesday 27 March, 20:00–22:00 · tomorrow')
    const late = arrives(
      'en',
      { from: '2024-03-27T11:00:00-05:00', to: '2024-03-27T13:00:00-05:00', precision: 'minute' },
      'Asia/Ho_Chi_Minh',
    )
    expect(spaces(late.arrives)).toBe('Arrives between Wednesday, March 27 and Thursday, March 28')
  })

  it('adds the year only when the estimate falls in another year', () => {
    const d = arrives('en', { from: '2025-01-02', precision: 'day' }, 'UTC', new Date('2024-12-30T12:00:00Z'))
    expect(d.arrives).toBe('Arrives Thursday, January 2, 2025')
  })

  it('is set exactly when the sentence carries an estimate, and never once delivered or past', () => {
    expect(arrives('en', WINDOWS.on as DeliveryWindow).eta).toBeDefined()
    expect(
      arrives('en', WINDOWS.on as DeliveryWindow, 'UTC', new Date('2024-04-02T00:00:00Z')).arrives,
    ).toBeUndefined()
    const delivered = describeShipment(
      { ...shipmentFor('delivered'), estimatedDelivery: WINDOWS.on as DeliveryWindow },
      { now: NOW },
    )
    expect(delivered.arrives).toBeUndefined()
  })
})
