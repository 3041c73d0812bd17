import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { edi214 } from '../../adapters/edi214/index.js'
import { sftpSource } from '../../src/sftp/index.js'
import { writeLarge214 } from './edi-gen.js'
import { type Drop, startDrop } from './helpers.js'

let drop: Drop
beforeAll(async () => {
  drop = await startDrop()
})
afterAll(() => drop.close())

describe('edi214() as the SFTP parser', () => {
  it('turns a dropped 214 file into shipments with zoned events, and archives it', async () => {
    const local = path.join(drop.root, 'status.edi')
    const sets = await writeLarge214(local, 10_000)
    await drop.put('status.edi', await readFile(local))
    const result = await sftpSource(drop.options({ parser: edi214() })).pollOnce()
    expect(result.files[0]).toMatchObject({ status: 'processed', shipments: sets, events: sets * 3 })
    expect(sets).toBe(50)
    expect(result.shipments).toHaveLength(sets)
    const first = result.shipments[0]
    expect(first?.trackingNumber).toBe('PRO000000001')
    expect(first?.status).toBe('delivered')
    expect(first?.events.map((e) => [e.raw.code, e.occurredAt])).toEqual([
      ['X3', '2024-03-02T09:30:00-06:00'],
      ['X1', '2024-03-02T17:45:00-07:00'],
      ['D1', '2024-03-02T18:30:00-07:00'],
    ])
    expect(first?.events[0]?.raw.origin).toBe('status.edi')
    expect(result.files[0]?.movedTo).toBe('/in/archive/status.edi')
  })

  it('moves a file that is not X12 to error/ with the reason', async () => {
    await drop.put('notes.edi', 'this is not an interchange\n')
    const result = await sftpSource(drop.options({ parser: edi214() })).pollOnce()
    expect(result.files[0]).toMatchObject({ status: 'rejected', movedTo: '/in/error/notes.edi' })
    expect(result.files[0]?.error?.code).toBe('ERR_PARSE')
    const sidecar = JSON.parse(await readFile(path.join(drop.inbox, 'error', 'notes.edi.error.json'), 'utf8'))
    expect(sidecar.error.code).toBe('ERR_PARSE')
  })
})
