/** A binary min-heap of scheduled shipments keyed by their next poll time (O(log n) push/pop/remove). */

export interface HeapEntry {
  next: number
  /** Position in the heap; -1 when not in it. */
  pos: number
}

export class MinHeap<T extends HeapEntry> {
  private readonly items: T[] = []

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    item.pos = this.items.length
    this.items.push(item)
    this.up(item.pos)
  }

  pop(): T | undefined {
    const top = this.items[0]
    if (top) this.removeAt(0)
    return top
  }

  remove(item: T): void {
    if (item.pos >= 0 && this.items[item.pos] === item) this.removeAt(item.pos)
  }

  private removeAt(i: number): void {
    const item = this.items[i] as T
    const last = this.items.pop() as T
    item.pos = -1
    if (last !== item) {
      this.items[i] = last
      last.pos = i
      this.down(i)
      this.up(last.pos)
    }
  }

  private up(i: number): void {
    const items = this.items
    const item = items[i] as T
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent] as T
      if (p.next <= item.next) break
      items[i] = p
      p.pos = i
      i = parent
    }
    items[i] = item
    item.pos = i
  }

  private down(i: number): void {
    const items = this.items
    const n = items.length
    const item = items[i] as T
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && (items[r] as T).next < (items[l] as T).next ? r : l
      const child = items[c] as T
      if (child.next >= item.next) break
      items[i] = child
      child.pos = i
      i = c
    }
    items[i] = item
    item.pos = i
  }
}
