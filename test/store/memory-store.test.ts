import { describe, expect, it } from 'vitest'
import { memoryStore } from '../../src/store/index.js'

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
