/**
 * The small key-value `Store` that the tracker, the poller, SFTP checkpoints, webhook de-duplication and quota
 * counts share, and its in-process implementation. Durable ones: `pgliteStore` (one process, a folder) and
 * `postgresStore` (a PostgreSQL server, many instances), both in `waybill/store`.
 *
 * Keys are strings namespaced by the caller (`tracker:number:ups:1Z…`, `sftp:checkpoint:/in/a.edi`); values are
 * JSON values. Every implementation passes the same driver suite (`test/store/driver-suite.ts`).
 *
 * Atomicity: `update(keys, fn)` is the one read-modify-write. While `fn` runs, no other `update` that names any
 * of the same keys runs, in this process or (for server stores) any other; `fn` sees the keys' values as they
 * are and its writes land together or not at all. `set`, `delete` and `setIfAbsent` are single atomic writes; a
 * plain `set` racing an `update` of the same key is last-writer-wins, so a key that is updated should only be
 * written through `update`.
 */
import { createKeyLocks } from './key-locks.js'
import { SortedKeys } from './sorted-keys.js'

/** A JSON-serialisable value. */
export type StoreValue = null | boolean | number | string | StoreValue[] | { [key: string]: StoreValue }

/** Options of a single write. */
export interface WriteOptions {
  /**
   * The value expires this many milliseconds after the write: reads, listings and `setIfAbsent` then treat the
   * key as absent. Server stores measure it on the database's clock.
   * @default undefined (never expires)
   */
  ttlMs?: number
}

/** What `update`'s callback sees: the values of the keys it named, read inside the atomic section. */
export interface StoreTransaction {
  /** The key's current value (`undefined` when absent or expired). Only keys named in `update` can be read. */
  get<T extends StoreValue = StoreValue>(key: string): T | undefined
  /**
   * Writes the key when the callback returns (not before), with the value as it is then. Only keys named in
   * `update` can be written.
   */
  set(key: string, value: StoreValue, options?: WriteOptions): void
  /** Deletes the key when the callback returns. */
  delete(key: string): void
}

export interface Store {
  get<T extends StoreValue = StoreValue>(key: string): Promise<T | undefined>
  set(key: string, value: StoreValue, options?: WriteOptions): Promise<void>
  delete(key: string): Promise<void>
  /** Every key starting with `prefix`, in ascending key order (UTF-16 code units), as an async iterator. */
  keys(prefix: string): AsyncIterable<string>
  /**
   * Sets `key` only if it is absent (or expired); returns true when this call set it.
   * The building block for "process once" (webhook delivery ids, SFTP claims).
   */
  setIfAbsent(key: string, value: StoreValue, options?: WriteOptions): Promise<boolean>
  /**
   * Reads `keys`, runs `fn`, and applies what it wrote, atomically: no other `update` naming one of these keys
   * runs in between, in any process sharing the store. When `fn` throws, nothing is written and the error is
   * rethrown. Keep `fn` short and free of I/O: it holds the keys (and, on a server, a connection).
   * @example
   * await store.update(['counter'], (tx) => tx.set('counter', (tx.get<number>('counter') ?? 0) + 1))
   */
  update<R>(keys: readonly string[], fn: (tx: StoreTransaction) => R | Promise<R>): Promise<R>
  close?(): Promise<void>
}

/** One pending write of an `update`: a value (with its options) or `undefined` to delete. */
export type StoreWrite = { value: StoreValue; options?: WriteOptions | undefined } | undefined

/**
 * Runs `fn` over values read beforehand and collects its writes; shared by every implementation so that they
 * agree on what a transaction may touch.
 * @internal
 */
export async function runTransaction<R>(
  keys: readonly string[],
  values: ReadonlyMap<string, StoreValue | undefined>,
  fn: (tx: StoreTransaction) => R | Promise<R>,
): Promise<{ result: R; writes: Map<string, StoreWrite> }> {
  const named = new Set(keys)
  const writes = new Map<string, StoreWrite>()
  const check = (key: string) => {
    if (!named.has(key))
      throw new RangeError(`store.update: key '${key}' was not named in the keys of this update`)
  }
  const tx: StoreTransaction = {
    get<T extends StoreValue = StoreValue>(key: string) {
      check(key)
      if (writes.has(key)) {
        const write = writes.get(key)
        return (write === undefined ? undefined : write.value) as T | undefined
      }
      return values.get(key) as T | undefined
    },
    set(key, value, options) {
      check(key)
      writes.set(key, { value, options })
    },
    delete(key) {
      check(key)
      writes.set(key, undefined)
    },
  }
  const result = await fn(tx)
  return { result, writes }
}

/** A stored value: its JSON, with its expiry when it has one (a plain string otherwise: one object less per key). */
type Entry = string | { json: string; expiresAt: number }

/**
 * The default store: a Map in this process. Values are copied on the way in and out so that callers cannot
 * mutate stored state by accident; `update` holds its keys with in-process locks. The keys are also kept in order
 * (`SortedKeys`), so listing a prefix reads only the keys under it.
 * @example const store = memoryStore()
 */
export function memoryStore(options: { now?: () => number } = {}): Store & { readonly size: number } {
  const now = options.now ?? Date.now
  const map = new Map<string, Entry>()
  const sorted = new SortedKeys()
  const locks = createKeyLocks()

  const remove = (key: string) => {
    if (map.delete(key)) sorted.delete(key)
  }
  const live = (key: string): Entry | undefined => {
    const entry = map.get(key)
    if (typeof entry === 'object' && entry.expiresAt <= now()) {
      remove(key)
      return undefined
    }
    return entry
  }
  const write = (key: string, value: StoreValue, opts: WriteOptions | undefined) => {
    const json = JSON.stringify(value)
    const entry: Entry = opts?.ttlMs === undefined ? json : { json, expiresAt: now() + opts.ttlMs }
    if (!map.has(key)) sorted.add(key)
    map.set(key, entry)
  }
  const read = (key: string): StoreValue | undefined => {
    const entry = live(key)
    if (entry === undefined) return undefined
    return JSON.parse(typeof entry === 'string' ? entry : entry.json) as StoreValue
  }

  return {
    get size() {
      return map.size
    },
    async get<T extends StoreValue = StoreValue>(key: string) {
      return read(key) as T | undefined
    },
    async set(key, value, opts) {
      write(key, value, opts)
    },
    async delete(key) {
      remove(key)
    },
    async *keys(prefix) {
      // A batch at a time (a copy), from the last key read: keys written while the caller reads are allowed.
      let batch = sorted.batchFrom(prefix)
      while (batch.length) {
        for (const key of batch) {
          if (!key.startsWith(prefix)) return
          if (live(key)) yield key
        }
        batch = sorted.batchFrom(batch[batch.length - 1]!, true)
      }
    },
    async setIfAbsent(key, value, opts) {
      if (live(key)) return false
      write(key, value, opts)
      return true
    },
    async update(keys, fn) {
      return locks.run(keys, async () => {
        const values = new Map(keys.map((key) => [key, read(key)]))
        const { result, writes } = await runTransaction(keys, values, fn)
        for (const [key, w] of writes) {
          if (w === undefined) remove(key)
          else write(key, w.value, w.options)
        }
        return result
      })
    },
  }
}
