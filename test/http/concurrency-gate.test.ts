/**
 * Issue #26: the rate limiter's concurrency cap is src/http/concurrency-gate.ts instead of `p-limit` (which cost
 * every import of the root entry ~5 ms). Guards against the gate behaving differently from the `p-limit` it
 * replaces: the same random schedules (tasks that resolve, reject, throw or return plain values; tasks settled in
 * random order; the cap changed while tasks wait) run through both, and the logs of starts, settlements, results
 * and running counts must be identical, microtask by microtask.
 */
import fc from 'fast-check'
import pLimit from 'p-limit'
import { describe, expect, it } from 'vitest'
import { ConcurrencyGate } from '../../src/http/concurrency-gate.js'

/** What a schedule needs from a concurrency cap. */
interface Cap {
  run<T>(task: () => PromiseLike<T> | T): Promise<T>
  readonly active: number
  setConcurrency(value: number): void
}

function viaGate(concurrency: number): Cap {
  const gate = new ConcurrencyGate(concurrency)
  return {
    run: (task) => gate.run(task),
    get active() {
      return gate.active
    },
    setConcurrency: (value) => {
      gate.concurrency = value
    },
  }
}

function viaPLimit(concurrency: number): Cap {
  const limit = pLimit(concurrency)
  return {
    run: (task) => limit(task),
    get active() {
      return limit.activeCount
    },
    setConcurrency: (value) => {
      limit.concurrency = value
    },
  }
}

type Step =
  | { kind: 'submit'; behaviour: 'deferred' | 'throw' | 'value' }
  | { kind: 'settle'; pick: number; reject: boolean }
  | { kind: 'concurrency'; value: number }
  | { kind: 'ticks'; count: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    behaviour: fc.constantFrom('deferred' as const, 'deferred' as const, 'throw' as const, 'value' as const),
  }),
  fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), reject: fc.boolean() }),
  fc.record({ kind: fc.constant('concurrency' as const), value: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('ticks' as const), count: fc.integer({ min: 0, max: 4 }) }),
)

const microtasks = async (count: number) => {
  for (let i = 0; i < count; i++) await Promise.resolve()
}

/** Runs `steps` through a cap and returns what was observed, in order. */
async function observe(
  make: (concurrency: number) => Cap,
  concurrency: number,
  steps: Step[],
): Promise<string[]> {
  const cap = make(concurrency)
  const log: string[] = []
  const started: { id: number; settle: (reject: boolean) => void }[] = []
  const outcomes: Promise<void>[] = []
  let next = 0
  for (const s of steps) {
    if (s.kind === 'submit') {
      const id = next++
      const outcome = cap.run(() => {
        log.push(`start ${id} active=${cap.active}`)
        if (s.behaviour === 'throw') throw new Error(`thrown ${id}`)
        if (s.behaviour === 'value') return `value ${id}`
        return new Promise<string>((resolve, reject) => {
          started.push({
            id,
            settle: (r) => (r ? reject(new Error(`rejected ${id}`)) : resolve(`resolved ${id}`)),
          })
        })
      })
      outcomes.push(
        outcome.then(
          (value) => void log.push(`ok ${id}: ${value} active=${cap.active}`),
          (error: Error) => void log.push(`error ${id}: ${error.message} active=${cap.active}`),
        ),
      )
    } else if (s.kind === 'settle') {
      if (started.length > 0) {
        const [task] = started.splice(s.pick % started.length, 1)
        log.push(`settle ${task!.id}`)
        task!.settle(s.reject)
      }
    } else if (s.kind === 'concurrency') {
      log.push(`concurrency ${s.value}`)
      cap.setConcurrency(s.value)
    } else await microtasks(s.count)
    log.push(`active=${cap.active}`)
  }
  // Settle everything still running, oldest first, until no task is left.
  for (let round = 0; round < 1000 && (started.length > 0 || cap.active > 0); round++) {
    await microtasks(3)
    while (started.length > 0) started.shift()!.settle(false)
  }
  await Promise.all(outcomes)
  log.push(`end active=${cap.active}`)
  return log
}

describe('regression #26: ConcurrencyGate behaves exactly as the p-limit it replaced', () => {
  it('same starts, results, errors and running counts for random schedules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(step, { maxLength: 60 }),
        async (cap, steps) => {
          const expected = await observe(viaPLimit, cap, steps)
          expect(await observe(viaGate, cap, steps)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never runs more than the cap, and a raised cap starts waiting tasks', async () => {
    const gate = new ConcurrencyGate(2)
    const release: (() => void)[] = []
    let peak = 0
    const done = Array.from({ length: 6 }, () =>
      gate.run(async () => {
        peak = Math.max(peak, gate.active)
        await new Promise<void>((resolve) => release.push(resolve))
      }),
    )
    await microtasks(3)
    expect([gate.active, gate.pending, peak]).toEqual([2, 4, 2])
    gate.concurrency = 4
    await microtasks(3)
    expect([gate.active, gate.pending]).toEqual([4, 2])
    while (release.length > 0 || gate.active > 0) {
      release.shift()?.()
      await microtasks(3)
    }
    await Promise.all(done)
    expect([gate.active, gate.pending, peak]).toEqual([0, 0, 4])
  })

  it('refuses a cap below 1 or not an integer, as p-limit did', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new ConcurrencyGate(bad)).toThrow(TypeError)
    expect(new ConcurrencyGate(Number.POSITIVE_INFINITY).concurrency).toBe(Number.POSITIVE_INFINITY)
  })
})
