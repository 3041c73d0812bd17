import { readdir } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, isWaybillError, SftpError } from '../../src/errors/index.js'
import { parseFingerprint, sftpSource } from '../../src/sftp/index.js'
import { clientKey, type Drop, PASSPHRASE, PASSWORD, startDrop } from './helpers.js'

let drop: Drop
beforeAll(async () => {
  drop = await startDrop()
})
afterAll(() => drop.close())

describe('connection', () => {
  it('authenticates with a password and lists, downloads, archives', async () => {
    await drop.put('a.csv', '1Z1,I,2024-03-26T10:58:00-05:00\n')
    const result = await sftpSource(drop.options()).pollOnce()
    expect(result.files.map((f) => [f.name, f.status, f.movedTo])).toEqual([
      ['a.csv', 'processed', '/in/archive/a.csv'],
    ])
    expect(result.shipments).toHaveLength(1)
    expect(await readdir(`${drop.inbox}/archive`)).toEqual(['a.csv'])
  })

  it('authenticates with an encrypted private key and its passphrase', async () => {
    await drop.put('b.csv', '1Z2,D,2024-03-27T09:00:00+01:00\n')
    const options = drop.options()
    const source = sftpSource({
      ...options,
      connection: {
        ...options.connection,
        password: undefined,
        privateKey: clientKey.private,
        passphrase: PASSPHRASE,
      },
    })
    const result = await source.pollOnce()
    expect(result.files.map((f) => f.status)).toEqual(['processed'])
    expect(result.shipments[0]?.status).toBe('delivered')
  })

  it('accepts the pin as hex with colons', async () => {
    const options = drop.options()
    const hex = drop.server.hostKeyFingerprintHex.match(/../g)!.join(':')
    const result = await sftpSource({
      ...options,
      connection: { ...options.connection, hostKey: hex },
    }).pollOnce()
    expect(result.files).toEqual([])
  })

  it('refuses a server whose host key does not match the pin, naming the presented fingerprint', async () => {
    const options = drop.options()
    const wrong = `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`
    const source = sftpSource({ ...options, connection: { ...options.connection, hostKey: wrong } })
    const error = await source.pollOnce().catch((e) => e)
    expect(error).toBeInstanceOf(SftpError)
    expect(error.code).toBe('ERR_HOST_KEY')
    expect(error.retryable).toBe(false)
    expect(error.message).toContain(drop.server.hostKeyFingerprint)
  })

  it('requires a host key unless insecure-accept-any is written out', async () => {
    const options = drop.options()
    for (const hostKey of [undefined, '', []]) {
      let error: unknown
      try {
        sftpSource({ ...options, connection: { ...options.connection, hostKey: hostKey as never } })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect(String((error as Error).message)).toMatch(/hostKey/)
    }
    const insecure = sftpSource({
      ...options,
      connection: { ...options.connection, hostKey: 'insecure-accept-any' },
    })
    expect((await insecure.pollOnce()).files).toEqual([])
  })

  it('rejects fingerprints that are not SHA-256 (MD5, garbage) with a ConfigError', () => {
    expect(() => parseFingerprint('MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48')).toThrow(/MD5/)
    expect(() => parseFingerprint('not-a-key')).toThrow(/SHA-256/)
    expect(parseFingerprint(drop.server.hostKeyFingerprint).toString('hex')).toBe(
      drop.server.hostKeyFingerprintHex,
    )
  })

  it('reports wrong credentials as a non-retryable SftpError without the password in it', async () => {
    const options = drop.options()
    const bad = `${PASSWORD}-wrong`
    const lines: string[] = []
    const logger = {
      info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
    }
    const source = sftpSource({ ...options, logger, connection: { ...options.connection, password: bad } })
    const error = await source.pollOnce().catch((e) => e)
    expect(isWaybillError(error)).toBe(true)
    expect(error.code).toBe('ERR_SFTP')
    expect(error.retryable).toBe(false)
    expect(error.message).toMatch(/authentication failed for user 'carrier'/)
    const everything = [error.message, JSON.stringify(error.toJSON()), String(error.stack), ...lines].join(
      '\n',
    )
    expect(everything).not.toContain(bad)
    expect(everything).not.toContain(PASSWORD)
  })

  it('never puts the private key or passphrase in errors (key auth refused)', async () => {
    const options = drop.options()
    const source = sftpSource({
      ...options,
      connection: {
        ...options.connection,
        username: 'nobody',
        password: undefined,
        privateKey: clientKey.private,
        passphrase: PASSPHRASE,
      },
    })
    const error = await source.pollOnce().catch((e) => e)
    expect(error.code).toBe('ERR_SFTP')
    const text = [error.message, JSON.stringify(error.toJSON()), String(error.stack)].join('\n')
    expect(text).not.toContain(PASSPHRASE)
    expect(text).not.toContain(clientKey.private.split('\n')[1])
  })

  it('a wrong passphrase is a typed error that does not echo it', async () => {
    const options = drop.options()
    const source = sftpSource({
      ...options,
      connection: {
        ...options.connection,
        password: undefined,
        privateKey: clientKey.private,
        passphrase: 'nope-nope',
      },
    })
    const error = await source.pollOnce().catch((e) => e)
    expect(isWaybillError(error)).toBe(true)
    expect(error.message).not.toContain('nope-nope')
  })

  it('gives up after connectTimeoutMs on a server that accepts TCP but never speaks SSH (retryable)', async () => {
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const options = drop.options()
      const port = (silent.address() as AddressInfo).port
      const source = sftpSource({
        ...options,
        connection: { ...options.connection, port, connectTimeoutMs: 300 },
      })
      const error = await source.pollOnce().catch((e) => e)
      expect(error).toBeInstanceOf(SftpError)
      expect(error.retryable).toBe(true)
      expect(error.message).toMatch(/timed out|timeout/i)
    } finally {
      silent.close()
    }
  })

  it('a stalled transfer fails after idleTimeoutMs (retryable), no uncaught late read error, file kept', async () => {
    await drop.put('slow.csv', '1Z9,I,2024-03-26T10:58:00-05:00\n')
    drop.server.faults.readDelayMs = 1_000
    try {
      const options = drop.options()
      const source = sftpSource({ ...options, connection: { ...options.connection, idleTimeoutMs: 200 } })
      const result = await source.pollOnce()
      expect(result.files.map((f) => [f.name, f.status, f.error?.retryable])).toEqual([
        ['slow.csv', 'failed', true],
      ])
      expect(result.files[0]?.error?.message).toMatch(/stalled for 200 ms/)
    } finally {
      drop.server.faults.readDelayMs = 0
    }
    const again = await sftpSource(drop.options()).pollOnce()
    expect(again.files.map((f) => [f.name, f.status])).toEqual([['slow.csv', 'processed']])
  })

  it('fails fast with a retryable SftpError when nothing listens', async () => {
    const options = drop.options()
    const source = sftpSource({ ...options, connection: { ...options.connection, port: 1 } })
    const error = await source.pollOnce().catch((e) => e)
    expect(error).toBeInstanceOf(SftpError)
    expect(error.retryable).toBe(true)
  })
})
