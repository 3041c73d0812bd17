/** `testAdapter`: the conformance checks as vitest suites, built from an adapter's fixture folder. */
import { describe, it } from 'vitest'
import { CHECKS, type CheckResult, type ConformanceOptions, coverageCheck, runCase } from './checks.js'
import { listCases } from './fixtures.js'

function assertPassed(results: readonly CheckResult[], check: string): void {
  const failed = results.filter((r) => r.check === check && r.status === 'fail')
  if (failed.length) throw new Error(failed.map((r) => `${r.case} › ${r.check}: ${r.message}`).join('\n'))
}

/**
 * Registers one vitest suite per adapter with one test per fixture case and check. Call it at the top level of a
 * test file. Set `WAYBILL_UPDATE_FIXTURES=1` to rewrite the expected files from the actual output.
 * @example
 * testAdapter({ adapter: dhl({ apiKey: 'test' }), fixturesDir: 'fixtures/dhl', connect: (baseUrl) => dhl({ apiKey: 'test', baseUrl }) })
 */
export function testAdapter(options: ConformanceOptions): void {
  const update = options.update ?? process.env.WAYBILL_UPDATE_FIXTURES === '1'
  const opts = { ...options, update }
  const cases = listCases(options.fixturesDir)
  describe(`conformance: ${options.adapter.id}`, () => {
    for (const c of cases) {
      describe(c.name, () => {
        let pending: Promise<CheckResult[]> | undefined
        const results = () => {
          pending ??= runCase(opts, c)
          return pending
        }
        // Every check but track runs on a payload case; track runs on a recorded exchange.
        const checks = [
          ...(c.inputFile ? CHECKS.filter((check) => check !== 'track') : []),
          ...(c.httpFile ? ['track'] : []),
        ]
        for (const check of checks) {
          it(check, async (ctx) => {
            const all = await results()
            const mine = all.filter((r) => r.check === check)
            if (mine.length && mine.every((r) => r.status === 'skip')) ctx.skip(mine[0]?.message)
            assertPassed(all, check)
          })
        }
      })
    }
    it('has a fixture with an unknown carrier code', () =>
      assertPassed([coverageCheck(opts, cases)], 'coverage'))
  })
}
