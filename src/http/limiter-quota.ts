/**
 * The daily counts of the in-process limiter kept in a `Store` across restarts (`quotaStore`): one load per key
 * before its first grant, and writes behind the grants (one in flight, then one more with the latest count).
 * A failing store never fails a request; its last error is shown in the key's stats.
 */
import type { Store } from '../store/index.js'
import { messageOf } from './limiter-steps.js'

/** What the `quotaStore` holds per key. */
export type StoredQuota = { resetAt: number; used: number }

/** Loading and writing the daily count of one key (kept across `configure`). */
interface QuotaState {
  /** The stored count has been loaded (or loading it failed). */
  loaded: boolean
  /** The one load of the key, shared by concurrent first acquires. */
  loading?: Promise<void>
  /** A write is in flight. */
  writing: boolean
  /** Grants happened since the write in flight started: write once more when it ends. */
  dirty: boolean
  error?: string
}

/** What the keeper asks of its limiter. */
export interface QuotaOwner {
  /** The count of `key` to write now (undefined: nothing to write). */
  countOf(key: string): StoredQuota | undefined
  /** The load of `key` settled: `stored` is the count of the store (undefined: none, or unreadable). */
  onLoaded(key: string, stored: StoredQuota | undefined): void
}

export class QuotaKeeper {
  private readonly store: Store
  private readonly owner: QuotaOwner
  private readonly states = new Map<string, QuotaState>()

  constructor(store: Store, owner: QuotaOwner) {
    this.store = store
    this.owner = owner
  }

  /** Whether the stored count of `key` is loaded. The first call starts the load (see `QuotaOwner.onLoaded`). */
  loaded(key: string): boolean {
    const q = this.stateOf(key)
    if (q.loaded) return true
    q.loading ??= Promise.resolve()
      .then(() => this.store.get(storeKey(key)))
      .then(
        (stored) => (isStoredQuota(stored) ? stored : undefined),
        (error: unknown) => {
          q.error = messageOf(error)
          return undefined
        },
      )
      .then((stored) => {
        q.loaded = true
        q.loading = undefined
        this.owner.onLoaded(key, stored)
      })
    return false
  }

  /** Writes the count of `key` behind the grants: one write in flight, then one more with the latest count. */
  persist(key: string): void {
    const q = this.stateOf(key)
    if (q.writing) {
      q.dirty = true
      return
    }
    const value = this.owner.countOf(key)
    if (!value) return
    q.writing = true
    Promise.resolve()
      .then(() => this.store.set(storeKey(key), value))
      .then(
        () => {
          q.error = undefined // the stored count is current again
        },
        (error: unknown) => {
          q.error = messageOf(error)
        },
      )
      .then(() => {
        q.writing = false
        if (q.dirty) {
          q.dirty = false
          this.persist(key)
        }
      })
  }

  /** The last error of the store for `key`, until a later write succeeds. */
  errorOf(key: string): string | undefined {
    return this.states.get(key)?.error
  }

  private stateOf(key: string): QuotaState {
    let q = this.states.get(key)
    if (!q) {
      q = { loaded: false, writing: false, dirty: false }
      this.states.set(key, q)
    }
    return q
  }
}

function storeKey(key: string): string {
  return `waybill:quota:${key}`
}

function isStoredQuota(value: unknown): value is StoredQuota {
  const v = value as Partial<StoredQuota> | undefined
  return typeof v === 'object' && v !== null && Number.isFinite(v.resetAt) && Number.isFinite(v.used)
}
