/**
 * `sftpSource(options)`: `pollOnce()` lists the drop folder, waits for files to settle, hands each settled file to
 * the {@link FileHandler} (at most `concurrency` at a time, over one connection) and closes the connection in
 * `finally`; `watch()` polls on an interval, backs off on connection errors and stops on an AbortSignal.
 */
import { AbortError, isWaybillError } from '../errors/index.js'
import type { Shipment } from '../model/core.js'
import { openSession, type SftpSession } from './connection.js'
import { type ResolvedOptions, resolveOptions, type SftpSourceOptions } from './options.js'
import { FileHandler, type FileOutcome } from './process.js'
import { SettleTracker } from './settle.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: each ES import of a built-in costs its import facade
// at every import of the root entry, which loads this module (#26).
const { setTimeout: sleep } = process.getBuiltinModule('node:timers/promises')

export interface PollResult {
  /** One outcome per settled file handled in this poll, in the order they finished. */
  files: FileOutcome[]
  /** Shipments of the files processed in this poll (empty when `onShipments` is set). */
  shipments: Shipment[]
  /** Names the listing showed (all entries, before filtering). */
  listed: number
  /** Candidate files not settled yet (still growing, too new, or seen once). */
  pending: number
  /** True when the AbortSignal stopped the poll after some files were handled (the rest wait). */
  aborted?: boolean
  /** Set when the connection dropped while files were handled (those files are `failed` and retried). */
  connectionError?: { code: string; message: string }
}

export interface PollOptions {
  signal?: AbortSignal
}

export interface SftpSource {
  /** Namespace of this source's checkpoint keys. */
  readonly id: string
  pollOnce(options?: PollOptions): Promise<PollResult>
  /**
   * Polls every `pollIntervalMs` and yields each result; retryable connection errors back off (doubling, with
   * jitter, up to `maxBackoffMs`); non-retryable ones (host key, credentials) end the iteration by throwing.
   */
  watch(options?: PollOptions & { onError?: (error: unknown) => void }): AsyncIterable<PollResult>
}

/**
 * The wait of `watch()` after `failures` consecutive connection errors: the interval doubled per failure, capped,
 * with jitter (between half and all of it) so that many sources do not reconnect in step.
 */
export function backoffDelay(
  failures: number,
  intervalMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, intervalMs * 2 ** Math.max(0, failures))
  return ceiling / 2 + random() * (ceiling / 2)
}

/**
 * Why a READDIR name cannot be a file of this folder, or undefined when it can. A lying or broken server could
 * send `.`/`..`, a path with `/` or `\` (a file elsewhere: downloads, archive moves and error sidecars would reach
 * outside the folder) or a NUL (cut short by C APIs): such names are skipped with a warning. Dots inside a name
 * (`a..edi`) are harmless once `/` is refused, and are kept.
 */
export function unsafeName(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'not a file name'
  if (name.includes('/')) return 'contains "/"'
  if (name.includes('\\')) return 'contains "\\"'
  if (name.includes('\0')) return 'contains NUL'
  return undefined
}

async function listInto(
  session: SftpSession,
  o: ResolvedOptions,
  tracker: SettleTracker,
  signal?: AbortSignal,
): Promise<{ listed: number; unstable: number }> {
  const listing = tracker.begin()
  let listed = 0
  let unstable = 0
  for await (const entry of session.list(o.remoteDir)) {
    listed++
    if (listed % 1000 === 0 && signal?.aborted) throw new AbortError()
    const unsafe = unsafeName(entry.name)
    if (unsafe) {
      o.logger.warn?.('sftp: listing skipped a name no server should send', {
        dir: o.remoteDir,
        name: JSON.stringify(entry.name.slice(0, 200)),
        reason: unsafe,
      })
      continue
    }
    if (!entry.isFile || !o.filter(entry.name)) continue
    if (!tracker.observe(entry, listing)) unstable++
  }
  tracker.finish(listing)
  return { listed, unstable }
}

/**
 * A drop-folder source.
 * @example
 * const source = sftpSource({
 *   connection: { host: 'sftp.carrier.example', username: 'acme', privateKey, hostKey: 'SHA256:…' },
 *   remoteDir: '/outbound/214',
 *   parser: edi214(),
 *   store,
 * })
 * const { files, shipments } = await source.pollOnce()
 */
export function sftpSource(options: SftpSourceOptions): SftpSource {
  const o = resolveOptions(options)
  const tracker = new SettleTracker()
  let running: Promise<unknown> = Promise.resolve()

  async function poll(signal?: AbortSignal): Promise<PollResult> {
    if (signal?.aborted) throw new AbortError()
    const session = await openSession(o.connection, signal)
    try {
      let { listed, unstable } = await listInto(session, o, tracker, signal)
      if (unstable > 0) {
        if (o.settle.intervalMs > 0) {
          await sleep(o.settle.intervalMs, undefined, { signal }).catch((error) => {
            throw new AbortError('SFTP poll aborted', { cause: error })
          })
        }
        ;({ listed, unstable } = await listInto(session, o, tracker, signal))
      }
      const shipments: Shipment[] = []
      const files: FileOutcome[] = []
      const handler = new FileHandler(o, session, shipments)
      const queue = tracker.settled(o.remoteDir, o.now(), o.settle.minAgeMs)
      let taken = 0
      let connectionError: PollResult['connectionError']
      const worker = async () => {
        for (;;) {
          if (signal?.aborted || connectionError || taken >= o.maxFilesPerPoll) return
          const next = queue.next()
          if (next.done) return
          taken++
          const outcome = await handler.handle(next.value)
          files.push(outcome)
          if (outcome.movedTo) tracker.forget(outcome.name)
          if (session.dropped)
            connectionError = { code: session.dropped.code, message: session.dropped.message }
        }
      }
      await Promise.all(Array.from({ length: o.concurrency }, worker))
      const result: PollResult = { files, shipments, listed, pending: tracker.pending }
      if (connectionError) result.connectionError = connectionError
      // Files finished before an abort are checkpointed: their shipments are returned, not thrown away.
      if (signal?.aborted) result.aborted = true
      return result
    } finally {
      await session.close()
    }
  }

  const source: SftpSource = {
    id: o.id,
    pollOnce(pollOptions = {}) {
      const next = running.then(() => poll(pollOptions.signal))
      running = next.catch(() => {})
      return next
    },
    async *watch(watchOptions = {}) {
      const { signal, onError } = watchOptions
      let failures = 0
      while (!signal?.aborted) {
        let wait = o.pollIntervalMs
        let result: PollResult | undefined
        try {
          result = await source.pollOnce({ signal })
        } catch (error) {
          if (signal?.aborted) return
          if (!isWaybillError(error) || !error.retryable) throw error
          onError?.(error)
          o.logger.warn?.('sftp: poll failed, backing off', { code: error.code, message: error.message })
          failures++
        }
        if (result) {
          yield result
          if (result.connectionError) failures++
          else failures = 0
        }
        if (failures > 0) wait = backoffDelay(failures, o.pollIntervalMs, o.maxBackoffMs)
        try {
          await sleep(wait, undefined, { signal })
        } catch {
          return
        }
      }
    },
  }
  return source
}
