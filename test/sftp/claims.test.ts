/**
 * Several watchers of one drop folder sharing one Store: each file is claimed before it is handed to a callback,
 * so it is delivered once (the old code let every watcher that listed a file download and deliver it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Shipment } from '../../src/model/index.js'
import { type RemoteFile, sftpSource } from '../../src/sftp/index.js'
import { unsafeName } from '../../src/sftp/source.js'
import { memoryStore } from '../../src/store/index.js'
import { type Drop, startDrop } from './helpers.js'

let drop: Drop
beforeEach(async () => {
  drop = await startDrop()
})
afterEach(() => drop.close())

const line = (n: number) => `1Z${String(n).padStart(6, '0')},D,2024-03-26T10:58:00-05:00\n`

describe('SFTP claims (N watchers on one folder delivered a file N times)', () => {
  it('3 watchers polling one folder with one shared store deliver each of 30 files exactly once', async () => {
    const FILES = 30
    for (let i = 0; i < FILES; i++) await drop.put(`f${String(i).padStart(2, '0')}.csv`, line(i))
    const store = memoryStore()
    const deliveries = new Map<string, string[]>()
    const watcher = (owner: string) =>
      sftpSource(
        drop.options({
          store,
          owner,
          id: 'shared-drop',
          concurrency: 2,
          settle: { intervalMs: 0, minAgeMs: 0 },
          onShipments: async (shipments: Shipment[], file: RemoteFile) => {
            for (const s of shipments)
              deliveries.set(s.trackingNumber, [...(deliveries.get(s.trackingNumber) ?? []), owner])
            // A slow consumer, so the watchers overlap on the same files.
            await new Promise((r) => setTimeout(r, 5))
            void file
          },
        }),
      )
    const sources = [watcher('a'), watcher('b'), watcher('c')]
    for (let round = 0; round < 3; round++) await Promise.all(sources.map((s) => s.pollOnce()))
    expect(deliveries.size).toBe(FILES)
    const twice = [...deliveries].filter(([, owners]) => owners.length > 1)
    expect(twice).toEqual([])
    // More than one watcher did work: the claims split the files rather than one source taking a lock on all.
    expect(new Set([...deliveries.values()].flat()).size).toBeGreaterThan(1)
  }, 30_000)

  it('a watcher skips a file another live watcher holds, and takes it once that claim expires (owner died)', async () => {
    await drop.put('held.csv', line(1))
    const store = memoryStore()
    const options = { store, id: 'shared-drop', claimLeaseMs: 300, settle: { intervalMs: 0, minAgeMs: 0 } }
    let releaseStuck: () => void = () => {}
    const stuck = new Promise<void>((resolve) => {
      releaseStuck = resolve
    })
    let started: () => void = () => {}
    const inCallback = new Promise<void>((resolve) => {
      started = resolve
    })
    // Owner "dead" hangs inside its callback: it never renews its claim.
    const dead = sftpSource(
      drop.options({
        ...options,
        owner: 'dead',
        onShipments: async () => {
          started()
          await stuck
        },
      }),
    )
    const delivered: string[] = []
    const live = sftpSource(
      drop.options({
        ...options,
        owner: 'live',
        onShipments: (s) => void delivered.push(...s.map((x) => x.trackingNumber)),
      }),
    )
    const deadPoll = dead.pollOnce()
    await inCallback
    const early = await live.pollOnce()
    expect(early.files.map((f) => f.status)).toEqual(['claimed'])
    expect(delivered).toEqual([])
    await new Promise((r) => setTimeout(r, 400))
    const late = await live.pollOnce()
    expect(late.files.map((f) => f.status)).toEqual(['processed'])
    expect(delivered).toEqual(['1Z000001'])
    releaseStuck()
    // The dead owner comes back: its checkpoint write finds the file done, so it reports a duplicate.
    const back = await deadPoll
    expect(back.files.map((f) => f.status)).toEqual(['duplicate'])
  }, 20_000)
})

describe('unsafeName', () => {
  it('refuses ".", "..", "", "/", "\\" and NUL but keeps dots inside a name', () => {
    for (const name of ['.', '..', '', 'a/b', '..\\x', 'a\0b']) expect(unsafeName(name)).toBeDefined()
    for (const name of ['a..edi', '.hidden', 'report 1.csv']) expect(unsafeName(name)).toBeUndefined()
  })
})

describe('READDIR names from a lying server (paths outside the folder)', () => {
  it('skips names with "/", "..", "." or NUL with a warning, and handles the real files', async () => {
    await drop.put('real.csv', line(7))
    drop.server.faults.extraNames = ({ path }) =>
      path === '/in' ? ['../escape.csv', '..', '.', 'sub/dir.csv', 'nul\0.csv', '/etc/passwd'] : []
    const warnings: Record<string, unknown>[] = []
    const source = sftpSource(
      drop.options({
        settle: { intervalMs: 0, minAgeMs: 0 },
        logger: {
          warn: (message, fields) =>
            void (message.includes('listing skipped') && warnings.push(fields ?? {})),
        },
      }),
    )
    const result = await source.pollOnce()
    expect(result.files.map((f) => [f.name, f.status])).toEqual([['real.csv', 'processed']])
    expect(result.shipments.map((s) => s.trackingNumber)).toEqual(['1Z000007'])
    // ssh2 itself drops "." and ".." from READDIR answers; the rest reach the source, which refuses them.
    const skipped = new Map(warnings.map((w) => [JSON.parse(String(w.name)), w.reason]))
    expect(Object.fromEntries(skipped)).toEqual({
      '../escape.csv': 'contains "/"',
      'sub/dir.csv': 'contains "/"',
      'nul\0.csv': 'contains NUL',
      '/etc/passwd': 'contains "/"',
    })
  })
})
