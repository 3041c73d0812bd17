/** The SFTP subsystem of the test server: each request served from a real folder, with the fault hooks applied. */
import { type Dir, constants as fsConstants, type Stats } from 'node:fs'
import { type FileHandle, lstat, mkdir, open, opendir, rename, rmdir, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { Attributes, Connection, FileEntry, SFTPWrapper } from 'ssh2'
import ssh2 from 'ssh2'
import type { SftpFaults, SftpServerStats } from './server.js'

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp

interface OpenFile {
  kind: 'file'
  path: string
  fh: FileHandle
}
interface OpenDir {
  kind: 'dir'
  path: string
  /** The folder as the client named it. */
  remote: string
  dir: Dir
  done: boolean
  /** The fault's extra names were sent (once per listing). */
  lied?: boolean
}

export function serveSftp(
  sftp: SFTPWrapper,
  client: Connection,
  root: string,
  faults: SftpFaults,
  stats: SftpServerStats,
): void {
  const handles = new Map<number, OpenFile | OpenDir>()
  let nextHandle = 1
  const toLocal = (remote: string): string | undefined => {
    const normal = path.posix.normalize(`/${remote}`)
    const local = path.join(root, normal)
    return local === root || local.startsWith(root + path.sep) ? local : undefined
  }
  const handleBuffer = (n: number) => {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(n)
    return b
  }
  const fail = (id: number, error: unknown) => sftp.status(id, statusFor(error))
  const withHandle = (buf: Buffer) => handles.get(buf.length === 4 ? buf.readUInt32BE(0) : -1)
  const closeAll = async () => {
    for (const h of handles.values()) await (h.kind === 'file' ? h.fh.close() : h.dir.close()).catch(() => {})
    handles.clear()
  }
  sftp.on('close', () => void closeAll())
  sftp.on('end', () => void closeAll())

  sftp.on('REALPATH', (id, remote) => {
    const normal = path.posix.normalize(`/${remote}`)
    sftp.name(id, [{ filename: normal, longname: normal, attrs: {} as Attributes }])
  })
  const statLike = (follow: boolean) => async (id: number, remote: string) => {
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    try {
      sftp.attrs(id, toAttrs(await (follow ? stat(local) : lstat(local))))
    } catch (error) {
      fail(id, error)
    }
  }
  sftp.on('STAT', statLike(true))
  sftp.on('LSTAT', statLike(false))
  sftp.on('FSTAT', async (id, handle) => {
    const h = withHandle(handle)
    if (h?.kind !== 'file') return sftp.status(id, STATUS_CODE.FAILURE)
    try {
      sftp.attrs(id, toAttrs(await h.fh.stat()))
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('OPEN', async (id, remote, flags) => {
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    try {
      const fh = await open(local, toFsFlags(flags), 0o644)
      const n = nextHandle++
      handles.set(n, { kind: 'file', path: remote, fh })
      sftp.handle(id, handleBuffer(n))
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('READ', async (id, handle, offset, length) => {
    const h = withHandle(handle)
    if (h?.kind !== 'file') return sftp.status(id, STATUS_CODE.FAILURE)
    stats.reads++
    if (faults.disconnectOnRead?.({ path: h.path, offset, length })) {
      client.end()
      return
    }
    if (faults.readDelayMs) await new Promise((r) => setTimeout(r, faults.readDelayMs))
    try {
      const buf = Buffer.allocUnsafe(Math.min(length, 256 * 1024))
      const { bytesRead } = await h.fh.read(buf, 0, buf.length, offset)
      if (bytesRead === 0) return sftp.status(id, STATUS_CODE.EOF)
      sftp.data(id, buf.subarray(0, bytesRead))
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('WRITE', async (id, handle, offset, data) => {
    const h = withHandle(handle)
    if (h?.kind !== 'file') return sftp.status(id, STATUS_CODE.FAILURE)
    try {
      await h.fh.write(data, 0, data.length, offset)
      sftp.status(id, STATUS_CODE.OK)
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('CLOSE', async (id, handle) => {
    const h = withHandle(handle)
    if (!h) return sftp.status(id, STATUS_CODE.FAILURE)
    handles.delete(handle.readUInt32BE(0))
    try {
      if (h.kind === 'file') await h.fh.close()
      else await h.dir.close().catch(() => {})
      sftp.status(id, STATUS_CODE.OK)
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('OPENDIR', async (id, remote) => {
    if (faults.disconnectOnOpendir?.({ path: remote })) {
      client.end()
      return
    }
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    try {
      const dir = await opendir(local, { bufferSize: 128 })
      const n = nextHandle++
      handles.set(n, { kind: 'dir', path: local, remote, dir, done: false })
      sftp.handle(id, handleBuffer(n))
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('READDIR', async (id, handle) => {
    const h = withHandle(handle)
    if (h?.kind !== 'dir') return sftp.status(id, STATUS_CODE.FAILURE)
    stats.readdirs++
    if (h.done) return sftp.status(id, STATUS_CODE.EOF)
    try {
      // Like OpenSSH: at most 100 names per answer, EOF once the folder is exhausted.
      const entries: FileEntry[] = []
      while (entries.length < 100) {
        const dirent = await h.dir.read()
        if (!dirent) {
          h.done = true
          break
        }
        try {
          const s = await lstat(path.join(h.path, dirent.name))
          entries.push({ filename: dirent.name, longname: longName(dirent.name, s), attrs: toAttrs(s) })
        } catch {
          // vanished between read and lstat: skip it, as a real server would
        }
      }
      if (h.remote && !h.lied) {
        h.lied = true
        const now = Math.floor(Date.now() / 1000) - 3600
        for (const name of faults.extraNames?.({ path: h.remote }) ?? []) {
          const attrs = { mode: 0o100644, uid: 0, gid: 0, size: 10, atime: now, mtime: now }
          entries.push({ filename: name, longname: `-rw-r--r-- 1 0 0 10 Jan 1 00:00 ${name}`, attrs })
        }
      }
      if (entries.length === 0) return sftp.status(id, STATUS_CODE.EOF)
      sftp.name(id, entries)
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('RENAME', async (id, from, to) => {
    stats.renames++
    const a = toLocal(from)
    const b = toLocal(to)
    if (!a || !b || faults.denyRename?.({ from, to })) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    try {
      // SFTP v3 RENAME fails when the target exists (OpenSSH semantics).
      const exists = await lstat(b).then(
        () => true,
        () => false,
      )
      if (exists) return sftp.status(id, STATUS_CODE.FAILURE, 'target exists')
      await rename(a, b)
      sftp.status(id, STATUS_CODE.OK)
    } catch (error) {
      fail(id, error)
    }
  })
  sftp.on('REMOVE', async (id, remote) => {
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    await unlink(local).then(
      () => sftp.status(id, STATUS_CODE.OK),
      (error) => fail(id, error),
    )
  })
  sftp.on('MKDIR', async (id, remote) => {
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    await mkdir(local).then(
      () => sftp.status(id, STATUS_CODE.OK),
      (error) => fail(id, error),
    )
  })
  sftp.on('RMDIR', async (id, remote) => {
    const local = toLocal(remote)
    if (!local) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED)
    await rmdir(local).then(
      () => sftp.status(id, STATUS_CODE.OK),
      (error) => fail(id, error),
    )
  })
  sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK))
  sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK))
}

function toAttrs(s: Stats): Attributes {
  return {
    mode: s.mode,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    atime: Math.floor(s.atimeMs / 1000),
    mtime: Math.floor(s.mtimeMs / 1000),
  }
}

function longName(name: string, s: Stats): string {
  const type = s.isDirectory() ? 'd' : s.isSymbolicLink() ? 'l' : '-'
  const date = new Date(s.mtimeMs).toUTCString().slice(5, 22)
  return `${type}rw-r--r-- 1 ${s.uid} ${s.gid} ${s.size} ${date} ${name}`
}

function toFsFlags(flags: number): number {
  let out = 0
  const read = (flags & OPEN_MODE.READ) !== 0
  const write = (flags & OPEN_MODE.WRITE) !== 0
  out |= read && write ? fsConstants.O_RDWR : write ? fsConstants.O_WRONLY : fsConstants.O_RDONLY
  if (flags & OPEN_MODE.APPEND) out |= fsConstants.O_APPEND
  if (flags & OPEN_MODE.CREAT) out |= fsConstants.O_CREAT
  if (flags & OPEN_MODE.TRUNC) out |= fsConstants.O_TRUNC
  if (flags & OPEN_MODE.EXCL) out |= fsConstants.O_EXCL
  return out
}

function statusFor(error: unknown): number {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return STATUS_CODE.NO_SUCH_FILE
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED
  return STATUS_CODE.FAILURE
}
