import { defineConfig } from 'vitest/config'

/** Corpus checks read ../shared/corpus when it exists and skip cleanly when it does not. */
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 60_000,
    passWithNoTests: true,
  },
})
