/**
 * A Map that holds at most `max` keys: when full, the key set first is dropped, one at a time (never cleared
 * whole). The order is kept in a ring of keys beside the Map, not read from the Map: `map.keys().next()` walks
 * over the slots that earlier deletes left at the front, and as a per-insert eviction that cost more than the
 * lookups it saved (#26).
 */
export class BoundedMap<K, V> {
  readonly #map = new Map<K, V>()
  /** Keys in the order they were set; a ring once full (`#head` is then the oldest). */
  readonly #order: K[] = []
  #head = 0
  readonly max: number

  constructor(max: number) {
    this.max = max
  }

  get size(): number {
    return this.#map.size
  }

  get(key: K): V | undefined {
    return this.#map.get(key)
  }

  has(key: K): boolean {
    return this.#map.has(key)
  }

  /** Sets `key`; a new key drops the oldest key first when the map is full. */
  set(key: K, value: V): void {
    if (!this.#map.has(key)) {
      const order = this.#order
      if (order.length < this.max) order.push(key)
      else {
        this.#map.delete(order[this.#head] as K)
        order[this.#head] = key
        this.#head = this.#head + 1 === this.max ? 0 : this.#head + 1
      }
    }
    this.#map.set(key, value)
  }
}
