import { appendFileSync } from 'node:fs'
import { appendFile, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Shipment } from '../../src/model/index.js'
import { sftpSource } from '../../src/sftp/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { type Drop, eventIds, eventually, PASSWORD, startDrop } from './helpers.js'

let drop: Drop
beforeEach(async () => {
  drop = await startDrop()
})
afterEach(() => drop.close())

const line = (n: number, code = 'I') => `1Z${String(n).padStart(6, '0')},${code},2024-03-26T10:58:00-05:00\n`

describe('settling', () => {
  it('takes a stable file but leaves one that grows between the two listings, then takes it once it stops', async () => {
    await drop.put('stable.csv', line(1))
    const growing = await drop.put('growing.csv', line(2), 0)
    const source = sftpSource(drop.options({ settle: { intervalMs: 300, minAgeMs: 0 } }))
    const timer = setInterval(() => void appendFile(growing, line(3)), 40)
    let first: Awaited<ReturnType<typeof source.pollOnce>>
    try {
      first = await source.pollOnce()
    } finally {
      clearInterval(timer)
    }
    expect(first.files.map((f) => f.name)).toEqual(['stable.csv'])
    expect(first.pending).toBe(1)
    expect(await readdir(drop.inbox)).toContain('growing.csv')

    const second = await source.pollOnce()
    expect(second.files.map((f) => [f.name, f.status])).toEqual([['growing.csv', 'processed']])
    const content = await readFile(path.join(drop.inbox, 'archive', 'growing.csv'), 'utf8')
    expect(second.files[0]?.size).toBe(Buffer.byteLength(content))
  })

  it('a file that grows after it was listed is not delivered half-read; it is taken once it is stable', async () => {
    const file = await drop.put('late-writer.csv', line(1))
    let appended = false
    drop.server.faults.disconnectOnRead = ({ offset }) => {
      if (offset === 0 && !appended) {
        appended = true
        appendFileSync(file, line(2))
      }
      return false
    }
    const source = sftpSource(drop.options())
    const first = await source.pollOnce()
    expect(first.files.map((f) => [f.status, f.error?.retryable])).toEqual([['failed', true]])
    expect(first.files[0]?.error?.message).toMatch(/grew past its listed size/)
    expect(first.shipments).toEqual([])
    await utimes(file, Date.now() / 1000 - 60, Date.now() / 1000 - 60)
    const second = await source.pollOnce()
    expect(second.files.map((f) => f.status)).toEqual(['processed'])
    expect(second.shipments.map((s) => s.trackingNumber)).toEqual(['1Z000001', '1Z000002'])
  })

  it('leaves files younger than minAgeMs until they are old enough', async () => {
    await drop.put('fresh.csv', line(1), 0)
    let clock = Date.now()
    const source = sftpSource(drop.options({ settle: { intervalMs: 0, minAgeMs: 60_000 }, now: () => clock }))
    expect((await source.pollOnce()).files).toEqual([])
    clock += 61_000
    expect((await source.pollOnce()).files.map((f) => f.name)).toEqual(['fresh.csv'])
  })

  it('ignores .part, .tmp and dot-files by default, and applies include patterns', async () => {
    for (const name of ['a.edi', 'b.csv', 'c.edi.part', 'd.tmp', '.hidden.edi']) await drop.put(name, line(1))
    const all = await sftpSource(drop.options()).pollOnce()
    expect(all.files.map((f) => f.name).sort()).toEqual(['a.edi', 'b.csv'])
    await drop.put('e.edi', line(2))
    await drop.put('f.csv', line(3))
    const only = await sftpSource(drop.options({ include: ['*.edi'] })).pollOnce()
    expect(only.files.map((f) => f.name)).toEqual(['e.edi'])
  })
})

describe('archive and error moves', () => {
  it('moves a file the parser rejects to error/ with a sidecar saying why, and archives the good one', async () => {
    await drop.put('good.csv', line(1))
    await drop.put('bad.csv', `${line(2)}garbage-without-fields\n`)
    const result = await sftpSource(drop.options()).pollOnce()
    const byName = Object.fromEntries(result.files.map((f) => [f.name, f]))
    expect(byName['good.csv']?.status).toBe('processed')
    expect(byName['bad.csv']?.status).toBe('rejected')
    expect(byName['bad.csv']?.movedTo).toBe('/in/error/bad.csv')
    expect(byName['bad.csv']?.error?.code).toBe('ERR_PARSE')
    expect(result.shipments.map((s) => s.trackingNumber)).toEqual(['1Z000001'])
    expect((await readdir(path.join(drop.inbox, 'error'))).sort()).toEqual(['bad.csv', 'bad.csv.error.json'])
    const sidecar = JSON.parse(await readFile(path.join(drop.inbox, 'error', 'bad.csv.error.json'), 'utf8'))
    expect(sidecar.error.code).toBe('ERR_PARSE')
    expect(sidecar.error.message).toContain('line 2 of bad.csv')
    expect(sidecar.file.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await readdir(path.join(drop.inbox, 'archive'))).toEqual(['good.csv'])
  })

  it('rejects invalid shipments returned by a bytes parser, naming the path', async () => {
    await drop.put('x.csv', line(1))
    const parser = () => [{ carrier: 'test' } as unknown as Shipment]
    const result = await sftpSource(drop.options({ parser })).pollOnce()
    expect(result.files[0]?.status).toBe('rejected')
    expect(result.files[0]?.error?.message).toMatch(/shipments\[0\]\.trackingNumber/)
  })

  it('uses the given archiveDir/errorDir, creating them', async () => {
    await drop.put('a.csv', line(1))
    const result = await sftpSource(
      drop.options({ archiveDir: '/done/2024', errorDir: '/failed' }),
    ).pollOnce()
    expect(result.files[0]?.movedTo).toBe('/done/2024/a.csv')
    expect(await readdir(path.join(drop.root, 'done', '2024'))).toEqual(['a.csv'])
  })
})

describe('exactly once', () => {
  it('a disconnect during the download leaves the file; the next poll processes it once', async () => {
    const big = Array.from({ length: 6000 }, (_, i) => line(i)).join('')
    await drop.put('big.csv', big)
    let cut = true
    drop.server.faults.disconnectOnRead = ({ offset }) => cut && offset > 0
    const store = memoryStore()
    const source = sftpSource(drop.options({ store }))
    const first = await source.pollOnce()
    expect(first.files.map((f) => [f.name, f.status, f.error?.retryable])).toEqual([
      ['big.csv', 'failed', true],
    ])
    expect(first.connectionError?.code).toBe('ERR_SFTP')
    expect(first.shipments).toEqual([])
    expect(await readdir(drop.inbox)).toContain('big.csv')
    expect(await eventually(() => drop.server.openConnections() === 0)).toBe(true)

    cut = false
    const second = await source.pollOnce()
    expect(second.files.map((f) => [f.name, f.status])).toEqual([['big.csv', 'processed']])
    expect(second.shipments).toHaveLength(6000)
    expect((await source.pollOnce()).files).toEqual([])
  })

  it('permission denied on the archive move: delivered once, retried move without a second download', async () => {
    await drop.put('a.csv', line(1) + line(2))
    let deny = true
    drop.server.faults.denyRename = ({ to }) => deny && to.startsWith('/in/archive/')
    const source = sftpSource(drop.options())
    const first = await source.pollOnce()
    expect(first.files[0]).toMatchObject({ status: 'processed', moveError: { code: 'ERR_SFTP' } })
    expect(first.files[0]?.moveError?.message).toMatch(/denied/i)
    expect(first.shipments).toHaveLength(2)

    const reads = drop.server.stats.reads
    const second = await source.pollOnce()
    expect(second.files.map((f) => f.status)).toEqual(['duplicate'])
    expect(second.shipments).toEqual([])
    expect(drop.server.stats.reads).toBe(reads)

    deny = false
    const third = await source.pollOnce()
    expect(third.files.map((f) => [f.status, f.movedTo])).toEqual([['duplicate', '/in/archive/a.csv']])
    expect(third.shipments).toEqual([])
  })

  it('a crash after delivery but before the checkpoint redelivers the same event ids (and nothing else)', async () => {
    await drop.put('a.csv', line(1) + line(2, 'D'))
    const store = memoryStore()
    const seen: string[] = []
    // The crash hits the done checkpoint (the claim before the download still works).
    const crashing = {
      ...store,
      setIfAbsent: async (key: string, value: never, options?: { ttlMs?: number }) => {
        if (key.includes(':done:')) throw new Error('simulated crash')
        return store.setIfAbsent(key, value, options)
      },
    }
    const onShipments = (s: Shipment[]) => void seen.push(...eventIds(s))
    const first = await sftpSource(drop.options({ store: crashing, onShipments })).pollOnce()
    expect(first.files[0]?.status).toBe('failed')
    const second = await sftpSource(drop.options({ store, onShipments })).pollOnce()
    expect(second.files[0]?.status).toBe('processed')
    expect(seen).toHaveLength(4)
    expect(new Set(seen).size).toBe(2)
    await drop.put('a.csv', line(1) + line(2, 'D'))
    expect((await sftpSource(drop.options({ store, onShipments })).pollOnce()).files[0]?.status).toBe(
      'duplicate',
    )
    expect(new Set(seen).size).toBe(2)
  })

  it('a connection lost right after the checkpoint: the next source skips delivery and archives', async () => {
    await drop.put('a.csv', line(1))
    const store = memoryStore()
    const cutAfterCheckpoint = {
      ...store,
      setIfAbsent: async (key: string, value: never, options?: { ttlMs?: number }) => {
        const claimed = await store.setIfAbsent(key, value, options)
        if (key.includes(':done:')) drop.server.dropConnections()
        return claimed
      },
    }
    const first = await sftpSource(drop.options({ store: cutAfterCheckpoint })).pollOnce()
    expect(first.files[0]?.status).toBe('processed')
    expect(first.files[0]?.moveError).toBeDefined()
    expect(first.shipments).toHaveLength(1)
    const second = await sftpSource(drop.options({ store })).pollOnce()
    expect(second.files.map((f) => [f.status, f.movedTo])).toEqual([['duplicate', '/in/archive/a.csv']])
    expect(second.shipments).toEqual([])
  })

  it('the same content uploaded again under the same name yields nothing; different content is processed', async () => {
    const store = memoryStore()
    const source = sftpSource(drop.options({ store }))
    await drop.put('daily.csv', line(1))
    expect((await source.pollOnce()).shipments).toHaveLength(1)
    await drop.put('daily.csv', line(1), 30)
    const again = await source.pollOnce()
    expect(again.files.map((f) => [f.status, f.movedTo])).toEqual([
      ['duplicate', expect.stringMatching(/^\/in\/archive\/daily\.csv\.[0-9a-f]{12}$/)],
    ])
    expect(again.shipments).toEqual([])
    await drop.put('daily.csv', line(1) + line(2, 'D'), 20)
    const changed = await source.pollOnce()
    expect(changed.files.map((f) => f.status)).toEqual(['processed'])
    expect(changed.shipments.map((s) => s.trackingNumber).sort()).toEqual(['1Z000001', '1Z000002'])
  })

  it('closes the connection after every poll, also when a poll fails', async () => {
    await drop.put('a.csv', line(1))
    await sftpSource(drop.options()).pollOnce()
    const failing = sftpSource(drop.options({ remoteDir: '/does-not-exist' }))
    const error = await failing.pollOnce().catch((e) => e)
    expect(error.code).toBe('ERR_SFTP')
    expect(await eventually(() => drop.server.openConnections() === 0)).toBe(true)
  })

  it('processes many files concurrently over one connection without listener leaks', async () => {
    for (let i = 0; i < 40; i++) await drop.put(`f${i}.csv`, line(i))
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    try {
      const result = await sftpSource(drop.options({ concurrency: 8 })).pollOnce()
      expect(result.files.filter((f) => f.status === 'processed')).toHaveLength(40)
      expect(drop.server.stats.connections).toBe(1)
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })
})

describe('no credentials in logs', () => {
  it('logs file facts only, through failures, rejections and retries', async () => {
    const lines: string[] = []
    const log = (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f)}`)
    await drop.put('bad.csv', 'nope\n')
    await drop.put('good.csv', line(1))
    drop.server.faults.denyRename = ({ to }) => to.includes('archive')
    const source = sftpSource(drop.options({ logger: { info: log, warn: log, error: log } }))
    await source.pollOnce()
    await writeFile(path.join(drop.inbox, 'x.csv'), line(4))
    drop.server.faults.disconnectOnRead = () => true
    await source.pollOnce().catch(() => {})
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.join('\n')).not.toContain(PASSWORD)
  })
})

describe('a tracker as the sink (#25: a source wired in one line)', () => {
  it('hands every batch to the tracker before the checkpoint, then to onShipments', async () => {
    await drop.put('a.csv', line(1) + line(2))
    const tracker = createTracker({ adapters: [], store: memoryStore(), outbox: { drainEveryMs: 0 } })
    const order: string[] = []
    const sink = {
      async ingestResult(result: Parameters<typeof tracker.ingestResult>[0]) {
        order.push('sink')
        return tracker.ingestResult(result)
      },
    }
    const onShipments = () => void order.push('onShipments')
    const polled = await sftpSource(drop.options({ sink, onShipments })).pollOnce()
    expect(polled.files.map((f) => f.status)).toEqual(['processed'])
    expect(order).toEqual(['sink', 'onShipments'])
    const numbers: string[] = []
    for await (const shipment of tracker.shipments()) numbers.push(shipment.trackingNumber)
    expect(numbers.sort()).toEqual(['1Z000001', '1Z000002'])
    expect(() => sftpSource(drop.options({ sink: {} as never }))).toThrow(/ingestResult/)
    await tracker.close()
  })
})
