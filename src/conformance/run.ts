/** `runConformance`: the conformance checks without vitest, returning a report (used by the CLI and CI). */
import { type CheckResult, type ConformanceOptions, coverageCheck, runCase } from './checks.js'
import { listCases } from './fixtures.js'

export interface ConformanceReport {
  adapter: string
  fixturesDir: string
  ok: boolean
  passed: number
  failed: number
  skipped: number
  durationMs: number
  results: CheckResult[]
}

/**
 * Runs every check on every fixture case and returns the report; never throws for a failing check.
 * @example
 * const report = await runConformance({ adapter: dhl({ apiKey: 'x' }), fixturesDir: 'fixtures/dhl' })
 * if (!report.ok) process.exitCode = 1
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const started = performance.now()
  const cases = listCases(options.fixturesDir)
  const results: CheckResult[] = []
  for (const c of cases) results.push(...(await runCase(options, c)))
  results.push(coverageCheck(options, cases))
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length
  return {
    adapter: options.adapter.id,
    fixturesDir: options.fixturesDir,
    ok: count('fail') === 0,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    durationMs: Math.round(performance.now() - started),
    results,
  }
}
