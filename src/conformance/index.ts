/**
 * `waybill/testing`: the public conformance suite for adapters.
 *
 * `testAdapter` builds vitest suites from a fixture folder; `runConformance` runs the same checks without vitest
 * and returns a report (`toJUnit` renders it for CI). Adapter authors in other packages use both.
 */
export { CHECKS, type CheckName, type CheckResult, type ConformanceOptions, toGolden } from './checks.js'
export { type Difference, describeDifference, firstDifference } from './diff.js'
export { type FixtureCase, listCases } from './fixtures.js'
export { type HttpFixture, type RecordedExchange, startReplayServer } from './http-replay.js'
export { toJUnit } from './junit.js'
export { type ConformanceReport, runConformance } from './run.js'
export { testAdapter } from './vitest.js'
