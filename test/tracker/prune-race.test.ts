/**
 * `prunePayloads({ unreferenced: true })` against ingests running at the same time: a payload that a shipment refers
 * to is never deleted, however the two interleave. Regression: an ingest whose first attempt failed after its
 * payload was kept (a crash, a store error) leaves the payload unreferenced; retried after the grace period (a
 * carrier retrying a webhook an hour later), it refers to the payload kept then, whose `receivedAt` is old. A
 * prune that had read the references before that retry committed deleted the payload the shipment now referred to.
 */
import { describe, expect, it } from 'vitest'
import { memoryStore, type Store } from '../../src/store/index.js'
import { pgliteStore } from '../../src/store/pglite.js'
import { postgresStore } from '../../src/store/postgres.js'
import { createTracker, type Tracker } from '../../src/tracker/index.js'
import { droppedAfterAll } from '../helpers/pg-tables.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { carrier, payload, v1 } from './reprocess-adapter.js'

const pgUrl = await postgresUrl()
const tables = droppedAfterAll(pgUrl)

const rest = { source: 'rest' as const }
const MINUTE = 60_000

/** Every payload hash some stored shipment refers to whose payload is not in the store. */
async function danglingRefs(store: Store): Promise<string[]> {
  const missing: string[] = []
  for await (const key of store.keys('tracker:number:')) {
    const record = (await store.get(key)) as unknown as {
      shipments: Record<string, { sources?: { hash: string }[] }>
    }
    for (const tracked of Object.values(record.shipments))
      for (const { hash } of tracked.sources ?? [])
        if ((await store.get(`tracker:payload:${hash}`)) === undefined) missing.push(`${key} → ${hash}`)
  }
  return missing
}

/**
 * The store, stopping the n-th call (counted from 1) of `keys(prefix)`, or of `update` whose first key starts with
 * `prefix`, until `resume()` (`paused` settles when it stops); and failing the record updates `fails` picks, as a
 * process that stops after keeping the payload and before storing the shipment.
 */
function wrapped(
  inner: Store,
  gate?: { op: 'keys' | 'update'; prefix: string; n: number },
  fails: (keys: readonly string[]) => boolean = () => false,
) {
  let calls = 0
  let resume!: () => void
  const opened = new Promise<void>((resolve) => (resume = resolve))
  let reached!: () => void
  const paused = new Promise<void>((resolve) => (reached = resolve))
  const hit = async (op: 'keys' | 'update', key: string) => {
    if (gate?.op === op && key.startsWith(gate.prefix) && ++calls === gate.n) {
      reached()
      await opened
    }
  }
  const store: Store = {
    get: (key) => inner.get(key),
    set: (key, value, options) => inner.set(key, value, options),
    delete: (key) => inner.delete(key),
    setIfAbsent: (key, value, options) => inner.setIfAbsent(key, value, options),
    keys(prefix) {
      return (async function* () {
        await hit('keys', prefix)
        yield* inner.keys(prefix)
      })()
    },
    async update(keys, fn) {
      await hit('update', keys[0] ?? '')
      if (fails(keys)) throw new Error('the process stops here')
      return inner.update(keys, fn)
    },
  }
  return { store, paused, resume }
}

/**
 * Each store, with a second handle on the same data for the second tracker: for PostgreSQL its own pool, as another
 * process would have; a memory or PGlite store lives in one process and is shared.
 */
const stores: [string, () => Promise<[Store, Store]>][] = [
  ['memory', async () => shared(memoryStore())],
  ['PGlite', async () => shared(await pgliteStore())],
]
if (pgUrl)
  stores.push([
    'PostgreSQL',
    async () => {
      const table = uniqueName('prune_race')
      tables.push(table)
      const open = () => postgresStore({ connectionString: pgUrl, table, max: 6 })
      return [await open(), await open()]
    },
  ])

/** The store twice, the second without `close` (closed once, through the first). */
function shared(store: Store): [Store, Store] {
  const { close: _, ...unclosable } = store
  return [store, unclosable as Store]
}

describe.each(stores)('%s store: prunePayloads while ingests go on', (_name, open) => {
  // Every moment a prune can be caught at: after reading the references, before marking, before reading the
  // references again, before deleting.
  const moments: [string, 'keys' | 'update', string, number][] = [
    ['after reading the references', 'keys', 'tracker:payload:', 1],
    ['before marking', 'update', 'tracker:payload:', 1],
    ['before reading the references again', 'keys', 'tracker:number:', 2],
    ['before deleting', 'update', 'tracker:payload:', 2],
  ]
  it.each(moments)(
    'a retry of an ingest that failed after keeping its payload, while a prune is stopped %s, keeps the payload (regression: deleted while referenced)',
    async (_moment, op, prefix, n) => {
      const [inner] = await open()
      let clock = Date.parse('2024-03-10T12:00:00Z')
      const options = { adapters: [carrier(v1)], now: () => new Date(clock), outbox: { drainEveryMs: 0 } }
      // A payload no shipment refers to any more, which the prune must still delete.
      const plain = createTracker({ ...options, store: inner })
      await plain.ingest({ source: 'acme', payload: payload('G1', ['PU']), context: rest })
      await plain.ingest({ source: 'acme', payload: payload('G1', ['PU', 'DL']), context: rest })
      // The first attempt keeps its payload and stops before storing the shipment.
      const failing = wrapped(inner, undefined, (keys) => keys.includes('tracker:number:acme:F1'))
      const first = createTracker({ ...options, store: failing.store })
      await expect(first.ingest({ source: 'acme', payload: payload('F1', ['PU']) })).rejects.toThrow(/stops/)
      clock += 11 * MINUTE // the retry comes after the grace period
      const { store, paused, resume } = wrapped(inner, { op, prefix, n })
      const pruning = createTracker({ ...options, store })
      const pruned = pruning.prunePayloads({ unreferenced: true })
      await paused
      await plain.ingest({ source: 'acme', payload: payload('F1', ['PU']) }) // the retry
      resume()
      expect(await pruned).toBe(1) // G1's superseded answer
      expect(await danglingRefs(inner)).toEqual([])
      expect(await plain.payloads('acme', 'F1')).toHaveLength(1)
      await closeAll([plain, first, pruning], inner)
    },
    60_000,
  )

  it('8 ingest loops whose attempts fail now and then, retried later, and 2 prune loops on two trackers: no shipment refers to a deleted payload', async () => {
    const [inner, twin] = await open()
    let clock = Date.parse('2024-03-10T12:00:00Z')
    let seed = 7
    const random = () => {
      seed = (seed * 48271) % 2147483647
      return seed / 2147483647
    }
    // A third of the record updates fail (after the payload was kept), as a process stopping there would.
    const fails = (keys: readonly string[]) => keys[0]!.startsWith('tracker:number:') && random() < 0.33
    const options = { adapters: [carrier(v1)], now: () => new Date(clock), outbox: { drainEveryMs: 0 } }
    const trackers = [inner, twin].map((store) =>
      createTracker({ ...options, store: wrapped(store, undefined, fails).store }),
    )
    let pruneRuns = 0
    let pruned = 0
    let ingesting = 8
    const codes = ['PU', 'AR', 'DP', 'AR', 'DP', 'AR', 'DP', 'OD', 'DL']
    const ingestLoop = async (loop: number) => {
      const retries: { payload: ReturnType<typeof payload>; due: number }[] = []
      // Until the prunes have run many times meanwhile (a slow store runs fewer prunes per ingest).
      for (let i = 0; i < 150 && (i < 24 || pruneRuns < 12 || retries.length); i++) {
        const due = retries.findIndex((r) => r.due <= i)
        // Each REST answer holds the whole history so far, and supersedes the one before it; a new parcel
        // every nine answers.
        const number = `L${loop}-${Math.floor(i / codes.length)}`
        const next =
          due >= 0
            ? retries.splice(due, 1)[0]!.payload
            : payload(number, codes.slice(0, 1 + (i % codes.length)))
        try {
          await trackers[loop % 2]!.ingest({ source: 'acme', payload: next, context: rest })
        } catch {
          retries.push({ payload: next, due: i + 3 }) // retried a few rounds (and grace periods) later
        }
        if (i % 3 === 2) clock += 11 * MINUTE
        await new Promise((resolve) => setImmediate(resolve)) // the prunes get turns (a memory store never waits)
      }
      ingesting--
    }
    const pruneLoop = async (which: number) => {
      while (ingesting > 0) {
        pruned += await trackers[which]!.prunePayloads({ unreferenced: true })
        pruneRuns++
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    await Promise.all([...Array.from({ length: 8 }, (_, i) => ingestLoop(i)), pruneLoop(0), pruneLoop(1)])
    expect(await danglingRefs(inner)).toEqual([])
    expect(pruned).toBeGreaterThan(0) // the prunes did delete superseded answers meanwhile
    await twin.close?.()
    await closeAll(trackers, inner)
  }, 120_000)
})

describe('a payload kept before, sent again', () => {
  it('is read in one shipment update, not in every shipment it names (regression guard: an EDI file sent again)', async () => {
    const inner = memoryStore()
    const named: string[][] = []
    const store: Store = {
      ...inner,
      update: (keys, fn) => {
        named.push([...keys])
        return inner.update(keys, fn)
      },
    }
    const tracker = createTracker({ adapters: [carrier(v1)], store, outbox: { drainEveryMs: 0 } })
    const three = {
      shipments: ['M1', 'M2', 'M3'].flatMap((n) => payload(n, ['PU']).shipments),
    }
    await tracker.ingest({ source: 'acme', payload: three })
    const readsPayload = () => named.filter((keys) => keys.some((k) => k.startsWith('tracker:payload:')))
    expect(readsPayload()).toEqual([]) // a new payload: written before, never read in an update
    await tracker.ingest({ source: 'acme', payload: structuredClone(three) })
    expect(readsPayload()).toHaveLength(1)
    await tracker.close()
  })
})

async function closeAll(trackers: Tracker[], store: Store): Promise<void> {
  for (const t of trackers) await t.close()
  await store.close?.()
}
