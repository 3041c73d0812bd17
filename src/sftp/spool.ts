/**
 * The spool between download and parse: the file is streamed from the server, hashed (SHA-256) and counted on the
 * way, into memory when small or a temp file when big, so that parsing starts only after the whole file arrived
 * intact (a cut transfer never delivers half a file) and memory stays flat on big files.
 */
import { createHash } from 'node:crypto'
import { SftpError } from '../errors/index.js'
import type { SftpSession } from './connection.js'
import type { RemoteFile, ResolvedOptions } from './options.js'

// Built-ins from `process.getBuiltinModule`, not ES imports: each ES import of a built-in costs its import facade
// at every import of the root entry, which loads this module (#26).
const { once } = process.getBuiltinModule('node:events')
const { createReadStream, createWriteStream } = process.getBuiltinModule('node:fs')
const { mkdtemp, rm } = process.getBuiltinModule('node:fs/promises')
const { tmpdir } = process.getBuiltinModule('node:os')
const { join } = process.getBuiltinModule('node:path')

export interface Spool {
  bytes: number
  sha256: string
  read(): AsyncIterable<Uint8Array>
  dispose(): Promise<void>
}

/** The file is longer than listed: it is still being written (or was replaced); stop reading it. */
function grew(file: RemoteFile): SftpError {
  return new SftpError(
    `${file.path} grew past its listed size of ${file.size} bytes while downloading; it will be tried again`,
    { retryable: true },
  )
}

/** Downloads into memory (small files) or a temp file, hashing and counting on the way. */
export async function download(session: SftpSession, file: RemoteFile, o: ResolvedOptions): Promise<Spool> {
  const stream = session.download(file.path)
  try {
    return file.size <= o.memoryLimitBytes
      ? await toMemory(stream as AsyncIterable<Buffer>, file)
      : await toTempFile(stream as AsyncIterable<Buffer>, file, o)
  } catch (error) {
    stream.destroy()
    if (error instanceof SftpError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw (
      session.dropped ??
      new SftpError(`download of ${file.path} failed: ${reason}`, { retryable: true, cause: error })
    )
  }
}

async function toMemory(stream: AsyncIterable<Buffer>, file: RemoteFile): Promise<Spool> {
  const hash = createHash('sha256')
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of stream) {
    bytes += chunk.length
    if (bytes > file.size) throw grew(file)
    hash.update(chunk)
    chunks.push(chunk)
  }
  return {
    bytes,
    sha256: hash.digest('hex'),
    async *read() {
      yield* chunks
    },
    async dispose() {},
  }
}

async function toTempFile(
  stream: AsyncIterable<Buffer>,
  file: RemoteFile,
  o: ResolvedOptions,
): Promise<Spool> {
  const hash = createHash('sha256')
  let bytes = 0
  const dir = await mkdtemp(join(o.tempDir ?? tmpdir(), 'waybill-sftp-'))
  const spoolPath = join(dir, 'file')
  try {
    const out = createWriteStream(spoolPath)
    try {
      for await (const chunk of stream) {
        bytes += chunk.length
        if (bytes > file.size) throw grew(file)
        hash.update(chunk)
        if (!out.write(chunk)) await once(out, 'drain')
      }
    } finally {
      out.end()
      await once(out, 'close')
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return {
    bytes,
    sha256: hash.digest('hex'),
    read: () => createReadStream(spoolPath, { highWaterMark: 256 * 1024 }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
}
