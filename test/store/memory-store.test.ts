import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/store/index.js'
import { SortedKeys } from '../../src/store/sorted-keys.js'

describe('memoryStore', () => {
  it('stores copies, lists keys by prefix in order and sets once', async () => {
    const store = memoryStore()
    const value = { ids: ['a'] }
    await store.set('p:b', value)
    value.ids.push('mutated')
    await store.set('p:a', 1)
    await store.set('q:a', 2)
    expect(await store.get('p:b')).toEqual({ ids: ['a'] })
    const keys: string[] = []
    for await (const k of store.keys('p:')) keys.push(k)
    expect(keys).toEqual(['p:a', 'p:b'])
    expect(await store.setIfAbsent('p:a', 3)).toBe(false)
    expect(await store.setIfAbsent('p:c', 3)).toBe(true)
    await store.delete('p:a')
    expect(await store.get('p:a')).toBeUndefined()
  })
})

describe('SortedKeys (the memory store keys in order, replacing a sort of every key per listing, #26)', () => {
  const key = fc.stringMatching(/^[ab:]{0,6}$/)
  const op = fc.oneof(
    fc.record({ add: key }),
    fc.record({ remove: key }),
    fc.record({ list: key }),
    fc.record({ addMany: fc.integer({ min: 0, max: 1500 }) }),
  )

  it('agrees with a plain sort and filter of a Set after any adds, removes and listings (small chunks split)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new SortedKeys()
        const plain = new Set<string>()
        const listFrom = (from: string) => {
          const out: string[] = []
          for (let batch = index.batchFrom(from); batch.length; batch = index.batchFrom(batch.at(-1)!, true))
            out.push(...batch)
          return out
        }
        for (const o of ops) {
          if ('add' in o) expect(index.add(o.add)).toBe(!plain.has(o.add) && !!plain.add(o.add))
          else if ('remove' in o) expect(index.delete(o.remove)).toBe(plain.delete(o.remove))
          else if ('addMany' in o)
            for (let i = 0; i < o.addMany; i++) {
              const k = `m:${(i * 7919) % 1500}`
              expect(index.add(k)).toBe(!plain.has(k) && !!plain.add(k))
            }
          else expect(listFrom(o.list)).toEqual([...plain].filter((k) => k >= o.list).sort())
          expect(index.size).toBe(plain.size)
        }
        expect(listFrom('')).toEqual([...plain].sort())
      }),
      { numRuns: 300 },
    )
  })
})

describe('memoryStore listing (guards the ordered index against the plain sort it replaced, #26)', () => {
  it('lists every live key under a prefix, in order, through sets, deletes, expiries and updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom('set', 'ttl', 'delete', 'update', 'list', 'tick'),
            key: fc.stringMatching(/^[pq]:[ab]{0,3}$/),
            prefix: fc.constantFrom('', 'p', 'p:', 'p:a', 'q:', 'z'),
          }),
          { maxLength: 40 },
        ),
        async (ops) => {
          let clock = 0
          const store = memoryStore({ now: () => clock })
          const plain = new Map<string, number | undefined>() // key → expires at
          const expected = (prefix: string) =>
            [...plain]
              .filter(([k, at]) => k.startsWith(prefix) && (at === undefined || at > clock))
              .map(([k]) => k)
              .sort()
          for (const o of ops) {
            if (o.kind === 'set') {
              await store.set(o.key, 1)
              plain.set(o.key, undefined)
            } else if (o.kind === 'ttl') {
              await store.set(o.key, 1, { ttlMs: 5 })
              plain.set(o.key, clock + 5)
            } else if (o.kind === 'delete') {
              await store.delete(o.key)
              plain.delete(o.key)
            } else if (o.kind === 'update') {
              await store.update([o.key], (tx) => tx.delete(o.key))
              plain.delete(o.key)
            } else if (o.kind === 'tick') clock += 3
            else {
              const listed: string[] = []
              for await (const k of store.keys(o.prefix)) listed.push(k)
              expect(listed).toEqual(expected(o.prefix))
            }
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('lets the caller write while it lists: every key there throughout is listed once, in order; a deleted one is not', async () => {
    const store = memoryStore()
    for (let i = 0; i < 2000; i++) await store.set(`k:${String(i).padStart(4, '0')}`, i)
    const listed: string[] = []
    for await (const k of store.keys('k:')) {
      listed.push(k)
      if (k === 'k:0100') {
        await store.delete('k:0101')
        await store.set('k:0100a', 1)
        await store.set('k:1999a', 1)
      }
    }
    const throughout = Array.from({ length: 2000 }, (_, i) => `k:${String(i).padStart(4, '0')}`).filter(
      (k) => k !== 'k:0101',
    )
    expect(listed.filter((k) => k.length === 6)).toEqual(throughout)
    expect(listed).not.toContain('k:0101')
    expect(new Set(listed).size).toBe(listed.length)
    expect(listed).toEqual([...listed].sort())
  })
})
