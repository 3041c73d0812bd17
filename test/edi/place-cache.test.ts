/**
 * Issue #26: the per-file place cache of the 214 reader (`SegmentBytesCache`) used to start over when full, so a
 * file naming more distinct places than it holds re-read every place (a cliff). Guards that a full cache drops only
 * its oldest places: recent places still hit, and the cache never grows past its bound. Also guards that a place
 * named once is not kept (a file naming tens of thousands of places once each filled the cache with entries never
 * asked for again, which became old-generation garbage: 209-215 MB peak RSS on a 16 MB file).
 */
import { describe, expect, it } from 'vitest'
import type { Delimiters } from '../../src/edi/delimiters.js'
import { SegmentBytesCache } from '../../src/edi/place214.js'
import { Segment } from '../../src/edi/segment.js'

const DELIMITERS: Delimiters = {
  element: 0x2a,
  elementText: '*',
  component: new Uint8Array([0x3e]),
  componentText: '>',
  repetition: undefined,
} as unknown as Delimiters

function ms1(city: number): Segment {
  const buf = Buffer.from(`MS1*CITY ${city}*TX*US`, 'latin1')
  return new Segment('MS1', buf, 0, buf.length, DELIMITERS, city, 0, true)
}

describe('regression #26: a full place cache drops its oldest places, not all of them', () => {
  it('after 16,385 distinct places (one past a multiple of the old bound) the last thousand still hit, the first do not', () => {
    const cache = new SegmentBytesCache<string>()
    let made = 0
    const make = (seg: Segment) => {
      made++
      return seg.toString()
    }
    // Each place named twice: the second time it is kept.
    for (let city = 0; city < 16_385; city++) for (const _ of [1, 2]) cache.get(ms1(city), make)
    expect(made).toBe(2 * 16_385)
    for (let city = 15_385; city < 16_385; city++)
      expect(cache.get(ms1(city), make)).toBe(`MS1*CITY ${city}*TX*US`)
    expect(made).toBe(2 * 16_385)
    cache.get(ms1(0), make)
    expect(made).toBe(2 * 16_385 + 1)
  })

  it('the same place in a new buffer is a hit, and equal bytes give the value made when they were kept', () => {
    const cache = new SegmentBytesCache<object>()
    cache.get(ms1(7), () => ({ n: 1 }))
    const kept = cache.get(ms1(7), () => ({ n: 2 }))
    expect(cache.get(ms1(7), () => ({ n: 3 }))).toBe(kept)
    expect(kept).toEqual({ n: 2 })
  })

  it('keeps a place only the second time it is named: places named once each leave nothing to hit', () => {
    const cache = new SegmentBytesCache<string>()
    let made = 0
    const make = (seg: Segment) => {
      made++
      return seg.toString()
    }
    for (let city = 0; city < 1000; city++) cache.get(ms1(city), make)
    for (let city = 0; city < 1000; city++) cache.get(ms1(city + 1000), make)
    expect(made).toBe(2000)
    // The first thousand again: not kept the first time, so made again (and kept now).
    for (let city = 0; city < 1000; city++) cache.get(ms1(city), make)
    expect(made).toBe(3000)
    for (let city = 0; city < 1000; city++) cache.get(ms1(city), make)
    expect(made).toBe(3000)
  })
})
