/** Copying every key of one store into another: moving a PGlite folder to a PostgreSQL server, or a backup. */
import type { Store } from './index.js'

/**
 * Copies every key starting with `prefix` from `source` to `target` (overwriting keys the target has); returns
 * how many were copied. Stop the instances writing to `source` first: keys written during the copy may be missed.
 * Expiring keys (webhook delivery ids, claims) are copied without their expiry.
 * @example
 * const copied = await copyStore(await pgliteStore({ dataDir: './var/waybill' }), await postgresStore({ connectionString }))
 */
export async function copyStore(
  source: Store,
  target: Store,
  options: { prefix?: string } = {},
): Promise<number> {
  let copied = 0
  for await (const key of source.keys(options.prefix ?? '')) {
    const value = await source.get(key)
    if (value === undefined) continue
    await target.set(key, value)
    copied++
  }
  return copied
}
