/**
 * The tracker's listeners: `on(type, listener)`, `events()` as an async iterator, and `emit`, which calls every
 * listener of a type even when one throws, then throws what they threw (an `AggregateError` when several did), so
 * that one failing listener neither starves the others nor goes unnoticed.
 */
import type { TrackerEvent, TrackerEventMap } from './types.js'

export type Listener<K extends keyof TrackerEventMap> = (payload: TrackerEventMap[K]) => void

export class Emitter {
  #listeners = new Map<keyof TrackerEventMap, Set<(payload: never) => void>>()

  on<K extends keyof TrackerEventMap>(type: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(type)
    if (!set) {
      set = new Set()
      this.#listeners.set(type, set)
    }
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  emit<K extends keyof TrackerEventMap>(type: K, payload: TrackerEventMap[K]): void {
    const errors: unknown[] = []
    for (const listener of this.#listeners.get(type) ?? []) {
      try {
        ;(listener as Listener<K>)(payload)
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length)
      throw errors.length === 1
        ? errors[0]
        : new AggregateError(errors, `${errors.length} '${type}' listeners threw`)
  }

  /** An async iterator of everything emitted from now on; ends when `signal` aborts or the caller returns. */
  events(signal?: AbortSignal): AsyncIterableIterator<TrackerEvent> {
    const queue: TrackerEvent[] = []
    let wake: (() => void) | undefined
    let done = signal?.aborted ?? false
    const offs = (['update', 'alert', 'anomaly'] as const).map((type) =>
      this.on(type, (payload) => {
        queue.push({ type, ...payload } as TrackerEvent)
        wake?.()
      }),
    )
    const finish = () => {
      done = true
      for (const off of offs) off()
      wake?.()
    }
    signal?.addEventListener('abort', finish, { once: true })
    const iterator: AsyncIterableIterator<TrackerEvent> = {
      async next() {
        while (!queue.length && !done) await new Promise<void>((resolve) => (wake = resolve))
        const value = queue.shift()
        return value ? { value, done: false } : { value: undefined, done: true }
      },
      async return() {
        finish()
        return { value: undefined, done: true }
      },
      [Symbol.asyncIterator]() {
        return iterator
      },
    }
    return iterator
  }
}
