/**
 * One SFTP session: connect (lazily loading the optional peer `ssh2-sftp-client`), list a folder as an async
 * iterator (READDIR pages, never the whole listing in one array), stream a download, rename, mkdir, write a small
 * file, close. Every failure is an SftpError whose message has no credentials in it; every request has an idle
 * timeout; a dropped connection fails whatever was in flight.
 */
import type { Readable } from 'node:stream'
import type { SFTPWrapper } from 'ssh2'
import { AbortError, ConfigError, SftpError, scrubSecrets } from '../errors/index.js'
import { hostKeyCheck } from './host-key.js'
import type { SftpConnectionOptions } from './options.js'

type Connection = SftpConnectionOptions & { port: number; connectTimeoutMs: number; idleTimeoutMs: number }

/** One directory entry as the server listed it. */
export interface RemoteEntry {
  name: string
  size: number
  /** Epoch seconds. */
  mtime: number
  isFile: boolean
}

export interface SftpSession {
  /** Set once the connection dropped (everything after fails with it). */
  readonly dropped: SftpError | undefined
  list(dir: string): AsyncIterable<RemoteEntry>
  /** `undefined` when the path does not exist. */
  stat(path: string): Promise<RemoteEntry | undefined>
  /** A stream of the file's bytes; fails with a retryable SftpError on a stall or a dropped connection. */
  download(path: string): Readable
  rename(from: string, to: string): Promise<void>
  ensureDir(dir: string): Promise<void>
  writeFile(path: string, data: string): Promise<void>
  close(): Promise<void>
}

const STATUS_EOF = 1
const STATUS_NO_SUCH_FILE = 2
const STATUS_PERMISSION_DENIED = 3

type ClientModule = typeof import('ssh2-sftp-client')

async function loadClient(): Promise<ClientModule> {
  try {
    const mod = (await import('ssh2-sftp-client')) as unknown as { default?: ClientModule }
    return mod.default ?? (mod as unknown as ClientModule)
  } catch (error) {
    throw new ConfigError(
      'waybill/sftp needs the optional peer dependencies ssh2-sftp-client and ssh2: npm install ssh2-sftp-client ssh2',
      { cause: error },
    )
  }
}

/** Builds SftpErrors for this connection, with every secret scrubbed from the text. */
function errorFactory(c: Connection) {
  const secrets = [
    c.password,
    c.passphrase,
    typeof c.privateKey === 'string' ? c.privateKey : c.privateKey && Buffer.from(c.privateKey).toString(),
  ]
  const where = `${c.host}:${c.port}`
  return (what: string, error: unknown, retryable?: boolean): SftpError => {
    const e = error as { message?: string; code?: unknown; level?: string } | undefined
    const reason = scrubSecrets(String(e?.message ?? error ?? 'unknown error'), secrets)
    const status = typeof e?.code === 'number' ? e.code : undefined
    const fatal = status === STATUS_NO_SUCH_FILE || status === STATUS_PERMISSION_DENIED
    return new SftpError(`${what} on ${where}: ${reason}`, {
      retryable: retryable ?? !fatal,
      details: { host: c.host, port: c.port, ...(status === undefined ? {} : { sftpStatus: status }) },
    })
  }
}

/** Connects and authenticates; the returned session must be closed (`finally`). */
export async function openSession(c: Connection, signal?: AbortSignal): Promise<SftpSession> {
  const check = hostKeyCheck(c.hostKey)
  const Client = await loadClient()
  if (signal?.aborted) throw new AbortError()
  const fail = errorFactory(c)
  const noop = () => {}
  const client = new Client('waybill', { error: noop, end: noop, close: noop })
  let hostKeyRejected = false
  let closing = false
  let dropped: SftpError | undefined
  const inFlight = new Set<(error: SftpError) => void>()
  client.on('close', () => {
    dropped ??= fail('connection', new Error('connection closed by the server'), true)
    for (const reject of inFlight) reject(dropped)
  })

  const config = {
    host: c.host,
    port: c.port,
    username: c.username,
    ...(c.password === undefined ? {} : { password: c.password }),
    ...(c.privateKey === undefined
      ? {}
      : { privateKey: typeof c.privateKey === 'string' ? c.privateKey : Buffer.from(c.privateKey) }),
    ...(c.passphrase === undefined ? {} : { passphrase: c.passphrase }),
    ...(c.agent === undefined ? {} : { agent: c.agent }),
    readyTimeout: c.connectTimeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 4,
    hostVerifier: (key: Buffer) => {
      const ok = check.verify(key)
      if (!ok) hostKeyRejected = true
      return ok
    },
  }
  const onAbort = () => client.end().catch(noop)
  signal?.addEventListener('abort', onAbort, { once: true })
  let sftp: SFTPWrapper
  try {
    sftp = (await client.connect(config as never)) as unknown as SFTPWrapper
  } catch (error) {
    await client.end().catch(noop)
    if (signal?.aborted) throw new AbortError('SFTP connect aborted', { cause: error })
    if (hostKeyRejected) {
      throw new SftpError(
        `host key verification failed for ${c.host}:${c.port}: the server presented ${check.presented ?? 'an unknown key'}, which is not the pinned fingerprint`,
        { hostKey: true, details: { host: c.host, port: c.port, presented: check.presented } },
      )
    }
    const e = error as { level?: string; message?: string }
    if (e?.level === 'client-authentication' || /authentication methods failed/i.test(String(e?.message))) {
      throw new SftpError(`authentication failed for user '${c.username}' on ${c.host}:${c.port}`, {
        retryable: false,
        details: { host: c.host, port: c.port, username: c.username },
      })
    }
    throw fail('connect', error, true)
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
  // SFTP is request/answer: without this, Nagle's algorithm holds small requests back (milliseconds per file).
  ;(client as unknown as { client?: { setNoDelay?: (on: boolean) => void } }).client?.setNoDelay?.(true)

  /** Runs one callback-style request with the idle timeout and the dropped-connection guard. */
  function request<T>(what: string, run: (done: (error: unknown, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (dropped) return reject(dropped)
      const settle = (error: unknown, value?: T) => {
        clearTimeout(timer)
        inFlight.delete(onDrop)
        if (error) reject(error instanceof SftpError ? error : fail(what, error))
        else resolve(value as T)
      }
      const onDrop = (error: SftpError) => settle(error)
      const timer = setTimeout(
        () => settle(fail(what, new Error(`no answer within ${c.idleTimeoutMs} ms`), true)),
        c.idleTimeoutMs,
      )
      inFlight.add(onDrop)
      run(settle)
    })
  }

  const toEntry = (name: string, attrs: { size?: number; mtime?: number; mode?: number }): RemoteEntry => ({
    name,
    size: Number(attrs.size ?? 0),
    mtime: Number(attrs.mtime ?? 0),
    isFile: ((attrs.mode ?? 0) & 0o170000) === 0o100000,
  })

  const session: SftpSession = {
    get dropped() {
      return closing ? undefined : dropped
    },
    async *list(dir) {
      const handle = await request<Buffer>(`opendir ${dir}`, (done) => sftp.opendir(dir, done))
      try {
        for (;;) {
          const page = await request<{ filename: string; attrs: object }[] | false>(
            `readdir ${dir}`,
            (done) =>
              sftp.readdir(handle, (error, list) =>
                (error as { code?: number } | undefined)?.code === STATUS_EOF
                  ? done(undefined, false)
                  : done(error, list as never),
              ),
          )
          if (!page || page.length === 0) return
          for (const item of page) yield toEntry(item.filename, item.attrs)
        }
      } finally {
        if (!dropped) await request(`close ${dir}`, (done) => sftp.close(handle, done)).catch(noop)
      }
    },
    async stat(path) {
      try {
        const attrs = await request<object>(`stat ${path}`, (done) => sftp.stat(path, done))
        return toEntry(path.slice(path.lastIndexOf('/') + 1), attrs)
      } catch (error) {
        if ((error as SftpError).details?.sftpStatus === STATUS_NO_SUCH_FILE) return undefined
        throw error
      }
    },
    download(path) {
      if (dropped) throw dropped
      const stream = sftp.createReadStream(path, { highWaterMark: 64 * 1024 }) as unknown as Readable
      let timer: NodeJS.Timeout | undefined
      const stop = (error: SftpError) => {
        clearTimeout(timer)
        inFlight.delete(stop)
        if (!stream.destroyed) stream.destroy(error)
      }
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(
          () => stop(fail(`download ${path}`, new Error(`stalled for ${c.idleTimeoutMs} ms`), true)),
          c.idleTimeoutMs,
        )
      }
      inFlight.add(stop)
      arm()
      stream.on('data', arm)
      const cleanup = () => {
        clearTimeout(timer)
        inFlight.delete(stop)
      }
      stream.once('end', cleanup)
      // A permanent listener: ssh2 can report a late failure of a read that was in flight when the stream was
      // destroyed (stall, cut); without one, that second 'error' would be thrown as an uncaught exception.
      stream.on('error', cleanup)
      stream.once('close', cleanup)
      return stream
    },
    async rename(from, to) {
      await request(`rename ${from} -> ${to}`, (done) => sftp.rename(from, to, done))
    },
    async ensureDir(dir) {
      const existing = await session.stat(dir)
      if (existing) return
      const parent = dir.slice(0, dir.lastIndexOf('/')) || '/'
      if (parent !== dir && parent !== '/') await session.ensureDir(parent)
      await request(`mkdir ${dir}`, (done) => sftp.mkdir(dir, done)).catch(async (error) => {
        if (!(await session.stat(dir))) throw error
      })
    },
    async writeFile(path, data) {
      await request(`write ${path}`, (done) => sftp.writeFile(path, data, done))
    },
    async close() {
      closing = true
      inFlight.clear()
      const ended = client.end().catch(noop)
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())
      await Promise.race([ended, timeout])
      const raw = (client as unknown as { client?: { destroy?: () => void } }).client
      raw?.destroy?.()
    },
  }
  return session
}
