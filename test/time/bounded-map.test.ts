/**
 * Issue #26: the caches of the place and time lookups drop their oldest key one at a time. Guards against a cache
 * that is cleared whole when full (every lookup after it misses: a cliff) and against one that outgrows its bound.
 */
import { describe, expect, it } from 'vitest'
import { BoundedMap } from '../../src/time/bounded-map.js'

describe('regression #26: BoundedMap drops its oldest key, never all of them', () => {
  it('keeps the last `max` keys set, in any number of rounds', () => {
    const map = new BoundedMap<string, number>(100)
    for (let i = 0; i < 1050; i++) {
      map.set(`k${i}`, i)
      expect(map.size).toBe(Math.min(i + 1, 100))
    }
    for (let i = 950; i < 1050; i++) expect(map.get(`k${i}`)).toBe(i)
    expect(map.has('k949')).toBe(false)
  })

  it('setting a key it holds changes its value without dropping anything', () => {
    const map = new BoundedMap<string, number | undefined>(3)
    map.set('a', 1)
    map.set('b', 2)
    map.set('c', 3)
    map.set('a', undefined)
    expect(map.has('a')).toBe(true)
    expect(map.get('a')).toBeUndefined()
    expect(map.size).toBe(3)
    map.set('d', 4)
    expect([map.has('a'), map.has('b'), map.has('c'), map.has('d')]).toEqual([false, true, true, true])
  })
})
