/** Shared helpers of the SFTP tests: a temp drop folder, a running server, a tiny bytes→shipments parser. */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createEvent } from '../../src/adapter/index.js'
import { buildShipment, type Shipment } from '../../src/model/index.js'
import type { SftpSourceOptions } from '../../src/sftp/index.js'
import {
  parsableKeyPair,
  type RunningSftpServer,
  type SftpServerOptions,
  startSftpServer,
} from '../../src/sftp/testing/server.js'

export const PASSWORD = 'hunter2-Sup3r-Secret!'
export const PASSPHRASE = 'correct horse battery staple'
export const clientKey = parsableKeyPair('ed25519', {
  passphrase: PASSPHRASE,
  cipher: 'aes256-ctr',
  rounds: 4,
})

export interface Drop {
  root: string
  inbox: string
  server: RunningSftpServer
  /** Writes a file into /in with an mtime in the past (settled as far as age goes). */
  put(name: string, content: string | Buffer, ageSeconds?: number): Promise<string>
  options(extra?: Partial<SftpSourceOptions>): SftpSourceOptions
  close(): Promise<void>
}

export async function startDrop(extra: Partial<SftpServerOptions> = {}): Promise<Drop> {
  const root = await mkdtemp(path.join(tmpdir(), 'waybill-sftp-test-'))
  const inbox = path.join(root, 'in')
  await mkdir(inbox)
  const server = await startSftpServer({
    root,
    users: [{ username: 'carrier', password: PASSWORD, publicKey: clientKey.public }],
    ...extra,
  })
  return {
    root,
    inbox,
    server,
    async put(name, content, ageSeconds = 120) {
      const file = path.join(inbox, name)
      await writeFile(file, content)
      const t = Date.now() / 1000 - ageSeconds
      await utimes(file, t, t)
      return file
    },
    options(more = {}) {
      return {
        connection: {
          host: '127.0.0.1',
          port: server.port,
          username: 'carrier',
          password: PASSWORD,
          hostKey: server.hostKeyFingerprint,
          connectTimeoutMs: 5_000,
          idleTimeoutMs: 5_000,
        },
        remoteDir: '/in',
        parser: linesParser,
        settle: { intervalMs: 0, minAgeMs: 1_000 },
        ...more,
      }
    },
    async close() {
      await server.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/**
 * A bytes parser for tests: one event per line `number,code,ISO time`; codes D (delivered) and I (in transit).
 * A line that does not have three fields throws, as a real parser would.
 */
export function linesParser(bytes: Uint8Array, file: { name: string }): Shipment[] {
  const byNumber = new Map<string, ReturnType<typeof createEvent>[]>()
  const lines = Buffer.from(bytes).toString('utf8').split('\n')
  lines.forEach((line, i) => {
    if (!line.trim()) return
    const [number, code, at] = line.split(',')
    if (!number || !code || !at) throw new Error(`line ${i + 1} of ${file.name} needs three fields`)
    const delivered = code === 'D'
    const event = createEvent({
      carrier: 'test',
      trackingNumber: number,
      status: delivered ? 'delivered' : 'in_transit',
      milestone: delivered ? 'delivered' : 'in_transit',
      occurredAt: at,
      zoneSource: 'carrier',
      precision: 'second',
      description: delivered ? 'Delivered' : 'In transit',
      raw: { source: 'file', code, origin: file.name },
    })
    byNumber.set(number, [...(byNumber.get(number) ?? []), event])
  })
  return [...byNumber].map(([trackingNumber, events]) =>
    buildShipment({ carrier: 'test', trackingNumber, events }),
  )
}

export function eventIds(shipments: Shipment[]): string[] {
  return shipments.flatMap((s) => s.events.map((e) => e.id))
}

/** Waits (at most `ms`) until `check` is true; returns its last value. The server sees a close a moment later. */
export async function eventually(check: () => boolean, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
  return check()
}
