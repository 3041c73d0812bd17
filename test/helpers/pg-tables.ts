/**
 * The PostgreSQL store tables a test file creates: push each table's name, and they are dropped, with their schema
 * tables, after the file's tests.
 */
import pg from 'pg'
import { afterAll } from 'vitest'

export function droppedAfterAll(pgUrl: string | undefined): string[] {
  const tables: string[] = []
  afterAll(async () => {
    if (!pgUrl || !tables.length) return
    const client = new pg.Client({ connectionString: pgUrl })
    await client.connect()
    for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_schema`)
    await client.end()
  })
  return tables
}
