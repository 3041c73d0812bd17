/**
 * Settle detection: a file is taken only when two listings show the same size and mtime and its mtime is at least
 * `minAgeMs` old. One compact record per candidate name is kept between listings (the listing itself is never held
 * as an array); names that disappear are forgotten at the end of the next listing.
 */
import type { RemoteEntry } from './connection.js'
import type { RemoteFile } from './options.js'

interface Observation {
  size: number
  mtime: number
  /** Listing number that last saw it. */
  seen: number
  /** Same size and mtime in two consecutive listings. */
  stable: boolean
}

export class SettleTracker {
  private readonly files = new Map<string, Observation>()
  private listing = 0

  /** Starts a listing; pass the number to {@link observe} and {@link finish}. */
  begin(): number {
    return ++this.listing
  }

  /** Records one entry; returns true when it is stable (unchanged since the previous listing). */
  observe(entry: RemoteEntry, listing: number): boolean {
    const previous = this.files.get(entry.name)
    if (previous && previous.size === entry.size && previous.mtime === entry.mtime) {
      previous.stable = previous.seen === listing - 1 || previous.stable
      previous.seen = listing
      return previous.stable
    }
    this.files.set(entry.name, { size: entry.size, mtime: entry.mtime, seen: listing, stable: false })
    return false
  }

  /** Forgets names the listing did not show (moved away, deleted). */
  finish(listing: number): void {
    for (const [name, observation] of this.files) if (observation.seen !== listing) this.files.delete(name)
  }

  /** Stable files old enough, in listing order, as they are asked for (no array is built). */
  *settled(dir: string, nowMs: number, minAgeMs: number): Generator<RemoteFile> {
    for (const [name, o] of this.files) {
      if (o.stable && o.seen === this.listing && nowMs - o.mtime * 1000 >= minAgeMs) {
        yield { path: dir === '/' ? `/${name}` : `${dir}/${name}`, name, size: o.size, mtime: o.mtime }
      }
    }
  }

  /** Candidates seen but not yet settled. */
  get pending(): number {
    let n = 0
    for (const o of this.files.values()) if (!o.stable) n++
    return n
  }

  forget(name: string): void {
    this.files.delete(name)
  }

  get size(): number {
    return this.files.size
  }
}
