/**
 * The rate limiter's per-key concurrency cap: at most `concurrency` tasks run at once, the others wait in FIFO
 * order. It does what the limiter used from `p-limit` (run, count the running tasks, change the cap while tasks
 * wait) with the same timing: a task starts one microtask after it is granted a slot, and the next waiting task
 * is granted the slot once the task's promise settles.
 *
 * `p-limit` is ESM-only, so the synchronous bucket set-up could not load it on first use; importing it (and
 * `yocto-queue`) cost every import of the root entry about 5 ms (#26). test/http/concurrency-gate.test.ts runs
 * the same schedules through both and compares the order of starts and ends.
 */

/** Runs tasks with at most `concurrency` of them in flight. */
export class ConcurrencyGate {
  #concurrency: number
  #active = 0
  /** Waiting starts, oldest first from `#head` (the array is compacted as it drains). */
  #waiting: (() => void)[] = []
  #head = 0

  /** @param concurrency tasks in flight at once: an integer ≥ 1 (or `Infinity`). */
  constructor(concurrency: number) {
    this.#concurrency = checked(concurrency)
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.#waiting.length - this.#head
  }

  /** The cap. Raising it starts waiting tasks (in a microtask); lowering it lets running tasks finish. */
  get concurrency(): number {
    return this.#concurrency
  }

  set concurrency(value: number) {
    this.#concurrency = checked(value)
    queueMicrotask(() => {
      while (this.#active < this.#concurrency && this.pending > 0) this.#grant()
    })
  }

  /** `task`'s result, once a slot was free and `task` ran. A task that throws rejects the promise. */
  run<T>(task: () => PromiseLike<T> | T): Promise<T> {
    return new Promise<T>((resolve) => {
      this.#waiting.push(() => {
        const result = (async () => task())()
        resolve(result)
        result.then(this.#release, this.#release)
      })
      if (this.#active < this.#concurrency) this.#grant()
    })
  }

  /** The oldest waiting task takes a slot and starts in a microtask. */
  #grant(): void {
    if (this.#active >= this.#concurrency || this.pending === 0) return
    this.#active++
    const start = this.#waiting[this.#head]!
    this.#waiting[this.#head++] = noop
    if (this.#head === this.#waiting.length) {
      this.#waiting = []
      this.#head = 0
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head)
      this.#head = 0
    }
    queueMicrotask(start)
  }

  /** A task settled: its slot goes to the next waiting task. */
  readonly #release = (): void => {
    this.#active--
    this.#grant()
  }
}

function noop(): void {}

function checked(concurrency: number): number {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0))
    throw new TypeError('Expected `concurrency` to be a number from 1 and up')
  return concurrency
}
