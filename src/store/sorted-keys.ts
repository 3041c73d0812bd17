/**
 * The memory store's keys in order, so that listing a prefix costs what it returns, not a sort of every stored key
 * (#26: no operation on the ingest path may touch every stored key, and the outbox drain lists its prefix while
 * ingests add keys). The sorted keys are cut into chunks of at most `MAX_CHUNK`: adding or removing a key finds its
 * chunk by binary search and moves the entries of that one chunk only.
 */

/** Keys per chunk at most; a chunk that grows past it is split in two. */
const MAX_CHUNK = 512

export class SortedKeys {
  /** Non-empty chunks, each sorted, every key of a chunk below every key of the next. */
  readonly #chunks: string[][] = []
  #size = 0

  get size(): number {
    return this.#size
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    const chunks = this.#chunks
    if (!chunks.length) {
      chunks.push([key])
      this.#size++
      return true
    }
    const c = this.#chunkOf(key)
    const chunk = chunks[c]!
    const at = lowerBound(chunk, key)
    if (chunk[at] === key) return false
    chunk.splice(at, 0, key)
    this.#size++
    if (chunk.length > MAX_CHUNK) chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1))
    return true
  }

  /** Removes `key`; false when it was not there. */
  delete(key: string): boolean {
    const chunks = this.#chunks
    if (!chunks.length) return false
    const c = this.#chunkOf(key)
    const chunk = chunks[c]!
    const at = lowerBound(chunk, key)
    if (chunk[at] !== key) return false
    chunk.splice(at, 1)
    this.#size--
    if (!chunk.length) chunks.splice(c, 1)
    return true
  }

  /**
   * The next keys in order from `from` (included, or excluded when `after` is true): the rest of one chunk, as a
   * copy, so the caller may add and remove keys while it reads them. Empty when no key follows.
   */
  batchFrom(from: string, after = false): string[] {
    const chunks = this.#chunks
    for (let c = chunks.length ? this.#chunkOf(from) : 0; c < chunks.length; c++) {
      const chunk = chunks[c]!
      let at = lowerBound(chunk, from)
      if (after && chunk[at] === from) at++
      if (at < chunk.length) return chunk.slice(at)
    }
    return []
  }

  /** The chunk that holds `key` or would: the last whose first key is not above it (the first when none is). */
  #chunkOf(key: string): number {
    const chunks = this.#chunks
    let lo = 0
    let hi = chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (chunks[mid]![0]! <= key) lo = mid + 1
      else hi = mid
    }
    return lo === 0 ? 0 : lo - 1
  }
}

/** The first index whose key is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
