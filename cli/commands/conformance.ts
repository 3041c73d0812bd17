/** `waybill conformance`: the conformance suite for one adapter, a third-party module, or every shipped adapter. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'
import type { Adapter } from '../../src/adapter/index.js'
import type { ConformanceOptions } from '../../src/conformance/checks.js'
import { toJUnit } from '../../src/conformance/junit.js'
import { type ConformanceReport, runConformance } from '../../src/conformance/run.js'
import { ConfigError } from '../../src/errors/index.js'
import { progress } from '../output.js'
import { SHIPPED_ADAPTERS } from '../shipped-adapters.js'

type Target = Omit<ConformanceOptions, 'update'>

function isAdapter(value: unknown): value is Adapter {
  const v = value as Adapter | undefined
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.normalize === 'function'
}

/**
 * Loads a third-party adapter module. It may export `conformance` (options without `fixturesDir`, or with it),
 * a default Adapter, or a default factory called with no options.
 */
async function fromModule(specifier: string, fixtures: string | undefined): Promise<Target> {
  const url =
    specifier.startsWith('.') || isAbsolute(specifier) ? pathToFileURL(resolve(specifier)).href : specifier
  const mod = (await import(url)) as Record<string, unknown>
  const config = mod.conformance as Partial<Target> | undefined
  let adapter: unknown = config?.adapter ?? mod.default ?? mod.adapter
  if (typeof adapter === 'function') adapter = (adapter as () => unknown)()
  if (!isAdapter(adapter))
    throw new ConfigError(
      `${specifier} exports no adapter (export 'conformance', a default adapter, or a default factory)`,
    )
  const fixturesDir = fixtures ?? config?.fixturesDir
  if (!fixturesDir) throw new ConfigError(`no fixtures folder for ${specifier}: pass --fixtures <dir>`)
  return { ...config, adapter, fixturesDir }
}

async function targets(which: string, fixtures: string | undefined): Promise<Target[]> {
  if (which === 'all') return SHIPPED_ADAPTERS.map((s) => s.conformance())
  const shipped = SHIPPED_ADAPTERS.find((s) => s.id === which)
  if (shipped) {
    const target = shipped.conformance()
    return [fixtures ? { ...target, fixturesDir: fixtures } : target]
  }
  return [await fromModule(which, fixtures)]
}

function printHuman(report: ConformanceReport): void {
  const out = process.stdout
  out.write(
    `${report.ok ? '✔' : '✘'} ${report.adapter}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped\n`,
  )
  for (const r of report.results)
    if (r.status === 'fail') out.write(`  ✘ ${r.case} › ${r.check}: ${r.message}\n`)
}

export function register(program: Command): void {
  program
    .command('conformance')
    .description('run the adapter conformance suite (an adapter id, "all", or a module path/package name)')
    .argument('<adapter>', 'shipped adapter id, "all", or an adapter module')
    .option('--fixtures <dir>', 'fixture folder (<case>.<ext> + <case>.expected.json)')
    .option('--update', 'rewrite expected files from the actual output')
    .option('--reporter <name>', 'default | json | junit', 'default')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(
      async (
        which: string,
        opts: { fixtures?: string; update?: boolean; reporter: string; output?: string },
      ) => {
        if (!['default', 'json', 'junit'].includes(opts.reporter))
          throw new ConfigError(`unknown reporter '${opts.reporter}' (default, json or junit)`)
        const list = await targets(which, opts.fixtures)
        const bar = progress(list.length)
        const reports: ConformanceReport[] = []
        try {
          for (const target of list) {
            bar.tick(target.adapter.id)
            reports.push(await runConformance({ ...target, update: opts.update === true }))
          }
        } finally {
          bar.done()
        }
        const text =
          opts.reporter === 'junit'
            ? toJUnit(reports)
            : opts.reporter === 'json'
              ? `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`
              : undefined
        if (text && opts.output) {
          mkdirSync(dirname(resolve(opts.output)), { recursive: true })
          writeFileSync(opts.output, text)
        } else if (text) process.stdout.write(text)
        if (opts.reporter === 'default' || opts.output) reports.forEach(printHuman)
        if (reports.some((r) => !r.ok)) process.exitCode = 1
      },
    )
}
