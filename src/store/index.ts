/**
 * The small key-value `Store` that the poller, SFTP checkpoints, webhook de-duplication and the tracker share.
 *
 * Keys are strings namespaced by the caller (`poller:ups:1Z…`, `sftp:checkpoint:/in/a.edi`); values are JSON
 * values. A durable implementation (see `waybill/tracker`) implements the same interface, so everything that
 * survives a restart goes through here.
 */

/** A JSON-serialisable value. */
export type StoreValue = null | boolean | number | string | StoreValue[] | { [key: string]: StoreValue }

export interface Store {
  get<T extends StoreValue = StoreValue>(key: string): Promise<T | undefined>
  set(key: string, value: StoreValue): Promise<void>
  delete(key: string): Promise<void>
  /** Every key starting with `prefix`, in ascending key order, as an async iterator (bounded memory). */
  keys(prefix: string): AsyncIterable<string>
  /**
   * Sets `key` only if it is absent; returns true when this call set it.
   * The building block for "process once" (webhook delivery ids, SFTP checkpoints).
   */
  setIfAbsent(key: string, value: StoreValue): Promise<boolean>
  close?(): Promise<void>
}

/**
 * The default store: a Map in this process. Values are deep-copied on the way in and out so that callers
 * cannot mutate stored state by accident.
 * @example const store = memoryStore()
 */
export function memoryStore(): Store & { readonly size: number } {
  const map = new Map<string, string>()
  return {
    get size() {
      return map.size
    },
    async get<T extends StoreValue = StoreValue>(key: string) {
      const raw = map.get(key)
      return raw === undefined ? undefined : (JSON.parse(raw) as T)
    },
    async set(key, value) {
      map.set(key, JSON.stringify(value))
    },
    async delete(key) {
      map.delete(key)
    },
    async *keys(prefix) {
      const matching = [...map.keys()].filter((k) => k.startsWith(prefix)).sort()
      yield* matching
    },
    async setIfAbsent(key, value) {
      if (map.has(key)) return false
      map.set(key, JSON.stringify(value))
      return true
    },
  }
}
