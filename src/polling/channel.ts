/** A broadcast channel: every `iterator()` gets each value published after it was created, until `end()`. */

export interface Channel<T> {
  publish(value: T): void
  end(): void
  iterator(): AsyncIterableIterator<T>
}

/** Creates a channel. Buffers are unbounded: consume what you subscribe to. */
export function createChannel<T>(): Channel<T> {
  const listeners = new Set<(value: T | typeof END) => void>()
  let closed = false
  return {
    publish(value) {
      for (const listener of listeners) listener(value)
    },
    end() {
      closed = true
      for (const listener of listeners) listener(END)
      listeners.clear()
    },
    iterator() {
      const buffer: T[] = []
      let ended = closed
      let waiting: ((r: IteratorResult<T>) => void) | undefined
      const listener = (value: T | typeof END) => {
        if (value === END) ended = true
        else buffer.push(value)
        if (!waiting) return
        const resolve = waiting
        if (buffer.length > 0) {
          waiting = undefined
          resolve({ value: buffer.shift() as T, done: false })
        } else if (ended) {
          waiting = undefined
          resolve({ value: undefined, done: true })
        }
      }
      if (!ended) listeners.add(listener)
      const iterator: AsyncIterableIterator<T> = {
        next() {
          if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as T, done: false })
          if (ended) return Promise.resolve({ value: undefined, done: true })
          return new Promise((resolve) => {
            waiting = resolve
          })
        },
        return() {
          listeners.delete(listener)
          ended = true
          buffer.length = 0
          waiting?.({ value: undefined, done: true })
          waiting = undefined
          return Promise.resolve({ value: undefined, done: true })
        },
        [Symbol.asyncIterator]() {
          return iterator
        },
      }
      return iterator
    },
  }
}

const END: unique symbol = Symbol('end')
