/**
 * The conformance suite for in-repository use: everything `waybill/testing` exports (./runner.ts) plus the vitest
 * binding `testAdapter` (published separately as `waybill/testing/vitest`, ./vitest.ts).
 */
export * from './runner.js'
export { testAdapter } from './vitest.js'
