import { defineConfig } from 'vitest/config'

/**
 * Real-browser checks of the tracking page and `<waybill-tracking>`: headless Chromium (/usr/bin/chromium, driven by
 * playwright-core), axe-core, layouts at 360 and 1280 px. Run with `npm run test:browser`; never part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
