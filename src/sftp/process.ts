/**
 * Handling one settled file, exactly once: download (streamed, hashed, byte count checked against the listed
 * size) into a spool, skip it when its checkpoint exists, parse it as a stream, deliver the shipments, write the
 * checkpoint, then move it to the archive (or to the error folder with `<name>.error.json`).
 *
 * Before anything else the file is claimed (`sftp:<id>:claim:<path>:<size>:<mtime>`, `setIfAbsent` with a TTL of
 * `claimLeaseMs`, renewed after each delivered batch, released when the file is done or failed), so watchers of
 * one folder that share a Store hand each file to one callback; a dead owner's claim expires and another takes it.
 *
 * Checkpoint keys (in the caller's Store):
 * - `sftp:<id>:done:<path>:<sha256>` — the file with this content at this path was delivered (setIfAbsent);
 * - `sftp:<id>:stat:<path>:<size>:<mtime>` — the content hash of that listing, so a file whose archive move
 *   failed is not downloaded again before the move is retried.
 */
import { isWaybillError, SftpError } from '../errors/index.js'
import type { NormalizeWarning, Shipment } from '../model/core.js'
import type { StoreValue } from '../store/index.js'
import type { SftpSession } from './connection.js'
import type { RemoteFile, ResolvedOptions } from './options.js'
import { download, type Spool } from './spool.js'

/** What happened to one file. */
export interface FileOutcome extends RemoteFile {
  /**
   * `processed`: parsed, delivered, checkpointed. `duplicate`: its checkpoint existed (already delivered; only the
   * move was done). `rejected`: could not be parsed, moved to the error folder. `failed`: a transfer, delivery or
   * connection problem; left in place and tried again on the next poll. `claimed`: another watcher holds its
   * claim; left to it (taken here only if that claim expires).
   */
  status: 'processed' | 'duplicate' | 'rejected' | 'failed' | 'claimed'
  sha256?: string
  shipments: number
  events: number
  /** Where the file was moved, when it was. */
  movedTo?: string
  error?: { code: string; message: string; retryable: boolean }
  /** What the parser noted (unknown codes, fallback zones, envelope counts); at most 100 are kept. */
  warnings?: NormalizeWarning[]
  /** Warnings beyond the 100 kept. */
  droppedWarnings?: number
  /** The archive/error move failed (the checkpoint keeps the file from being delivered again). */
  moveError?: { code: string; message: string }
}

function describe(error: unknown): { code: string; message: string; retryable: boolean } {
  if (isWaybillError(error)) return { code: error.code, message: error.message, retryable: error.retryable }
  return {
    code: 'ERR_SFTP',
    message: error instanceof Error ? error.message : String(error),
    retryable: true,
  }
}

export class FileHandler {
  private dirs = new Map<string, Promise<void>>()

  constructor(
    private readonly o: ResolvedOptions,
    private readonly session: SftpSession,
    private readonly collected: Shipment[],
  ) {}

  private key(kind: 'done' | 'stat' | 'claim', file: RemoteFile, sha256?: string): string {
    const p = encodeURIComponent(file.path)
    return kind === 'done'
      ? `sftp:${this.o.id}:done:${p}:${sha256}`
      : `sftp:${this.o.id}:${kind}:${p}:${file.size}:${file.mtime}`
  }

  private claimValue(): StoreValue {
    return { owner: this.o.owner, at: new Date(this.o.now()).toISOString() }
  }

  /** Claims the file for this watcher; false when another live watcher holds it. */
  private claim(file: RemoteFile): Promise<boolean> {
    return this.o.store.setIfAbsent(this.key('claim', file), this.claimValue(), {
      ttlMs: this.o.claimLeaseMs,
    })
  }

  /** Extends this watcher's claim by a lease; false (and nothing written) when the claim is no longer ours. */
  private renew(file: RemoteFile): Promise<boolean> {
    const key = this.key('claim', file)
    return this.o.store.update([key], (tx) => {
      if (tx.get<{ owner?: string }>(key)?.owner !== this.o.owner) return false
      tx.set(key, this.claimValue(), { ttlMs: this.o.claimLeaseMs })
      return true
    })
  }

  /** Drops this watcher's claim (never another's); a failure only delays others until the lease ends. */
  private async release(file: RemoteFile): Promise<void> {
    const key = this.key('claim', file)
    try {
      await this.o.store.update([key], (tx) => {
        if (tx.get<{ owner?: string }>(key)?.owner === this.o.owner) tx.delete(key)
      })
    } catch (error) {
      this.o.logger.warn?.('sftp: could not release the claim; it expires after the lease', {
        file: file.path,
        ...describe(error),
      })
    }
  }

  async handle(file: RemoteFile): Promise<FileOutcome> {
    const base: FileOutcome = { ...file, status: 'failed', shipments: 0, events: 0 }
    try {
      if (!(await this.claim(file))) {
        this.o.logger.info?.('sftp: file claimed by another watcher', { file: file.path })
        return { ...base, status: 'claimed' }
      }
    } catch (error) {
      this.o.logger.warn?.('sftp: could not claim the file, it will be tried again', {
        file: file.path,
        ...describe(error),
      })
      return { ...base, error: describe(error) }
    }
    try {
      return await this.handleClaimed(file, base)
    } finally {
      await this.release(file)
    }
  }

  private async handleClaimed(file: RemoteFile, base: FileOutcome): Promise<FileOutcome> {
    const { store } = this.o
    try {
      const known = await store.get<{ sha256: string }>(this.key('stat', file))
      if (known && (await store.get(this.key('done', file, known.sha256)))) {
        return this.move({ ...base, status: 'duplicate', sha256: known.sha256 }, this.o.archiveDir)
      }
      const spool = await download(this.session, file, this.o)
      try {
        if (spool.bytes !== file.size) {
          throw new SftpError(
            `download of ${file.path} got ${spool.bytes} bytes but the file was listed with ${file.size}; it changed or the transfer was cut, it will be tried again`,
            { retryable: true },
          )
        }
        const done = this.key('done', file, spool.sha256)
        if (await store.get(done)) {
          await store.set(this.key('stat', file), { sha256: spool.sha256 })
          return this.move({ ...base, status: 'duplicate', sha256: spool.sha256 }, this.o.archiveDir)
        }
        return await this.parse(file, spool, { ...base, sha256: spool.sha256 }, done)
      } finally {
        await spool.dispose()
      }
    } catch (error) {
      this.o.logger.warn?.('sftp: file failed, it will be tried again', {
        file: file.path,
        ...describe(error),
      })
      return { ...base, error: describe(error) }
    }
  }

  private async parse(file: RemoteFile, spool: Spool, outcome: FileOutcome, doneKey: string) {
    const mine: Shipment[] = []
    let batch: Shipment[] = []
    const sink = this.o.onShipments
    let inSink = false
    const deliver = async (shipments: Shipment[]) => {
      inSink = true
      await sink?.(shipments, file)
      inSink = false
      // A store failure here is not the file's fault: it must not reach the parser's catch (which rejects files).
      const renewed = await this.renew(file).catch((error) => {
        this.o.logger.warn?.('sftp: could not renew the claim', { file: file.path, ...describe(error) })
        return true
      })
      if (!renewed) {
        this.o.logger.warn?.(
          'sftp: the claim lapsed while delivering; another watcher may deliver this file too',
          {
            file: file.path,
            leaseMs: this.o.claimLeaseMs,
          },
        )
      }
    }
    try {
      const warn = (warning: NormalizeWarning) => {
        outcome.warnings ??= []
        if (outcome.warnings.length < 100) outcome.warnings.push(warning)
        else outcome.droppedWarnings = (outcome.droppedWarnings ?? 0) + 1
      }
      for await (const shipment of this.o.parser.parse(spool.read(), file, warn)) {
        outcome.shipments++
        outcome.events += shipment.events.length
        if (!sink) mine.push(shipment)
        else {
          batch.push(shipment)
          if (batch.length >= this.o.batchSize) {
            await deliver(batch)
            batch = []
          }
        }
      }
    } catch (error) {
      // A parser's typed error means the file is bad; a failed delivery or read is retried instead.
      if (!inSink && isWaybillError(error) && !error.retryable && error.code !== 'ERR_SFTP') {
        return this.reject(file, { ...outcome, shipments: 0, events: 0 }, error)
      }
      throw error
    }
    if (batch.length) await deliver(batch)
    const record: StoreValue = {
      path: file.path,
      size: file.size,
      mtime: file.mtime,
      sha256: spool.sha256,
      shipments: outcome.shipments,
      events: outcome.events,
      at: new Date(this.o.now()).toISOString(),
    }
    const claimed = await this.o.store.setIfAbsent(doneKey, record)
    if (claimed) for (const s of mine) this.collected.push(s)
    // Only a shortcut (no second download before a retried move): a failure here must not lose the delivery.
    await this.o.store.set(this.key('stat', file), { sha256: spool.sha256 }).catch((error) => {
      this.o.logger.warn?.('sftp: could not record the listing checkpoint', {
        file: file.path,
        ...describe(error),
      })
    })
    if (!claimed) {
      return this.move({ ...outcome, status: 'duplicate', shipments: 0, events: 0 }, this.o.archiveDir)
    }
    this.o.logger.info?.('sftp: file processed', {
      file: file.path,
      shipments: outcome.shipments,
      events: outcome.events,
    })
    return this.move({ ...outcome, status: 'processed' }, this.o.archiveDir)
  }

  private async reject(file: RemoteFile, outcome: FileOutcome, error: unknown): Promise<FileOutcome> {
    const why = describe(error)
    this.o.logger.warn?.('sftp: file rejected', { file: file.path, code: why.code, message: why.message })
    const sidecar = {
      file: { path: file.path, name: file.name, size: file.size, mtime: file.mtime, sha256: outcome.sha256 },
      error: {
        name: error instanceof Error ? error.name : 'Error',
        ...why,
        ...(isWaybillError(error) ? { details: error.details } : {}),
      },
      rejectedAt: new Date(this.o.now()).toISOString(),
    }
    const rejected: FileOutcome = { ...outcome, status: 'rejected', error: why }
    try {
      await this.ensureDir(this.o.errorDir)
      await this.session.writeFile(
        `${this.o.errorDir}/${file.name}.error.json`,
        JSON.stringify(sidecar, null, 2),
      )
    } catch (sidecarError) {
      rejected.moveError = describe(sidecarError)
      return rejected
    }
    return this.move(rejected, this.o.errorDir)
  }

  private ensureDir(dir: string): Promise<void> {
    let pending = this.dirs.get(dir)
    if (!pending) {
      pending = this.session.ensureDir(dir)
      pending.catch(() => this.dirs.delete(dir))
      this.dirs.set(dir, pending)
    }
    return pending
  }

  /** Moves the file into `dir`, under a new name when one with that name is already there. */
  private async move(outcome: FileOutcome, dir: string): Promise<FileOutcome> {
    try {
      await this.ensureDir(dir)
      let target = `${dir}/${outcome.name}`
      try {
        await this.session.rename(outcome.path, target)
      } catch (error) {
        // SFTP v3 servers refuse to overwrite: when the name is taken, archive under a name that is not.
        if (this.session.dropped || !(await this.session.stat(target))) throw error
        target = `${target}.${(outcome.sha256 ?? 'x').slice(0, 12)}`
        if (await this.session.stat(target)) target = `${target}.${this.o.now()}`
        await this.session.rename(outcome.path, target)
      }
      return { ...outcome, movedTo: target }
    } catch (error) {
      // Another watcher moved it after its checkpoint (it listed the file too): nothing is left to move.
      if (!this.session.dropped && !(await this.session.stat(outcome.path).catch(() => true))) return outcome
      const why = describe(error)
      this.o.logger.warn?.('sftp: move failed; the checkpoint prevents a second delivery', {
        file: outcome.path,
        to: dir,
        ...why,
      })
      return { ...outcome, moveError: { code: why.code, message: why.message } }
    }
  }
}
