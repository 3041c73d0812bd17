/**
 * `waybill/testing`: the public conformance suite for adapters, usable without vitest.
 *
 * `runConformance` runs the checks on a fixture folder and returns a report (`toJUnit` renders it for CI); it works
 * under jest, `node:test` or a plain script. The vitest binding, `testAdapter`, lives on `waybill/testing/vitest`
 * so that importing this entry never loads vitest.
 */
export { CHECKS, type CheckName, type CheckResult, type ConformanceOptions, toGolden } from './checks.js'
export { type Difference, describeDifference, firstDifference } from './diff.js'
export { type FixtureCase, listCases } from './fixtures.js'
export { type HttpFixture, type RecordedExchange, startReplayServer } from './http-replay.js'
export { toJUnit } from './junit.js'
export { type ConformanceReport, runConformance } from './run.js'
