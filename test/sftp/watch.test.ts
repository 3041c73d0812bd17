import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backoffDelay, type PollResult, sftpSource } from '../../src/sftp/index.js'
import { type Drop, eventually, startDrop } from './helpers.js'

let drop: Drop
beforeEach(async () => {
  drop = await startDrop()
})
afterEach(() => drop.close())

const line = (n: number) => `1Z${n},I,2024-03-26T10:58:00-05:00\n`

describe('backoffDelay', () => {
  it('doubles per failure, stays within [half, all] of the ceiling, and is capped', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(1000)
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(2000)
    expect(backoffDelay(3, 1000, 60_000, () => 1)).toBe(8000)
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000)
    expect(backoffDelay(30, 1000, 60_000, () => 0)).toBe(30_000)
  })
})

describe('watch()', () => {
  it('yields a result per poll, picks up files dropped while watching, and stops on abort', async () => {
    const controller = new AbortController()
    const source = sftpSource(drop.options({ pollIntervalMs: 20 }))
    const results: PollResult[] = []
    let dropped = false
    for await (const result of source.watch({ signal: controller.signal })) {
      results.push(result)
      if (!dropped) {
        await drop.put('late.csv', line(1))
        dropped = true
      }
      if (result.files.some((f) => f.name === 'late.csv' && f.status === 'processed')) controller.abort()
    }
    expect(results[0]?.files).toEqual([])
    expect(results.flatMap((r) => r.files.map((f) => f.name))).toEqual(['late.csv'])
    expect(await eventually(() => drop.server.openConnections() === 0)).toBe(true)
  })

  it('backs off on a connection cut during the listing and carries on when the server is back', async () => {
    let cuts = 2
    drop.server.faults.disconnectOnOpendir = () => cuts-- > 0
    await drop.put('a.csv', line(1))
    const errors: unknown[] = []
    const controller = new AbortController()
    const source = sftpSource(drop.options({ pollIntervalMs: 10, maxBackoffMs: 40 }))
    for await (const result of source.watch({ signal: controller.signal, onError: (e) => errors.push(e) })) {
      if (result.files.length) {
        expect(result.files[0]?.status).toBe('processed')
        controller.abort()
      }
    }
    expect(errors).toHaveLength(2)
    expect(errors.every((e) => (e as { retryable: boolean }).retryable)).toBe(true)
  })

  it('ends by throwing on a non-retryable error (host key mismatch) instead of retrying forever', async () => {
    const options = drop.options({ pollIntervalMs: 10 })
    const wrong = `SHA256:${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`
    const source = sftpSource({ ...options, connection: { ...options.connection, hostKey: wrong } })
    const run = async () => {
      for await (const _ of source.watch()) {
        // never reached
      }
    }
    await expect(run()).rejects.toMatchObject({ code: 'ERR_HOST_KEY' })
  })

  it('an abort during the settle wait ends pollOnce with an AbortError and closes the connection', async () => {
    await drop.put('a.csv', line(1))
    const controller = new AbortController()
    const source = sftpSource(drop.options({ settle: { intervalMs: 5_000, minAgeMs: 0 } }))
    const pending = source.pollOnce({ signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    await expect(pending).rejects.toMatchObject({ code: 'ERR_ABORTED' })
    expect(await eventually(() => drop.server.openConnections() === 0)).toBe(true)
  })
})
