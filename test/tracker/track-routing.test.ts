import { describe, expect, it } from 'vitest'
import type { Adapter } from '../../src/adapter/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { carrier, payload, v2 } from './reprocess-adapter.js'

/** An adapter of a carrier the core knows nothing about, with its own `detect()` and `track()`. */
function custom(id: string, prefix: string, asked: string[]): Adapter {
  const base = carrier(v2)
  return {
    ...base,
    id,
    capabilities: { track: true, batch: 1 },
    detect: (n: string) => (n.startsWith(prefix) ? 0.9 : 0),
    async track(numbers: string[]) {
      asked.push(...numbers)
      return [payload(numbers[0]!, ['PU'])]
    },
  } as Adapter
}

describe("tracker.track routes by the adapters' own detect() (regression: a closed carrier list decided)", () => {
  it("a custom adapter's number is tracked with no core edit, and the others are not asked", async () => {
    const asked: string[] = []
    const other: string[] = []
    const tracker = createTracker({
      adapters: [custom('zeta', 'ZZ', other), custom('acme', 'AC', asked)],
      store: memoryStore(),
      outbox: { drainEveryMs: 0 },
    })
    const result = await tracker.track('AC123456')
    expect(result.found && result.carrier).toBe('acme')
    expect(asked).toEqual(['AC123456'])
    expect(other).toEqual([])
  })

  it('a number no adapter claims is not found, with nobody tried', async () => {
    const tracker = createTracker({ adapters: [custom('acme', 'AC', [])], outbox: { drainEveryMs: 0 } })
    expect(await tracker.track('QQ1')).toMatchObject({ found: false, tried: [] })
  })
})

describe('createTracker checks its zone option (regression: a mistyped defaultZone dropped every event later)', () => {
  it('refuses a defaultZone that is not an IANA zone, naming the option', () => {
    expect(() => createTracker({ adapters: [], defaultZone: 'Mars/Base' })).toThrow(/defaultZone/)
    expect(() => createTracker({ adapters: [], defaultZone: 'America/Chicago' })).not.toThrow()
  })
})
