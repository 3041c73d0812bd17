import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { StoreError } from '../../src/errors/index.js'
import { memoryStore } from '../../src/store/index.js'
import { pgliteStore } from '../../src/store/pglite.js'
import { postgresStore } from '../../src/store/postgres.js'
import { postgresUrl, uniqueName } from '../helpers/services.js'
import { storeDriverSuite } from './driver-suite.js'

const pgUrl = await postgresUrl()
const tables: string[] = []
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-store-'))
  dirs.push(dir)
  return dir
}

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  if (!pgUrl || !tables.length) return
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
  await client.end()
})

storeDriverSuite('memoryStore', async () => memoryStore())
storeDriverSuite('pgliteStore (in memory)', () => pgliteStore())

describe.skipIf(!pgUrl)('postgresStore', () => {
  const table = uniqueName('kv_test')
  tables.push(table)
  storeDriverSuite('postgresStore', () => postgresStore({ connectionString: pgUrl!, table, max: 4 }))

  it('stores values as real jsonb, strings included (guards against double-encoded strings)', async () => {
    const t = uniqueName('kv_jsonb')
    tables.push(t)
    const store = await postgresStore({ connectionString: pgUrl!, table: t })
    await store.set('s', 'text')
    await store.set('o', { a: [1] })
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    const { rows } = await client.query(`SELECT key, jsonb_typeof(value) AS type FROM ${t} ORDER BY key`)
    await client.end()
    await store.close?.()
    expect(rows).toEqual([
      { key: 'o', type: 'object' },
      { key: 's', type: 'string' },
    ])
  })

  it('instances starting together migrate once, without racing on CREATE TABLE', async () => {
    const t = uniqueName('kv_race')
    tables.push(t)
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => postgresStore({ connectionString: pgUrl!, table: t, max: 2 })),
    )
    await Promise.all(stores.map((s, i) => s.set(`k${i}`, i)))
    expect(await stores[0]!.get('k5')).toBe(5)
    await Promise.all(stores.map((s) => s.close?.()))
  })

  it('refuses a table whose schema is newer than this version knows', async () => {
    const t = uniqueName('kv_newer')
    tables.push(t)
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    await client.query(`CREATE TABLE ${t}_schema (version integer NOT NULL)`)
    await client.query(`INSERT INTO ${t}_schema VALUES (99)`)
    await client.end()
    const error = await postgresStore({ connectionString: pgUrl!, table: t }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect((error as Error).message).toMatch(/schema version 99, newer than this waybill knows/)
  })

  it('names the setting and hides the password when the server is unreachable', async () => {
    const error = await postgresStore({
      connectionString: 'postgres://user:s3cret-pw@127.0.0.1:1/nowhere',
      connectionTimeoutMs: 2_000,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect((error as Error).message).toMatch(
      /cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere.*connectionString/,
    )
    expect((error as Error).message).not.toContain('s3cret-pw')
  })
})

describe('pgliteStore folders', () => {
  it('refuses a second opener of one folder (guards against two processes losing acknowledged writes)', async () => {
    const dir = tempDir()
    const first = await pgliteStore({ dataDir: dir })
    const error = await pgliteStore({ dataDir: dir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect((error as Error).message).toMatch(/already open in this process.*use postgresStore/)
    await first.close?.()
    const again = await pgliteStore({ dataDir: dir }) // released on close
    await again.close?.()
  })

  it('takes over the lock of a process that no longer runs', async () => {
    const dir = tempDir()
    const store = await pgliteStore({ dataDir: dir })
    await store.set('k', 1)
    await store.close?.()
    writeFileSync(
      join(dir, 'waybill-store.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(), at: 'x' }),
    )
    const reopened = await pgliteStore({ dataDir: dir })
    expect(await reopened.get('k')).toBe(1)
    await reopened.close?.()
  })

  it('refuses a half-deleted folder instead of opening an empty store that looks wiped', async () => {
    const dir = tempDir()
    const store = await pgliteStore({ dataDir: dir })
    await store.set('k', 1)
    await store.close?.()
    rmSync(join(dir, 'PG_VERSION'))
    rmSync(join(dir, 'base'), { recursive: true, force: true })
    const error = await pgliteStore({ dataDir: dir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreError)
    expect((error as Error).message).toMatch(/holds files but no database/)
  })
})

describe('copyStore', () => {
  it('copies every key of a PGlite store into another store (moving a folder to a server)', async () => {
    const { copyStore } = await import('../../src/store/copy.js')
    const source = await pgliteStore()
    for (let i = 0; i < 1_200; i++) await source.set(`k:${String(i).padStart(4, '0')}`, { i })
    const target = memoryStore()
    expect(await copyStore(source, target)).toBe(1_200)
    expect(await target.get('k:0999')).toEqual({ i: 999 })
    await source.close?.()
  }, 60_000)
})

describe('prefixEnd (the key range SQL stores list by prefix)', () => {
  it('bounds every key that starts with the prefix and nothing else', async () => {
    const { prefixEnd } = await import('../../src/store/sql.js')
    expect(prefixEnd('tracker:outbox:')).toBe('tracker:outbox;')
    expect(prefixEnd('')).toBeNull()
    expect(prefixEnd('a\u{10ffff}')).toBe('b')
    expect(prefixEnd('a\ud7ff')).toBe('a\ue000')
    const end = prefixEnd('p:')!
    for (const key of ['p:', 'p:\u{1f600}', 'p:\uffff\uffff', 'p:~'])
      expect(Buffer.compare(Buffer.from(key), Buffer.from(end))).toBe(-1)
    expect(Buffer.compare(Buffer.from('p;'), Buffer.from(end))).toBe(0)
  })
})
