import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { register } from '../../cli/commands/sftp.js'
import { ConfigError } from '../../src/errors/index.js'
import { acmeLayout } from './csv-partner.js'
import { type Drop, PASSWORD, startDrop } from './helpers.js'

let drop: Drop
beforeAll(async () => {
  drop = await startDrop()
})
afterAll(() => drop.close())
afterEach(() => {
  vi.restoreAllMocks()
  delete process.env.WAYBILL_TEST_SFTP_PASSWORD
  process.exitCode = undefined
})

function config(extra: Record<string, unknown> = {}): string {
  const file = path.join(drop.root, `config-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(
    file,
    JSON.stringify({
      connection: {
        host: '127.0.0.1',
        port: drop.server.port,
        username: 'carrier',
        password: { env: 'WAYBILL_TEST_SFTP_PASSWORD' },
        hostKey: drop.server.hostKeyFingerprint,
      },
      remoteDir: '/in',
      settle: { intervalMs: 0, minAgeMs: 0 },
      parser: { type: 'csv', ...acmeLayout },
      checkpoints: 'checkpoints.json',
      ...extra,
    }),
  )
  return file
}

async function run(args: string[]): Promise<string> {
  let out = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest: unknown[]) => {
    out += String(chunk)
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
    callback?.()
    return true
  })
  const program = new Command().exitOverride()
  register(program)
  await program.parseAsync(['node', 'waybill', ...args])
  return out
}

const csvText = readFileSync(new URL('../../fixtures/csv/acme-3pl.csv', import.meta.url))

describe('waybill sftp pull', () => {
  it('--once --json prints NDJSON: an events line per delivered file, then the poll summary', async () => {
    process.env.WAYBILL_TEST_SFTP_PASSWORD = PASSWORD
    await drop.put('acme.csv', csvText)
    const out = await run(['sftp', 'pull', '--config', config(), '--once', '--json'])
    const lines = out.trim().split('\n')
    expect(lines).toHaveLength(2)
    const events = JSON.parse(lines[0] as string)
    expect(events).toMatchObject({ type: 'events', file: '/in/acme.csv' })
    expect(events.events).toHaveLength(8)
    expect(events.events[0]).toMatchObject({ carrier: 'acme-3pl', trackingNumber: 'AC1000000001' })
    const parsed = JSON.parse(lines[1] as string)
    expect(parsed.type).toBe('poll')
    expect(parsed.files.map((f: { name: string; status: string }) => [f.name, f.status])).toEqual([
      ['acme.csv', 'processed'],
    ])
    expect(parsed.eventCount).toBe(8)
    expect(JSON.parse(readFileSync(path.join(drop.root, 'checkpoints.json'), 'utf8'))).not.toEqual({})
  })

  it('prints a human summary by default and keeps checkpoints between runs (same content: no events)', async () => {
    process.env.WAYBILL_TEST_SFTP_PASSWORD = PASSWORD
    const file = config()
    await drop.put('acme.csv', csvText)
    const out = await run(['sftp', 'pull', '--config', file, '--once'])
    expect(out).toMatch(/^duplicate +\/in\/acme\.csv {2}0 shipments, 0 events -> \/in\/archive\/acme\.csv\./m)
    expect(out).toMatch(/1 files handled, 0 events/)
    await drop.put('new.csv', csvText.toString('utf8').replace(/AC1000000002/g, 'AC1000000003'))
    const second = await run(['sftp', 'pull', '--config', file, '--once'])
    expect(second).toMatch(/^processed +\/in\/new\.csv {2}2 shipments, 8 events/m)
    expect(second).toMatch(/AC1000000003 {2}2024-03-27 16:20 -07:00 {2}exception\/held/)
  })

  it('a missing secret is a ConfigError that names the variable, not a value', async () => {
    const error = await run(['sftp', 'pull', '--config', config(), '--once']).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toContain('WAYBILL_TEST_SFTP_PASSWORD')
  })

  it('wrong credentials fail without the password in the error', async () => {
    process.env.WAYBILL_TEST_SFTP_PASSWORD = `${PASSWORD}x`
    const error = await run(['sftp', 'pull', '--config', config(), '--once']).catch((e) => e)
    expect(error.code).toBe('ERR_SFTP')
    expect(`${error.message}${JSON.stringify(error.toJSON())}`).not.toContain(PASSWORD)
  })

  it('an unknown parser type is a ConfigError', async () => {
    process.env.WAYBILL_TEST_SFTP_PASSWORD = PASSWORD
    const error = await run(['sftp', 'pull', '--config', config({ parser: 'xml' }), '--once']).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/parser\.type/)
  })

  it('sets a non-zero exit code when a file is rejected', async () => {
    process.env.WAYBILL_TEST_SFTP_PASSWORD = PASSWORD
    await drop.put('bad.csv', 'Tracking,Status\nA1,PU\n')
    const out = await run(['sftp', 'pull', '--config', config(), '--once'])
    expect(out).toMatch(/^rejected +\/in\/bad\.csv .*-> \/in\/error\/bad\.csv: the header has no column/m)
    expect(process.exitCode).toBe(1)
  })
})
