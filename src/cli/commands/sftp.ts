/**
 * `waybill sftp pull --config <file> [--once] [--json]`: collects carrier files from an SFTP drop folder and prints
 * the files handled and the events found. The config file is JSON (docs/sftp.md); secrets come from environment
 * variables (`{ "env": "SFTP_PASSWORD" }`) or files, never from the command line.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { ConfigError } from '../../errors/index.js'
import type { TrackingEvent } from '../../model/index.js'
import {
  edi214,
  type FileParser,
  type PollResult,
  type SftpSourceOptions,
  sftpSource,
} from '../../sftp/index.js'
import { memoryStore, type Store, type StoreValue } from '../../store/index.js'
import { activity, printJson } from '../output.js'

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
 * `--once` runs. Fine for one process and thousands of files; use a database-backed Store beyond that.
 */
export function jsonFileStore(file: string): Store {
  const store = memoryStore()
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
    for await (const key of store.keys('')) data[key] = (await store.get(key)) ?? null
    writeFileSync(`${file}.tmp`, JSON.stringify(data))
    renameSync(`${file}.tmp`, file)
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
    async set(key, value) {
      await load()
      await store.set(key, value)
      await save()
    },
    async delete(key) {
      await load()
      await store.delete(key)
      await save()
    },
    setIfAbsent: async (key, value) => {
      await load()
      const set = await store.setIfAbsent(key, value)
      if (set) await save()
      return set
    },
  }
}

async function parserFrom(value: unknown): Promise<FileParser> {
  const spec = typeof value === 'string' ? { type: value } : (value as { type?: unknown } | undefined)
  if (!spec || typeof spec !== 'object') throw new ConfigError('parser: expected "edi214" or { "type": ... }')
  const { type, ...options } = spec as Record<string, unknown>
  if (type === 'edi214') return edi214(options)
  if (type === 'csv') {
    const { csv } = await import('../../../adapters/csv/index.js')
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

function describeEvent(e: TrackingEvent): string {
  const place = [e.location?.city, e.location?.region, e.location?.countryCode].filter(Boolean).join(', ')
  return `  ${e.trackingNumber}  ${e.occurredAt}  ${e.status}/${e.milestone}  ${e.description}${place ? ` (${place})` : ''}`
}

function printHuman(result: PollResult): void {
  const out = process.stdout
  for (const f of result.files) {
    const moved = f.movedTo ? ` -> ${f.movedTo}` : ''
    const problem = f.error
      ? `: ${f.error.message}`
      : f.moveError
        ? ` (move failed: ${f.moveError.message})`
        : ''
    out.write(
      `${f.status.padEnd(9)} ${f.path}  ${f.shipments} shipments, ${f.events} events${moved}${problem}\n`,
    )
  }
  for (const s of result.shipments) for (const e of s.events) out.write(`${describeEvent(e)}\n`)
  out.write(
    `${result.files.length} files handled, ${result.shipments.reduce((n, s) => n + s.events.length, 0)} events, ${result.pending} not settled yet (${result.listed} names listed)\n`,
  )
}

function emit(result: PollResult, json: boolean): number {
  if (json) {
    printJson({
      files: result.files,
      events: result.shipments.flatMap((s) => s.events),
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
    .option('--json', 'one JSON object per poll on stdout: { files, events, listed, pending }')
    .action(async (opts: { config: string; once?: boolean; json?: boolean }) => {
      const { options, store } = await loadPullConfig(opts.config)
      const counter = activity('files')
      const source = sftpSource({
        ...options,
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
        await store.close?.()
      }
    })
}
