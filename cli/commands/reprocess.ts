/**
 * `waybill reprocess`: rebuild stored timelines from their kept payloads with the adapters of this version (after
 * a mapping fix), announcing corrections; resumable with `--checkpoint`.
 */
import type { Command } from 'commander'
import { ConfigError } from '../../src/errors/index.js'
import type { Store } from '../../src/store/index.js'
import { createTracker } from '../../src/tracker/index.js'
import { activity, printJson } from '../output.js'
import { SHIPPED_ADAPTERS } from '../shipped-adapters.js'

/** A PostgreSQL URL opens `postgresStore`; anything else is a PGlite folder. */
async function openStore(target: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { postgresStore } = await import('../../src/store/postgres.js')
    return postgresStore({ connectionString: target })
  }
  const { pgliteStore } = await import('../../src/store/pglite.js')
  return pgliteStore({ dataDir: target })
}

interface ReprocessFlags {
  store: string
  carrier?: string
  since?: string
  checkpoint?: string
  json?: boolean
}

export function register(program: Command): void {
  program
    .command('reprocess')
    .description(
      'rebuild stored timelines from their kept payloads with the current adapters (after a mapping fix)',
    )
    .requiredOption('--store <url-or-folder>', 'the tracker store: a postgres:// URL or a PGlite folder')
    .option('--carrier <id>', 'only this carrier')
    .option('--since <iso>', 'only shipments changed at or after this ISO 8601 instant')
    .option('--checkpoint <name>', 'save progress under this name; a run with the same name resumes')
    .option('--json', 'print the report as JSON')
    .action(async (flags: ReprocessFlags) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since)
      if (since && Number.isNaN(since.getTime()))
        throw new ConfigError(`--since '${flags.since}' is not an ISO 8601 instant`)
      const store = await openStore(flags.store)
      const stop = new AbortController()
      const onSignal = () => stop.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      const counter = activity('numbers')
      const tracker = createTracker({
        adapters: SHIPPED_ADAPTERS.flatMap((a) => a.fromEnv(process.env) ?? []),
        store,
        outbox: { drainEveryMs: 0 },
      })
      try {
        const report = await tracker.reprocess({
          ...(flags.carrier ? { carrier: flags.carrier } : {}),
          ...(since ? { since } : {}),
          ...(flags.checkpoint ? { checkpoint: flags.checkpoint } : {}),
          signal: stop.signal,
          onProgress: (r) => counter.tick(`${r.changed} changed, ${r.corrected} corrected`),
        })
        counter.done()
        if (flags.json) printJson(report)
        else
          process.stdout.write(
            `${stop.signal.aborted ? 'stopped' : 'done'}: ${report.scanned} numbers, ${report.changed} shipments changed, ${report.corrected} events corrected, ${report.added} added; skipped ${report.skipped.noSources} without kept payloads, ${report.skipped.noAdapter + report.skipped.payloadGone} payloads unavailable, ${report.failed.length} unreadable${stop.signal.aborted && flags.checkpoint ? ` (resume with --checkpoint ${flags.checkpoint})` : ''}\n`,
          )
        if (report.failed.length) process.exitCode = 1
      } finally {
        counter.done()
        process.removeListener('SIGINT', onSignal)
        process.removeListener('SIGTERM', onSignal)
        await tracker.close()
        await store.close?.()
      }
    })
}
