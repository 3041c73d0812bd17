/**
 * In-process locks over sets of keys, for the stores' `update`. A caller takes all of its keys in the same tick
 * (it becomes the tail of every key's queue at once), so two callers can never hold one key each while waiting
 * for the other's: callers are served in arrival order and there is no deadlock.
 */
export interface KeyLocks {
  run<R>(keys: readonly string[], fn: () => Promise<R>): Promise<R>
}

export function createKeyLocks(): KeyLocks {
  const tails = new Map<string, Promise<void>>()
  return {
    async run(keys, fn) {
      const unique = [...new Set(keys)]
      let release!: () => void
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      const before = unique.map((key) => tails.get(key))
      for (const key of unique) tails.set(key, held)
      try {
        for (const wait of before) if (wait) await wait
        return await fn()
      } finally {
        release()
        for (const key of unique) if (tails.get(key) === held) tails.delete(key)
      }
    },
  }
}
