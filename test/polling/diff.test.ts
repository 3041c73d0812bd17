import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventId, type TrackingEvent } from '../../src/model/index.js'
import { diffEvents, SEEN_LIMIT, type SeenState, shortId } from '../../src/polling/index.js'

const event = (i: number): TrackingEvent => {
  const occurredAt = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
  return {
    id: eventId({ carrier: 'c', trackingNumber: 'T', occurredAt, rawCode: 'X', discriminator: String(i) }),
    carrier: 'c',
    trackingNumber: 'T',
    status: 'in_transit',
    milestone: 'in_transit',
    occurredAt,
    zoneSource: 'carrier',
    precision: 'second',
    description: '',
    raw: { source: 'rest', code: 'X' },
  }
}

describe('diffEvents', () => {
  /** Runs polls; each returns the published history or only its latest `window` events, shuffled. */
  const run = (polls: { publish: number; window: number | null; seed: number }[]) => {
    let state: SeenState = { seen: '', seenCount: 0 }
    let published = 0
    const emitted: string[] = []
    for (const poll of polls) {
      published += poll.publish
      const all = Array.from({ length: published }, (_, i) => event(i))
      const snapshot = poll.window === null ? all : all.slice(-poll.window)
      const key = (e: TrackingEvent) => (e.id.charCodeAt(5) ^ poll.seed) & 7
      const shuffled = [...snapshot].sort((a, b) => key(a) - key(b))
      const diff = diffEvents(state, [...shuffled, ...shuffled.slice(0, 2)])
      emitted.push(...diff.fresh.map((e) => e.id))
      state = { seen: diff.seen, seenBase: diff.seenBase, floor: diff.floor, seenCount: diff.seenCount }
      expect(state.seen.length).toBeLessThanOrEqual(SEEN_LIMIT * 13)
    }
    const final = diffEvents(
      state,
      Array.from({ length: published }, (_, i) => event(i)),
    )
    emitted.push(...final.fresh.map((e) => e.id))
    return { emitted, published, seenCount: final.seenCount }
  }

  it('property: full histories (any order, duplicates, any length): every event emitted exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ publish: fc.nat(15), window: fc.constant(null), seed: fc.nat() }), {
          maxLength: 40,
        }),
        (polls) => {
          const { emitted, published, seenCount } = run(polls)
          expect(new Set(emitted).size).toBe(emitted.length)
          expect(emitted.length).toBe(published)
          expect(seenCount).toBe(published)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('property: partial windows while the history fits in SEEN_LIMIT: every event emitted exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            publish: fc.nat(4),
            window: fc.option(fc.integer({ min: 1, max: 10 })),
            seed: fc.nat(),
          }),
          {
            maxLength: 8,
          },
        ),
        (polls) => {
          const { emitted, published } = run(polls)
          expect(published).toBeLessThanOrEqual(SEEN_LIMIT)
          expect(new Set(emitted).size).toBe(emitted.length)
          expect(emitted.length).toBe(published)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('documented limitation: an event first shown after more than SEEN_LIMIT later ones, dated before the floor, is taken as old', () => {
    const { emitted, published } = run([
      { publish: 5, window: 1, seed: 0 },
      { publish: SEEN_LIMIT + 5, window: SEEN_LIMIT + 5, seed: 0 },
    ])
    expect(published).toBe(SEEN_LIMIT + 10)
    expect(emitted.length).toBeLessThan(published)
    expect(new Set(emitted).size).toBe(emitted.length)
  })

  it('fresh events come out in instant order', () => {
    const d = diffEvents({ seen: '', seenCount: 0 }, [event(3), event(1), event(2)])
    expect(d.fresh.map((e) => e.occurredAt)).toEqual([event(1), event(2), event(3)].map((e) => e.occurredAt))
  })

  it('shortId is 8 url-safe characters for canonical and foreign ids', () => {
    expect(shortId(event(1).id)).toMatch(/^[A-Za-z0-9_-]{8}$/)
    expect(shortId('carrier-own-id-123')).toMatch(/^[A-Za-z0-9_-]{8}$/)
    expect(shortId('a')).not.toBe(shortId('b'))
  })
})
