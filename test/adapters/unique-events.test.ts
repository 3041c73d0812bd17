/**
 * `UniqueEvents` (used by the DHL and USPS adapters): ids are compared only between events at the same instant, and
 * not at all while instants keep moving one way; `inOrder()` hands `buildShipment` a list it need not sort.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEvent, UniqueEvents } from '../../src/adapter/index.js'
import { buildShipment, sortEvents, type TrackingEvent } from '../../src/model/index.js'
import { formatInstant } from '../../src/time/clock.js'

const events = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2 })), {
  maxLength: 40,
})
const ordered = fc.oneof(
  events,
  events.map((list) => [...list].sort((a, b) => a[0] - b[0])),
  events.map((list) => [...list].sort((a, b) => b[0] - a[0])),
)

describe('UniqueEvents', () => {
  // Guards the de-duplication's shortcut (no lookups while instants keep moving one way) and its switch to
  // grouping by minute: whatever the order, each id is kept once, at its first position. (Equal ids imply equal
  // instants.)
  it('keeps the first event of each id, in order', () => {
    fc.assert(
      fc.property(ordered, (list) => {
        const unique = new UniqueEvents()
        const firsts = new Map<string, number>()
        list.forEach(([instant, variant], i) => {
          const id = `${instant}/${variant}`
          if (!firsts.has(id)) firsts.set(id, i)
          // 20 s apart: several instants share a minute, the unit the switch groups by
          const kept = unique.add({ id } as TrackingEvent, instant * 20_000)
          expect(kept).toBe(firsts.get(id) === i)
        })
        expect(unique.list.map((e) => e.id)).toEqual([...firsts.keys()])
      }),
      { numRuns: 500 },
    )
  })

  // Guards the in-order hint: buildShipment skips its sort for inOrder()'s lists, so they must be exactly what the
  // sort would give, in every zone offset and order.
  it('inOrder() is exactly the order buildShipment would sort the events into', () => {
    fc.assert(
      fc.property(
        ordered,
        fc.array(fc.integer({ min: -48, max: 56 }), { minLength: 1, maxLength: 4 }),
        (list, quarters) => {
          const unique = new UniqueEvents()
          list.forEach(([minute, variant], i) => {
            const instant = Date.UTC(2024, 5, 1) + minute * 60_000
            const event = createEvent({
              carrier: 'acme',
              trackingNumber: 'A1',
              status: 'in_transit',
              milestone: 'in_transit',
              occurredAt: formatInstant(instant, (quarters[i % quarters.length] as number) * 15),
              zoneSource: 'carrier',
              precision: 'second',
              description: `v${variant}`,
              raw: { source: 'rest', code: `C${variant}` },
            })
            unique.add(event, instant)
          })
          const hinted = unique.inOrder()
          // a hinted (frozen) list must be exactly the sort's order; any other is sorted by buildShipment
          if (Object.isFrozen(hinted))
            expect(hinted.map((e) => e.id)).toEqual(sortEvents([...unique.list]).map((e) => e.id))
          else expect(hinted).toBe(unique.list)
          const built = buildShipment({
            carrier: 'acme',
            trackingNumber: 'A1',
            events: hinted as TrackingEvent[],
          })
          const plain = buildShipment({ carrier: 'acme', trackingNumber: 'A1', events: [...unique.list] })
          expect(built).toEqual(plain)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('a hinted list cannot be reordered afterwards (it is frozen)', () => {
    const unique = new UniqueEvents()
    unique.add(
      { id: 'a', occurredAt: '2024-06-01T10:00:00+00:00' } as TrackingEvent,
      Date.UTC(2024, 5, 1, 10),
    )
    unique.add({ id: 'b', occurredAt: '2024-06-01T09:00:00+00:00' } as TrackingEvent, Date.UTC(2024, 5, 1, 9))
    const hinted = unique.inOrder() as TrackingEvent[]
    expect(hinted.map((e) => e.id)).toEqual(['b', 'a'])
    expect(() => hinted.reverse()).toThrow(TypeError)
  })

  // Guards the numeric-key sort (instant × 2^bits + position) and its way out to a comparator: instants it cannot
  // hold exactly (fractions of a millisecond, beyond the year 2248, before 1970) must sort as a stable sort does.
  it('sorts mixed orders stably whatever the instants, fractional and extreme ones included', () => {
    const instant = fc.oneof(
      fc.integer({ min: -2e12, max: 2e12 }),
      fc.constantFrom(0, -1, 8.64e15, -8.64e15, 1.5, 1712660000000.25),
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.nat(3)), { minLength: 2, maxLength: 60 }), (list) => {
        const unique = new UniqueEvents()
        list.forEach(([at, variant], i) => {
          unique.add({ id: `${at}/${variant}/${i}` } as TrackingEvent, at)
        })
        const positions = unique.list.map((_, i) => i)
        const order = unique.list.map((e) => Number(e.id.split('/')[0]))
        positions.sort((a, b) => (order[a] as number) - (order[b] as number) || a - b)
        expect(unique.inOrder().map((e) => e.id)).toEqual(positions.map((i) => unique.list[i]?.id))
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves a list with an unreadable instant to buildShipment (no hint)', () => {
    const unique = new UniqueEvents()
    unique.add(
      { id: 'a', occurredAt: '2024-06-01T10:00:00+00:00' } as TrackingEvent,
      Date.UTC(2024, 5, 1, 10),
    )
    unique.add({ id: 'b', occurredAt: 'garbled' } as TrackingEvent, Number.NaN)
    unique.add({ id: 'c', occurredAt: '2024-06-01T09:00:00+00:00' } as TrackingEvent, Date.UTC(2024, 5, 1, 9))
    expect(unique.inOrder()).toBe(unique.list)
  })
})
