/**
 * `waybill sftp pull --config <file> [--once] [--json]`: collects carrier files from an SFTP drop folder and prints
 * each file's events as it is delivered (flushed before its checkpoint), then the files handled per poll. The config file is JSON (docs/sftp.md); secrets come from environment
 * variables (`{ "env": "SFTP_PASSWORD" }`) or files, never from the command line.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import type { TrackingEvent } from '../../src/model/core.js'
import { type FileParser, type PollResult, type SftpSourceOptions, sftpSource } from '../../src/sftp/index.js'
import { memoryStore, type Store, type StoreValue, type WriteOptions } from '../../src/store/index.js'
import { activity, type Progress, printJson } from '../output.js'
import { fitColumns, tableTime, terminalWidth } from '../timeline.js'

type Secret = string | { env: string } | { file: string }

function secret(value: unknown, where: string, base: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'env' in value && typeof value.env === 'string') {
    const found = process.env[value.env]
    if (found === undefined) throw new ConfigError(`${where}: environment variable ${value.env} is not set`)
    return found
  }
  if (value && typeof value === 'object' && 'file' in value && typeof value.file === 'string') {
    const file = path.resolve(base, value.file)
    if (!existsSync(file)) throw new ConfigError(`${where}: file ${file} does not exist`)
    return readFileSync(file, 'utf8')
  }
  throw new ConfigError(`${where}: expected a string, { "env": "NAME" } or { "file": "path" }`)
}

/**
 * A Store kept in one JSON file (written atomically after each change), so that checkpoints survive between
 * `--once` runs. Fine for one process and thousands of files; use a database-backed Store beyond that. Values
 * written with a TTL (SFTP claims) live in memory only: they guard one process, and a claim left by a killed run
 * must not outlive it.
 */
export function jsonFileStore(file: string): Store {
  const store = memoryStore()
  const transient = new Set<string>()
  let loaded: Promise<void> | undefined
  const load = () => {
    loaded ??= (async () => {
      if (!existsSync(file)) return
      let data: Record<string, StoreValue>
      try {
        data = JSON.parse(readFileSync(file, 'utf8'))
      } catch (error) {
        throw new ConfigError(`checkpoints file ${file} is not valid JSON`, { cause: error })
      }
      for (const [key, value] of Object.entries(data)) await store.set(key, value)
    })()
    return loaded
  }
  const save = async () => {
    const data: Record<string, StoreValue> = {}
    for await (const key of store.keys('')) {
      if (!transient.has(key)) data[key] = (await store.get(key)) ?? null
    }
    writeFileSync(`${file}.tmp`, JSON.stringify(data))
    renameSync(`${file}.tmp`, file)
  }
  const note = (key: string, options?: WriteOptions) => {
    if (options?.ttlMs !== undefined) transient.add(key)
    else transient.delete(key)
  }
  return {
    async get(key) {
      await load()
      return store.get(key)
    },
    keys: (prefix) => ({
      async *[Symbol.asyncIterator]() {
        await load()
        yield* store.keys(prefix)
      },
    }),
    async set(key, value, options) {
      await load()
      await store.set(key, value, options)
      note(key, options)
      await save()
    },
    async delete(key) {
      await load()
      await store.delete(key)
      transient.delete(key)
      await save()
    },
    async setIfAbsent(key, value, options) {
      await load()
      const set = await store.setIfAbsent(key, value, options)
      if (set) {
        note(key, options)
        await save()
      }
      return set
    },
    async update(keys, fn) {
      await load()
      const result = await store.update(keys, (tx) =>
        fn({
          get: (key) => tx.get(key),
          set: (key, value, options) => {
            tx.set(key, value, options)
            note(key, options)
          },
          delete: (key) => {
            tx.delete(key)
            transient.delete(key)
          },
        }),
      )
      await save()
      return result
    },
  }
}

async function parserFrom(value: unknown): Promise<FileParser> {
  const spec = typeof value === 'string' ? { type: value } : (value as { type?: unknown } | undefined)
  if (!spec || typeof spec !== 'object') throw new ConfigError('parser: expected "edi214" or { "type": ... }')
  const { type, ...options } = spec as Record<string, unknown>
  if (type === 'edi214') {
    const { edi214 } = await import('../../adapters/edi214/index.js')
    // `carrier` (the carrier of senders without a profile) is the adapter's `id`.
    const { carrier, ...rest } = options
    return edi214({ ...rest, ...(typeof carrier === 'string' ? { id: carrier } : {}) })
  }
  if (type === 'csv') {
    const { csv } = await import('../../adapters/csv/index.js')
    return csv(options as never)
  }
  throw new ConfigError(`parser.type must be "edi214" or "csv" (got ${JSON.stringify(type)})`)
}

/** Reads and checks a pull config file; relative paths are relative to the file. */
export async function loadPullConfig(file: string): Promise<{ options: SftpSourceOptions; store: Store }> {
  const configPath = path.resolve(file)
  if (!existsSync(configPath)) throw new ConfigError(`config file ${configPath} does not exist`)
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(readFileSync(configPath, 'utf8'))
  } catch (error) {
    throw new ConfigError(`config file ${configPath} is not valid JSON`, { cause: error })
  }
  const base = path.dirname(configPath)
  const c = (raw.connection ?? {}) as Record<string, unknown> & { privateKey?: Secret }
  const connection = {
    ...(c as object),
    password: secret(c.password, 'connection.password', base),
    passphrase: secret(c.passphrase, 'connection.passphrase', base),
    privateKey: secret(c.privateKey, 'connection.privateKey', base),
  } as SftpSourceOptions['connection']
  const store =
    typeof raw.checkpoints === 'string' ? jsonFileStore(path.resolve(base, raw.checkpoints)) : memoryStore()
  const { parser, checkpoints: _, connection: __, ...rest } = raw
  const options = {
    ...(rest as object),
    connection,
    parser: await parserFrom(parser),
    store,
  } as SftpSourceOptions
  return { options, store }
}

/** A batch's events as one table: the same time format on every row, columns sized to the batch. */
function describeEvents(events: readonly TrackingEvent[]): string {
  const rows = events.map((e) => {
    const place = [e.location?.city, e.location?.region, e.location?.countryCode].filter(Boolean).join(', ')
    return [
      e.trackingNumber,
      tableTime(e.occurredAt, e.precision),
      `${e.status}/${e.milestone}`,
      `${e.description}${place ? ` (${place})` : ''}`,
    ]
  })
  return fitColumns(rows, terminalWidth(), '  ').join('\n')
}

/** Writes one line and resolves once it has been handed to the OS (before the file's checkpoint is written). */
function writeLine(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve()))
  })
}

/**
 * The CLI's delivery callback: each batch of a file's events is printed (one NDJSON line with `--json`, one line
 * per event otherwise) and flushed before the source checkpoints the file, so a killed run loses no events: a
 * file whose checkpoint was not written yet is delivered again by the next run (at least once).
 */
function printBatch(json: boolean, counter: Progress): NonNullable<SftpSourceOptions['onShipments']> {
  return async (shipments, file) => {
    const events = shipments.flatMap((s) => s.events)
    counter.clear() // results never share a line with the counter
    if (json) await writeLine(JSON.stringify({ type: 'events', file: file.path, events }))
    else if (events.length > 0) await writeLine(describeEvents(events))
  }
}

function eventsDelivered(result: PollResult): number {
  return result.files.reduce((n, f) => (f.status === 'processed' ? n + f.events : n), 0)
}

function printHuman(result: PollResult): void {
  const out = process.stdout
  const rows = result.files.map((f) => {
    const moved = f.movedTo ? ` -> ${f.movedTo}` : ''
    const problem = f.error
      ? `: ${f.error.message}`
      : f.moveError
        ? ` (move failed: ${f.moveError.message})`
        : ''
    return [f.status, f.path, `${f.shipments} shipments, ${f.events} events${moved}${problem}`]
  })
  // Aligned but never cut: the last column carries error messages.
  for (const line of fitColumns(rows)) out.write(`${line}\n`)
  out.write(
    `${result.files.length} files handled, ${eventsDelivered(result)} events, ${result.pending} not settled yet (${result.listed} names listed)\n`,
  )
}

/** The end of a poll: the files handled (events were printed as each file was delivered). */
function emit(result: PollResult, json: boolean): number {
  if (json) {
    printJson({
      type: 'poll',
      files: result.files,
      eventCount: eventsDelivered(result),
      listed: result.listed,
      pending: result.pending,
      ...(result.connectionError ? { connectionError: result.connectionError } : {}),
    })
  } else printHuman(result)
  return result.files.some((f) => f.status === 'failed' || f.status === 'rejected') ? 1 : 0
}

export function register(program: Command): void {
  const sftp = program.command('sftp').description('Carrier drop folders on SFTP')
  sftp
    .command('pull')
    .description('Collect files from an SFTP drop folder: settle, download, parse, checkpoint, archive')
    .requiredOption('--config <file>', 'JSON config file (docs/sftp.md); secrets from env vars or files')
    .option('--once', 'poll once and exit (default: keep polling until Ctrl-C)')
    .option(
      '--json',
      'NDJSON on stdout: { type: "events", file, events } per delivered batch, then { type: "poll", files, eventCount, listed, pending } per poll',
    )
    .action(async (opts: { config: string; once?: boolean; json?: boolean }) => {
      const { options, store } = await loadPullConfig(opts.config)
      const counter = activity('files')
      const source = sftpSource({
        ...options,
        onShipments: printBatch(Boolean(opts.json), counter),
        logger: {
          ...options.logger,
          info: (message, fields) => {
            if (message === 'sftp: file processed') counter.tick(String(fields?.file ?? ''))
            options.logger?.info?.(message, fields)
          },
        },
      })
      try {
        if (opts.once) {
          const result = await source.pollOnce()
          counter.done()
          process.exitCode = emit(result, Boolean(opts.json))
          return
        }
        const controller = new AbortController()
        const stop = () => controller.abort()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
        try {
          const onError = (error: unknown) =>
            process.stderr.write(`waybill: ${(error as Error).message} (retrying with backoff)\n`)
          for await (const result of source.watch({ signal: controller.signal, onError })) {
            counter.done()
            emit(result, Boolean(opts.json))
          }
        } finally {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
        }
      } finally {
        counter.done()
        await store.close?.()
      }
    })
}
