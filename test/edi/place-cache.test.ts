/**
 * Issue #26: the per-file place cache of the 214 reader (`SegmentBytesCache`) used to start over when full, so a
 * file naming more distinct places than it holds re-read every place (a cliff). Guards that a full cache drops only
 * its oldest places: recent places still hit, and the cache never grows past its bound.
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
    for (let city = 0; city < 16_385; city++) cache.get(ms1(city), make)
    expect(made).toBe(16_385)
    for (let city = 15_385; city < 16_385; city++)
      expect(cache.get(ms1(city), make)).toBe(`MS1*CITY ${city}*TX*US`)
    expect(made).toBe(16_385)
    cache.get(ms1(0), make)
    expect(made).toBe(16_386)
  })

  it('the same place in a new buffer is a hit, and equal bytes give the value made first', () => {
    const cache = new SegmentBytesCache<object>()
    const first = cache.get(ms1(7), () => ({ n: 1 }))
    expect(cache.get(ms1(7), () => ({ n: 2 }))).toBe(first)
  })
})
