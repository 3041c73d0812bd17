/**
 * `npm run test:hostile`: the standing hostile suite (test/hostile/*.hostile.ts), bounded by
 * `WAYBILL_HOSTILE_BUDGET_MS` (default 20 s). Its files are not `*.test.ts`, so `npm test` does not run them.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/hostile/**/*.hostile.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
})
